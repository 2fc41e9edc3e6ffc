package request

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
)

// span marks bytes [start, end) of a line to be drawn in style.
type span struct {
	start, end int
	style      lipgloss.Style
}

// page collects the laid-out lines of a request, each at most width cells,
// up to a budget of lines: at a narrow width every cap above it could still
// add up to more than a pane should lay out.
type page struct {
	width  int
	budget int
	lines  []string
}

// full reports whether the page has used its budget.
func (p *page) full() bool { return len(p.lines) >= p.budget }

// blank adds an empty line.
func (p *page) blank() { p.add("") }

// add adds a styled line that already fits, unless the budget is used.
func (p *page) add(line string) {
	if !p.full() {
		p.lines = append(p.lines, line)
	}
}

// text lays out one line of sanitized text indented by indent cells,
// wrapped to the width, in base style with spans styled on top. It lays out
// at most room lines and returns how many it did lay out and whether it
// had to leave some out.
func (p *page) text(line string, indent int, base lipgloss.Style, spans []span,
	room int) (int, bool) {
	width := max(p.width-indent, 1)
	pad := strings.Repeat(" ", max(min(indent, p.width-1), 0))
	starts := breakLine(line, width)
	n := 0
	for i, start := range starts {
		if n >= room || p.full() {
			return n, true
		}
		end := len(line)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		p.lines = append(p.lines, pad+styled(line, start, end, base, spans))
		n++
	}
	return n, false
}

// breakLine returns the byte offsets where the chunks of s start when it
// is cut into pieces of at most width cells. A character wider than width
// gets a chunk of its own.
func breakLine(s string, width int) []int {
	starts := []int{0}
	used := 0
	for i, r := range s {
		w := runewidth.RuneWidth(r)
		if used+w > width && used > 0 {
			starts = append(starts, i)
			used = 0
		}
		used += w
	}
	return starts
}

// styled renders bytes [start, end) of line: spans in their style, the rest
// in base.
func styled(line string, start, end int, base lipgloss.Style, spans []span) string {
	var b strings.Builder
	at := start
	for _, s := range spans {
		if s.end <= at || s.start >= end {
			continue
		}
		from, to := max(s.start, at), min(s.end, end)
		if from > at {
			b.WriteString(base.Render(line[at:from]))
		}
		b.WriteString(s.style.Render(line[from:to]))
		at = to
	}
	if at < end {
		b.WriteString(base.Render(line[at:end]))
	}
	return b.String()
}
