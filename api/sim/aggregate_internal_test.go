package sim

import (
	"testing"
	"time"
)

// TestRangeAggDaysMatchRequests sums a range of two whole days and two part
// days both ways: through the day, quarter and minute caches (cold, then
// cached, then warmed in parallel) and request by request. Every sum agrees.
func TestRangeAggDaysMatchRequests(t *testing.T) {
	now := time.Date(2026, 3, 19, 14, 30, 0, 0, time.UTC)
	p := newProject(7, now)
	g := newGenerator(7, p, true)
	v := view{now: now}
	f := p.lookup("otp-verifier")
	midnight := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC).UnixMilli()
	lo, hi := midnight-7*minuteMs-13_000, midnight+2*dayMs+3*60*minuteMs+17_000

	want := &agg{}
	for m := floorDiv(lo, minuteMs) * minuteMs; m < hi; m += minuteMs {
		want.merge(g.leafAgg(&v, f, span{max(m, lo), min(m+minuteMs, hi)}))
	}
	if want.total() < 10_000 {
		t.Fatalf("only %d requests in the range; pick a busier one", want.total())
	}

	if got := g.rangeAgg(&v, f, lo, hi); *got != *want {
		t.Fatalf("cold: %d requests, lm %d; want %d, lm %d", got.total(), got.lm,
			want.total(), want.lm)
	}
	if n := len(g.cache.days); n != 2 {
		t.Errorf("%d days cached, want the 2 whole days", n)
	}
	if got := g.rangeAgg(&v, f, lo, hi); *got != *want {
		t.Fatalf("cached: %d requests; want %d", got.total(), want.total())
	}

	g2 := newGenerator(7, p, true)
	g2.warmDays(&v, p.functions, lo, hi)
	if n := len(g2.cache.days); n != 2*len(p.functions) {
		t.Errorf("warming cached %d days, want 2 for each of %d functions", n, len(p.functions))
	}
	if got := g2.rangeAgg(&v, f, lo, hi); *got != *want {
		t.Fatalf("warmed: %d requests; want %d", got.total(), want.total())
	}
}

// TestWholeDays cuts ranges into whole UTC days.
func TestWholeDays(t *testing.T) {
	cases := []struct{ lo, hi, dayLo, dayHi int64 }{
		{0, dayMs, 0, dayMs},
		{1, 3 * dayMs, dayMs, 3 * dayMs},
		{1, 2*dayMs - 1, dayMs, dayMs},       // a midnight, no whole day
		{5, dayMs - 5, dayMs - 5, dayMs - 5}, // within one day
		{-dayMs - 1, 1, -dayMs, 0},           // before 1970
		{-2 * dayMs, -dayMs + 1, -2 * dayMs, -dayMs},
	}
	for _, c := range cases {
		if lo, hi := wholeDays(c.lo, c.hi); lo != c.dayLo || hi != c.dayHi {
			t.Errorf("wholeDays(%d, %d) = %d, %d; want %d, %d", c.lo, c.hi, lo, hi,
				c.dayLo, c.dayHi)
		}
	}
}
