package app

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the keys that work wherever the user is.
type KeyMap struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Back      key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	Help      key.Binding
	Refresh   key.Binding
}

// DefaultKeyMap returns the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextPane:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"),
			key.WithHelp("shift+tab", "previous pane")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Refresh: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh all")),
	}
}

// ShortHelp returns the global keys the footer always ends with.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Help, k.Quit}
}

// FullHelp returns every global key, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.NextPane, k.PrevPane, k.Back, k.Refresh, k.Help, k.Quit, k.ForceQuit}}
}
