// Package metrics is the metrics pane of one function: its response time
// as an ntcharts time-series chart (p95 in braille, the average in line
// runes), request volume and error rate as ntcharts sparklines on the same
// time axis, the window's summary figures, spikes marked on the time axis,
// and the time range (1h to 30d).
//
// The pane does no I/O: metrics arrive through SetMetrics, and a range
// switch or a jump to a spike is returned as a message (RangeChangedMsg,
// JumpToSpikeMsg) that the root program acts on.
package metrics

import (
	"fmt"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// RangeChangedMsg asks for the metrics of FunctionID over Range: the user
// switched the pane's time range.
type RangeChangedMsg struct {
	FunctionID string
	Range      api.TimeRange
}

// JumpToSpikeMsg asks to open the requests of FunctionID that started in
// [From, To): the window of a spike. Kind says which series spiked: for
// model.SeriesErrorRate the list opens with the error filter on.
type JumpToSpikeMsg struct {
	FunctionID string
	From, To   time.Time
	Kind       model.SeriesKind
}

// Model is the metrics pane of one function.
type Model struct {
	st      *theme.Styles
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	functionID   string
	functionName string
	rng          api.TimeRange

	series  model.MetricSeries
	data    int  // bumped whenever series changes
	loaded  bool // series holds an answer for rng
	spikes  []model.Spike
	current int // index in spikes of the spike the next jump opens

	err     error
	retryAt time.Time

	drawn drawing // the pane as the last setter drew it (see redraw)
}

// New returns an empty pane showing the 24h range.
func New(st *theme.Styles) Model {
	return Model{st: st, keys: DefaultKeyMap(), rng: api.Range24h}
}

// SetSize sets the size View draws, in cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.redraw()
}

// SetNow sets the time the pane draws against: the right end of the time
// axis and the clock retry countdowns count to. Times are shown in now's
// location.
func (m *Model) SetNow(now time.Time) {
	m.now = now
	m.redraw()
}

// SetFunction points the pane at another function; the metrics of the
// previous one are dropped. The name is sanitized here.
func (m *Model) SetFunction(id, name string) {
	if id == m.functionID {
		m.functionName = model.Sanitize(name)
		return
	}
	m.functionID, m.functionName = id, model.Sanitize(name)
	m.clearData()
	m.redraw()
}

// FunctionID returns the ID of the function the pane shows.
func (m Model) FunctionID() string { return m.functionID }

// Range returns the time range the pane shows.
func (m Model) Range() api.TimeRange { return m.rng }

// SetRange switches the time range without asking for data; the caller
// fetches the metrics of the new range.
func (m *Model) SetRange(r api.TimeRange) {
	if r == m.rng || rangeIndex(r) < 0 {
		return
	}
	m.rng = r
	m.clearData()
	m.redraw()
}

// SetMetrics shows an answer of the metrics endpoint. An answer for another
// range than the pane's (a late answer after a switch) is ignored. A good
// answer clears the error.
func (m *Model) SetMetrics(metrics api.Metrics) {
	if metrics.TimeRange != "" && metrics.TimeRange != m.rng {
		return
	}
	if m.functionName == "" {
		m.functionName = model.Sanitize(metrics.FunctionName)
	}

	m.series = model.NewMetricSeries(metrics)
	m.data++
	m.loaded = true
	m.spikes = m.series.Spikes()
	m.current = len(m.spikes) - 1
	m.err, m.retryAt = nil, time.Time{}
	m.redraw()
}

// SetError records that the last fetch failed and when the next try is due
// (zero when none is planned). The data already shown stays, marked stale.
func (m *Model) SetError(err error, retryAt time.Time) {
	m.err, m.retryAt = err, retryAt
	m.redraw()
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// KeyMap returns the pane's key bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Title returns the plain text for the pane's border, such as
// "Metrics · ivr-handler · 24h".
func (m Model) Title() string {
	title := "Metrics"
	if m.functionName != "" {
		title += " · " + m.functionName
	}
	title += " · " + string(m.rng)
	if !m.loaded && m.err == nil && m.functionID != "" {
		title += " · loading"
	}
	return title
}

func (m *Model) clearData() {
	m.series = model.MetricSeries{}
	m.data++
	m.loaded = false
	m.spikes = nil
	m.current = -1
	m.err, m.retryAt = nil, time.Time{}
}

// summaryEnd is where the window of the summary figures ends: now, or the
// end of the newest bucket when now is unset.
func (m Model) summaryEnd() time.Time {
	if m.now.IsZero() {
		return lastBucketEnd(m.series)
	}
	return m.now
}

// errorText says why the pane has no fresh data and when it tries again.
func (m Model) errorText() string {
	if m.err == nil {
		return ""
	}
	why := model.Sanitize(m.err.Error())
	state := "stale"
	if !m.loaded {
		state = "failing"
	}
	text := fmt.Sprintf("%s: %s", state, why)
	if !m.retryAt.IsZero() && m.retryAt.After(m.now) {
		text += fmt.Sprintf(" · retry in %s", m.retryAt.Sub(m.now).Round(time.Second))
	}
	return text
}
