package functions

import (
	"strconv"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Title returns the box title: the number of functions, and how many of
// them the filter shows.
func (m Model) Title() string {
	total := m.table.Total()
	title := "Functions " + model.FormatCount(int64(total))
	if m.table.Filter() != "" {
		title = "Functions " + model.FormatCount(int64(m.table.Len())) + " of " +
			model.FormatCount(int64(total))
	}
	if m.err != "" && m.loaded {
		title += " · stale"
	}
	return title
}

// View draws the pane's content in exactly width×height cells, drawing only
// the rows that show.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}

	lines := make([]string, 0, m.height)
	switch {
	case !m.loaded:
		lines = append(lines, m.notLoaded())
	case m.table.Total() == 0:
		lines = append(lines, m.paint.empty.Paint(m.emptyText()))
	default:
		lines = append(lines, m.rows()...)
	}
	return theme.FitBlock(strings.Join(append(lines, m.footer()...), "\n"), m.width, m.height)
}

func (m Model) notLoaded() string {
	if m.err != "" {
		return m.st.Error.Render("✖ cannot load functions: " + m.err + m.retryText())
	}
	return m.paint.empty.Paint("Loading functions…")
}

func (m Model) emptyText() string {
	if m.project == "" {
		return "No functions in this project yet."
	}
	return "No functions in project " + m.project + " yet."
}

// rows draws the heading and the visible rows, padded with blank lines to
// leave the footer at the bottom.
func (m Model) rows() []string {
	l := m.layout()
	lines := []string{m.heading(l)}
	shown := m.rowsShown()
	if m.table.Len() == 0 && shown > 0 {
		lines = append(lines, m.paint.empty.Paint(
			"No function matches “"+model.Sanitize(m.table.Filter())+"”."))
	}

	end := min(m.offset+shown, m.table.Len())
	cursor := m.table.Cursor()
	for i := m.offset; i < end; i++ {
		lines = append(lines, m.row(l, m.table.Row(i), i == cursor))
	}
	for len(lines) < m.height-m.footerLines() {
		lines = append(lines, "")
	}
	return lines
}

// heading draws the column titles, the sort column's with its direction.
func (m Model) heading(l layout) string {
	col, desc := m.table.Sort()
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", markerWidth))
	for i, c := range l.columns {
		if i > 0 {
			b.WriteByte(' ')
		}
		text, paint := c.heading, m.paint.heading
		if c.col == col {
			text, paint = sortHeading(c, desc), m.paint.sortHeading
		}
		b.WriteString(paint.Paint(cell(text, c.width, c.right)))
	}
	return b.String()
}

// sortHeading marks the sort column's heading with its direction, on the
// side away from the column's alignment so the heading keeps its width.
func sortHeading(c placed, descending bool) string {
	arrow := "▲"
	if descending {
		arrow = "▼"
	}
	if c.right {
		return arrow + c.heading
	}
	return c.heading + " " + arrow
}

// row draws one function. The selected row is drawn plain inside the
// selection style, so that its background runs unbroken.
func (m Model) row(l layout, r model.FunctionRow, selected bool) string {
	var b strings.Builder
	mark := " "
	if selected {
		mark = selectMark
	}
	if m.pinned[r.ID] {
		mark += pinMark
	} else {
		mark += " "
	}
	b.WriteString(mark)

	for i, c := range l.columns {
		if i > 0 {
			b.WriteByte(' ')
		}
		text, paint := m.value(c, r)
		text = cell(text, c.width, c.right)
		if !selected {
			text = paint.Paint(text)
		}
		b.WriteString(text)
	}
	if selected {
		line := theme.FitLine(b.String(), m.width)
		if m.focused {
			return m.paint.selected.Paint(line)
		}
		return m.paint.bold.Paint(line)
	}
	return b.String()
}

// value is a column's text for a row and its painter.
func (m Model) value(c placed, r model.FunctionRow) (string, theme.Painter) {
	p := m.paint
	switch c.col {
	case model.ColumnStatus:
		text := model.StatusSymbol(r.Status)
		if c.width > symbolOnly {
			text += " " + model.Sanitize(model.StatusWord(r.Status))
		}
		return text, p.statusPainter(r.Status)
	case model.ColumnName:
		return model.Sanitize(r.Name), p.name
	case model.ColumnRuntime:
		return model.Sanitize(r.Runtime), p.runtime
	case model.ColumnRequests:
		return sparkline(r.Requests, c.width), p.sparkline
	case model.ColumnErrorRate:
		return m.errorRate(r)
	case model.ColumnP95:
		if r.RequestTotal.Known && r.RequestTotal.Value == 0 {
			return model.UnknownText, p.unknown // no request, no latency
		}
		return p.figure(model.FormatMs(r.P95Ms), r.P95Ms, p.number)
	case model.ColumnMemory:
		return p.figure(model.FormatMB(r.MemoryMB), r.MemoryMB, p.number)
	case model.ColumnCost:
		return p.figure(model.FormatMoney(r.Cost, r.Currency), r.Cost, p.cost)
	case model.ColumnChanged:
		return model.FormatRelative(r.ChangedAt, m.now), p.changed
	}
	return "", p.number
}

// errorRateWorthALook is the error rate, in percent, drawn as an error.
const errorRateWorthALook = 5

func (m Model) errorRate(r model.FunctionRow) (string, theme.Painter) {
	p := m.paint
	text, paint := p.figure(model.FormatPercent(r.ErrorRate), r.ErrorRate, p.number)
	if r.ErrorRate.Known && r.ErrorRate.Value >= errorRateWorthALook {
		paint = p.errorRate
	}
	return strings.TrimSuffix(text, "%"), paint
}

// figure paints an unknown figure faint and a known one with known.
func (p painters) figure(text string, f model.Figure, known theme.Painter) (string, theme.Painter) {
	if !f.Known {
		return text, p.unknown
	}
	return text, known
}

// cell cuts or pads text to exactly width cells, right-aligned for figures.
func cell(text string, width int, right bool) string {
	if width <= 0 {
		return ""
	}
	w := theme.Width(text)
	if w > width {
		return model.Truncate(text, width)
	}
	pad := strings.Repeat(" ", width-w)
	if right {
		return pad + text
	}
	return text + pad
}

// footer draws the filter line and the failure line, when there are any.
func (m Model) footer() []string {
	var out []string
	if m.typing || len(m.filter) > 0 {
		text := "/" + model.Sanitize(string(m.filter))
		if m.typing {
			text += "█"
		}
		count := "  " + strconv.Itoa(m.table.Len()) + " of " + strconv.Itoa(m.table.Total())
		out = append(out, m.paint.filter.Paint(text)+m.paint.faint.Paint(count))
	}
	if m.err != "" && m.loaded {
		text := "▲ stale: " + m.err + m.retryText()
		if !m.lastOK.IsZero() {
			text += " · rows from " + m.lastOK.Format("15:04:05")
		}
		out = append(out, m.paint.warn.Paint(text))
	}
	return out[:min(len(out), m.footerLines())]
}

// retryText says when the list is tried again.
func (m Model) retryText() string {
	if m.retryAt.IsZero() {
		return ""
	}
	d := m.retryAt.Sub(m.now)
	if d <= 0 {
		return " · retrying"
	}
	return " · retry in " + seconds(d)
}

// seconds is a wait rounded up to whole seconds, or minutes past two.
func seconds(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	if s < 120 {
		return strconv.FormatInt(s, 10) + "s"
	}
	return strconv.FormatInt((s+59)/60, 10) + "m"
}
