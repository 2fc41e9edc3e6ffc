package detail

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the view's own bindings; the keys of its parts are theirs.
type KeyMap struct {
	Back key.Binding
}

// DefaultKeyMap returns the view's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
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
