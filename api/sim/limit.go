package sim

import (
	"sync"
	"time"
)

// The documented limits per project.
const (
	readLimit  = 100 // list, status, metrics, billing, costs per window
	logsLimit  = 200 // historical logs per window
	maxStreams = 5   // streams open at once
	window     = 60 * time.Second

	streamRetryAfter = 5 // seconds suggested to a refused stream
)

// GroupCounters describes one rate limit group since the simulator started.
type GroupCounters struct {
	Served  int // requests admitted (whatever their answer)
	Limited int // requests refused with 429
	Failed  int // admitted requests answered with an injected 5xx
	Peak    int // the most admitted requests in any 60 s window
}

// StreamCounters describes the log streams since the simulator started.
type StreamCounters struct {
	Open    int // streams open now
	Peak    int // the most streams open at once
	Refused int // streams refused with 429
	Failed  int // streams refused with an injected 5xx
	Total   int // streams opened
}

// Counters is a snapshot of what the rate limits have seen, and of the
// requests to functions' own URLs, which count toward no limit.
type Counters struct {
	Read    GroupCounters // list, status, metrics, billing, costs
	Logs    GroupCounters // historical logs
	Streams StreamCounters
	// Invocations are requests to a known function's own host on the
	// simulator (fn-<functionID>.localhost), whatever their answer.
	Invocations int
}

// slidingWindow admits at most limit requests in any window: it keeps the
// times of the admitted requests still inside it, oldest first, in a ring.
type slidingWindow struct {
	limit    int
	times    []time.Time
	head, n  int
	counters GroupCounters
}

func newWindow(limit int) *slidingWindow {
	return &slidingWindow{limit: limit, times: make([]time.Time, limit)}
}

// admit records a request at now if the window has room; otherwise it
// returns how long until the oldest counted request leaves the window.
func (w *slidingWindow) admit(now time.Time) (bool, time.Duration) {
	for w.n > 0 && !now.Before(w.times[w.head].Add(window)) {
		w.head = (w.head + 1) % w.limit
		w.n--
	}
	if w.n == w.limit {
		w.counters.Limited++
		return false, w.times[w.head].Add(window).Sub(now)
	}
	w.times[(w.head+w.n)%w.limit] = now
	w.n++
	w.counters.Served++
	w.counters.Peak = max(w.counters.Peak, w.n)
	return true, 0
}

// limits holds the project's windows and stream slots.
type limits struct {
	mu      sync.Mutex
	read    *slidingWindow
	logs    *slidingWindow
	streams StreamCounters

	invocations int
}

func newLimits() *limits {
	return &limits{read: newWindow(readLimit), logs: newWindow(logsLimit)}
}

func (l *limits) admit(group string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.group(group).admit(now)
}

func (l *limits) group(name string) *slidingWindow {
	if name == groupLogs {
		return l.logs
	}
	return l.read
}

func (l *limits) failed(group string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.group(group).counters.Failed++
}

// openStream takes a stream slot if one is free.
func (l *limits) openStream() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.streams.Open >= maxStreams {
		l.streams.Refused++
		return false
	}
	l.streams.Open++
	l.streams.Total++
	l.streams.Peak = max(l.streams.Peak, l.streams.Open)
	return true
}

func (l *limits) closeStream() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.streams.Open--
}

func (l *limits) streamFailed() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.streams.Failed++
}

// invoked counts a request to a function's own URL.
func (l *limits) invoked() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.invocations++
}

// Counters returns what the rate limits have seen so far.
func (s *Server) Counters() Counters {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	return Counters{
		Read:    s.limits.read.counters,
		Logs:    s.limits.logs.counters,
		Streams: s.limits.streams,

		Invocations: s.limits.invocations,
	}
}
