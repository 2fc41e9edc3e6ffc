package billing

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// KeyMap is the billing pane's key bindings: scrolling a list of functions
// longer than the pane.
type KeyMap struct {
	Up   key.Binding
	Down key.Binding
}

// DefaultKeyMap returns the billing pane's default bindings.
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the billing.* actions in t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Up:   t.Binding("billing.up"),
		Down: t.Binding("billing.down"),
	}
}

// SetKeyMap makes the pane answer to km's keys and list them in its help.
func (m *Model) SetKeyMap(km KeyMap) { m.keys = km }

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down} }

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Up, k.Down}} }
