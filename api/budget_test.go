package api_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
)

var t0 = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

// testLimits are the documented limits without slack, so that instants are
// exact.
func testLimits() api.Limits {
	l := api.DefaultLimits()
	l.Slack = 0
	return l
}

// fill takes n calls of group g at priority p, all finished at once.
func fill(t *testing.T, b *api.Budget, ctx context.Context, g api.Group, n int) {
	t.Helper()
	for i := range n {
		done, err := b.Acquire(ctx, g)
		if err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
		done()
	}
}

// acquireAsync starts an Acquire and returns the channel of its outcome.
func acquireAsync(ctx context.Context, b *api.Budget, g api.Group) <-chan error {
	result := make(chan error, 1)
	go func() {
		done, err := b.Acquire(ctx, g)
		if err == nil {
			done()
		}
		result <- err
	}()
	return result
}

// waitResult returns the outcome of an Acquire that must have ended.
func waitResult(t *testing.T, result <-chan error) error {
	t.Helper()
	select {
	case err := <-result:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting call was not released")
		return nil
	}
}

// pending reports whether an Acquire is still waiting.
func pending(result <-chan error) bool {
	select {
	case <-result:
		return false
	default:
		return true
	}
}

func TestBudgetWaitsForTheWindowToSlide(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())
	ctx := context.Background()

	fill(t, b, ctx, api.GroupRead, 60)
	clk.Advance(10 * time.Second)
	fill(t, b, ctx, api.GroupRead, 40)

	result := acquireAsync(ctx, b, api.GroupRead)
	clk.BlockUntil(1)
	clk.Set(t0.Add(time.Minute - time.Nanosecond))
	if !pending(result) {
		t.Fatal("the 101st call ran before the oldest call left the window")
	}

	clk.Set(t0.Add(time.Minute))
	if err := waitResult(t, result); err != nil {
		t.Fatalf("the 101st call: %v", err)
	}
	if got := b.Snapshot().Read.Used; got != 41 {
		t.Fatalf("used after the slide = %d, want 41", got)
	}
}

func TestBudgetGroupsAreSeparate(t *testing.T) {
	b := api.NewBudget(clock.NewManual(t0), testLimits())
	ctx := context.Background()

	fill(t, b, ctx, api.GroupRead, 100)
	fill(t, b, ctx, api.GroupLogs, 200)

	snap := b.Snapshot()
	if snap.Read.Used != 100 || snap.Logs.Used != 200 {
		t.Fatalf("used read=%d logs=%d, want 100 and 200", snap.Read.Used, snap.Logs.Used)
	}
	if snap.Logs.Limit != 200 || snap.Logs.Reserved != 40 || snap.Read.Reserved != 20 {
		t.Fatalf("limits: %+v", snap)
	}
	if !snap.Read.FreesAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("FreesAt = %v, want %v", snap.Read.FreesAt, t0.Add(time.Minute))
	}
}

func TestBudgetBackgroundLeavesHeadroom(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())
	background := api.WithPriority(context.Background(), api.Background)

	fill(t, b, background, api.GroupRead, 80)
	waiting := acquireAsync(background, b, api.GroupRead)
	clk.BlockUntil(1)

	fill(t, b, context.Background(), api.GroupRead, 20)
	if !pending(waiting) {
		t.Fatal("a background call used the interactive headroom")
	}

	snap := b.Snapshot().Read
	if snap.Used != 100 || snap.Waiting != 1 {
		t.Fatalf("snapshot %+v, want 100 used and 1 waiting", snap)
	}

	clk.Advance(time.Minute)
	if err := waitResult(t, waiting); err != nil {
		t.Fatal(err)
	}
}

func TestBudgetInteractiveGoesFirst(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())
	ctx := context.Background()
	background := api.WithPriority(ctx, api.Background)

	fill(t, b, ctx, api.GroupRead, 1)
	clk.Advance(time.Second)
	fill(t, b, ctx, api.GroupRead, 99)

	first := acquireAsync(background, b, api.GroupRead)
	clk.BlockUntil(1)
	second := acquireAsync(ctx, b, api.GroupRead)
	clk.BlockUntil(2)

	clk.Set(t0.Add(time.Minute))
	if err := waitResult(t, second); err != nil {
		t.Fatal(err)
	}
	if !pending(first) {
		t.Fatal("the background call went before the interactive one")
	}

	clk.Set(t0.Add(time.Minute + time.Second))
	if err := waitResult(t, first); err != nil {
		t.Fatal(err)
	}
}

func TestBudgetPauseHoldsUntilTheInstant(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())
	until := t0.Add(7 * time.Second)
	b.Pause(api.GroupLogs, until)
	b.Pause(api.GroupLogs, t0.Add(time.Second)) // never shortens

	if got := b.Snapshot().Logs.PausedUntil; !got.Equal(until) {
		t.Fatalf("PausedUntil = %v, want %v", got, until)
	}

	result := acquireAsync(context.Background(), b, api.GroupLogs)
	clk.BlockUntil(1)
	clk.Set(until.Add(-time.Millisecond))
	if !pending(result) {
		t.Fatal("a paused group let a call through early")
	}

	clk.Set(until)
	if err := waitResult(t, result); err != nil {
		t.Fatal(err)
	}
	fill(t, b, context.Background(), api.GroupRead, 1)
}

func TestBudgetWaitEndsWithContext(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())
	fill(t, b, context.Background(), api.GroupRead, 100)

	ctx, cancel := context.WithCancel(context.Background())
	result := acquireAsync(ctx, b, api.GroupRead)
	clk.BlockUntil(1)
	cancel()

	if err := waitResult(t, result); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if w := b.Snapshot().Read.Waiting; w != 0 {
		t.Fatalf("%d waiters left after cancel", w)
	}
}

func TestBudgetBoundsWaiters(t *testing.T) {
	clk := clock.NewManual(t0)
	limits := testLimits()
	limits.MaxWaiters = 2
	b := api.NewBudget(clk, limits)
	fill(t, b, context.Background(), api.GroupRead, 100)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, c := acquireAsync(ctx, b, api.GroupRead), acquireAsync(ctx, b, api.GroupRead)
	clk.BlockUntil(2)

	_, err := b.Acquire(ctx, api.GroupRead)
	if !errors.Is(err, api.ErrRateLimited) {
		t.Fatalf("third waiter: err = %v, want ErrRateLimited", err)
	}
	cancel()
	waitResult(t, a)
	waitResult(t, c)
}

func TestBudgetStreamSlots(t *testing.T) {
	b := api.NewBudget(clock.NewManual(t0), testLimits())
	var releases []func()
	for i := range 5 {
		release, err := b.AcquireStream()
		if err != nil {
			t.Fatalf("stream %d: %v", i+1, err)
		}
		releases = append(releases, release)
	}

	_, err := b.AcquireStream()
	if !errors.Is(err, api.ErrStreamLimit) || !errors.Is(err, api.ErrRateLimited) {
		t.Fatalf("sixth stream: err = %v, want ErrStreamLimit", err)
	}
	if got := b.Snapshot().Streams; got.Open != 5 || got.Limit != 5 {
		t.Fatalf("streams = %+v", got)
	}

	releases[0]()
	releases[0]() // twice is harmless
	if got := b.Snapshot().Streams.Open; got != 4 {
		t.Fatalf("open after one release = %d, want 4", got)
	}
	if _, err := b.AcquireStream(); err != nil {
		t.Fatalf("stream after release: %v", err)
	}
}

func TestBudgetUnknownGroup(t *testing.T) {
	b := api.NewBudget(nil, api.Limits{})
	if _, err := b.Acquire(context.Background(), "writes"); err == nil {
		t.Fatal("an unknown group was accepted")
	}
}

func TestBudgetCountsCallsInFlight(t *testing.T) {
	clk := clock.NewManual(t0)
	b := api.NewBudget(clk, testLimits())

	var dones []func()
	for range 100 {
		done, err := b.Acquire(context.Background(), api.GroupRead)
		if err != nil {
			t.Fatal(err)
		}
		dones = append(dones, done)
	}
	clk.Advance(2 * time.Minute)
	if got := b.Snapshot().Read.Used; got != 100 {
		t.Fatalf("used with 100 calls in flight = %d", got)
	}

	result := acquireAsync(context.Background(), b, api.GroupRead)
	for _, done := range dones {
		done()
	}
	clk.BlockUntil(1)
	clk.Advance(time.Minute)
	if err := waitResult(t, result); err != nil {
		t.Fatal(err)
	}
}
