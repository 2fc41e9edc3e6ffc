package sim

import (
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
)

// histBins covers execution times up to 2^17 ms in four bins per power of
// two.
const histBins = 18 * 4

// agg sums up the requests of a span of time.
type agg struct {
	n    [3][5]uint32 // by status class and highest console level
	lat  uint64       // sum of execution times, ms
	mem  uint64       // sum of memory, MB
	lm   uint64       // sum of execution time × memory, ms·MB
	hist [histBins]uint32
}

func histBin(ms int32) int {
	v := uint32(max(ms, 1))
	top := bits.Len32(v) - 1 // 2^top <= v
	sub := 0
	if top >= 2 {
		sub = int(v>>(top-2)) & 3
	} else {
		sub = int(v<<(2-top)) & 3
	}
	return min(top*4+sub, histBins-1)
}

// histEdges returns a bin's lower (inclusive) and upper (exclusive) edges,
// in ms.
func histEdges(bin int) (float64, float64) {
	top, sub := bin/4, bin%4
	return math.Ldexp(1+float64(sub)/4, top), math.Ldexp(1+float64(sub+1)/4, top)
}

func (a *agg) add(s summary) {
	a.n[s.class()][s.level]++
	a.lat += uint64(s.latency)
	a.mem += uint64(s.memory)
	a.lm += uint64(s.latency) * uint64(s.memory)
	a.hist[histBin(s.latency)]++
}

func (a *agg) merge(b *agg) {
	for c := range a.n {
		for l := range a.n[c] {
			a.n[c][l] += b.n[c][l]
		}
	}
	a.lat += b.lat
	a.mem += b.mem
	a.lm += b.lm
	for i := range a.hist {
		a.hist[i] += b.hist[i]
	}
}

// filter selects requests by status class and console level.
type filter struct {
	classes  uint8 // bit c selects status class c; 0 selects all
	minLevel uint8 // levelNone selects all
}

// selects reports whether status class c passes the filter.
func (fl filter) selects(c int) bool { return fl.classes == 0 || fl.classes&(1<<c) != 0 }

func (fl filter) match(s summary) bool {
	return fl.selects(s.class()) && s.level >= fl.minLevel
}

func (a *agg) count(fl filter) int64 {
	var n int64
	for c := range a.n {
		if !fl.selects(c) {
			continue
		}
		for l := int(fl.minLevel); l < len(a.n[c]); l++ {
			n += int64(a.n[c][l])
		}
	}
	return n
}

func (a *agg) total() int64 { return a.count(filter{}) }

func (a *agg) errors() int64 { return a.count(filter{classes: 1 << 2}) }

// p95 estimates the 95th percentile execution time, in ms, interpolating
// within the histogram bin that holds it.
func (a *agg) p95() float64 {
	total := a.total()
	if total == 0 {
		return 0
	}
	need := math.Ceil(0.95 * float64(total))
	seen := 0.0
	for i, c := range a.hist {
		if c == 0 || seen+float64(c) < need {
			seen += float64(c)
			continue
		}
		lo, hi := histEdges(i)
		return math.Round(lo + (hi-lo)*(need-seen)/float64(c))
	}
	_, hi := histEdges(histBins - 1)
	return hi
}

// span is a piece of a time range: a whole quarter hour, a whole minute or
// a part of one minute.
type span struct {
	lo, hi int64 // Unix ms
}

func (s span) quarter() bool { return s.hi-s.lo == quarterMs && s.lo%quarterMs == 0 }
func (s span) minute() bool  { return s.hi-s.lo == minuteMs && s.lo%minuteMs == 0 }

// spansOf cuts [lo, hi) into the fewest quarters, minutes and parts of
// minutes.
func spansOf(lo, hi int64) []span {
	var out []span
	for t := lo; t < hi; {
		switch {
		case t%quarterMs == 0 && t+quarterMs <= hi:
			out = append(out, span{t, t + quarterMs})
			t += quarterMs
		case t%minuteMs == 0 && t+minuteMs <= hi:
			out = append(out, span{t, t + minuteMs})
			t += minuteMs
		default:
			end := min(hi, (floorDiv(t, minuteMs)+1)*minuteMs)
			out = append(out, span{t, end})
			t = end
		}
	}
	return out
}

// minutesOf cuts a quarter into its minutes.
func minutesOf(q span) []span {
	out := make([]span, 0, 15)
	for t := q.lo; t < q.hi; t += minuteMs {
		out = append(out, span{t, t + minuteMs})
	}
	return out
}

// aggCache keeps the aggregates of whole UTC days, quarters and minutes.
// Callers only ask for spans that end before their view's time, whose
// requests can no longer change, so entries never go stale; they are dropped
// once they fall out of the retained history (days, quarters) or when the
// cache is full (minutes).
type aggCache struct {
	mu       sync.Mutex
	days     map[spanKey]*agg
	quarters map[spanKey]*agg
	minutes  map[spanKey]*agg
}

type spanKey struct {
	fn    int
	start int64
}

const (
	maxCachedMinutes  = 8192
	maxCachedQuarters = 16 * 31 * 24 * 4 // room for 31 days of 16 functions
	maxCachedDays     = 16 * 32          // the retained history of 16 functions
)

func newAggCache() *aggCache {
	return &aggCache{days: map[spanKey]*agg{}, quarters: map[spanKey]*agg{},
		minutes: map[spanKey]*agg{}}
}

func (c *aggCache) lookup(m map[spanKey]*agg, k spanKey) *agg {
	c.mu.Lock()
	defer c.mu.Unlock()
	return m[k]
}

func (c *aggCache) store(m map[spanKey]*agg, k spanKey, a *agg, limit int, horizon int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(m) >= limit {
		for old := range m {
			if old.start < horizon {
				delete(m, old)
			}
		}
	}
	if len(m) >= limit {
		clear(m)
	}
	m[k] = a
}

// spanAgg returns the aggregate of f's requests in sp, which must end at or
// before v's visible end.
func (g *generator) spanAgg(v *view, f *function, sp span) *agg {
	switch {
	case sp.quarter():
		k := spanKey{f.index, sp.lo}
		if a := g.cache.lookup(g.cache.quarters, k); a != nil {
			return a
		}
		a := &agg{}
		for _, m := range minutesOf(sp) {
			a.merge(g.leafAgg(v, f, m))
		}
		g.cache.store(g.cache.quarters, k, a, maxCachedQuarters, v.horizon())
		return a
	case sp.minute():
		k := spanKey{f.index, sp.lo}
		if a := g.cache.lookup(g.cache.minutes, k); a != nil {
			return a
		}
		a := g.leafAgg(v, f, sp)
		g.cache.store(g.cache.minutes, k, a, maxCachedMinutes, v.horizon())
		return a
	}
	return g.leafAgg(v, f, sp)
}

// leafAgg computes the aggregate of f's requests in sp (within one minute).
func (g *generator) leafAgg(v *view, f *function, sp span) *agg {
	a := &agg{}
	l := g.leafOf(v, f, sp.lo, sp.hi)
	l.each(g, func(k key, d *draws) {
		a.add(g.summarize(f, k, d))
	})
	return a
}

// dayAgg returns the aggregate of f's requests in the UTC day starting at
// lo, which must lie wholly in v's visible history.
func (g *generator) dayAgg(v *view, f *function, lo int64) *agg {
	k := spanKey{f.index, lo}
	if a := g.cache.lookup(g.cache.days, k); a != nil {
		return a
	}
	a := &agg{}
	g.addSpans(a, v, f, lo, lo+dayMs)
	g.cache.store(g.cache.days, k, a, maxCachedDays, v.horizon())
	return a
}

// rangeAgg sums f's requests in [lo, hi), clamped to v's visible history:
// whole UTC days from the day cache, the ends by quarters and minutes, so
// that a month to date costs a few dozen cached days and today.
func (g *generator) rangeAgg(v *view, f *function, lo, hi int64) *agg {
	lo, hi = max(lo, v.horizon()), min(hi, v.visibleEnd())
	dayLo, dayHi := wholeDays(lo, hi)

	a := &agg{}
	g.addSpans(a, v, f, lo, dayLo)
	for day := dayLo; day < dayHi; day += dayMs {
		a.merge(g.dayAgg(v, f, day))
	}
	g.addSpans(a, v, f, dayHi, hi)
	return a
}

// addSpans adds f's requests in [lo, hi) to a, by quarters and minutes.
func (g *generator) addSpans(a *agg, v *view, f *function, lo, hi int64) {
	for _, sp := range spansOf(lo, hi) {
		a.merge(g.spanAgg(v, f, sp))
	}
}

// wholeDays returns the whole UTC days inside [lo, hi) as [dayLo, dayHi),
// both hi when there is none.
func wholeDays(lo, hi int64) (int64, int64) {
	dayLo, dayHi := -floorDiv(-lo, dayMs)*dayMs, floorDiv(hi, dayMs)*dayMs
	if dayLo > dayHi {
		return hi, hi
	}
	return dayLo, dayHi
}

// warmDays fills the day cache with the whole UTC days in [lo, hi) of each
// of fns, on up to GOMAXPROCS goroutines. The first bill late in a month
// sums millions of requests, and days are independent of one another; once
// they are cached, this costs a lookup per day.
func (g *generator) warmDays(v *view, fns []*function, lo, hi int64) {
	lo, hi = max(lo, v.horizon()), min(hi, v.visibleEnd())
	dayLo, dayHi := wholeDays(lo, hi)
	days := int((dayHi - dayLo) / dayMs)
	tasks := days * len(fns)

	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), tasks) {
		wg.Go(func() {
			for t := int(next.Add(1) - 1); t < tasks; t = int(next.Add(1) - 1) {
				g.dayAgg(v, fns[t/days], dayLo+int64(t%days)*dayMs)
			}
		})
	}
	wg.Wait()
}
