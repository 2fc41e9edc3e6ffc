package sim

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
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

// BenchmarkBillingLateInMonth measures answering /billing/current for the
// demo project on the 19th of the month: first the first call of a fresh
// simulator, which sums 18 days of every function's traffic, then later
// calls with the clock a second on each time, as for a dashboard that keeps
// the bill on screen.
func BenchmarkBillingLateInMonth(b *testing.B) {
	start := time.Date(2026, 3, 19, 14, 30, 0, 0, time.UTC)
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			s := billingServer(b, clock.NewManual(start))
			serveBillingOnce(b, s)
			s.Close()
		}
	})
	b.Run("later", func(b *testing.B) {
		c := clock.NewManual(start)
		s := billingServer(b, c)
		defer s.Close()
		serveBillingOnce(b, s)
		for b.Loop() {
			c.Advance(time.Second)
			serveBillingOnce(b, s)
		}
	})
}

func billingServer(b *testing.B, c clock.Clock) *Server {
	cfg := DefaultConfig()
	cfg.Clock = c
	s, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func serveBillingOnce(b *testing.B, s *Server) {
	w := httptest.NewRecorder()
	s.serveBilling(w)
	if w.Code != http.StatusOK {
		b.Fatalf("billing answered %d", w.Code)
	}
}
