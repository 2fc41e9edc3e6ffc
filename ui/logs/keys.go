package logs

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the request list's key bindings.
type KeyMap struct {
	Up         key.Binding
	Down       key.Binding
	PageUp     key.Binding
	PageDown   key.Binding
	Top        key.Binding
	Bottom     key.Binding
	Open       key.Binding
	Pause      key.Binding
	Level      key.Binding
	Status     key.Binding
	Search     key.Binding
	OnlyMatch  key.Binding
	NextMatch  key.Binding
	PrevMatch  key.Binding
	Clear      key.Binding
	Wrap       key.Binding
	Timestamps key.Binding

	// Accept and Cancel end a search being typed.
	Accept key.Binding
	Cancel key.Binding
}

// DefaultKeyMap returns the request list's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "oldest")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "newest, follow")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open request")),
		Pause:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "pause")),
		Level:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "level")),
		Status:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "status class")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		OnlyMatch:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "only matches")),
		NextMatch:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "next/prev match")),
		PrevMatch:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Clear:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filters")),
		Wrap:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap")),
		Timestamps: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "timestamps")),
		Accept:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Pause, k.Level, k.Status, k.Search, k.Bottom}
}

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Pause, k.Wrap, k.Timestamps},
		{k.Level, k.Status, k.Search, k.OnlyMatch, k.NextMatch, k.PrevMatch, k.Clear},
	}
}
