package metrics

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// layout says which rows the pane draws at its size.
type layout struct {
	status bool
	chart  int // rows of the response-time chart, its time axis and labels
	spark  int // sparkline rows: 0, 1 (volume) or 2 (volume, error rate)
	spikes bool
	ranges bool
}

// View draws the pane in exactly its size: the drawing the last setter
// made, so that a frame costs nothing.
func (m Model) View() string {
	return m.drawn.view
}

// compose lays the pane out in exactly its size around the chart rows:
// the summary and the error above, the range row at the bottom.
func (m Model) compose(lay layout, charts []string) string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}

	rows := []string{m.summary()}
	if lay.status {
		rows = append(rows, m.st.Error.Render(m.errorText()))
	}
	rows = append(rows, charts...)
	if lay.ranges {
		for len(rows) < m.height-1 {
			rows = append(rows, "")
		}
		rows = append(rows, m.rangeRow())
	}
	return theme.FitBlock(strings.Join(rows, "\n"), m.width, m.height)
}

// layout hands rows out in order of worth: summary, error, range row,
// sparklines, then the chart takes what is left when that is at least
// minChartHeight rows and the pane minChartWidth wide (its time labels
// come with the row after); otherwise a row of spike marks does, the
// chart's time axis being where they go.
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
	if left >= minChartHeight && m.width >= minChartWidth {
		lay.chart = left
		return lay
	}
	lay.spikes = len(m.spikes) > 0 && lay.spark == 2 && take()
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
	p95 := m.series.P95Over(m.summaryEnd(), rangeDuration(m.rng))

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

// drawCharts draws the chart, the sparklines and the spike marks of lay,
// all on the chart window's time axis.
func (m Model) drawCharts(lay layout, from, to time.Time) []string {
	gutter := 0
	if m.width >= minChartWidth {
		gutter = gutterWidth
	}
	plotWidth := m.width - gutter

	var rows []string
	if lay.chart > 0 {
		rows = append(rows, m.responseChart(m.width, lay.chart, from, to)...)
	}
	if lay.spark >= 1 {
		volume := columns(m.series.Requests, from, to, plotWidth)
		rows = append(rows, m.sparkRow("req", volume, highest(volume), gutter,
			m.st.Metrics.Volume))
	}
	if lay.spark >= 2 {
		rates := columns(m.series.ErrorRate, from, to, plotWidth)
		rows = append(rows, m.sparkRow("err", rates, max(highest(rates), 1), gutter,
			m.st.Metrics.ErrorRate))
	}
	if lay.spikes {
		rows = append(rows, m.spikeRow(gutter, plotWidth, from, to))
	}
	return rows
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
