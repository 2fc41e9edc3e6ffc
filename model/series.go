package model

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// Figure is a number that may be unknown: the API left it out, sent a value
// that cannot be right, or there was nothing to measure. The zero Figure is
// unknown, so a figure nobody set reads as unknown.
type Figure struct {
	Value float64
	Known bool
}

// KnownFigure returns a known figure holding v.
func KnownFigure(v float64) Figure { return Figure{Value: v, Known: true} }

// SeriesKind names what a series measures.
type SeriesKind int

// The series a metrics answer holds.
const (
	SeriesRequests  SeriesKind = iota // requests per bucket
	SeriesErrorRate                   // errors per bucket, in percent
	SeriesAvgMs                       // average response time per bucket, in ms
	SeriesP95Ms                       // 95th percentile response time per bucket, in ms
)

// String returns the series' short name, as a chart's legend says it.
func (k SeriesKind) String() string {
	switch k {
	case SeriesRequests:
		return "requests"
	case SeriesErrorRate:
		return "errors"
	case SeriesAvgMs:
		return "avg"
	case SeriesP95Ms:
		return "p95"
	}
	return "unknown"
}

// Point is one bucket of a series. A bucket whose value the API did not give
// or gave out of range (a negative count, an error rate over 100 %) is kept
// with Known false, so a chart keeps its time axis whole.
type Point struct {
	At    time.Time
	Value float64
	Known bool
}

// Series is one chart line: buckets in time order, one per timestamp. A
// bucket at At covers [At, At+Step); the API does not say whether its
// timestamps open or close a bucket, and sinchtop reads them as openings.
type Series struct {
	Kind   SeriesKind
	Points []Point
	// Step is the bucket width, the median gap between timestamps; zero when
	// the series has fewer than two buckets.
	Step time.Duration
}

// Len returns the number of buckets.
func (s Series) Len() int { return len(s.Points) }

// Values returns the bucket values in time order, unknown ones as zero, the
// shape a sparkline takes.
func (s Series) Values() []float64 {
	values := make([]float64, len(s.Points))
	for i, p := range s.Points {
		if p.Known {
			values[i] = p.Value
		}
	}
	return values
}

// Latest returns the newest known value.
func (s Series) Latest() Figure {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if s.Points[i].Known {
			return KnownFigure(s.Points[i].Value)
		}
	}
	return Figure{}
}

// Sum returns the total of the known values, unknown when there is none.
func (s Series) Sum() Figure {
	var sum Figure
	for _, p := range s.Points {
		if p.Known {
			sum = KnownFigure(sum.Value + p.Value)
		}
	}
	return sum
}

// Max returns the highest known value, unknown when there is none.
func (s Series) Max() Figure {
	var highest Figure
	for _, p := range s.Points {
		if p.Known && (!highest.Known || p.Value > highest.Value) {
			highest = KnownFigure(p.Value)
		}
	}
	return highest
}

// Median returns the median of the known values, unknown when there is none.
func (s Series) Median() Figure {
	values := make([]float64, 0, len(s.Points))
	for _, p := range s.Points {
		if p.Known {
			values = append(values, p.Value)
		}
	}
	if len(values) == 0 {
		return Figure{}
	}

	slices.Sort(values)
	mid := len(values) / 2
	if len(values)%2 == 1 {
		return KnownFigure(values[mid])
	}
	return KnownFigure((values[mid-1] + values[mid]) / 2)
}

// Window returns the buckets that overlap [from, to]: a bucket at At counts
// when At <= to and At+Step > from (At >= from when Step is unknown).
func (s Series) Window(from, to time.Time) Series {
	out := Series{Kind: s.Kind, Step: s.Step}
	for _, p := range s.Points {
		if p.At.After(to) {
			continue
		}
		if p.At.Add(s.Step).After(from) || (s.Step == 0 && !p.At.Before(from)) {
			out.Points = append(out.Points, p)
		}
	}
	return out
}

// Summary is a metrics window's aggregate figures. When the window saw no
// request, the averages and the error rate are unknown rather than zero.
type Summary struct {
	Requests  int64
	AvgMs     Figure
	ErrorRate Figure // percent
	MemoryMB  Figure
	CPU       Figure // percent
}

// MetricSeries is a metrics answer made ready for charts: four series with
// timestamps and the summary.
type MetricSeries struct {
	Range     api.TimeRange
	Requests  Series
	ErrorRate Series
	AvgMs     Series
	P95Ms     Series
	Summary   Summary
}

// GlanceWindow is how far back the "p95 at a glance" looks.
const GlanceWindow = 5 * time.Minute

// NewMetricSeries converts a metrics answer. Buckets come out in time order
// with duplicates merged (the later one wins) and those without a timestamp
// dropped; values out of range become unknown.
func NewMetricSeries(m api.Metrics) MetricSeries {
	ms := MetricSeries{Range: m.TimeRange, Summary: newSummary(m.Summary)}

	requests := make([]Point, 0, len(m.RequestVolumeSeries))
	for _, v := range m.RequestVolumeSeries {
		requests = append(requests, newPoint(v.Timestamp, float64(v.TotalRequests), -1))
	}
	errorRates := make([]Point, 0, len(m.ErrorRateSeries))
	for _, v := range m.ErrorRateSeries {
		errorRates = append(errorRates, newPoint(v.Timestamp, v.ErrorRate, 100))
	}
	avg := make([]Point, 0, len(m.ResponseTimeSeries))
	p95 := make([]Point, 0, len(m.ResponseTimeSeries))
	for _, v := range m.ResponseTimeSeries {
		avg = append(avg, newPoint(v.Timestamp, v.AverageResponseTime, -1))
		p95 = append(p95, newPoint(v.Timestamp, v.P95ResponseTime, -1))
	}

	ms.Requests = newSeries(SeriesRequests, requests)
	ms.ErrorRate = newSeries(SeriesErrorRate, errorRates)
	ms.AvgMs = newSeries(SeriesAvgMs, avg)
	ms.P95Ms = newSeries(SeriesP95Ms, p95)
	return ms
}

// Empty reports whether the answer held no bucket at all.
func (m MetricSeries) Empty() bool {
	return m.Requests.Len()+m.ErrorRate.Len()+m.AvgMs.Len()+m.P95Ms.Len() == 0
}

// P95AtAGlance is the one latency figure the functions table shows: the
// highest p95 among the buckets that overlap the five minutes up to now.
//
// The highest rather than the newest bucket's, because the newest bucket is
// usually still filling and a short slow burst should stay in sight for a
// few minutes instead of flickering for one poll; and it needs no knowledge
// of where buckets end, which the API does not document. Unknown when no
// bucket falls in the window: an idle function has no latency to show.
func (m MetricSeries) P95AtAGlance(now time.Time) Figure {
	return m.P95Over(now, GlanceWindow)
}

// P95Over returns the highest p95 among the buckets that overlap the window
// ending at end; unknown when none does.
func (m MetricSeries) P95Over(end time.Time, window time.Duration) Figure {
	return m.P95Ms.Window(end.Add(-window), end).Max()
}

// ErrorRateOver returns the error rate of the window ending at end, in
// percent: each bucket weighted by its requests when every bucket's count is
// known, a plain mean otherwise. Unknown when no bucket falls in the window.
func (m MetricSeries) ErrorRateOver(end time.Time, window time.Duration) Figure {
	from := end.Add(-window)
	rates := m.ErrorRate.Window(from, end)
	counts := m.Requests.Window(from, end)

	weights := make(map[time.Time]float64, counts.Len())
	for _, p := range counts.Points {
		if p.Known {
			weights[p.At] = p.Value
		}
	}

	var plain, weighted, total float64
	var n int
	weightedOK := true
	for _, p := range rates.Points {
		if !p.Known {
			continue
		}
		n++
		plain += p.Value
		w, ok := weights[p.At]
		weightedOK = weightedOK && ok
		weighted += p.Value * w
		total += w
	}

	switch {
	case n == 0:
		return Figure{}
	case weightedOK && total > 0:
		return KnownFigure(weighted / total)
	case weightedOK:
		return KnownFigure(0) // buckets present, but no request in any
	}
	return KnownFigure(plain / float64(n))
}

func newSummary(s api.MetricsSummary) Summary {
	sum := Summary{Requests: max(s.TotalRequests, 0)}
	if sum.Requests == 0 {
		return sum
	}

	sum.AvgMs = rangedFigure(s.AvgResponseTime, -1)
	sum.ErrorRate = rangedFigure(s.ErrorRate, 100)
	sum.MemoryMB = rangedFigure(s.AvgMemory, -1)
	sum.CPU = rangedFigure(s.AvgCPUUsage, -1)
	return sum
}

// rangedFigure is v when 0 <= v and, with limit >= 0, v <= limit.
func rangedFigure(v, limit float64) Figure {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (limit >= 0 && v > limit) {
		return Figure{}
	}
	return KnownFigure(v)
}

func newPoint(at time.Time, v, limit float64) Point {
	f := rangedFigure(v, limit)
	return Point{At: at, Value: f.Value, Known: f.Known}
}

// newSeries sorts points by time, drops those without a timestamp, keeps the
// last of points sharing a timestamp and works out the bucket width.
func newSeries(kind SeriesKind, points []Point) Series {
	points = slices.DeleteFunc(points, func(p Point) bool { return p.At.IsZero() })
	slices.SortStableFunc(points, func(a, b Point) int { return a.At.Compare(b.At) })

	merged := points[:0]
	for _, p := range points {
		if n := len(merged); n > 0 && merged[n-1].At.Equal(p.At) {
			merged[n-1] = p
			continue
		}
		merged = append(merged, p)
	}
	return Series{Kind: kind, Points: merged, Step: medianGap(merged)}
}

func medianGap(points []Point) time.Duration {
	if len(points) < 2 {
		return 0
	}

	gaps := make([]time.Duration, 0, len(points)-1)
	for i := 1; i < len(points); i++ {
		gaps = append(gaps, points[i].At.Sub(points[i-1].At))
	}
	slices.SortFunc(gaps, cmp.Compare[time.Duration])
	return gaps[len(gaps)/2]
}
