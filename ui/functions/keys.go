package functions

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

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
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the functions.* and filter.* actions
// in t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Up:       t.Binding("functions.up"),
		Down:     t.Binding("functions.down"),
		PageUp:   t.Binding("functions.pageUp"),
		PageDown: t.Binding("functions.pageDown"),
		Top:      t.Binding("functions.top"),
		Bottom:   t.Binding("functions.bottom"),
		Open:     t.Binding("functions.open"),
		Filter:   t.Binding("functions.filter"),
		Sort:     t.Binding("functions.sort"),
		Reverse:  t.Binding("functions.reverse"),
		Pin:      t.Binding("functions.pin"),

		Accept: t.Binding("filter.accept"),
		Cancel: t.Binding("filter.cancel"),
		Erase:  t.Binding("filter.erase"),
		Clear:  t.Binding("filter.clear"),
	}
}

// SetKeyMap makes the pane answer to km's keys and list them in its help.
func (m *Model) SetKeyMap(km KeyMap) { m.keys = km }

// ShortHelp returns the bindings the footer shows while browsing.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.navigationHelp(), k.Open, k.Filter, k.Sort, k.Pin}
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

// navigationHelp is one footer entry standing for up and down: "↑↓" with
// the arrow keys, else the first key of each ("i/k").
func (k KeyMap) navigationHelp() key.Binding {
	up, down := firstKeyName(k.Up), firstKeyName(k.Down)
	label := up + "/" + down
	if up == "↑" && down == "↓" {
		label = "↑↓"
	}
	keys := append(slices.Clone(k.Up.Keys()), k.Down.Keys()...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, "select"))
}

// firstKeyName is how help writes b's first key.
func firstKeyName(b key.Binding) string {
	if len(b.Keys()) == 0 {
		return ""
	}
	return bind.Name(b.Keys()[0])
}
