package logs

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// frame is where the list stands for one frame, worked out from the model
// and the buffers each time and never stored: the stored place is rows.
type frame struct {
	n      int // rows in the view
	cursor int // the selected row, -1 when there is none
	top    int // the first row drawn
	body   int // lines for rows
}

// rows returns how many rows the view shows.
func (m Model) rows() int {
	if m.merge == nil {
		return 0
	}
	return m.merge.Len()
}

// rowAt returns row i, which must be in range.
func (m Model) rowAt(i int) model.MergedRow {
	return m.merge.Rows(i, 1)[0]
}

// indexOf returns where a remembered row is now: its index, or that of the
// next row when it is gone.
func (m Model) indexOf(r model.MergedRow) int {
	return m.merge.Index(r)
}

func (m Model) frame() frame {
	f := frame{n: m.rows(), cursor: -1, body: m.bodyHeight()}
	if f.n == 0 {
		return f
	}
	if m.follow {
		f.cursor = f.n - 1
		f.top = m.topFor(f.cursor, f.body)
		return f
	}

	f.cursor = clamp(m.indexOf(m.cursor), 0, f.n-1)
	f.top = clamp(m.indexOf(m.top), 0, f.n-1)
	f.top = min(m.keepInView(f.top, f.cursor, f.body), m.topFor(f.n-1, f.body))
	return f
}

// selectedRow returns the selected row, the zero row when there is none.
func (m Model) selectedRow() model.MergedRow {
	f := m.frame()
	if f.cursor < 0 {
		return model.MergedRow{}
	}
	return m.rowAt(f.cursor)
}

// keepInView returns the top row that keeps cursor on screen, moving top as
// little as it can.
func (m Model) keepInView(top, cursor, body int) int {
	if cursor < top {
		return cursor
	}
	if !m.fits(top, cursor, body) {
		return m.topFor(cursor, body)
	}
	return top
}

// topFor returns the first row of the page that ends with row last.
func (m Model) topFor(last, body int) int {
	first := max(last-body+1, 0)
	if !m.wrap {
		return first
	}

	rows := m.merge.Rows(first, last-first+1)
	used, top := 0, last
	for k := len(rows) - 1; k >= 0; k-- {
		used += m.rowHeight(rows[k].Entry)
		if used > body && k < len(rows)-1 {
			break
		}
		top = first + k
	}
	return top
}

// fits reports whether rows top..last fit in body lines.
func (m Model) fits(top, last, body int) bool {
	if last-top+1 > body {
		return false
	}
	if !m.wrap {
		return true
	}

	used := 0
	for _, r := range m.merge.Rows(top, last-top+1) {
		used += m.rowHeight(r.Entry)
	}
	return used <= body
}

// moveCursor selects row cursor (clamped) and scrolls as little as needed
// to show it. Reaching the newest row turns follow on; leaving it turns
// follow off and remembers the newest row, to count what arrives below.
// Moving up onto the first row loaded asks for older history.
func (m Model) moveCursor(f frame, cursor int) (Model, tea.Cmd) {
	if f.n == 0 {
		return m, nil
	}

	up := cursor < f.cursor
	cursor = clamp(cursor, 0, f.n-1)
	if cursor == f.n-1 && !up {
		m.follow, m.hasSeen = true, false
		return m, nil
	}

	if m.follow {
		m.follow = false
		m.seen, m.hasSeen = m.rowAt(f.n-1), true
	}
	top := min(m.keepInView(f.top, cursor, f.body), m.topFor(f.n-1, f.body))
	m.cursor, m.top = m.rowAt(cursor), m.rowAt(top)

	if up && top == 0 {
		return m.askHistory(time.Time{}, func(*model.LogBuffer) bool { return true })
	}
	return m, nil
}

// askHistory returns NeedHistoryMsg commands for the page before the oldest
// request of each buffer that want picks, unless that page was already
// asked for or the buffer cannot take more.
func (m Model) askHistory(until time.Time, want func(*model.LogBuffer) bool) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, p := range m.pins {
		b := p.Buffer
		if !b.CanPageBack() || b.Len() == 0 || !want(b) {
			continue
		}
		before := b.OldestStart()
		if before.Equal(p.historyAt) {
			continue
		}

		m.updatePin(p.FunctionID, func(p *pin) { p.historyAt = before })
		msg := NeedHistoryMsg{FunctionID: p.FunctionID, Before: before, Until: until}
		cmds = append(cmds, func() tea.Msg { return msg })
	}
	if len(cmds) > 0 {
		m.historyErr = ""
	}
	return m, tea.Batch(cmds...)
}

// loadingHistory reports whether a page of older history was asked for and
// has not arrived.
func (m Model) loadingHistory() bool {
	for _, p := range m.pins {
		if !p.historyAt.IsZero() && p.historyAt.Equal(p.Buffer.OldestStart()) &&
			p.Buffer.CanPageBack() {
			return true
		}
	}
	return false
}

// newBelow counts the rows that arrived after the newest row the reader saw
// before scrolling up.
func (m Model) newBelow() int {
	if m.follow || !m.hasSeen || m.merge == nil {
		return 0
	}

	n := m.rows()
	i := m.indexOf(m.seen)
	if i < n && m.rowAt(i).Entry == m.seen.Entry {
		i++
	}
	return n - i
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
