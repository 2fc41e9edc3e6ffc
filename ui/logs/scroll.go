package logs

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// frame is where the list stands for one frame, worked out from the model
// and the buffer each time and never stored: the stored place is keys.
type frame struct {
	n      int // rows in the view
	cursor int // the selected row, -1 when there is none
	top    int // the first row drawn
	body   int // lines for rows
}

// rows returns how many rows the buffer's view shows.
func (m Model) rows() int {
	if m.buf == nil {
		return 0
	}
	return m.buf.FilteredLen()
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

	f.cursor = clamp(m.buf.FilteredIndex(m.cursorKey), 0, f.n-1)
	f.top = clamp(m.buf.FilteredIndex(m.topKey), 0, f.n-1)
	f.top = min(m.keepInView(f.top, f.cursor, f.body), m.topFor(f.n-1, f.body))
	return f
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
	if !m.wrap {
		return max(last-body+1, 0)
	}

	used := 0
	top := last
	for i := last; i >= 0; i-- {
		used += m.rowHeight(i)
		if used > body && i < last {
			break
		}
		top = i
	}
	return top
}

// fits reports whether rows top..last fit in body lines.
func (m Model) fits(top, last, body int) bool {
	if !m.wrap {
		return last-top+1 <= body
	}

	used := 0
	for i := top; i <= last; i++ {
		used += m.rowHeight(i)
		if used > body {
			return false
		}
	}
	return true
}

// moveCursor selects row cursor (clamped) and scrolls as little as needed
// to show it. Reaching the newest row turns follow on; leaving it turns
// follow off and remembers the newest row, to count what arrives below.
// Moving up onto the first row loaded asks for older history.
func (m Model) moveCursor(f frame, cursor int) (Model, tea.Cmd) {
	if f.n == 0 {
		return m, nil
	}

	up := cursor < f.cursor || cursor < 0
	cursor = clamp(cursor, 0, f.n-1)
	if cursor == f.n-1 && !up {
		m.follow, m.hasSeen = true, false
		return m, nil
	}

	if m.follow {
		m.follow = false
		m.seenKey, m.hasSeen = m.buf.FilteredAt(f.n-1).Key(), true
	}
	top := min(m.keepInView(f.top, cursor, f.body), m.topFor(f.n-1, f.body))
	m.cursorKey = m.buf.FilteredAt(cursor).Key()
	m.topKey = m.buf.FilteredAt(top).Key()

	if up && top == 0 {
		return m.askHistory(time.Time{})
	}
	return m, nil
}

// askHistory returns a NeedHistoryMsg command for the page before the
// oldest request held, unless that page was already asked for or the
// buffer cannot take more.
func (m Model) askHistory(until time.Time) (Model, tea.Cmd) {
	if m.buf == nil || !m.buf.CanPageBack() || m.buf.Len() == 0 {
		return m, nil
	}
	before := m.buf.OldestStart()
	if before.Equal(m.historyAt) {
		return m, nil
	}

	m.historyAt, m.historyErr = before, ""
	msg := NeedHistoryMsg{FunctionID: m.functionID, Before: before, Until: until}
	return m, func() tea.Msg { return msg }
}

// loadingHistory reports whether a page of older history was asked for and
// has not arrived.
func (m Model) loadingHistory() bool {
	return m.buf != nil && !m.historyAt.IsZero() && m.historyAt.Equal(m.buf.OldestStart()) &&
		m.buf.CanPageBack()
}

// newBelow counts the rows that arrived after the newest row the reader saw
// before scrolling up.
func (m Model) newBelow() int {
	if m.follow || !m.hasSeen || m.buf == nil {
		return 0
	}

	n := m.rows()
	i := m.buf.FilteredIndex(m.seenKey)
	if i < n && m.buf.FilteredAt(i).Key().Compare(m.seenKey) == 0 {
		i++
	}
	return n - i
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
