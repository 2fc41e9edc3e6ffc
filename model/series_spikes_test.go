package model

import (
	"testing"
	"time"
)

func seriesOf(kind SeriesKind, values ...float64) Series {
	points := make([]Point, len(values))
	for i, v := range values {
		points[i] = Point{At: bucketAt(i), Value: v, Known: v >= 0}
	}
	return newSeries(kind, points)
}

func TestSpikes(t *testing.T) {
	rule := SpikeRule{Factor: 3, MinAbove: 2, MinBuckets: 6}
	tests := []struct {
		name   string
		series Series
		want   []Spike // Kind and Median are checked from the series
	}{
		{
			name:   "flat series has none",
			series: seriesOf(SeriesErrorRate, 1, 1, 1, 1, 1, 1, 1, 1),
		},
		{
			name:   "one spike of two buckets",
			series: seriesOf(SeriesErrorRate, 1, 1, 9, 12, 1, 1, 1, 1),
			want: []Spike{{Start: bucketAt(2), End: bucketAt(4), Peak: 12,
				PeakAt: bucketAt(3), Median: 1}},
		},
		{
			name:   "an unknown bucket splits a spike",
			series: seriesOf(SeriesErrorRate, 1, 1, 9, -1, 10, 1, 1, 1),
			want: []Spike{
				{Start: bucketAt(2), End: bucketAt(3), Peak: 9, PeakAt: bucketAt(2), Median: 1},
				{Start: bucketAt(4), End: bucketAt(5), Peak: 10, PeakAt: bucketAt(4), Median: 1},
			},
		},
		{
			name:   "quiet series: the floor keeps noise out",
			series: seriesOf(SeriesErrorRate, 0, 0, 0, 1.5, 0, 0, 0, 0),
		},
		{
			name:   "quiet series: a real jump from zero counts",
			series: seriesOf(SeriesErrorRate, 0, 0, 0, 5, 0, 0, 0, 0),
			want: []Spike{{Start: bucketAt(3), End: bucketAt(4), Peak: 5,
				PeakAt: bucketAt(3), Median: 0}},
		},
		{
			name:   "spike at the end stays open to the last bucket",
			series: seriesOf(SeriesErrorRate, 2, 2, 2, 2, 2, 2, 7),
			want: []Spike{{Start: bucketAt(6), End: bucketAt(7), Peak: 7,
				PeakAt: bucketAt(6), Median: 2}},
		},
		{
			name:   "too few buckets to judge",
			series: seriesOf(SeriesErrorRate, 1, 50, 1, -1, -1, -1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Spikes(tt.series, rule)
			if len(got) != len(tt.want) {
				t.Fatalf("spikes = %+v, want %+v", got, tt.want)
			}
			for i, w := range tt.want {
				w.Kind = tt.series.Kind
				g := got[i]
				if !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || !g.PeakAt.Equal(w.PeakAt) ||
					g.Peak != w.Peak || g.Median != w.Median || g.Kind != w.Kind {
					t.Errorf("spike %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestMetricSeriesSpikesMergesKindsInTimeOrder(t *testing.T) {
	rates := []float64{1, 1, 1, 1, 1, 1, 1, 20, 1, 1}
	p95 := []float64{200, 200, 3000, 200, 200, 200, 200, 200, 200, 200}
	ms := NewMetricSeries(metricsOf(nil, rates, p95))

	spikes := ms.Spikes()
	if len(spikes) != 2 {
		t.Fatalf("spikes = %+v, want one latency and one error spike", spikes)
	}
	if spikes[0].Kind != SeriesP95Ms || !spikes[0].Start.Equal(bucketAt(2)) {
		t.Errorf("first spike = %+v, want the p95 one at minute 2", spikes[0])
	}
	if spikes[1].Kind != SeriesErrorRate || !spikes[1].End.Equal(bucketAt(8)) {
		t.Errorf("second spike = %+v, want the error one ending at minute 8", spikes[1])
	}
	if spikes[1].End.Sub(spikes[1].Start) != time.Minute {
		t.Errorf("an error spike of one bucket should span the bucket's width")
	}
}

func TestDefaultSpikeRuleFloors(t *testing.T) {
	if r := DefaultSpikeRule(SeriesErrorRate); r.MinAbove != 2 || r.Factor != 3 {
		t.Errorf("error rule = %+v", r)
	}
	if r := DefaultSpikeRule(SeriesP95Ms); r.MinAbove != 250 {
		t.Errorf("p95 rule = %+v, want a 250 ms floor", r)
	}
}
