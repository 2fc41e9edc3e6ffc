package request

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// KeyMap is the request pane's key bindings.
type KeyMap struct {
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Top          key.Binding
	Bottom       key.Binding
	CopyJSON     key.Binding
	CopyCURL     key.Binding
	Back         key.Binding
}

// DefaultKeyMap returns the request pane's default bindings.
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the request.* actions in t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Up:           t.Binding("request.up"),
		Down:         t.Binding("request.down"),
		PageUp:       t.Binding("request.pageUp"),
		PageDown:     t.Binding("request.pageDown"),
		HalfPageUp:   t.Binding("request.halfPageUp"),
		HalfPageDown: t.Binding("request.halfPageDown"),
		Top:          t.Binding("request.top"),
		Bottom:       t.Binding("request.bottom"),
		CopyJSON:     t.Binding("request.copyJSON"),
		CopyCURL:     t.Binding("request.copyCurl"),
		Back:         t.Binding("request.back"),
	}
}

// SetKeyMap makes the pane answer to km's keys, its scrolling included, and
// list them in its help.
func (m *Model) SetKeyMap(km KeyMap) {
	m.keys = km
	m.vp.KeyMap = viewportKeys(km)
}

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.CopyJSON, k.CopyCURL, k.Back}
}

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom},
		{k.CopyJSON, k.CopyCURL, k.Back},
	}
}

// viewportKeys hands the scrolling bindings to the viewport. Sideways
// scrolling stays off: every line is wrapped to the pane's width.
func viewportKeys(k KeyMap) viewport.KeyMap {
	return viewport.KeyMap{
		Up:           k.Up,
		Down:         k.Down,
		PageUp:       k.PageUp,
		PageDown:     k.PageDown,
		HalfPageUp:   k.HalfPageUp,
		HalfPageDown: k.HalfPageDown,
		Left:         key.NewBinding(key.WithDisabled()),
		Right:        key.NewBinding(key.WithDisabled()),
	}
}
