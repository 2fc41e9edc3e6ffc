package model

import "fmt"

// MaxPinned is the most functions one merged view combines: the API keeps
// at most five streams open per project.
const MaxPinned = 5

// Pinned is one function taking part in a merged view.
type Pinned struct {
	// FunctionID identifies the function.
	FunctionID string
	// FunctionName is the function's name as the API sent it; NewMerge
	// sanitizes it for display.
	FunctionName string
	// Buffer holds the function's requests; the merged view reads its
	// filtered view, so it follows that buffer's filter and pause.
	Buffer *LogBuffer
}

// MergedRow is one row of a merged view: a request and the function it
// belongs to.
type MergedRow struct {
	// Source is the index of the function in the list given to NewMerge.
	Source int
	// FunctionID and FunctionName tag the row with its function.
	FunctionID, FunctionName string
	// Entry is the request.
	Entry *Entry
}

// Merge is a time-ordered view over the filtered views of up to MaxPinned
// log buffers, merged on demand: it copies nothing, so it is always as
// current as its buffers, and reading a window of n rows costs O(n) merge
// steps plus a logarithmic search for where the window starts.
//
// Rows are ordered by Entry.Key, then by Source. Like a buffer's indices,
// merged indices shift when history is prepended or requests are evicted:
// a reader keeps the MergedRow at its top and finds it again with Index.
type Merge struct {
	pinned []Pinned
}

// NewMerge returns a merged view over the given functions, oldest row
// first. It fails when there are more than MaxPinned or a buffer is nil.
func NewMerge(pinned ...Pinned) (*Merge, error) {
	if len(pinned) > MaxPinned {
		return nil, fmt.Errorf("model: merged view of %d functions: at most %d can be pinned",
			len(pinned), MaxPinned)
	}

	m := &Merge{pinned: make([]Pinned, len(pinned))}
	for i, p := range pinned {
		if p.Buffer == nil {
			return nil, fmt.Errorf("model: merged view: function %q has no log buffer",
				Sanitize(p.FunctionID))
		}
		p.FunctionName = SanitizeLimit(p.FunctionName, fieldMaxBytes)
		m.pinned[i] = p
	}
	return m, nil
}

// Pinned returns the functions of the view, in Source order.
func (m *Merge) Pinned() []Pinned {
	return append([]Pinned(nil), m.pinned...)
}

// Len returns the number of rows: the sum of the buffers' FilteredLen.
func (m *Merge) Len() int {
	n := 0
	for _, p := range m.pinned {
		n += p.Buffer.FilteredLen()
	}
	return n
}

// Rows returns up to n rows starting at index start, oldest first. Indices
// outside [0, Len) are left out.
func (m *Merge) Rows(start, n int) []MergedRow {
	lens := m.lens()
	total := totalOf(lens)
	if start < 0 {
		n += start
		start = 0
	}
	n = min(n, total-start)
	if n <= 0 {
		return nil
	}

	if total-start <= 2*n+64 {
		return m.walkBack(lens, total-start)[:n]
	}
	return m.walkForward(m.split(start, lens), lens, n)
}

// Bottom returns the newest n rows, oldest first.
func (m *Merge) Bottom(n int) []MergedRow {
	return m.Rows(m.Len()-n, n)
}

// Index returns the index of the first row at or after row in merged
// order, or Len when there is none: where a remembered row is now.
func (m *Merge) Index(row MergedRow) int {
	if row.Entry == nil {
		return 0
	}

	n := 0
	for s, p := range m.pinned {
		n += countBefore(p.Buffer, row.Entry.key, s < row.Source, p.Buffer.FilteredLen())
	}
	return n
}

func (m *Merge) lens() []int {
	lens := make([]int, len(m.pinned))
	for i, p := range m.pinned {
		lens[i] = p.Buffer.FilteredLen()
	}
	return lens
}

func (m *Merge) row(s, i int) MergedRow {
	p := m.pinned[s]
	return MergedRow{
		Source:       s,
		FunctionID:   p.FunctionID,
		FunctionName: p.FunctionName,
		Entry:        p.Buffer.FilteredAt(i),
	}
}

// before reports whether row i of source s sorts before row j of source t.
func (m *Merge) before(s, i, t, j int) bool {
	c := m.pinned[s].Buffer.FilteredAt(i).key.Compare(m.pinned[t].Buffer.FilteredAt(j).key)
	return c < 0 || (c == 0 && s < t)
}

// walkForward merges n rows forward from the cursors.
func (m *Merge) walkForward(cursors, lens []int, n int) []MergedRow {
	out := make([]MergedRow, 0, n)
	for range n {
		best := -1
		for s := range cursors {
			if cursors[s] < lens[s] && (best < 0 || m.before(s, cursors[s], best, cursors[best])) {
				best = s
			}
		}
		out = append(out, m.row(best, cursors[best]))
		cursors[best]++
	}
	return out
}

// walkBack merges the newest n rows backward from the ends and returns
// them oldest first.
func (m *Merge) walkBack(lens []int, n int) []MergedRow {
	cursors := append([]int(nil), lens...)
	out := make([]MergedRow, n)
	for k := n - 1; k >= 0; k-- {
		best := -1
		for s := range cursors {
			if cursors[s] > 0 && (best < 0 || m.before(best, cursors[best]-1, s, cursors[s]-1)) {
				best = s
			}
		}
		cursors[best]--
		out[k] = m.row(best, cursors[best])
	}
	return out
}

// split finds, for each source, how many of its rows are among the first
// r merged rows. Each round takes the median of the widest undecided range
// as a pivot, counts the rows before it by binary search in every source,
// and narrows every range by the answer: O(k log n) rounds of k searches.
func (m *Merge) split(r int, lens []int) []int {
	lo := make([]int, len(lens))
	hi := append([]int(nil), lens...)
	cuts := make([]int, len(lens))
	for {
		j, width := -1, 0
		for s := range lens {
			if w := hi[s] - lo[s]; w > width {
				j, width = s, w
			}
		}
		if j < 0 {
			return lo
		}

		mid := (lo[j] + hi[j]) / 2
		pivot := m.pinned[j].Buffer.FilteredAt(mid).key
		less := 0
		for s, p := range m.pinned {
			cuts[s] = mid
			if s != j {
				cuts[s] = countBefore(p.Buffer, pivot, s < j, lens[s])
			}
			less += cuts[s]
		}

		switch {
		case less == r:
			return cuts
		case less < r:
			for s := range lo {
				lo[s] = max(lo[s], cuts[s])
			}
			lo[j] = mid + 1
		default:
			for s := range hi {
				hi[s] = min(hi[s], cuts[s])
			}
			hi[j] = mid
		}
	}
}

// countBefore counts the shown rows of b whose key is before k, or at k too
// when orEqual is set (their source sorts first on equal keys).
func countBefore(b *LogBuffer, k EntryKey, orEqual bool, shown int) int {
	return min(searchDeque(&b.view, k, rowKey, orEqual), shown)
}

func totalOf(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
