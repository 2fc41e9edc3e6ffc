package model

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// FunctionRow is one line of the functions table. Its text is sanitized on
// the way in (see Sanitize), so it is safe to draw; its slices are shared
// with the table: treat them as read-only.
type FunctionRow struct {
	ID      string
	Name    string
	Runtime string
	Status  api.Status
	// StatusError and URL come from the status endpoint; empty until it
	// has been asked.
	StatusError string
	URL         string
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// Requests is the last hour's requests per bucket, for the sparkline.
	Requests Series
	// RequestTotal is the last hour's request count.
	RequestTotal Figure
	ErrorRate    Figure // percent, over the last hour
	P95Ms        Figure // see MetricSeries.P95AtAGlance
	MemoryMB     Figure // average, over the last hour
	Cost         Figure // this billing month
	Currency     string
	// MetricsAt is when the figures above were fetched; zero before the
	// first metrics answer.
	MetricsAt time.Time

	// ChangedAt is when the status last changed, zero when not known.
	ChangedAt time.Time
	// History lists the status changes seen, oldest first, at most ten.
	History []StatusChange
}

// Bounds on the text kept from the API per function.
const (
	maxNameBytes  = 256
	maxErrorBytes = 2048
)

// functionState is what the table keeps per function.
type functionState struct {
	row      FunctionRow
	metrics  MetricSeries
	status   statusTrack
	haystack string // lower-case name, runtime and status, for the filter

	hayName, hayRuntime string // what haystack was made from
}

func (s *functionState) refreshRow() {
	statusChanged := s.row.Status != s.status.status
	s.row.Status = s.status.status
	s.row.ChangedAt = s.status.changed
	s.row.History = s.status.history

	if statusChanged || s.haystack == "" || s.hayName != s.row.Name ||
		s.hayRuntime != s.row.Runtime {
		s.hayName, s.hayRuntime = s.row.Name, s.row.Runtime
		s.haystack = strings.ToLower(s.row.Name + "\x00" + s.row.Runtime + "\x00" +
			StatusWord(s.row.Status))
	}
}

// FunctionTable is the functions overview: every function of the project
// with its status history and figures, sorted, filtered, and with a
// selection that follows a function (by ID) across refreshes, sorts and
// filters. The zero value is not ready: use NewFunctionTable.
type FunctionTable struct {
	functions map[string]*functionState
	rows      []*functionState // visible: filtered and sorted

	column     FunctionColumn
	descending bool
	filter     []string

	selectedID string
	selected   FunctionRow // last seen state of the selection
	cursor     int

	billingPeriod time.Time // start of the period the costs belong to
	projectCost   Figure
	currency      string
}

// NewFunctionTable returns an empty table sorted by status, most urgent
// first.
func NewFunctionTable() *FunctionTable {
	return &FunctionTable{functions: make(map[string]*functionState), column: ColumnStatus}
}

// SetFunctions applies a refresh of the function list observed at now.
// Functions missing from the list are dropped with their figures; new ones
// start their status history at their updatedAt. Entries without an ID
// cannot be followed and are skipped; the error names them.
func (t *FunctionTable) SetFunctions(now time.Time, list api.FunctionList) error {
	seen := make(map[string]bool, len(list.Functions))
	var skipped []string
	for i, f := range list.Functions {
		if f.ID == "" {
			skipped = append(skipped, fmt.Sprintf("entry %d (name %q)", i, f.Name))
			continue
		}
		seen[f.ID] = true
		t.apply(now, f)
	}

	for id := range t.functions {
		if !seen[id] {
			delete(t.functions, id)
		}
	}
	t.rebuild()

	if len(skipped) > 0 {
		return fmt.Errorf("function list: %s without an id, skipped",
			strings.Join(skipped, ", "))
	}
	return nil
}

func (t *FunctionTable) apply(now time.Time, f api.Function) {
	state, ok := t.functions[f.ID]
	if !ok {
		state = &functionState{}
		t.functions[f.ID] = state
	}

	state.row.ID = f.ID
	state.row.Name = SanitizeLimit(f.Name, maxNameBytes)
	state.row.Runtime = SanitizeLimit(f.Runtime, maxNameBytes)
	state.row.CreatedAt, state.row.UpdatedAt = f.CreatedAt, f.UpdatedAt
	changedAt := f.UpdatedAt
	if changedAt.IsZero() {
		changedAt = f.CreatedAt
	}
	state.status.observe(f.Status, now, changedAt)
	state.refreshRow()
}

// SetStatus applies one function's status answer observed at now. It
// reports false when the function is not in the table.
func (t *FunctionTable) SetStatus(now time.Time, s api.FunctionStatus) bool {
	state, ok := t.functions[s.FunctionID]
	if !ok {
		return false
	}

	state.row.StatusError = SanitizeLimit(s.Error, maxErrorBytes)
	state.row.URL = SanitizeLimit(s.URL, maxErrorBytes)
	state.status.observe(s.Status, now, time.Time{})
	state.refreshRow()
	t.rebuild()
	return true
}

// SetMetrics applies a function's metrics for the last hour, fetched at now.
// It reports false when the function is not in the table, whose figures are
// then not kept.
func (t *FunctionTable) SetMetrics(now time.Time, id string, m api.Metrics) bool {
	state, ok := t.functions[id]
	if !ok {
		return false
	}

	ms := NewMetricSeries(m)
	state.metrics = ms
	state.row.Requests = ms.Requests
	state.row.RequestTotal = KnownFigure(float64(ms.Summary.Requests))
	state.row.ErrorRate = ms.Summary.ErrorRate
	state.row.MemoryMB = ms.Summary.MemoryMB
	state.row.P95Ms = ms.P95AtAGlance(now)
	state.row.MetricsAt = now
	t.rebuildForFigures()
	return true
}

// SetBilling applies the current billing period: the project's total and
// each listed function's cost, matched by ID, or by name when the entry has
// no ID. Functions the answer does not list keep the cost they had, unless
// a new period began: then every cost starts again as unknown.
func (t *FunctionTable) SetBilling(b api.Billing) {
	if !b.PeriodStart.Equal(t.billingPeriod) {
		t.billingPeriod = b.PeriodStart
		for _, state := range t.functions {
			state.row.Cost, state.row.Currency = Figure{}, ""
		}
	}
	t.projectCost = rangedCost(b.TotalCost)
	t.currency = SanitizeLimit(b.Currency, maxNameBytes)

	byName := make(map[string]*functionState, len(t.functions))
	for _, state := range t.functions {
		byName[state.row.Name] = state
	}

	for _, c := range b.Functions {
		state := t.functions[c.FunctionID]
		if state == nil && c.FunctionID == "" {
			state = byName[SanitizeLimit(c.FunctionName, maxNameBytes)]
		}
		if state != nil {
			state.row.Cost = rangedCost(c.Cost)
			state.row.Currency = t.currency
		}
	}
	t.rebuildForFigures()
}

// ProjectCost returns the project's cost so far this billing period and its
// currency, from the last billing answer; unknown before the first.
func (t *FunctionTable) ProjectCost() (Figure, string) { return t.projectCost, t.currency }

// SetCosts applies one function's cost breakdown for the month. It reports
// false when the function is not in the table.
func (t *FunctionTable) SetCosts(c api.Costs) bool {
	state, ok := t.functions[c.FunctionID]
	if !ok {
		return false
	}

	state.row.Cost = rangedCost(c.TotalCost)
	state.row.Currency = SanitizeLimit(c.Currency, maxNameBytes)
	t.rebuildForFigures()
	return true
}

// rangedCost keeps a cost unless it is not a number; a negative cost is a
// credit and stays.
func rangedCost(v float64) Figure {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Figure{}
	}
	return KnownFigure(v)
}

// Len returns the number of visible rows.
func (t *FunctionTable) Len() int { return len(t.rows) }

// Total returns the number of functions, filtered out or not.
func (t *FunctionTable) Total() int { return len(t.functions) }

// Row returns visible row i, counted from the top; a zero row when i is out
// of range.
func (t *FunctionTable) Row(i int) FunctionRow {
	if i < 0 || i >= len(t.rows) {
		return FunctionRow{}
	}
	return t.rows[i].row
}

// Function returns the row of the function with this ID, visible or not.
func (t *FunctionTable) Function(id string) (FunctionRow, bool) {
	state, ok := t.functions[id]
	if !ok {
		return FunctionRow{}, false
	}
	return state.row, true
}

// Metrics returns the last-hour series of the function with this ID; false
// when the function is unknown or its metrics have not arrived.
func (t *FunctionTable) Metrics(id string) (MetricSeries, bool) {
	state, ok := t.functions[id]
	if !ok || state.row.MetricsAt.IsZero() {
		return MetricSeries{}, false
	}
	return state.metrics, true
}

// Observations returns what the alert rules judge for every function,
// filtered out or not, sorted by ID.
func (t *FunctionTable) Observations() []FunctionObservation {
	out := make([]FunctionObservation, 0, len(t.functions))
	for _, state := range t.functions {
		out = append(out, FunctionObservation{
			ID:        state.row.ID,
			Name:      state.row.Name,
			Status:    state.row.Status,
			Metrics:   state.metrics,
			MetricsAt: state.row.MetricsAt,
			Cost:      state.row.Cost,
			Currency:  state.row.Currency,
		})
	}
	sortObservations(out)
	return out
}
