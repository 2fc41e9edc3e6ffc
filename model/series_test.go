package model

import (
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

var metricsEpoch = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

func bucketAt(n int) time.Time { return metricsEpoch.Add(time.Duration(n) * time.Minute) }

// metricsOf builds a metrics answer of one-minute buckets from parallel
// slices; a negative value stands for an out-of-range one.
func metricsOf(requests []int64, errorRates, p95 []float64) api.Metrics {
	m := api.Metrics{TimeRange: api.Range1h}
	for i, n := range requests {
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: bucketAt(i), TotalRequests: n})
	}
	for i, r := range errorRates {
		m.ErrorRateSeries = append(m.ErrorRateSeries,
			api.ErrorRatePoint{Timestamp: bucketAt(i), ErrorRate: r})
	}
	for i, v := range p95 {
		m.ResponseTimeSeries = append(m.ResponseTimeSeries,
			api.ResponseTimePoint{Timestamp: bucketAt(i), AverageResponseTime: v / 2,
				P95ResponseTime: v})
	}
	return m
}

func TestNewMetricSeriesOrdersMergesAndMarksUnknown(t *testing.T) {
	m := api.Metrics{
		TimeRange: api.Range1h,
		RequestVolumeSeries: []api.VolumePoint{
			{Timestamp: bucketAt(2), TotalRequests: 30},
			{Timestamp: bucketAt(0), TotalRequests: 10},
			{Timestamp: time.Time{}, TotalRequests: 99}, // no timestamp: dropped
			{Timestamp: bucketAt(1), TotalRequests: -5}, // impossible: unknown
			{Timestamp: bucketAt(2), TotalRequests: 31}, // repeat: the later wins
		},
		ErrorRateSeries: []api.ErrorRatePoint{
			{Timestamp: bucketAt(0), ErrorRate: 1.5},
			{Timestamp: bucketAt(1), ErrorRate: 140}, // over 100 %: unknown
		},
	}

	ms := NewMetricSeries(m)

	want := []Point{
		{At: bucketAt(0), Value: 10, Known: true},
		{At: bucketAt(1)},
		{At: bucketAt(2), Value: 31, Known: true},
	}
	if len(ms.Requests.Points) != len(want) {
		t.Fatalf("requests = %+v, want %+v", ms.Requests.Points, want)
	}
	for i, p := range want {
		got := ms.Requests.Points[i]
		if !got.At.Equal(p.At) || got.Value != p.Value || got.Known != p.Known {
			t.Errorf("requests[%d] = %+v, want %+v", i, got, p)
		}
	}
	if ms.Requests.Step != time.Minute {
		t.Errorf("step = %s, want 1m", ms.Requests.Step)
	}
	if got := ms.Requests.Values(); got[1] != 0 || got[2] != 31 {
		t.Errorf("values = %v, want unknown as 0", got)
	}
	if ms.ErrorRate.Points[1].Known {
		t.Errorf("an error rate of 140%% should be unknown")
	}
	if ms.P95Ms.Len() != 0 || ms.Empty() {
		t.Errorf("p95 len %d, empty %v: want no p95 buckets but not empty",
			ms.P95Ms.Len(), ms.Empty())
	}
}

func TestNewMetricSeriesSummary(t *testing.T) {
	tests := []struct {
		name    string
		summary api.MetricsSummary
		want    Summary
	}{
		{
			name:    "no requests leaves the averages unknown",
			summary: api.MetricsSummary{AvgResponseTime: 0, ErrorRate: 0},
			want:    Summary{},
		},
		{
			name: "figures known",
			summary: api.MetricsSummary{TotalRequests: 1000, AvgResponseTime: 120.5,
				ErrorRate: 2.3, AvgMemory: 64.2, AvgCPUUsage: 45.1},
			want: Summary{Requests: 1000, AvgMs: KnownFigure(120.5), ErrorRate: KnownFigure(2.3),
				MemoryMB: KnownFigure(64.2), CPU: KnownFigure(45.1)},
		},
		{
			name:    "impossible figures are unknown",
			summary: api.MetricsSummary{TotalRequests: 5, AvgResponseTime: -1, ErrorRate: 101},
			want:    Summary{Requests: 5, MemoryMB: KnownFigure(0), CPU: KnownFigure(0)},
		},
		{
			name:    "a negative count is no count",
			summary: api.MetricsSummary{TotalRequests: -3, ErrorRate: 50},
			want:    Summary{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewMetricSeries(api.Metrics{Summary: tt.summary}).Summary
			if got != tt.want {
				t.Errorf("summary = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEmptyMetrics(t *testing.T) {
	ms := NewMetricSeries(api.Metrics{})
	if !ms.Empty() {
		t.Error("no buckets should be empty")
	}
	if f := ms.P95AtAGlance(metricsEpoch); f.Known {
		t.Errorf("p95 at a glance of nothing = %+v, want unknown", f)
	}
	if f := ms.ErrorRateOver(metricsEpoch, time.Hour); f.Known {
		t.Errorf("error rate of nothing = %+v, want unknown", f)
	}
	if f := ms.Requests.Median(); f.Known {
		t.Errorf("median of nothing = %+v, want unknown", f)
	}
	if f := ms.Requests.Sum(); f.Known {
		t.Errorf("sum of nothing = %+v, want unknown", f)
	}
	if f := ms.Requests.Latest(); f.Known {
		t.Errorf("latest of nothing = %+v, want unknown", f)
	}
	if spikes := ms.Spikes(); len(spikes) != 0 {
		t.Errorf("spikes of nothing = %v", spikes)
	}
}

func TestSeriesFigures(t *testing.T) {
	s := newSeries(SeriesRequests, []Point{
		{At: bucketAt(0), Value: 4, Known: true},
		{At: bucketAt(1), Value: 1, Known: true},
		{At: bucketAt(2)},
		{At: bucketAt(3), Value: 3, Known: true},
		{At: bucketAt(4), Value: 2, Known: true},
	})
	if f := s.Median(); f != KnownFigure(2.5) {
		t.Errorf("median = %+v, want 2.5 over the known values", f)
	}
	if f := s.Sum(); f != KnownFigure(10) {
		t.Errorf("sum = %+v, want 10", f)
	}
	if f := s.Max(); f != KnownFigure(4) {
		t.Errorf("max = %+v, want 4", f)
	}
	if f := s.Latest(); f != KnownFigure(2) {
		t.Errorf("latest = %+v, want 2", f)
	}
	if w := s.Window(bucketAt(1).Add(30*time.Second), bucketAt(3)); w.Len() != 3 {
		t.Errorf("window 1:30..3:00 holds %d buckets, want 3 (those at 1, 2 and 3)", w.Len())
	}
}

func TestP95AtAGlanceTakesTheHighestOfTheLastFiveMinutes(t *testing.T) {
	p95 := []float64{900, 100, 120, 400, 110, 105, 130, 115, 90}
	ms := NewMetricSeries(metricsOf(nil, nil, p95))

	tests := []struct {
		name string
		now  time.Time
		want Figure
	}{
		{"spike inside the window", bucketAt(8).Add(30 * time.Second), KnownFigure(400)},
		{"spike aged out", bucketAt(10), KnownFigure(130)},
		{"idle for longer than the window", bucketAt(20), Figure{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ms.P95AtAGlance(tt.now); got != tt.want {
				t.Errorf("p95 at %s = %+v, want %+v", tt.now.Format("15:04:05"), got, tt.want)
			}
		})
	}
}

func TestErrorRateOver(t *testing.T) {
	tests := []struct {
		name     string
		requests []int64
		rates    []float64
		want     Figure
	}{
		{
			name:     "weighted by requests",
			requests: []int64{1000, 10, 90},
			rates:    []float64{0, 50, 10},
			want:     KnownFigure((0*1000 + 50*10 + 10*90) / 1100.0),
		},
		{
			name:  "plain mean without counts",
			rates: []float64{0, 50, 10},
			want:  KnownFigure(20),
		},
		{
			name:     "no request at all",
			requests: []int64{0, 0, 0},
			rates:    []float64{0, 0, 0},
			want:     KnownFigure(0),
		},
		{
			name:     "unknown buckets ignored",
			requests: []int64{10, 10, 10},
			rates:    []float64{10, -1, 30},
			want:     KnownFigure(20),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := NewMetricSeries(metricsOf(tt.requests, tt.rates, nil))
			got := ms.ErrorRateOver(bucketAt(2).Add(30*time.Second), 5*time.Minute)
			if got.Known != tt.want.Known || !near(got.Value, tt.want.Value) {
				t.Errorf("error rate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestErrorRateOverOnlyCountsTheWindow(t *testing.T) {
	rates := []float64{90, 90, 90, 90, 90, 0, 0, 0, 0, 0}
	ms := NewMetricSeries(metricsOf(nil, rates, nil))

	end := bucketAt(9).Add(30 * time.Second)
	if got := ms.ErrorRateOver(end, 4*time.Minute); got != KnownFigure(0) {
		t.Errorf("last 4 minutes = %+v, want 0: the errors are older", got)
	}
	if got := ms.ErrorRateOver(end, 10*time.Minute); got != KnownFigure(45) {
		t.Errorf("last 10 minutes = %+v, want 45", got)
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}
