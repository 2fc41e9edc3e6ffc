package billing

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the billing pane's key bindings: scrolling a list of functions
// longer than the pane.
type KeyMap struct {
	Up   key.Binding
	Down key.Binding
}

// DefaultKeyMap returns the billing pane's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
	}
}

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down} }

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Up, k.Down}} }
