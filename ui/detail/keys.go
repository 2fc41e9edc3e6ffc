package detail

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

// KeyMap is the view's own bindings and those of its parts.
type KeyMap struct {
	Back key.Binding

	// Logs, Metrics and Request are the keymaps of the request list, the
	// charts and the request shown whole.
	Logs    logs.KeyMap
	Metrics metrics.KeyMap
	Request request.KeyMap
}

// DefaultKeyMap returns the view's default bindings.
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the binding of the detail.back action in t and the
// keymaps its parts build from t.
func KeyMapFrom(t bind.Table) KeyMap {
	return KeyMap{
		Back:    t.Binding("detail.back"),
		Logs:    logs.KeyMapFrom(t),
		Metrics: metrics.KeyMapFrom(t),
		Request: request.KeyMapFrom(t),
	}
}

// SetKeyMap makes the view and its parts answer to km's keys and list
// them in their help.
func (m *Model) SetKeyMap(km KeyMap) {
	m.keys = km
	m.logs.SetKeyMap(km.Logs)
	m.metrics.SetKeyMap(km.Metrics)
	m.request.SetKeyMap(km.Request)
}

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Back} }

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Back}} }

// Help returns the keys that work where the user is: those of the request
// when one is shown, else the request list's and the range keys, and Back.
func (m Model) Help() (short []key.Binding, full [][]key.Binding) {
	if m.showRequest {
		return m.request.KeyMap().ShortHelp(), m.request.KeyMap().FullHelp()
	}

	short = append(m.logs.KeyMap().ShortHelp(), m.metrics.KeyMap().ShortHelp()...)
	short = append(short, m.keys.Back)
	full = append(m.logs.KeyMap().FullHelp(), m.metrics.KeyMap().FullHelp()...)
	full = append(full, []key.Binding{m.keys.Back})
	return short, full
}
