package sim

import (
	"math"
	"sort"
	"sync"
	"time"
)

const (
	minuteMs  = int64(time.Minute / time.Millisecond)
	quarterMs = 15 * minuteMs
	dayMs     = 24 * 60 * minuteMs
	retention = 30 * 24 * time.Hour
)

// Hash domains, so that counts, requests and firehose requests draw from
// unrelated sequences.
const (
	tagCount    = 0x636f756e74 << 24
	tagDay      = 0x646179 << 32
	tagFirehose = 0x66697265686f7365
)

// Console levels, ordered; levelNone is a request without console output.
const (
	levelNone uint8 = iota
	levelDebug
	levelInfo
	levelWarning
	levelError
)

var levelNames = [...]string{"", "Debug", "Info", "Warning", "Error"}

// key identifies one request of a function and orders requests: by start
// time, then base traffic before firehose traffic, then index in the minute.
// Request IDs encode the same three fields, so ID order agrees.
type key struct {
	ms  int64  // start time, Unix milliseconds
	src uint8  // 0 base traffic, 1 firehose
	k   uint32 // index within the minute (and source)
	seg int32  // firehose: segment index
	j   int64  // firehose: index within the segment
}

func (a key) less(b key) bool {
	if a.ms != b.ms {
		return a.ms < b.ms
	}
	if a.src != b.src {
		return a.src < b.src
	}
	return a.k < b.k
}

// segment is a stretch of time during which the firehose poured rate
// requests per second onto one function; requests j fall at
// from + floor(j*1000/rate) ms.
type segment struct {
	fn       int
	from, to int64 // Unix ms; to is math.MaxInt64 while the firehose runs
	rate     int64
}

// firstAt returns the index of the segment's first request at or after ms.
func (s segment) firstAt(ms int64) int64 {
	if ms <= s.from {
		return 0
	}
	return ((ms-s.from)*s.rate + 999) / 1000
}

func (s segment) at(j int64) int64 { return s.from + j*1000/s.rate }

// view is a consistent snapshot: the time of a query and the firehose
// segments known then. A segment always starts at or after the moment it
// was added, so spans that end before a view's time never change.
type view struct {
	now  time.Time
	segs []segment
}

// visibleEnd is the exclusive bound, in ms, of the visible requests.
func (v view) visibleEnd() int64 { return ceilMs(v.now) }

// horizon is the inclusive bound, in ms, of the retained history.
func (v view) horizon() int64 { return ceilMs(v.now.Add(-retention)) }

func ceilMs(t time.Time) int64 {
	ns := t.UnixNano()
	ms := floorDiv(ns, int64(time.Millisecond))
	if ms*int64(time.Millisecond) != ns {
		ms++
	}
	return ms
}

// generator derives every function's traffic from the seed.
type generator struct {
	seed      uint64
	project   *project
	incidents bool
	cache     *aggCache
	spread    []float64 // see newSpread

	mu   sync.Mutex
	segs []segment
}

func newGenerator(seed int64, p *project, incidents bool) *generator {
	return &generator{seed: uint64(seed), project: p, incidents: incidents,
		cache: newAggCache(), spread: newSpread()}
}

// snapshot returns a view at the clock's current time.
func (g *generator) snapshot(now func() time.Time) view {
	g.mu.Lock()
	defer g.mu.Unlock()
	return view{now: now(), segs: g.segs}
}

// setFirehose ends the running firehose (if any) and starts one on fn at
// rate (none if fn is nil), both at the time now returns.
func (g *generator) setFirehose(fn *function, rate int64, now func() time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()

	at := ceilMs(now())
	segs := append([]segment(nil), g.segs...)
	if n := len(segs); n > 0 && segs[n-1].to == math.MaxInt64 {
		last := segs[n-1]
		if fn != nil && last.fn == fn.index && last.rate == rate {
			return
		}
		segs[n-1].to = at
		if segs[n-1].to <= last.from {
			segs = segs[:n-1]
		}
	}
	if fn != nil && rate > 0 {
		segs = append(segs, segment{fn: fn.index, from: at, to: math.MaxInt64, rate: rate})
	}
	g.segs = pruneSegments(segs, at-int64(retention/time.Millisecond))
	// g.segs is replaced, never changed in place: views keep their copy.
}

// pruneSegments drops segments that ended before the retained history.
func pruneSegments(segs []segment, horizon int64) []segment {
	kept := segs[:0]
	for _, s := range segs {
		if s.to > horizon {
			kept = append(kept, s)
		}
	}
	return kept
}

// lambda is a function's expected arrivals in minute m: its peak rate
// shaped by the hour of day, the day of the week and a daily wobble.
func (g *generator) lambda(f *function, m int64) float64 {
	hour := float64(((m%1440)+1440)%1440) / 60
	x := (1 + math.Cos(2*math.Pi*(hour-f.peakHour)/24)) / 2
	shape := 0.2 + 0.8*x*x

	day := floorDiv(m, 1440)
	weekday := ((day+4)%7 + 7) % 7 // 0 is Sunday: 1970-01-01 was a Thursday
	if weekday == 0 || weekday == 6 {
		shape *= 0.55
	}
	d := draws{state: hash4(g.seed, uint64(f.index)|tagDay, uint64(day), 0)}
	return f.peakPerMin * shape * (0.9 + 0.2*d.unit())
}

// arrivals is the number of base requests a function receives in minute m.
func (g *generator) arrivals(f *function, m int64) int {
	d := draws{state: hash4(g.seed, uint64(f.index)|tagCount, uint64(m), 0)}
	u := d.unit()
	return poisson(g.lambda(f, m), u, &d)
}

// baseMs is the start of base request k of n in minute m: the minute is
// split into n strata and each request falls somewhere in its own, which
// keeps start times in index order.
func (g *generator) baseMs(f *function, m int64, k, n int) int64 {
	rk, _ := g.baseRequest(f, m, k, n)
	return rk.ms
}

// baseRequest is baseMs's key together with the request's draws, positioned
// as requestDraws leaves them.
func (g *generator) baseRequest(f *function, m int64, k, n int) (key, draws) {
	d := draws{state: hash4(g.seed, uint64(f.index), uint64(m), uint64(k))}
	ms := m*minuteMs + int64((float64(k)+d.unit())*float64(minuteMs)/float64(n))
	return key{ms: ms, k: uint32(k)}, d
}

// requestDraws returns the draws that shape the request at k, positioned
// after the draw that placed a base request in its minute.
func (g *generator) requestDraws(f *function, k key) draws {
	if k.src == 0 {
		m := floorDiv(k.ms, minuteMs)
		d := draws{state: hash4(g.seed, uint64(f.index), uint64(m), uint64(k.k))}
		d.next()
		return d
	}
	return draws{state: hash4(g.seed^tagFirehose, uint64(f.index), uint64(k.seg), uint64(k.j))}
}

// leaf is the requests of one function within [lo, hi), a range inside a
// single minute: a run of base requests and runs of firehose requests.
type leaf struct {
	f      *function
	minute int64
	n      int // base requests in the whole minute
	kLo    int // base requests [kLo, kHi) fall in the range
	kHi    int
	fires  []fireRun
}

type fireRun struct {
	seg    int32
	s      segment
	jLo    int64 // requests [jLo, jHi) fall in the range
	jHi    int64
	jFirst int64 // the segment's first request in the minute
}

// leafOf gathers the requests of f in [lo, hi), which must lie in one minute.
func (g *generator) leafOf(v *view, f *function, lo, hi int64) leaf {
	m := floorDiv(lo, minuteMs)
	l := leaf{f: f, minute: m}

	activeLo, activeHi := f.createdAt.UnixMilli(), int64(math.MaxInt64)
	if !f.endedAt.IsZero() {
		activeHi = f.endedAt.UnixMilli()
	}
	blo, bhi := max(lo, activeLo), min(hi, activeHi)
	if blo < bhi {
		l.n = g.arrivals(f, m)
		l.kLo = sort.Search(l.n, func(k int) bool { return g.baseMs(f, m, k, l.n) >= blo })
		l.kHi = sort.Search(l.n, func(k int) bool { return g.baseMs(f, m, k, l.n) >= bhi })
	}

	for i, s := range v.segs {
		if s.fn != f.index || s.to <= lo || s.from >= hi {
			continue
		}
		run := fireRun{seg: int32(i), s: s, jFirst: s.firstAt(m * minuteMs)}
		run.jLo = s.firstAt(lo)
		run.jHi = s.firstAt(min(hi, s.to))
		if run.jLo < run.jHi {
			l.fires = append(l.fires, run)
		}
	}
	return l
}

func (l *leaf) baseKey(g *generator, k int) key {
	rk, _ := g.baseRequest(l.f, l.minute, k, l.n)
	return rk
}

func (r fireRun) key(j int64) key {
	return key{ms: r.s.at(j), src: 1, k: uint32(j - r.jFirst), seg: r.seg, j: j}
}

// each calls fn for every request of the leaf, with its draws, in no
// particular order. The draws are valid only during the call: one value
// serves every request, as a value per request would be allocated for each.
func (l *leaf) each(g *generator, fn func(key, *draws)) {
	var d draws
	for k := l.kLo; k < l.kHi; k++ {
		var rk key
		rk, d = g.baseRequest(l.f, l.minute, k, l.n)
		fn(rk, &d)
	}
	for _, r := range l.fires {
		for j := r.jLo; j < r.jHi; j++ {
			rk := r.key(j)
			d = g.requestDraws(l.f, rk)
			fn(rk, &d)
		}
	}
}

// walk calls fn for the leaf's requests in order (descending if desc) until
// fn returns false; it reports whether it went through all of them. Base
// and firehose requests are merged lazily, one key at a time.
func (l *leaf) walk(g *generator, desc bool, fn func(key) bool) bool {
	b := newBaseIter(g, l, desc)
	fi := newFireIter(l.fires, desc)
	for b.ok || fi.ok {
		takeBase := !fi.ok || (b.ok && b.cur.less(fi.cur) != desc)
		var k key
		if takeBase {
			k = b.cur
			b.advance()
		} else {
			k = fi.cur
			fi.advance()
		}
		if !fn(k) {
			return false
		}
	}
	return true
}

// baseIter steps through a leaf's base requests.
type baseIter struct {
	g    *generator
	l    *leaf
	k    int
	step int
	cur  key
	ok   bool
}

func newBaseIter(g *generator, l *leaf, desc bool) *baseIter {
	b := &baseIter{g: g, l: l, k: l.kLo, step: 1}
	if desc {
		b.k, b.step = l.kHi-1, -1
	}
	b.load()
	return b
}

func (b *baseIter) load() {
	b.ok = b.k >= b.l.kLo && b.k < b.l.kHi
	if b.ok {
		b.cur = b.l.baseKey(b.g, b.k)
	}
}

func (b *baseIter) advance() {
	b.k += b.step
	b.load()
}

// fireIter steps through a leaf's firehose requests, run after run.
type fireIter struct {
	runs []fireRun
	desc bool
	ri   int
	j    int64
	cur  key
	ok   bool
}

func newFireIter(runs []fireRun, desc bool) *fireIter {
	fi := &fireIter{runs: runs, desc: desc, ri: -1}
	if desc {
		fi.ri = len(runs)
	}
	fi.nextRun()
	return fi
}

// nextRun moves to the first request of the next run in walking order.
func (fi *fireIter) nextRun() {
	if fi.desc {
		fi.ri--
	} else {
		fi.ri++
	}
	fi.ok = fi.ri >= 0 && fi.ri < len(fi.runs)
	if !fi.ok {
		return
	}
	r := fi.runs[fi.ri]
	fi.j = r.jLo
	if fi.desc {
		fi.j = r.jHi - 1
	}
	fi.cur = r.key(fi.j)
}

func (fi *fireIter) advance() {
	r := fi.runs[fi.ri]
	if fi.desc {
		fi.j--
	} else {
		fi.j++
	}
	if fi.j < r.jLo || fi.j >= r.jHi {
		fi.nextRun()
		return
	}
	fi.cur = r.key(fi.j)
}
