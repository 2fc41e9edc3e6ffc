package app

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
)

// maxWindowPages bounds the pages of history one jump to a spike fetches:
// a hundred requests each, as many as a default buffer holds.
const maxWindowPages = 50

// windowPaging is the paging back of one function's history until its
// buffer reaches the start of a time window, a spike's.
type windowPaging struct {
	until    time.Time
	pages    int
	inFlight bool
}

// jumpToSpike opens the function's view on the requests of a spike's
// window, errors only for an error spike, and pages its history back until
// the window is loaded.
func (m *Model) jumpToSpike(msg metrics.JumpToSpikeMsg) tea.Cmd {
	if msg.FunctionID == "" {
		return nil
	}
	cmd := m.enterDetail(msg.FunctionID)
	errorsOnly := msg.Kind == model.SeriesErrorRate
	m.windows[msg.FunctionID] = &windowPaging{until: msg.From}
	show := m.detail.ShowWindow(msg.From, msg.To, errorsOnly)
	m.updateHelp()
	m.note("requests from " + m.when(msg.From) + " to " + m.when(msg.To) + windowWhat(errorsOnly))
	return tea.Batch(cmd, show, m.pageWindow(msg.FunctionID))
}

func windowWhat(errorsOnly bool) string {
	if errorsOnly {
		return ", errors only"
	}
	return ""
}

// needHistory fetches the page a log view asked for. A page asked for with
// Until starts (or continues) paging back to a window.
func (m *Model) needHistory(msg logs.NeedHistoryMsg) tea.Cmd {
	if _, ok := m.buffers.lookup(msg.FunctionID); !ok {
		return nil
	}
	if msg.Until.IsZero() {
		return m.tag(historyCmd(m.ctx, m.opts.Client, msg.FunctionID, msg.Before, time.Time{}))
	}
	if _, ok := m.windows[msg.FunctionID]; !ok {
		m.windows[msg.FunctionID] = &windowPaging{until: msg.Until}
	}
	return m.pageWindow(msg.FunctionID)
}

// pageWindow asks for the next page of a function's history toward the
// start of its window, unless one is on its way, the window is loaded, or
// the buffer, the history, the page bound or the API budget says stop;
// stopping short is said in the status line.
func (m *Model) pageWindow(id string) tea.Cmd {
	w, ok := m.windows[id]
	if !ok || w.inFlight {
		return nil
	}
	buf, ok := m.buffers.lookup(id)
	if !ok {
		delete(m.windows, id)
		return nil
	}

	oldest := buf.OldestStart()
	stop := ""
	switch {
	case buf.Len() > 0 && !oldest.After(w.until):
		delete(m.windows, id)
		return nil
	case buf.HistoryExhausted():
		stop = "the API keeps no older requests"
	case !buf.CanPageBack():
		stop = "the buffer is full (buffers in the settings file)"
	case buf.Len() == 0:
		return nil // the first page, asked for with the stream, comes first
	case w.pages >= maxWindowPages:
		stop = "stopped after " + plural(w.pages, "page") + "; scroll up for more"
	case m.logsBudgetShort():
		stop = "the logs budget is short; scroll up for more in a moment"
	}
	if stop != "" {
		delete(m.windows, id)
		m.note("requests loaded back to " + m.when(oldest) + ", not to " + m.when(w.until) +
			": " + stop)
		return nil
	}

	w.pages++
	w.inFlight = true
	return m.tag(historyCmd(m.ctx, m.opts.Client, id, oldest, w.until))
}

// logsBudgetShort reports whether the logs group has no room left for
// calls that can wait.
func (m Model) logsBudgetShort() bool {
	g := m.budget.Logs
	return g.Limit > 0 && g.Used >= g.Limit-g.Reserved
}

// windowPageArrived continues paging after a page of history, or ends it
// when the page failed.
func (m *Model) windowPageArrived(msg historyFetchedMsg) tea.Cmd {
	w, ok := m.windows[msg.functionID]
	if !ok {
		return nil
	}
	if !msg.until.IsZero() {
		w.inFlight = false
	}
	if msg.err != nil {
		delete(m.windows, msg.functionID)
		m.note("could not load the spike's requests: " + reason(msg.err))
		return nil
	}
	return m.pageWindow(msg.functionID)
}
