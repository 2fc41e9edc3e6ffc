package help

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the keys of the full help overlay while it is shown.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Close    key.Binding
}

// DefaultKeyMap returns the overlay's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp: key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"),
			key.WithHelp("pgdn", "page down")),
		Close: key.NewBinding(key.WithKeys("esc", "?", "q"),
			key.WithHelp("esc/?", "close help")),
	}
}

// ShortHelp returns the keys the footer shows while the overlay is open.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Close}
}

// FullHelp returns every key of the overlay, in one group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Close}}
}
