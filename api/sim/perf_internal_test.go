package sim

import (
	"testing"
	"time"
)

// BenchmarkHourAggregate measures summing an hour of the busiest function's
// traffic request by request, the work behind every uncached aggregate.
func BenchmarkHourAggregate(b *testing.B) {
	start := time.Date(2026, 2, 19, 14, 30, 0, 0, time.UTC)
	p := newProject(7, start)
	g := newGenerator(7, p, true)
	v := view{now: start}
	f := p.functions[0]
	lo := start.Add(-48 * time.Hour).Truncate(time.Hour).UnixMilli()
	var n int64
	for i := 0; b.Loop(); i++ {
		a := &agg{}
		for m := int64(0); m < 60; m++ {
			t := lo + int64(i%24)*3600000 + m*minuteMs
			a.merge(g.leafAgg(&v, f, span{t, t + minuteMs}))
		}
		n += a.total()
	}
	b.ReportMetric(float64(n)/float64(b.N), "requests/op")
}
