package functions

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the functions pane's key bindings.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Filter   key.Binding
	Sort     key.Binding
	Reverse  key.Binding
	Pin      key.Binding

	// While typing a filter.
	Accept key.Binding
	Cancel key.Binding
	Erase  key.Binding
	Clear  key.Binding
}

// DefaultKeyMap returns the functions pane's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp: key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"),
			key.WithHelp("pgdn", "page down")),
		Top:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reverse: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse")),
		Pin:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pin")),

		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Erase:  key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "erase")),
		Clear:  key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "erase all")),
	}
}

// ShortHelp returns the bindings the footer shows while browsing.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{navigationHelp(), k.Open, k.Filter, k.Sort, k.Pin}
}

// FilterHelp returns the bindings the footer shows while a filter is typed.
func (k KeyMap) FilterHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Cancel, k.Erase, k.Clear}
}

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open},
		{k.Filter, k.Sort, k.Reverse, k.Pin},
		{k.Accept, k.Cancel, k.Erase, k.Clear},
	}
}

// navigationHelp is one footer entry standing for up and down.
func navigationHelp() key.Binding {
	return key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "select"))
}
