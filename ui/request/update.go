package request

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/theme"
)

// Update scrolls and copies while the pane is focused: J and C return a
// CopyRequestMsg, Esc a CloseMsg.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}

	if keyMsg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(keyMsg, m.keys.CopyJSON):
			return m, m.copyCmd(CopyJSON)
		case key.Matches(keyMsg, m.keys.CopyCURL):
			return m, m.copyCmd(CopyCURL)
		case key.Matches(keyMsg, m.keys.Back):
			close := CloseMsg{FunctionID: m.functionID}
			return m, func() tea.Msg { return close }
		case key.Matches(keyMsg, m.keys.Top):
			m.vp.GotoTop()
			return m, nil
		case key.Matches(keyMsg, m.keys.Bottom):
			m.vp.GotoBottom()
			return m, nil
		}
	}

	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m Model) copyCmd(format CopyFormat) tea.Cmd {
	if !m.loaded {
		return nil
	}
	msg := CopyRequestMsg{FunctionID: m.functionID, Format: format, Request: m.req}
	return func() tea.Msg { return msg }
}

// View draws the pane in exactly its size.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if !m.loaded {
		return theme.FitBlock(m.st.Faint.Render("no request selected"), m.width, m.height)
	}
	return theme.FitBlock(m.vp.View(), m.width, m.height)
}
