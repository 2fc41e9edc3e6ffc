package logs

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Fixed column widths, in cells. The path and the message share what is
// left; the gutter holds the selection mark and the search-match mark.
const (
	gutterWidth   = 2
	timeWidth     = 12 // 15:04:05.000
	methodWidth   = 7  // OPTIONS
	statusWidth   = 3
	durationWidth = 6 // 2m05s
	memoryWidth   = 5 // 512MB
	levelWidth    = 5 // ERROR

	minPath     = 8
	maxPath     = 32
	minMessage  = 10
	maxFunction = 16 // the function's name in a merged list
)

// columns says which columns a row has at the pane's width.
type columns struct {
	time, method, duration, memory, level bool
	function                              int // 0 when there is no name column
	path, message                         int
}

// layoutColumns adds the optional columns in order of worth (level, time,
// duration, method, memory) while path and message keep their minimums.
func (m Model) layoutColumns() columns {
	var c columns
	left := m.width - gutterWidth - statusWidth - 1
	flexible := minPath + 1 + minMessage
	add := func(on *bool, width int) {
		if left-(width+1) >= flexible {
			*on = true
			left -= width + 1
		}
	}

	if m.merged {
		c.function = min(m.longestName(), maxFunction)
		if left-(c.function+1) >= flexible {
			left -= c.function + 1
		} else {
			c.function = 0
		}
	}
	add(&c.level, levelWidth)
	if !m.hideTime {
		add(&c.time, timeWidth)
	}
	add(&c.duration, durationWidth)
	add(&c.method, methodWidth)
	add(&c.memory, memoryWidth)

	c.path = clamp(left*2/5, minPath, maxPath)
	c.message = max(left-c.path-1, 0)
	return c
}

// longestName is the width of the longest pinned function's name.
func (m Model) longestName() int {
	w := 0
	for _, p := range m.pins {
		w = max(w, theme.Width(p.FunctionName))
	}
	return w
}

// rowLines draws one row: one line, or with wrap on as many as its message
// needs, continuation lines starting at the message column.
func (m Model) rowLines(r model.MergedRow, c columns, selected bool) []string {
	e := r.Entry
	query := m.filter().Search
	plain := selected // the selection style covers the whole line
	head := m.rowHead(r, c, query, plain)

	chunks := []string{e.Summary}
	if m.wrap && c.message > 0 {
		chunks = wrapText(e.Summary, c.message)
	}
	indent := strings.Repeat(" ", max(m.width-c.message, 0))
	lines := make([]string, 0, len(chunks))
	for k, chunk := range chunks {
		text := m.highlighted(m.paint.messageOf(e), chunk, c.message, query, plain)
		if k == 0 {
			lines = append(lines, head+text)
			continue
		}
		lines = append(lines, indent+text)
	}

	if selected {
		for k, line := range lines {
			lines[k] = m.st.Logs.Selected.Render(theme.FitLine(line, m.width))
		}
	}
	return lines
}

// rowHead draws the columns of a row before its message.
func (m Model) rowHead(r model.MergedRow, c columns, query string, plain bool) string {
	e := r.Entry
	var b strings.Builder
	b.WriteString(m.gutter(r, plain, query))
	if c.function > 0 {
		b.WriteString(m.cell(m.paint.function(r.Source), r.FunctionName, c.function,
			false, plain))
	}
	if c.time {
		b.WriteString(m.cell(m.paint.time, e.Start.In(m.location()).Format("15:04:05.000"),
			timeWidth, false, plain))
	}
	if c.method {
		b.WriteString(m.cell(m.paint.method, e.Method, methodWidth, false, plain))
	}
	b.WriteString(m.highlighted(m.paint.url, e.Path, c.path, query, plain) + " ")
	b.WriteString(m.cell(m.paint.statusOf(e.StatusCode), statusText(e.StatusCode),
		statusWidth, false, plain))
	if c.duration {
		b.WriteString(m.cell(m.paint.duration, durationText(e.Duration), durationWidth,
			true, plain))
	}
	if c.memory {
		b.WriteString(m.cell(m.paint.memory, model.FormatMB(model.KnownFigure(e.MemoryMB)),
			memoryWidth, true, plain))
	}
	if c.level {
		b.WriteString(m.cell(m.paint.level(e.LevelRank()), levelWord(e), levelWidth, false, plain))
	}
	return b.String()
}

// rowHeight is how many lines a request takes with wrap on.
func (m Model) rowHeight(e *model.Entry) int {
	c := m.layoutColumns()
	if c.message <= 0 {
		return 1
	}
	return max(len(wrapText(e.Summary, c.message)), 1)
}

// gutter is the selection mark and, when a search is on, the match mark.
func (m Model) gutter(r model.MergedRow, selected bool, query string) string {
	mark := " "
	if selected {
		mark = "▸"
	}
	if query == "" || !m.matches(r) {
		return mark + " "
	}
	if selected {
		return mark + "•"
	}
	return mark + m.paint.match.Paint("•")
}

// cell fits text to width (right-aligned when right) and adds the column
// gap. With plain the style is left to the row.
func (m Model) cell(style theme.Painter, text string, width int, right, plain bool) string {
	text = model.Truncate(text, width)
	pad := strings.Repeat(" ", max(width-theme.Width(text), 0))
	if right {
		text = pad + text
	} else {
		text += pad
	}
	if plain {
		return text + " "
	}
	return style.Paint(text) + " "
}

// highlighted fits text to width and marks where it contains query.
func (m Model) highlighted(style theme.Painter, text string, width int, query string,
	plain bool) string {
	text = model.Truncate(text, width)
	pad := strings.Repeat(" ", max(width-theme.Width(text), 0))
	if plain {
		return text + pad
	}

	var b strings.Builder
	at := 0
	for _, r := range model.MatchRanges(text, query) {
		if r[0] > at {
			b.WriteString(style.Paint(text[at:r[0]]))
		}
		b.WriteString(m.paint.match.Paint(text[r[0]:r[1]]))
		at = r[1]
	}
	if at < len(text) {
		b.WriteString(style.Paint(text[at:]))
	}
	return b.String() + pad
}

// levelWord names an entry's level in at most five cells.
func levelWord(e *model.Entry) string {
	switch e.LevelRank() {
	case 0:
		return "DEBUG"
	case 1:
		return "INFO"
	case 2:
		return "WARN"
	case 3:
		return "ERROR"
	}
	return ""
}

func statusText(code int) string {
	if code <= 0 || code > 999 {
		return model.UnknownText
	}
	return model.FormatCount(int64(code))
}

func durationText(d time.Duration) string {
	return model.FormatMs(model.KnownFigure(float64(d) / float64(time.Millisecond)))
}

// maxWrapLines bounds the lines one row takes with wrap on, so that one long
// console line cannot push every other request off the screen.
const maxWrapLines = 6

// wrapText cuts sanitized text into lines of at most width cells, at
// spaces where it can; past maxWrapLines the last line ends with "…".
func wrapText(s string, width int) []string {
	if s == "" || width <= 0 {
		return []string{s}
	}

	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	if len(lines) > maxWrapLines {
		last := lines[maxWrapLines-1]
		lines = lines[:maxWrapLines]
		lines[maxWrapLines-1] = model.Truncate(last, width-1) + "…"
	}
	return lines
}

// location is where times are shown: now's location, UTC when now is unset.
func (m Model) location() *time.Location {
	if m.now.IsZero() {
		return time.UTC
	}
	return m.now.Location()
}
