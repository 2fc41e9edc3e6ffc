// Package billing is the billing pane: the current period's dates and the
// total so far, each function's share as a horizontal bar (dearest first),
// and the cost breakdown of the focused function when it is known.
//
// The pane does no I/O: the root program fetches the billing summary and a
// function's costs and hands them in with SetBilling and SetCosts.
package billing

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Model is the billing pane.
type Model struct {
	st      *theme.Styles
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	billing api.Billing
	loaded  bool
	rows    []row // billing.Functions, sanitized, dearest first
	offset  int   // first row shown when the list is longer than the pane

	focusID string
	costs   api.Costs
	hasCost bool

	err     error
	retryAt time.Time
}

// row is one function's share, ready to draw.
type row struct {
	id, name string
	cost     float64
}

// New returns an empty pane.
func New(st *theme.Styles) Model {
	return Model{st: st, keys: DefaultKeyMap()}
}

// SetSize sets the size View draws, in cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.offset = m.clampOffset(m.offset)
}

// SetNow sets the time retry countdowns count to.
func (m *Model) SetNow(now time.Time) { m.now = now }

// SetBilling shows a billing summary; a good answer clears the error.
func (m *Model) SetBilling(b api.Billing) {
	m.billing, m.loaded = b, true
	m.err, m.retryAt = nil, time.Time{}

	m.rows = make([]row, 0, len(b.Functions)) // copies of the model may share the old one
	for _, f := range b.Functions {
		name := cmp.Or(f.FunctionName, f.FunctionID, model.UnknownText)
		m.rows = append(m.rows, row{id: f.FunctionID, name: model.Sanitize(name), cost: f.Cost})
	}
	slices.SortStableFunc(m.rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.cost, a.cost), cmp.Compare(a.name, b.name))
	})
	m.offset = m.clampOffset(m.offset)
}

// SetFocusedFunction marks the function whose breakdown the pane shows;
// costs of any other function are dropped.
func (m *Model) SetFocusedFunction(id string) {
	if id != m.focusID {
		m.costs, m.hasCost = api.Costs{}, false
	}
	m.focusID = id
}

// SetCosts shows the cost breakdown of the focused function; the costs of
// another function are ignored.
func (m *Model) SetCosts(c api.Costs) {
	if c.FunctionID != m.focusID {
		return
	}
	m.costs, m.hasCost = c, true
}

// SetError records that the last fetch failed and when the next try is due
// (zero when none is planned); the figures already shown stay, marked stale.
func (m *Model) SetError(err error, retryAt time.Time) {
	m.err, m.retryAt = err, retryAt
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
// "Billing · Feb 1–28".
func (m Model) Title() string {
	if !m.loaded {
		return "Billing"
	}
	return "Billing · " + period(m.billing.PeriodStart, m.billing.PeriodEnd)
}

// period writes a billing period: "Feb 1–28", "Jan 30–Feb 2". An end at
// midnight is exclusive: the period ends the day before.
func period(start, end time.Time) string {
	if start.IsZero() {
		return model.UnknownText
	}
	start = start.UTC()
	text := start.Format("Jan 2")
	if end.IsZero() || !end.After(start) {
		return text + "–" + model.UnknownText
	}

	end = end.UTC()
	if end.Equal(end.Truncate(24 * time.Hour)) {
		end = end.Add(-time.Nanosecond)
	}
	if end.Month() == start.Month() && end.Year() == start.Year() {
		return text + "–" + end.Format("2")
	}
	return text + "–" + end.Format("Jan 2")
}

// errorText says why the figures are not fresh and when the next try is.
func (m Model) errorText() string {
	if m.err == nil {
		return ""
	}
	state := "stale"
	if !m.loaded {
		state = "failing"
	}
	text := state + ": " + model.Sanitize(m.err.Error())
	if !m.retryAt.IsZero() && m.retryAt.After(m.now) {
		text += fmt.Sprintf(" · retry in %s", m.retryAt.Sub(m.now).Round(time.Second))
	}
	return text
}
