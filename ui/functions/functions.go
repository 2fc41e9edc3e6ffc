// Package functions is the functions pane: every function of the project
// in a table (status badge, name, runtime, an hour of requests as a
// sparkline, error rate, p95, memory, cost this month, last change),
// sortable by any column, filtered as the user types, with a selection that
// follows its function across refreshes.
//
// The pane does no I/O: data arrives through setters, and opening a
// function is returned as an OpenMsg that the root program acts on.
package functions

import (
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// OpenMsg asks to open (drill into) the function with this ID.
type OpenMsg struct {
	FunctionID string
}

// PinMsg asks to pin the function with this ID, or to unpin it when it is
// pinned: pinned functions keep their live stream and merge into the tail.
type PinMsg struct {
	FunctionID string
}

// Model is the functions pane.
type Model struct {
	st      *theme.Styles
	paint   painters
	keys    KeyMap
	table   *model.FunctionTable
	width   int
	height  int
	focused bool
	now     time.Time

	loaded  bool   // a list has arrived
	project string // for the empty-project message
	offset  int    // first visible row
	typing  bool   // the filter is being typed
	filter  []rune // the filter text as typed
	err     string // why the list failed to refresh; empty when it did not
	retryAt time.Time
	lastOK  time.Time // when the list last arrived
	pinned  map[string]bool
}

// New returns an empty pane.
func New(st *theme.Styles) Model {
	return Model{st: st, paint: newPainters(st), keys: DefaultKeyMap(),
		table: model.NewFunctionTable()}
}

// KeyMap returns the pane's keymap.
func (m Model) KeyMap() KeyMap { return m.keys }

// Table returns the table the pane draws. The pane and its copies share it.
func (m Model) Table() *model.FunctionTable { return m.table }

// SetProject names the project, for the message of an empty project.
func (m *Model) SetProject(projectID string) { m.project = model.Sanitize(projectID) }

// SetNow sets the time relative times are drawn against.
func (m *Model) SetNow(now time.Time) { m.now = now }

// SetFunctions applies a refresh of the function list observed at now and
// clears a previous failure. The selection stays on its function.
func (m *Model) SetFunctions(now time.Time, list api.FunctionList) error {
	err := m.table.SetFunctions(now, list)
	m.loaded, m.lastOK = true, now
	m.SetError("", time.Time{})
	m.follow()
	return err
}

// SetMetrics applies a function's last-hour metrics fetched at now.
func (m *Model) SetMetrics(now time.Time, functionID string, metrics api.Metrics) {
	m.table.SetMetrics(now, functionID, metrics)
	m.follow()
}

// SetStatus applies one function's status answer observed at now.
func (m *Model) SetStatus(now time.Time, s api.FunctionStatus) {
	m.table.SetStatus(now, s)
	m.follow()
}

// SetBilling applies the billing period's per-function costs.
func (m *Model) SetBilling(b api.Billing) {
	m.table.SetBilling(b)
	m.follow()
}

// SetCosts applies one function's cost breakdown.
func (m *Model) SetCosts(c api.Costs) {
	m.table.SetCosts(c)
	m.follow()
}

// SetError says why the list failed to refresh and when it is retried; an
// empty why clears it. The rows on screen stay, marked stale.
func (m *Model) SetError(why string, retryAt time.Time) {
	m.err, m.retryAt = model.Sanitize(why), retryAt
	m.follow()
}

// SetPinned marks the pinned functions' rows.
func (m *Model) SetPinned(ids []string) {
	m.pinned = make(map[string]bool, len(ids))
	for _, id := range ids {
		m.pinned[id] = true
	}
}

// Selected returns the selected function's row; false when no row shows.
func (m Model) Selected() (model.FunctionRow, bool) { return m.table.Selected() }

// SelectedID returns the selected function's ID, empty when none.
func (m Model) SelectedID() string {
	row, ok := m.table.Selected()
	if !ok {
		return ""
	}
	return row.ID
}

// Select selects the function with this ID and reports whether it shows.
func (m *Model) Select(id string) bool {
	ok := m.table.Select(id)
	m.follow()
	return ok
}

// VisibleIDs returns the IDs of the functions whose rows are on screen,
// top to bottom: the ones whose figures are worth refreshing.
func (m Model) VisibleIDs() []string {
	first, n := m.offset, m.rowsShown()
	ids := make([]string, 0, n)
	for i := first; i < first+n && i < m.table.Len(); i++ {
		ids = append(ids, m.table.Row(i).ID)
	}
	return ids
}

// Typing reports whether the pane is taking typed text (the filter), so
// that the root sends it every key rather than acting on global ones.
func (m Model) Typing() bool { return m.typing }

// SetSize sets the cells the pane's content fills (inside its box).
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.follow()
}

// Focus marks the pane as taking the keys.
func (m *Model) Focus() { m.focused = true }

// Blur marks the pane as not taking the keys; a filter being typed is kept
// as it stands.
func (m *Model) Blur() {
	m.focused = false
	m.typing = false
}

// Focused reports whether the pane takes the keys.
func (m Model) Focused() bool { return m.focused }

// ShortHelp returns the keys the footer shows for the pane as it is now.
func (m Model) ShortHelp() []key.Binding {
	if m.typing {
		return m.keys.FilterHelp()
	}
	return m.keys.ShortHelp()
}
