package logs

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

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
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the logs.* and search.* actions in t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Up:         t.Binding("logs.up"),
		Down:       t.Binding("logs.down"),
		PageUp:     t.Binding("logs.pageUp"),
		PageDown:   t.Binding("logs.pageDown"),
		Top:        t.Binding("logs.top"),
		Bottom:     t.Binding("logs.bottom"),
		Open:       t.Binding("logs.open"),
		Pause:      t.Binding("logs.pause"),
		Level:      t.Binding("logs.level"),
		Status:     t.Binding("logs.status"),
		Search:     t.Binding("logs.search"),
		OnlyMatch:  t.Binding("logs.onlyMatches"),
		NextMatch:  t.Binding("logs.nextMatch"),
		PrevMatch:  t.Binding("logs.prevMatch"),
		Clear:      t.Binding("logs.clear"),
		Wrap:       t.Binding("logs.wrap"),
		Timestamps: t.Binding("logs.timestamps"),
		Accept:     t.Binding("search.accept"),
		Cancel:     t.Binding("search.cancel"),
	}
}

// SetKeyMap makes the list answer to km's keys and list them in its help.
func (m *Model) SetKeyMap(km KeyMap) { m.keys = km }

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
