// Package detail is one function drilled in: its status, error and URL at
// the top with its charts (ui/metrics) beside them, and its request list
// (ui/logs) below with the filters shown. Enter on a request shows it whole
// (ui/request) over the view; Esc goes back from there, and from the view
// itself asks the root to leave (BackMsg).
//
// The pane does no I/O. Data reaches its parts through the setters here;
// the intents of the parts (logs.NeedHistoryMsg, metrics.RangeChangedMsg,
// metrics.JumpToSpikeMsg, request.CopyRequestMsg) pass up to the root
// unchanged.
package detail

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

// BackMsg asks the root to leave the function's view.
type BackMsg struct {
	FunctionID string
}

// Model is one function drilled in.
type Model struct {
	st      *theme.Styles
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	function  api.Function
	status    api.FunctionStatus
	hasStatus bool
	statusErr error
	retryAt   time.Time

	metrics     metrics.Model
	logs        logs.Model
	request     request.Model
	showRequest bool
}

// New returns an empty view.
func New(st *theme.Styles) Model {
	m := Model{
		st:      st,
		keys:    DefaultKeyMap(),
		metrics: metrics.New(st),
		logs:    logs.New(st),
		request: request.New(st),
	}
	m.logs.SetFilterLine(true)
	return m
}

// SetFunction shows another function, or updates the one shown; the data of
// a previous function is dropped.
func (m *Model) SetFunction(f api.Function) {
	buf := m.logs.Buffer()
	if f.ID != m.function.ID {
		m.status, m.hasStatus = api.FunctionStatus{}, false
		m.statusErr, m.retryAt = nil, time.Time{}
		m.showRequest = false
		buf = nil
	}
	m.function = f
	m.logs.SetBuffer(f.ID, f.Name, buf)
	m.metrics.SetFunction(f.ID, f.Name)
}

// FunctionID returns the ID of the function shown.
func (m Model) FunctionID() string { return m.function.ID }

// SetStatus shows an answer of the status endpoint; a good answer clears
// the status error.
func (m *Model) SetStatus(s api.FunctionStatus) {
	if s.FunctionID != "" && s.FunctionID != m.function.ID {
		return
	}
	m.status, m.hasStatus = s, true
	m.statusErr, m.retryAt = nil, time.Time{}
}

// SetStatusError records that the status fetch failed and when the next
// try is due.
func (m *Model) SetStatusError(err error, retryAt time.Time) {
	m.statusErr, m.retryAt = err, retryAt
}

// SetMetrics shows an answer of the metrics endpoint (see metrics.Model).
func (m *Model) SetMetrics(v api.Metrics) { m.metrics.SetMetrics(v) }

// SetMetricsError records that the metrics fetch failed.
func (m *Model) SetMetricsError(err error, retryAt time.Time) {
	m.metrics.SetError(err, retryAt)
}

// Range returns the metrics range shown, the one to fetch.
func (m Model) Range() api.TimeRange { return m.metrics.Range() }

// SetBuffer shows the function's requests from buf (see logs.Model).
func (m *Model) SetBuffer(buf *model.LogBuffer) {
	m.logs.SetBuffer(m.function.ID, m.function.Name, buf)
}

// SetStreamState records the health of the function's live stream.
func (m *Model) SetStreamState(s api.StreamState) { m.logs.SetStreamState(s) }

// HistoryFailed records that a page of older history could not be fetched.
func (m *Model) HistoryFailed(err error) { m.logs.HistoryFailed(err) }

// ShowWindow narrows the request list to a time window, such as a spike's
// (see logs.Model.ShowWindow), and closes a request shown over it. The
// command it returns, if any, asks for the history the window needs.
func (m *Model) ShowWindow(from, to time.Time, errorsOnly bool) tea.Cmd {
	m.showRequest = false
	return m.logs.ShowWindow(from, to, errorsOnly)
}

// OpenRequest shows one request whole over the view.
func (m *Model) OpenRequest(req api.Request) {
	m.request.SetRequest(m.function.ID, req)
	m.showRequest = true
	m.layout()
}

// ShowingRequest reports whether a request is shown over the view.
func (m Model) ShowingRequest() bool { return m.showRequest }

// SetNow sets the time the view and its parts draw against.
func (m *Model) SetNow(now time.Time) {
	m.now = now
	m.metrics.SetNow(now)
	m.logs.SetNow(now)
	m.request.SetNow(now)
}

// SetSize sets the size View draws, in cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.layout()
}

// Focus gives the view the keyboard.
func (m *Model) Focus() {
	m.focused = true
	m.logs.Focus()
	m.metrics.Focus()
	m.request.Focus()
}

// Blur takes the keyboard away.
func (m *Model) Blur() {
	m.focused = false
	m.logs.Blur()
	m.metrics.Blur()
	m.request.Blur()
}

// Focused reports whether the view has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Typing reports whether the request list takes typed text (a search), in
// which case the root should pass every key on.
func (m Model) Typing() bool { return !m.showRequest && m.logs.Typing() }

// KeyMap returns the view's own bindings; Help gives those of the part in
// use as well.
func (m Model) KeyMap() KeyMap { return m.keys }

// Title returns the plain text for the view's border, such as
// "ivr-handler · ● Running".
func (m Model) Title() string {
	name := model.Sanitize(m.function.Name)
	if name == "" {
		name = model.Sanitize(m.function.ID)
	}
	s := m.currentStatus()
	if s == "" {
		return name
	}
	return name + " · " + theme.StatusSymbol(s) + " " + model.Sanitize(string(s))
}

// currentStatus is the status endpoint's answer when there is one, the
// function list's otherwise.
func (m Model) currentStatus() api.Status {
	if m.hasStatus && m.status.Status != "" {
		return m.status.Status
	}
	return m.function.Status
}
