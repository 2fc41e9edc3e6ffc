package metrics

import (
	"math"
	"time"

	"github.com/NimbleMarkets/ntcharts/sparkline"
	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/model"
)

// sparkRow is a label in the gutter, then values as one row of bars scaled
// to top, drawn by a fresh ntcharts sparkline: its maximum only grows and
// its buffer only appends, so one is never reused. A known value, zero
// included, shows at least the lowest bar; an unknown (NaN) column is
// blank.
func (m Model) sparkRow(label string, values []float64, top float64, gutter int,
	style lipgloss.Style) string {
	if len(values) == 0 || math.IsNaN(highest(values)) || top <= 0 {
		return m.gutter(label, gutter) + m.st.Faint.Render(model.UnknownText)
	}

	spark := sparkline.New(len(values), 1, sparkline.WithStyle(style),
		sparkline.WithMaxValue(top), sparkline.WithNoAutoMaxValue())
	lowest := top / 8 // an eighth of the row: the lowest bar
	for _, v := range values {
		if math.IsNaN(v) {
			spark.Push(0) // draws nothing
			continue
		}
		spark.Push(max(v, lowest))
	}
	spark.DrawColumnsOnly()
	return m.gutter(label, gutter) + spark.View()
}

// spikeMark is how one column of the time axis marks a spike.
type spikeMark struct {
	r     rune
	style lipgloss.Style
}

// spikeMarks places the spikes on width columns spanning [from, to), each at
// the middle of its window: ▲ for the one e opens next, △ for the others,
// in the colour of the series that spiked. Columns without a spike are
// zero.
func (m Model) spikeMarks(width int, from, to time.Time) []spikeMark {
	marks := make([]spikeMark, max(width, 0))
	span := to.Sub(from)
	if width <= 0 || span <= 0 {
		return marks
	}

	for i, s := range m.spikes {
		at := s.Start.Add(s.End.Sub(s.Start) / 2)
		if at.Before(from) || !at.Before(to) {
			continue
		}
		c := min(int(float64(at.Sub(from))/float64(span)*float64(width)), width-1)
		style := m.st.Metrics.ErrorRate
		if s.Kind == model.SeriesAvgMs || s.Kind == model.SeriesP95Ms {
			style = m.st.Metrics.P95
		}
		switch {
		case i == m.current:
			marks[c] = spikeMark{'▲', style}
		case marks[c].r != '▲':
			marks[c] = spikeMark{'△', style}
		}
	}
	return marks
}

// spikeRow marks the spikes on a row of their own, under the sparklines,
// when the pane is too small for the chart and its time axis.
func (m Model) spikeRow(gutter, width int, from, to time.Time) string {
	row := m.gutter("", gutter)
	for _, mark := range m.spikeMarks(width, from, to) {
		if mark.r == 0 {
			row += " "
			continue
		}
		row += mark.style.Render(string(mark.r))
	}
	return row
}
