package metrics

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	tslc "github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"

	"github.com/sinchtop/sinchtop/model"
)

// The response-time chart: Y labels labelWidth wide, the Y axis in the next
// column, then the plot. The sparklines below leave the same gutter, so
// every row shares one time axis.
const (
	labelWidth     = 5
	gutterWidth    = labelWidth + 1
	minChartWidth  = gutterWidth + 10
	minChartHeight = 3 // two rows of plot and the time axis, where spikes are marked
	labelledHeight = 4 // and the time labels under the axis
)

// The p95 is drawn in braille and the average in box-drawing lines, so the
// two read apart without colour; the legend in the gutter says which is
// which.
const (
	dataSetP95 = "p95"
	legendP95  = "⠤p95"
	legendAvg  = "─avg"
)

// responseChart draws average and p95 response time over [from, to] in
// width×height cells: Y labels and a legend left of the Y axis, the plot,
// the time axis with the spikes marked on it, and time labels under it
// when there is a row for them. It needs at least
// minChartWidth×minChartHeight cells.
func (m Model) responseChart(width, height int, from, to time.Time) []string {
	avg := chartPoints(m.series.AvgMs, from, to)
	p95 := chartPoints(m.series.P95Ms, from, to)
	top := chartTop(avg, p95)

	// ntcharts keeps a row for the time labels whenever it draws the time
	// axis: a chart without them is drawn with them, and the row cut off.
	chart := m.newResponseChart(width, max(height, labelledHeight), from, to, top)
	for _, p := range p95 {
		chart.PushDataSet(dataSetP95, p)
	}
	chart.DrawBrailleDataSets([]string{dataSetP95})
	m.drawAverage(&chart, avg)

	if !top.Known {
		m.drawNote(&chart)
	} else {
		m.drawLegend(&chart)
	}
	m.markSpikes(&chart, from, to)
	rows := strings.Split(chart.View(), "\n")
	return rows[:min(height, len(rows))]
}

// chartPoints returns the known buckets of s whose middle, where the chart
// puts them, lies in [from, to]. Only these reach ntcharts: it joins points
// dot by dot, so a bucket years away (a wide step from a hostile or broken
// answer) would cost millions of dots, and line runes outside the plot
// would overwrite its labels.
func chartPoints(s model.Series, from, to time.Time) []tslc.TimePoint {
	var points []tslc.TimePoint
	for _, p := range s.Points {
		at := p.At.Add(s.Step / 2)
		if p.Known && !at.Before(from) && !at.After(to) {
			points = append(points, tslc.TimePoint{Time: at, Value: p.Value})
		}
	}
	return points
}

// newResponseChart sets up an empty chart over [from, to] and 0..top with
// fixed ranges: ntcharts would otherwise start its time axis at time.Now()
// and stretch its ranges to fit each point.
func (m Model) newResponseChart(width, height int, from, to time.Time,
	top model.Figure) tslc.Model {
	span := to.Sub(from)
	loc := m.location()
	labelLen := max(len(formatAxisTime(from.In(loc), span)), len(formatAxisTime(to.In(loc), span)))
	xStep := max(labelLen+4, (width-gutterWidth)/4)

	return tslc.New(width, height,
		fixedRanges,
		tslc.WithTimeRange(from, to),
		tslc.WithYRange(0, max(top.Value, 1)),
		tslc.WithXYSteps(xStep, height-2), // Y labels at the bottom and top only
		tslc.WithXLabelFormatter(func(_ int, v float64) string {
			return formatAxisTime(time.Unix(int64(v), 0).In(loc), span)
		}),
		tslc.WithYLabelFormatter(func(i int, _ float64) string {
			return yLabel(i, top)
		}),
		tslc.WithAxesStyles(m.st.Metrics.Axis, m.st.Metrics.Axis),
		tslc.WithDataSetStyle(dataSetP95, m.st.Metrics.P95),
	)
}

// fixedRanges turns off ntcharts' stretching of its ranges to fit points
// outside them: a bucket just outside the window is drawn clipped instead.
func fixedRanges(c *tslc.Model) {
	c.AutoMinX, c.AutoMaxX, c.AutoMinY, c.AutoMaxY = false, false, false, false
}

// yLabel is the label of the chart's bottom (i 0) or top, right-aligned in
// labelWidth cells: a fixed width keeps the plot in line with the
// sparklines.
func yLabel(i int, top model.Figure) string {
	label := "0ms"
	if i > 0 {
		label = ""
		if top.Known {
			label = model.FormatMs(top)
		}
	}
	return fmt.Sprintf("%*.*s", labelWidth, labelWidth, label)
}

// drawAverage joins the average's points with box-drawing lines. The lines
// share the time and value scales of the braille p95, from the axes up.
func (m Model) drawAverage(chart *tslc.Model, avg []tslc.TimePoint) {
	points := make([]canvas.Float64Point, len(avg))
	for i, p := range avg {
		points[i] = canvas.Float64Point{X: float64(p.Time.Unix()), Y: p.Value}
	}

	style := m.st.Metrics.Average
	if len(points) == 1 {
		chart.DrawRuneWithStyle(points[0], runes.LineHorizontal, style)
	}
	for i := 1; i < len(points); i++ {
		chart.DrawLineWithStyle(points[i-1], points[i], runes.ArcLineStyle, style)
	}
}

// drawLegend names the two lines in the gutter under the top label, when
// the plot is tall enough to leave it room.
func (m Model) drawLegend(chart *tslc.Model) {
	if chart.GraphHeight() < 3 {
		return
	}
	pad := strings.Repeat(" ", labelWidth-len([]rune(legendP95)))
	chart.Canvas.SetStringWithStyle(canvas.Point{Y: 1}, pad+legendP95, m.st.Metrics.P95)
	chart.Canvas.SetStringWithStyle(canvas.Point{Y: 2}, pad+legendAvg, m.st.Metrics.Average)
}

// drawNote says in the middle of an empty plot why it is empty.
func (m Model) drawNote(chart *tslc.Model) {
	note := "no data in the last " + string(m.rng)
	if !m.loaded {
		note = model.UnknownText
	}
	width := chart.GraphWidth()
	x := chart.Origin().X + 1 + max(width-len([]rune(note)), 0)/2
	chart.Canvas.SetStringWithStyle(canvas.Point{X: x, Y: chart.GraphHeight() / 2}, note,
		m.st.Faint)
}

// markSpikes marks the spikes on the time axis (see spikeMarks).
func (m Model) markSpikes(chart *tslc.Model, from, to time.Time) {
	left := chart.Origin().X + 1
	for col, mark := range m.spikeMarks(chart.GraphWidth(), from, to) {
		if mark.r != 0 {
			chart.Canvas.SetCell(canvas.Point{X: left + col, Y: chart.Origin().Y},
				canvas.NewCellWithStyle(mark.r, mark.style))
		}
	}
}

// chartTop is the value the top of the chart stands for: the highest
// value rounded up to a round step; unknown when there is none.
func chartTop(series ...[]tslc.TimePoint) model.Figure {
	var top model.Figure
	for _, points := range series {
		for _, p := range points {
			if !top.Known || p.Value > top.Value {
				top = model.KnownFigure(p.Value)
			}
		}
	}
	if !top.Known {
		return top
	}
	return model.KnownFigure(niceCeil(top.Value))
}

// niceCeil rounds v up to a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten), so the top of an axis reads well.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	base := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if v <= f*base {
			return f * base
		}
	}
	return 10 * base
}
