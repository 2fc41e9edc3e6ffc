package functions

import "github.com/sinchtop/sinchtop/model"

// columnSpec is a column's heading, its width range and when it goes: the
// column with the highest drop goes first when the width runs short.
type columnSpec struct {
	col      model.FunctionColumn
	heading  string
	width    int
	maxWidth int // for the name, which takes what is left up to this
	drop     int // 0: never dropped
	right    bool
}

// specs lists the columns in display order.
var specs = []columnSpec{
	{col: model.ColumnStatus, heading: "STATUS", width: 12},
	{col: model.ColumnName, heading: "NAME", width: 12, maxWidth: 32},
	{col: model.ColumnRuntime, heading: "RUNTIME", width: 8, drop: 6},
	{col: model.ColumnRequests, heading: "REQUESTS 1h", width: 16, maxWidth: 30, drop: 3},
	{col: model.ColumnErrorRate, heading: "ERR %", width: 6, drop: 1, right: true},
	{col: model.ColumnP95, heading: "P95", width: 7, drop: 5, right: true},
	{col: model.ColumnMemory, heading: "MEM", width: 6, drop: 7, right: true},
	{col: model.ColumnCost, heading: "COST/MO", width: 9, drop: 4, right: true},
	{col: model.ColumnChanged, heading: "CHANGED", width: 9, drop: 8},
}

// The marks before each row: the selection, then a pin; two cells.
const (
	selectMark  = "▸"
	pinMark     = "*"
	markerWidth = 2
	// symbolOnly is the status column's width once only the symbol fits.
	symbolOnly = 1
)

// placed is a column given its place on the line.
type placed struct {
	columnSpec
	x     int // first cell, after the marker
	width int
}

// layout is the columns that fit a width.
type layout struct {
	columns []placed
}

// layoutFor fits the columns into width cells: it drops columns by their
// drop order until the rest fit, then gives the name what is left, and as
// a last resort shows the status as a symbol alone.
func layoutFor(width int) layout {
	kept := make([]columnSpec, len(specs))
	copy(kept, specs)
	for need(kept) > width {
		worst := -1
		for i, c := range kept {
			if c.drop > 0 && (worst < 0 || c.drop > kept[worst].drop) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		kept = append(kept[:worst], kept[worst+1:]...)
	}

	widths := make([]int, len(kept))
	spare := width - need(kept)
	for i, c := range kept {
		widths[i] = c.width
	}
	if spare < 0 {
		shrink(kept, widths, -spare)
	}
	// Spare cells go to the flexible columns in display order: the name
	// first, then the sparkline.
	for i, c := range kept {
		if spare > 0 && c.maxWidth > c.width {
			grow := min(spare, c.maxWidth-c.width)
			widths[i] += grow
			spare -= grow
		}
	}

	var out layout
	x := markerWidth
	for i, c := range kept {
		out.columns = append(out.columns, placed{columnSpec: c, x: x, width: widths[i]})
		x += widths[i] + 1
	}
	return out
}

// shrink takes short cells from the name, down to one cell, then shows the
// status as its symbol alone.
func shrink(kept []columnSpec, widths []int, short int) {
	for i, c := range kept {
		if c.col == model.ColumnName {
			cut := min(short, widths[i]-1)
			widths[i] -= cut
			short -= cut
		}
	}
	for i, c := range kept {
		if c.col == model.ColumnStatus && short > 0 {
			widths[i] = symbolOnly
		}
	}
}

// need is the width the columns take at their minimum, with the marker and
// a space between columns.
func need(cols []columnSpec) int {
	n := markerWidth
	for i, c := range cols {
		if i > 0 {
			n++
		}
		n += c.width
	}
	return n
}

// columnAt returns the column drawn at cell x of a line.
func (l layout) columnAt(x int) (model.FunctionColumn, bool) {
	for _, c := range l.columns {
		if x >= c.x && x < c.x+c.width+1 {
			return c.col, true
		}
	}
	return 0, false
}

func (m Model) layout() layout { return layoutFor(m.width) }
