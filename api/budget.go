package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// Group is a rate-limit group of the API: calls of one group share a limit.
type Group string

// The API's limit groups. Streams are limited by count, not by a group.
const (
	// GroupRead holds the list, status, metrics, billing and costs calls.
	GroupRead Group = "read"
	// GroupLogs holds the historical logs calls.
	GroupLogs Group = "logs"
)

// Priority orders calls that wait for room in the budget.
type Priority int

// The priorities. Interactive is the default of every context.
const (
	// Interactive is a call a user asked for: it may use the whole window
	// and goes first.
	Interactive Priority = iota
	// Background is a periodic refresh: it leaves headroom in each window
	// for interactive calls and waits behind them.
	Background
)

// String names the priority.
func (p Priority) String() string {
	if p == Background {
		return "background"
	}
	return "interactive"
}

type priorityKey struct{}

// WithPriority returns a context whose calls wait in the budget at p.
func WithPriority(ctx context.Context, p Priority) context.Context {
	return context.WithValue(ctx, priorityKey{}, p)
}

// PriorityFrom returns the priority set on ctx, Interactive when none is.
func PriorityFrom(ctx context.Context) Priority {
	if p, ok := ctx.Value(priorityKey{}).(Priority); ok {
		return p
	}
	return Interactive
}

// Limits are the API's documented limits, per project.
type Limits struct {
	// Window is the length of the sliding window (60 s).
	Window time.Duration
	// Read and Logs are the calls allowed per window in each group.
	Read, Logs int
	// Streams is how many streams may be open at once.
	Streams int
	// Slack is how long past the window a call is still counted, to cover
	// the server's view of the window edges.
	Slack time.Duration
	// MaxWaiters bounds the calls waiting in one group; more are refused.
	MaxWaiters int
}

// DefaultLimits returns the documented limits of the operations API.
func DefaultLimits() Limits {
	return Limits{
		Window:     60 * time.Second,
		Read:       100,
		Logs:       200,
		Streams:    5,
		Slack:      500 * time.Millisecond,
		MaxWaiters: 1000,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Window <= 0 {
		l.Window = d.Window
	}
	if l.Read <= 0 {
		l.Read = d.Read
	}
	if l.Logs <= 0 {
		l.Logs = d.Logs
	}
	if l.Streams <= 0 {
		l.Streams = d.Streams
	}
	if l.Slack < 0 {
		l.Slack = 0
	}
	if l.MaxWaiters <= 0 {
		l.MaxWaiters = d.MaxWaiters
	}
	return l
}

// Budget keeps every call of one project under the API's limits. Calls wait
// for room instead of running into a 429; background calls leave a fifth of
// each window to interactive ones. One Budget serves all clients of a
// project and is safe for concurrent use.
type Budget struct {
	clock  clock.Clock
	limits Limits

	mu      sync.Mutex
	read    *group
	logs    *group
	streams int
}

// group is the state of one limit group.
type group struct {
	name        Group
	limit       int
	reserve     int
	sent        []time.Time // when counted calls finished, oldest first
	inflight    int
	pausedUntil time.Time
	waiters     []*waiter     // in arrival order
	changed     chan struct{} // closed and replaced when a call ends or a pause starts
}

// waiter is one call waiting for room; ready closes when it is granted.
type waiter struct {
	priority Priority
	ready    chan struct{}
	granted  bool
}

// NewBudget returns a budget on clk with the given limits; zero fields of
// limits take the documented values.
func NewBudget(clk clock.Clock, limits Limits) *Budget {
	if clk == nil {
		clk = clock.Real{}
	}
	limits = limits.withDefaults()
	return &Budget{
		clock:  clk,
		limits: limits,
		read:   newGroup(GroupRead, limits.Read),
		logs:   newGroup(GroupLogs, limits.Logs),
	}
}

func newGroup(name Group, limit int) *group {
	return &group{name: name, limit: limit, reserve: limit / 5, changed: make(chan struct{})}
}

// notify wakes the waiters so that they look at the group again.
func (g *group) notify() {
	close(g.changed)
	g.changed = make(chan struct{})
}

// group returns the state of g, or nil for an unknown group.
func (b *Budget) group(g Group) *group {
	switch g {
	case GroupRead:
		return b.read
	case GroupLogs:
		return b.logs
	}
	return nil
}

// Acquire waits until a call of group g may be sent at the priority of ctx,
// and counts it. The caller must call done once the answer has arrived: the
// call then counts for one window from that moment. Acquire returns an error
// when ctx ends first or when too many calls already wait.
func (b *Budget) Acquire(ctx context.Context, g Group) (done func(), err error) {
	priority := PriorityFrom(ctx)

	b.mu.Lock()
	grp := b.group(g)
	if grp == nil {
		b.mu.Unlock()
		return nil, fmt.Errorf("api: budget: unknown group %q", g)
	}
	if err := ctx.Err(); err != nil {
		b.mu.Unlock()
		return nil, err
	}
	now := b.clock.Now()
	if !grp.queuedAhead(priority) && grp.canGrant(priority, now, b.limits) {
		grp.inflight++
		b.mu.Unlock()
		return b.doneFunc(grp), nil
	}
	if len(grp.waiters) >= b.limits.MaxWaiters {
		b.mu.Unlock()
		return nil, fmt.Errorf("api: budget: %d calls already wait in group %s: %w",
			len(grp.waiters), g, ErrRateLimited)
	}
	w := &waiter{priority: priority, ready: make(chan struct{})}
	grp.waiters = append(grp.waiters, w)
	b.mu.Unlock()

	if err := b.wait(ctx, grp, w); err != nil {
		return nil, err
	}
	return b.doneFunc(grp), nil
}

// wait blocks until w is granted or ctx ends, waking on the clock whenever
// the window or a pause may have made room.
func (b *Budget) wait(ctx context.Context, grp *group, w *waiter) error {
	var timer <-chan time.Time
	var armed time.Time
	for {
		b.mu.Lock()
		now := b.clock.Now()
		b.dispatch(grp, now)
		wake := grp.wakeAt(now, b.limits)
		changed := grp.changed
		b.mu.Unlock()

		if !wake.Equal(armed) {
			armed, timer = wake, nil
			if !wake.IsZero() {
				// Read the clock again: it may have moved since now.
				timer = b.clock.After(wake.Sub(b.clock.Now()))
			}
		}

		select {
		case <-w.ready:
			return nil
		case <-timer:
			armed = time.Time{}
		case <-changed:
		case <-ctx.Done():
			return b.abandon(grp, w, ctx.Err())
		}
	}
}

// abandon takes a waiter whose context ended out of the queue, giving back
// a grant that raced with the cancellation.
func (b *Budget) abandon(grp *group, w *waiter, err error) error {
	b.mu.Lock()
	defer b.mu.Unlock()

	if w.granted {
		grp.inflight--
	} else {
		grp.remove(w)
	}
	b.dispatch(grp, b.clock.Now())
	return err
}

// doneFunc returns the once-only function that ends a granted call.
func (b *Budget) doneFunc(grp *group) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()

			now := b.clock.Now()
			grp.inflight--
			grp.prune(now, b.limits)
			first := len(grp.sent) == 0
			grp.sent = append(grp.sent, now)
			b.dispatch(grp, now)
			if first {
				grp.notify() // the waiters' wake-up time was unknown until now
			}
		})
	}
}

// Pause holds every call of group g until until, as a 429 asks. A pause
// never shortens one already in force.
func (b *Budget) Pause(g Group, until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()

	if grp := b.group(g); grp != nil && until.After(grp.pausedUntil) {
		grp.pausedUntil = until
		grp.notify()
	}
}

// AcquireStream takes one stream slot, or fails at once with an error
// matching ErrStreamLimit when all are taken. release gives the slot back
// and may be called more than once.
func (b *Budget) AcquireStream() (release func(), err error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	if b.streams >= b.limits.Streams {
		return nil, fmt.Errorf("api: %w: all %d stream slots of the project are open; "+
			"close a stream first (%w)", ErrStreamLimit, b.limits.Streams, ErrRateLimited)
	}
	b.streams++

	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.streams--
			b.mu.Unlock()
		})
	}, nil
}

// dispatch grants waiting calls while there is room: interactive ones
// first, in arrival order, then background ones.
func (b *Budget) dispatch(grp *group, now time.Time) {
	grp.prune(now, b.limits)
	for {
		w := grp.next()
		if w == nil || !grp.canGrant(w.priority, now, b.limits) {
			return
		}
		grp.remove(w)
		grp.inflight++
		w.granted = true
		close(w.ready)
	}
}

// next returns the waiter to serve first: the oldest interactive one, else
// the oldest background one.
func (g *group) next() *waiter {
	var first *waiter
	for _, w := range g.waiters {
		if w.priority == Interactive {
			return w
		}
		if first == nil {
			first = w
		}
	}
	return first
}

// queuedAhead reports whether a call at priority p must queue behind
// waiters already there.
func (g *group) queuedAhead(p Priority) bool {
	for _, w := range g.waiters {
		if w.priority <= p {
			return true
		}
	}
	return false
}

// remove takes w out of the queue.
func (g *group) remove(w *waiter) {
	for i, x := range g.waiters {
		if x == w {
			g.waiters = append(g.waiters[:i], g.waiters[i+1:]...)
			return
		}
	}
}

// prune forgets calls that have left the window.
func (g *group) prune(now time.Time, l Limits) {
	n := 0
	for n < len(g.sent) && !now.Before(g.sent[n].Add(l.Window+l.Slack)) {
		n++
	}
	if n > 0 {
		g.sent = append(g.sent[:0], g.sent[n:]...)
	}
}

// used counts the calls in the window, those in flight included.
func (g *group) used() int {
	return g.inflight + len(g.sent)
}

// canGrant reports whether a call at priority p fits now. Background calls
// stop short of the reserve.
func (g *group) canGrant(p Priority, now time.Time, l Limits) bool {
	if now.Before(g.pausedUntil) {
		return false
	}
	g.prune(now, l)
	limit := g.limit
	if p == Background {
		limit -= g.reserve
	}
	return g.used() < limit
}

// wakeAt returns when the group's room next grows with time alone: the end
// of a pause or the moment the oldest counted call leaves the window. It is
// zero when only a finishing call can make room.
func (g *group) wakeAt(now time.Time, l Limits) time.Time {
	if now.Before(g.pausedUntil) {
		return g.pausedUntil
	}
	return g.freesAt(l)
}

// freesAt returns when the oldest counted call leaves the window; zero when
// none is counted.
func (g *group) freesAt(l Limits) time.Time {
	if len(g.sent) == 0 {
		return time.Time{}
	}
	return g.sent[0].Add(l.Window + l.Slack)
}

// GroupSnapshot is the state of one limit group at a moment.
type GroupSnapshot struct {
	// Group names the group.
	Group Group
	// Used counts the calls in the current window, in flight included.
	Used int
	// Limit is the group's calls per window.
	Limit int
	// Reserved is the headroom background calls leave to interactive ones.
	Reserved int
	// Waiting counts the calls waiting for room.
	Waiting int
	// FreesAt is when the oldest counted call leaves the window; zero when
	// none is counted.
	FreesAt time.Time
	// PausedUntil is the end of a pause a 429 asked for; zero when none.
	PausedUntil time.Time
}

// StreamSlots is the state of the project's stream slots.
type StreamSlots struct {
	// Open counts the streams holding a slot.
	Open int
	// Limit is how many may be open at once.
	Limit int
}

// BudgetSnapshot is the budget at a moment, for display.
type BudgetSnapshot struct {
	// At is when the snapshot was taken, on the budget's clock.
	At time.Time
	// Window is the length of the sliding window.
	Window time.Duration
	// Read and Logs are the two limit groups.
	Read, Logs GroupSnapshot
	// Streams are the stream slots.
	Streams StreamSlots
}

// Snapshot returns the budget's current state.
func (b *Budget) Snapshot() BudgetSnapshot {
	b.mu.Lock()
	defer b.mu.Unlock()

	now := b.clock.Now()
	return BudgetSnapshot{
		At:      now,
		Window:  b.limits.Window,
		Read:    b.read.snapshot(now, b.limits),
		Logs:    b.logs.snapshot(now, b.limits),
		Streams: StreamSlots{Open: b.streams, Limit: b.limits.Streams},
	}
}

func (g *group) snapshot(now time.Time, l Limits) GroupSnapshot {
	g.prune(now, l)
	s := GroupSnapshot{
		Group:    g.name,
		Used:     g.used(),
		Limit:    g.limit,
		Reserved: g.reserve,
		Waiting:  len(g.waiters),
		FreesAt:  g.freesAt(l),
	}
	if now.Before(g.pausedUntil) {
		s.PausedUntil = g.pausedUntil
	}
	return s
}
