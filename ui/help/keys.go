package help

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// KeyMap is the keys of the full help overlay while it is shown.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Close    key.Binding
}

// DefaultKeyMap returns the overlay's default keys.
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the help.* actions in t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Up:       t.Binding("help.up"),
		Down:     t.Binding("help.down"),
		PageUp:   t.Binding("help.pageUp"),
		PageDown: t.Binding("help.pageDown"),
		Close:    t.Binding("help.close"),
	}
}

// SetKeyMap makes the overlay answer to km's keys and list them in its help.
func (m *Model) SetKeyMap(km KeyMap) { m.keys = km }

// ShortHelp returns the keys the footer shows while the overlay is open.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Close}
}

// FullHelp returns every key of the overlay, in one group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Close}}
}

// titleKeys names the keys the overlay's title mentions: the first close
// key ("esc"), and the first scroll keys ("↑↓" for the arrows, else "i/m").
func (k KeyMap) titleKeys() (closeKey, scrollKeys string) {
	up, down := firstKeyName(k.Up), firstKeyName(k.Down)
	scrollKeys = up + "/" + down
	if up == "↑" && down == "↓" {
		scrollKeys = "↑↓"
	}
	return firstKeyName(k.Close), scrollKeys
}

// firstKeyName is how help writes b's first key.
func firstKeyName(b key.Binding) string {
	if len(b.Keys()) == 0 {
		return ""
	}
	return bind.Name(b.Keys()[0])
}
