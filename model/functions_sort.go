package model

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FunctionColumn is a column of the functions table, in display order.
type FunctionColumn int

// The columns of the functions table.
const (
	ColumnStatus FunctionColumn = iota
	ColumnName
	ColumnRuntime
	ColumnRequests
	ColumnErrorRate
	ColumnP95
	ColumnMemory
	ColumnCost
	ColumnChanged
)

// FunctionColumns returns every column in display order.
func FunctionColumns() []FunctionColumn {
	return []FunctionColumn{
		ColumnStatus, ColumnName, ColumnRuntime, ColumnRequests, ColumnErrorRate,
		ColumnP95, ColumnMemory, ColumnCost, ColumnChanged,
	}
}

// String returns the column's name in lower case, as a config file or a
// help line spells it.
func (c FunctionColumn) String() string {
	switch c {
	case ColumnStatus:
		return "status"
	case ColumnName:
		return "name"
	case ColumnRuntime:
		return "runtime"
	case ColumnRequests:
		return "requests"
	case ColumnErrorRate:
		return "errors"
	case ColumnP95:
		return "p95"
	case ColumnMemory:
		return "memory"
	case ColumnCost:
		return "cost"
	case ColumnChanged:
		return "changed"
	}
	return "unknown"
}

// holdsFigure reports whether a column holds a figure. Figures first sort
// their largest values to the top: the busiest, slowest or dearest first.
func (c FunctionColumn) holdsFigure() bool {
	switch c {
	case ColumnRequests, ColumnErrorRate, ColumnP95, ColumnMemory, ColumnCost:
		return true
	}
	return false
}

// SetSort sorts by col. Choosing the column already sorted on reverses the
// order; choosing another starts in its natural order: figures largest
// first, text A to Z, status most urgent first, changed most recent first.
// Unknown values sort last either way, and ties go by name.
func (t *FunctionTable) SetSort(col FunctionColumn) {
	if col == t.column {
		t.descending = !t.descending
	} else {
		t.column, t.descending = col, col.holdsFigure()
	}
	t.rebuild()
}

// Sort returns the column sorted on and whether the order is descending.
func (t *FunctionTable) Sort() (FunctionColumn, bool) { return t.column, t.descending }

// SetFilter shows only the functions matching text: every word of it must
// occur, ignoring case, in the name, runtime or status. Empty shows all.
func (t *FunctionTable) SetFilter(text string) {
	t.filter = strings.Fields(strings.ToLower(text))
	t.rebuild()
}

// Filter returns the words of the current filter joined by spaces.
func (t *FunctionTable) Filter() string { return strings.Join(t.filter, " ") }

// Selected returns the selected row; false when no row is visible.
func (t *FunctionTable) Selected() (FunctionRow, bool) {
	if len(t.rows) == 0 {
		return FunctionRow{}, false
	}
	return t.rows[t.cursor].row, true
}

// Cursor returns the index of the selected row among the visible rows.
func (t *FunctionTable) Cursor() int { return t.cursor }

// Select selects the visible function with this ID and reports whether it
// is visible; otherwise the selection stays.
func (t *FunctionTable) Select(id string) bool {
	for i, state := range t.rows {
		if state.row.ID == id {
			t.selectAt(i)
			return true
		}
	}
	return false
}

// Move moves the selection delta rows down (up when negative), stopping at
// the first and last rows.
func (t *FunctionTable) Move(delta int) {
	if len(t.rows) == 0 {
		return
	}
	t.selectAt(min(max(t.cursor+delta, 0), len(t.rows)-1))
}

func (t *FunctionTable) selectAt(i int) {
	t.cursor = i
	t.selectedID = t.rows[i].row.ID
	t.selected = t.rows[i].row
}

// rebuild filters and sorts the rows, then finds the selection again: the
// same function when it is still visible, else the row now standing where
// it would sort. With no row visible the selection is remembered, so that
// it comes back when the filter is cleared.
func (t *FunctionTable) rebuild() {
	t.rows = t.rows[:0]
	for _, state := range t.functions {
		if t.matches(state) {
			t.rows = append(t.rows, state)
		}
	}
	slices.SortFunc(t.rows, func(a, b *functionState) int { return t.compare(&a.row, &b.row) })

	if len(t.rows) == 0 {
		t.cursor = 0
		return
	}
	if t.selectedID == "" {
		t.selectAt(0)
		return
	}
	if state, ok := t.functions[t.selectedID]; ok {
		t.selected = state.row
	}

	at := func(s *functionState, r *FunctionRow) int { return t.compare(&s.row, r) }
	i, found := slices.BinarySearchFunc(t.rows, &t.selected, at)
	if found && t.rows[i].row.ID == t.selectedID {
		t.selectAt(i)
		return
	}
	t.selectAt(min(i, len(t.rows)-1))
}

// rebuildForFigures rebuilds after a change of figures only: rows read
// their figures through pointers, so only a sort by a figure can move them.
func (t *FunctionTable) rebuildForFigures() {
	if t.column.holdsFigure() {
		t.rebuild()
	}
}

func (t *FunctionTable) matches(state *functionState) bool {
	for _, word := range t.filter {
		if !strings.Contains(state.haystack, word) {
			return false
		}
	}
	return true
}

// compare orders two rows by the sort column, unknown values last whatever
// the direction, then by name and ID so that the order never depends on the
// map the rows came from.
func (t *FunctionTable) compare(a, b *FunctionRow) int {
	c := t.compareColumn(a, b)
	if c != 0 {
		return c
	}
	if c := compareFold(a.Name, b.Name); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

func (t *FunctionTable) compareColumn(a, b *FunctionRow) int {
	switch t.column {
	case ColumnStatus:
		return t.directed(cmp.Compare(statusRank(a.Status), statusRank(b.Status)))
	case ColumnName:
		return t.directed(compareFold(a.Name, b.Name))
	case ColumnRuntime:
		return t.compareText(a.Runtime, b.Runtime)
	case ColumnRequests:
		return t.compareFigures(a.RequestTotal, b.RequestTotal)
	case ColumnErrorRate:
		return t.compareFigures(a.ErrorRate, b.ErrorRate)
	case ColumnP95:
		return t.compareFigures(a.P95Ms, b.P95Ms)
	case ColumnMemory:
		return t.compareFigures(a.MemoryMB, b.MemoryMB)
	case ColumnCost:
		return t.compareFigures(a.Cost, b.Cost)
	case ColumnChanged:
		return t.compareChanged(a, b)
	}
	return 0
}

func (t *FunctionTable) directed(c int) int {
	if t.descending {
		return -c
	}
	return c
}

func (t *FunctionTable) compareText(a, b string) int {
	if known := cmp.Compare(boolRank(a != ""), boolRank(b != "")); known != 0 {
		return known
	}
	return t.directed(compareFold(a, b))
}

func (t *FunctionTable) compareFigures(a, b Figure) int {
	if known := cmp.Compare(boolRank(a.Known), boolRank(b.Known)); known != 0 {
		return known
	}
	if !a.Known {
		return 0
	}
	return t.directed(cmp.Compare(a.Value, b.Value))
}

// compareChanged puts the most recent change first in the natural order.
func (t *FunctionTable) compareChanged(a, b *FunctionRow) int {
	aKnown, bKnown := !a.ChangedAt.IsZero(), !b.ChangedAt.IsZero()
	if known := cmp.Compare(boolRank(aKnown), boolRank(bKnown)); known != 0 {
		return known
	}
	return t.directed(b.ChangedAt.Compare(a.ChangedAt))
}

// compareFold compares two strings ignoring case, without allocating: the
// table sorts often and names are short.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// boolRank sorts true before false.
func boolRank(known bool) int {
	if known {
		return 0
	}
	return 1
}
