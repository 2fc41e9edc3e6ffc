package app

import (
	"errors"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// togglePin pins or unpins a function; its stream opens or closes with the
// next reconcile. When every pin is taken the status line says why and
// asks whether to replace the pin viewed longest ago.
func (m *Model) togglePin(id string) tea.Cmd {
	if id == "" {
		return nil
	}
	if m.pins.Unpin(id) {
		m.note("unpinned " + m.functionName(id))
		return m.pinsChanged()
	}

	err := m.pins.Pin(id, m.now())
	var limit *model.PinLimitError
	switch {
	case errors.As(err, &limit):
		m.askReplace(limit)
		return nil
	case err != nil:
		m.note("could not pin: " + err.Error())
		return nil
	}
	m.note("pinned " + m.functionName(id) + " (" + strconv.Itoa(m.pins.Len()) + " of " +
		strconv.Itoa(model.MaxPinned) + ")")
	return m.pinsChanged()
}

// askReplace asks, in the status line, to give up the least recently
// viewed pin for the function that could not be pinned.
func (m *Model) askReplace(limit *model.PinLimitError) {
	y, n := m.promptKeys.Yes.Help().Key, m.promptKeys.No.Help().Key
	limit5 := strconv.Itoa(model.MaxPinned)
	text := "[" + y + "/" + n + "] " + limit5 + " pinned is the API's limit of " + limit5 +
		" log streams: replace " + m.functionName(limit.LeastRecent) +
		", viewed longest ago, with " + m.functionName(limit.ID) + "?"
	m.ask(text, &pinPrompt{functionID: limit.ID, replace: limit.LeastRecent})
}

// answerPrompt takes the answer to the question in the status line. Any
// other key than yes or no declines and is then handled as usual.
func (m Model) answerPrompt(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	p := m.status.prompt
	switch {
	case key.Matches(msg, m.promptKeys.Yes):
		m.clearStatus()
		return m, m.replacePin(p), true
	case key.Matches(msg, m.promptKeys.No):
		m.note("kept the pins as they are")
		m.updateHelp()
		return m, nil, true
	}
	m.clearStatus()
	return m, nil, false
}

// replacePin puts the function the prompt offered in place of the pin
// viewed longest ago.
func (m *Model) replacePin(p *pinPrompt) tea.Cmd {
	if err := m.pins.Replace(p.replace, p.functionID, m.now()); err != nil {
		m.note("could not pin: " + err.Error())
		return nil
	}
	m.note("pinned " + m.functionName(p.functionID) + " in place of " +
		m.functionName(p.replace))
	return m.pinsChanged()
}

// pinsChanged shows the pins in the list and the merged tail, and opens
// and closes streams to match.
func (m *Model) pinsChanged() tea.Cmd {
	m.functions.SetPinned(m.pins.IDs())
	m.showFunction(m.focusedFunction())
	return m.reconcileStreams()
}

// functionName is the function's name as the list has it, else its ID.
func (m Model) functionName(id string) string {
	row, _ := m.functions.Table().Function(id)
	return model.Sanitize(nameOr(row.Name, id))
}
