package metrics

import (
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// gutterWidth is the room left of the charts for axis labels and row names;
// below minGutterWidth columns of pane the gutter is dropped.
const (
	gutterWidth    = 6
	minGutterWidth = 16
)

// layout says which rows the pane draws at its size.
type layout struct {
	chart  int // chart rows, plus one axis row when > 0
	status bool
	spark  int // sparkline rows: 0, 1 (volume) or 2 (volume, error rate)
	spikes bool
	ranges bool
}

// View draws the pane in exactly its size.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}

	lay := m.layout()
	rows := []string{m.summary()}
	if lay.status {
		rows = append(rows, m.st.Error.Render(m.errorText()))
	}
	rows = append(rows, m.charts(lay)...)
	if lay.ranges {
		for len(rows) < m.height-1 {
			rows = append(rows, "")
		}
		rows = append(rows, m.rangeRow())
	}
	return theme.FitBlock(strings.Join(rows, "\n"), m.width, m.height)
}

// layout hands rows out in order of worth: summary, error, range row,
// sparklines, spike marks, then the chart takes what is left when that is
// at least three rows (two of chart and the axis).
func (m Model) layout() layout {
	var lay layout
	left := m.height - 1 // the summary
	take := func() bool {
		if left <= 0 {
			return false
		}
		left--
		return true
	}

	lay.status = m.err != nil && take()
	lay.ranges = take()
	for lay.spark < 2 && take() {
		lay.spark++
	}
	lay.spikes = len(m.spikes) > 0 && lay.spark == 2 && take()
	if left >= 3 {
		lay.chart = left - 1
	}
	return lay
}

// summary is the window's figures on one line, as many as fit in order of
// worth. The p95 is the highest of the window's buckets: the API gives no
// p95 for the window as a whole.
func (m Model) summary() string {
	s := m.series.Summary
	requests := model.UnknownText
	if m.loaded {
		requests = model.FormatCount(s.Requests)
	}
	_, to := m.window()
	p95 := m.series.P95Over(to, rangeDuration(m.rng))

	parts := []string{
		m.figure("req", requests, m.st.Metrics.Value),
		m.figure("avg", model.FormatMs(s.AvgMs), m.st.Metrics.Average),
		m.figure("p95", model.FormatMs(p95), m.st.Metrics.P95),
		m.figure("err", model.FormatPercent(s.ErrorRate), m.st.Metrics.ErrorRate),
		m.figure("mem", model.FormatMB(s.MemoryMB), m.st.Metrics.Value),
		m.figure("cpu", model.FormatPercent(s.CPU), m.st.Metrics.Value),
	}
	line := parts[0]
	for _, part := range parts[1:] {
		if lipgloss.Width(line)+2+lipgloss.Width(part) > m.width {
			break
		}
		line += "  " + part
	}
	return line
}

func (m Model) figure(label, value string, style lipgloss.Style) string {
	return m.st.Metrics.Label.Render(label+" ") + style.Render(value)
}

// charts draws the chart with its axis, the sparklines and the spike marks,
// all on one time axis.
func (m Model) charts(lay layout) []string {
	gutter := 0
	if m.width >= minGutterWidth {
		gutter = gutterWidth
	}
	plotWidth := m.width - gutter
	from, to := m.window()

	var rows []string
	if lay.chart > 0 {
		rows = append(rows, m.responseChart(lay.chart, gutter, plotWidth, from, to)...)
		rows = append(rows, m.axis(gutter, plotWidth, from, to))
	}
	if lay.spark >= 1 {
		volume := columns(m.series.Requests, from, to, plotWidth, aggSum)
		rows = append(rows, m.sparkRow("req", volume, highest(volume), gutter,
			m.st.Metrics.Volume))
	}
	if lay.spark >= 2 {
		rates := columns(m.series.ErrorRate, from, to, plotWidth, aggMean)
		rows = append(rows, m.sparkRow("err", rates, max(highest(rates), 1), gutter,
			m.st.Metrics.ErrorRate))
	}
	if lay.spikes {
		rows = append(rows, m.spikeRow(gutter, plotWidth, from, to))
	}
	return rows
}

// responseChart draws average and p95 response time as braille lines.
func (m Model) responseChart(height, gutter, width int, from, to time.Time) []string {
	avg := points(m.series.AvgMs, from, to, 2*width, aggMean)
	p95 := points(m.series.P95Ms, from, to, 2*width, aggMax)
	top := niceCeil(highest(avg, p95))

	p := newPlot(width, height)
	p.series(avg, top, 0)
	p.series(p95, top, 1)
	lines := p.lines([]lipgloss.Style{m.st.Metrics.Average, m.st.Metrics.P95})

	empty := math.IsNaN(highest(avg, p95))
	for i := range lines {
		label := ""
		switch {
		case empty && i == height/2:
			note := "no data in the last " + string(m.rng)
			if !m.loaded {
				note = model.UnknownText
			}
			lines[i] = m.st.Faint.Render(centre(note, width))
		case i == 0 && !empty:
			label = model.FormatMs(model.KnownFigure(top))
		case i == height-1:
			label = "0ms"
		}
		lines[i] = m.gutter(label, gutter) + lines[i]
	}
	return lines
}

// axis writes the window's start under the chart's left edge and its end
// under the right.
func (m Model) axis(gutter, width int, from, to time.Time) string {
	span := to.Sub(from)
	loc := m.location()
	start := formatAxisTime(from.In(loc), span)
	end := formatAxisTime(to.In(loc), span)
	line := start
	if gap := width - len(start) - len(end); gap >= 1 {
		line = start + strings.Repeat(" ", gap) + end
	}
	return m.gutter("", gutter) + m.st.Metrics.Axis.Render(line)
}

func (m Model) sparkRow(label string, values []float64, top float64, gutter int,
	style lipgloss.Style) string {
	if math.IsNaN(highest(values)) {
		return m.gutter(label, gutter) + m.st.Faint.Render(model.UnknownText)
	}
	return m.gutter(label, gutter) + style.Render(sparkline(values, top))
}

// spikeRow marks the columns of error spikes: ▲ for the one e opens next,
// △ for the others.
func (m Model) spikeRow(gutter, width int, from, to time.Time) string {
	marks := []rune(strings.Repeat(" ", max(width, 0)))
	span := to.Sub(from)
	for i, s := range m.spikes {
		if width <= 0 || span <= 0 {
			break
		}
		c := int(s.Start.Sub(from) * time.Duration(width) / span)
		if c < 0 || c >= width {
			continue
		}
		if i == m.current {
			marks[c] = '▲'
		} else if marks[c] != '▲' {
			marks[c] = '△'
		}
	}
	return m.gutter("", gutter) + m.st.Metrics.ErrorRate.Render(string(marks))
}

// rangeRow lists the ranges, the current one bracketed, and the spike the
// e key opens.
func (m Model) rangeRow() string {
	parts := make([]string, 0, len(api.TimeRanges)+1)
	for _, r := range api.TimeRanges {
		if r == m.rng {
			parts = append(parts, m.st.Metrics.Range.Render("["+string(r)+"]"))
			continue
		}
		parts = append(parts, m.st.Metrics.Label.Render(string(r)))
	}
	row := strings.Join(parts, " ")
	if m.current >= 0 && m.current < len(m.spikes) {
		s := formatSpike(m.spikes[m.current], m.location(), rangeDuration(m.rng))
		row += m.st.Metrics.ErrorRate.Render("  e ▸ " + s)
	}
	return row
}

// gutter is a label right-aligned in the gutter, with a space after it.
func (m Model) gutter(label string, width int) string {
	if width <= 0 {
		return ""
	}
	label = theme.FitLine(label, width-1)
	pad := strings.Repeat(" ", width-1-lipgloss.Width(strings.TrimRight(label, " ")))
	return pad + m.st.Metrics.Axis.Render(strings.TrimRight(label, " ")) + " "
}

// location is where times are shown: now's location, UTC when now is unset.
func (m Model) location() *time.Location {
	if m.now.IsZero() {
		return time.UTC
	}
	return m.now.Location()
}

// centre pads s with spaces to sit in the middle of width cells.
func centre(s string, width int) string {
	pad := (width - lipgloss.Width(s)) / 2
	if pad <= 0 {
		return s
	}
	return strings.Repeat(" ", pad) + s
}
