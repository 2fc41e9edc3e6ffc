package logs

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// matches reports whether a row contains the search, from the mark its
// buffer keeps (a search of the row itself would read whole bodies).
func (m Model) matches(r model.MergedRow) bool {
	b := m.pins[r.Source].Buffer
	i := b.FilteredIndex(r.Entry.Key())
	return i < b.FilteredLen() && b.FilteredAt(i) == r.Entry && b.FilteredMatch(i)
}

// jumpMatch selects the next (or previous) request that matches the search,
// from the selected one: each buffer finds its own nearest match and the
// nearest of those wins.
func (m Model) jumpMatch(forward bool) (Model, tea.Cmd) {
	f := m.frame()
	if f.n == 0 || m.filter().Search == "" {
		return m, nil
	}

	at := m.rowAt(f.cursor)
	best := model.MergedRow{}
	for s, p := range m.pins {
		b := p.Buffer
		i := b.FilteredIndex(at.Entry.Key()) // the first row at or after the selection
		var j int
		if forward {
			if s == at.Source {
				i++ // past the selection itself
			}
			j = b.NextMatch(i - 1)
		} else {
			j = b.PrevMatch(i)
		}
		if j < 0 {
			continue
		}

		row := model.MergedRow{Source: s, FunctionID: p.FunctionID,
			FunctionName: p.FunctionName, Entry: b.FilteredAt(j)}
		if best.Entry == nil || closer(row, best, forward) {
			best = row
		}
	}
	if best.Entry == nil {
		return m, nil
	}
	return m.moveCursor(f, m.indexOf(best))
}

// firstMatch selects the newest match at or above the selection, or the
// first below it when there is none above.
func (m Model) firstMatch() (Model, tea.Cmd) {
	f := m.frame()
	if f.n == 0 || m.filter().Search == "" {
		return m, nil
	}
	if m.matches(m.rowAt(f.cursor)) {
		return m.moveCursor(f, f.cursor)
	}

	next, cmd := m.jumpMatch(false)
	if next.selectedRow().Entry != m.rowAt(f.cursor).Entry {
		return next, cmd
	}
	return m.jumpMatch(true)
}

// closer reports whether a is nearer the selection than b in the direction
// of travel: earlier when going forward, later when going back.
func closer(a, b model.MergedRow, forward bool) bool {
	c := a.Entry.Key().Compare(b.Entry.Key())
	if c == 0 {
		c = a.Source - b.Source
	}
	if forward {
		return c < 0
	}
	return c > 0
}
