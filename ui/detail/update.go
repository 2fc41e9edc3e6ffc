package detail

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update routes keys while the view is focused: to the request when one is
// shown (Esc closes it), else range and spike keys to the charts, Enter
// opens the selected request, Esc asks to go back, and every other key or
// mouse event goes to the request list.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}
	if m.showRequest {
		return m.updateRequest(msg)
	}

	keyMsg, isKey := msg.(tea.KeyMsg)
	var cmd tea.Cmd
	switch {
	case !isKey || m.logs.Typing():
		m.logs, cmd = m.logs.Update(msg)
	case key.Matches(keyMsg, m.keys.Back):
		return m.GoBack()
	case key.Matches(keyMsg, m.logs.KeyMap().Open):
		m.openSelected()
	case m.isMetricsKey(keyMsg):
		m.metrics, cmd = m.metrics.Update(msg)
	default:
		m.logs, cmd = m.logs.Update(msg)
	}
	return m, cmd
}

// GoBack goes back one level, as the back key does: from the request shown
// to the request list, and from the list out of the view (BackMsg). The
// root calls it for its own back and quit keys, whichever keys the view's
// back actions are bound to.
func (m Model) GoBack() (Model, tea.Cmd) {
	if m.showRequest {
		m.showRequest = false
		return m, nil
	}
	back := BackMsg{FunctionID: m.function.ID}
	return m, func() tea.Msg { return back }
}

func (m Model) updateRequest(msg tea.Msg) (Model, tea.Cmd) {
	if keyMsg, ok := msg.(tea.KeyMsg); ok && key.Matches(keyMsg, m.request.KeyMap().Back) {
		return m.GoBack()
	}

	var cmd tea.Cmd
	m.request, cmd = m.request.Update(msg)
	return m, cmd
}

// openSelected shows the selected request over the view.
func (m *Model) openSelected() {
	if e := m.logs.Selected(); e != nil {
		m.OpenRequest(e.Request)
	}
}

func (m Model) isMetricsKey(msg tea.KeyMsg) bool {
	km := m.metrics.KeyMap()
	return key.Matches(msg, km.PrevRange, km.NextRange, km.Spike) ||
		key.Matches(msg, km.Ranges...)
}
