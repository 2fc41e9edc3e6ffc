package app

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

// handleIntent acts on what a pane asked for.
func (m Model) handleIntent(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case functions.OpenMsg:
		return m, m.enterDetail(msg.FunctionID)
	case functions.PinMsg:
		return m, m.togglePin(msg.FunctionID)
	case detail.BackMsg:
		return m.back()
	case logs.OpenRequestMsg:
		return m, m.openRequest(msg)
	case logs.NeedHistoryMsg:
		return m, m.needHistory(msg)
	case metrics.RangeChangedMsg:
		return m, m.runPlan()
	case metrics.JumpToSpikeMsg:
		return m, m.jumpToSpike(msg)
	case request.CopyRequestMsg:
		return m, m.copyCmd(msg)
	}
	return m, nil
}

// enterDetail drills into one function.
func (m *Model) enterDetail(id string) tea.Cmd {
	if id == "" {
		return nil
	}
	m.level, m.detailID = levelDetail, id
	m.pins.Touch(id, m.now())
	m.setFocus(paneDetail)
	m.showFunction(id)
	m.watchSeq++
	return tea.Batch(m.runPlan(), m.reconcileStreams())
}

// back goes up one level; at the top it does nothing.
func (m Model) back() (Model, tea.Cmd) {
	if m.level == levelOverview {
		return m, nil
	}
	m.level, m.detailID = levelOverview, ""
	m.setFocus(paneFunctions)
	m.showFunction(m.focusedFunction())
	m.watchSeq++
	return m, tea.Batch(m.runPlan(), m.reconcileStreams())
}

// openRequest shows a request of the overview's tail whole, over its
// function's view.
func (m *Model) openRequest(msg logs.OpenRequestMsg) tea.Cmd {
	if msg.Entry == nil {
		return nil
	}
	cmd := m.enterDetail(msg.FunctionID)
	m.detail.OpenRequest(msg.Entry.Request)
	m.updateHelp()
	return cmd
}
