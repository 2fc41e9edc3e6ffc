package logs

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
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

	minPath    = 8
	maxPath    = 32
	minMessage = 10
)

// columns says which columns a row has at the pane's width.
type columns struct {
	time, method, duration, memory, level bool
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

// rowLines draws row i of the view: one line, or with wrap on as many as
// its message needs, continuation lines starting at the message column.
func (m Model) rowLines(i int, c columns, selected bool) []string {
	e := m.buf.FilteredAt(i)
	query := m.filter().Search
	plain := selected // the selection style covers the whole line

	var b strings.Builder
	b.WriteString(m.gutter(i, selected, query))
	if c.time {
		b.WriteString(m.cell(m.st.Logs.Time, e.Start.In(m.location()).Format("15:04:05.000"),
			timeWidth, false, plain))
	}
	if c.method {
		b.WriteString(m.cell(m.st.Logs.Method, e.Method, methodWidth, false, plain))
	}
	b.WriteString(m.highlighted(m.st.Logs.URL, e.Path, c.path, query, plain) + " ")
	b.WriteString(m.cell(m.st.HTTPStatus(e.StatusCode), statusText(e.StatusCode),
		statusWidth, false, plain))
	if c.duration {
		b.WriteString(m.cell(m.st.Logs.Duration, durationText(e.Duration), durationWidth,
			true, plain))
	}
	if c.memory {
		b.WriteString(m.cell(m.st.Logs.Memory, model.FormatMB(model.KnownFigure(e.MemoryMB)),
			memoryWidth, true, plain))
	}
	if c.level {
		b.WriteString(m.cell(levelStyle(m.st, e.LevelRank()), levelWord(e), levelWidth, false, plain))
	}

	chunks := []string{e.Summary}
	if m.wrap && c.message > 0 {
		chunks = wrapText(e.Summary, c.message)
	}
	indent := m.width - c.message
	lines := make([]string, 0, len(chunks))
	for k, chunk := range chunks {
		text := m.highlighted(messageStyle(m.st, e), chunk, c.message, query, plain)
		if k == 0 {
			lines = append(lines, b.String()+text)
			continue
		}
		lines = append(lines, strings.Repeat(" ", max(indent, 0))+text)
	}

	if selected {
		for k, line := range lines {
			lines[k] = m.st.Logs.Selected.Render(theme.FitLine(line, m.width))
		}
	}
	return lines
}

// rowHeight is how many lines row i takes with wrap on.
func (m Model) rowHeight(i int) int {
	c := m.layoutColumns()
	if c.message <= 0 {
		return 1
	}
	return max(len(wrapText(m.buf.FilteredAt(i).Summary, c.message)), 1)
}

// gutter is the selection mark and, when a search is on, the match mark.
func (m Model) gutter(i int, selected bool, query string) string {
	mark := " "
	if selected {
		mark = "▸"
	}
	if query == "" || !m.buf.FilteredMatch(i) {
		return mark + " "
	}
	if selected {
		return mark + "•"
	}
	return mark + m.st.Logs.Match.Render("•")
}

// cell fits text to width (right-aligned when right) and adds the column
// gap. With plain the style is left to the row.
func (m Model) cell(style lipgloss.Style, text string, width int, right, plain bool) string {
	text = model.Truncate(text, width)
	pad := strings.Repeat(" ", max(width-ansi.StringWidth(text), 0))
	if right {
		text = pad + text
	} else {
		text += pad
	}
	if plain {
		return text + " "
	}
	return style.Render(text) + " "
}

// highlighted fits text to width and marks where it contains query.
func (m Model) highlighted(style lipgloss.Style, text string, width int, query string,
	plain bool) string {
	text = model.Truncate(text, width)
	pad := strings.Repeat(" ", max(width-ansi.StringWidth(text), 0))
	if plain {
		return text + pad
	}

	var b strings.Builder
	at := 0
	for _, r := range model.MatchRanges(text, query) {
		if r[0] > at {
			b.WriteString(style.Render(text[at:r[0]]))
		}
		b.WriteString(m.st.Logs.Match.Render(text[r[0]:r[1]]))
		at = r[1]
	}
	if at < len(text) {
		b.WriteString(style.Render(text[at:]))
	}
	return b.String() + pad
}

// levelStyle colours a level by its rank, so that "WARN" and "Warning"
// look the same.
func levelStyle(st *theme.Styles, rank int) lipgloss.Style {
	switch rank {
	case 0:
		return st.Logs.Debug
	case 2:
		return st.Logs.Warning
	case 3:
		return st.Logs.ErrorLine
	}
	return st.Logs.Info
}

// messageStyle colours the console line by its level: debug faint, info
// plain, warnings and errors in their colours.
func messageStyle(st *theme.Styles, e *model.Entry) lipgloss.Style {
	if r := e.LevelRank(); r == 0 || r >= 2 {
		return levelStyle(st, r)
	}
	return st.Logs.Message
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
