package api_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/sim"
)

// firehose sets up a simulator whose first function receives rate extra
// requests per second, with the given faults on top.
func firehose(t *testing.T, rate int, faults sim.Faults) (*env, string) {
	t.Helper()
	var fn string
	e := newEnv(t, func(cfg *sim.Config) { cfg.Incidents = false })
	fn = e.functionIDs()[0]
	faults.FirehoseFunction, faults.FirehoseRate = fn, rate
	e.setFaults(faults)
	return e, fn
}

// setFaults replaces the simulator's faults.
func (e *env) setFaults(f sim.Faults) {
	e.t.Helper()
	e.faults = f
	if err := e.sim.SetFaults(f); err != nil {
		e.t.Fatal(err)
	}
}

// advance moves the clock and then wakes the simulator's streams by setting
// the same faults again. A stream computes its next wake-up from a reading
// of the clock taken before it waits; a manual clock moved in between would
// leave it asleep.
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	e.clock.Advance(d)
	e.setFaults(e.faults)
}

// collect reads n requests from s, failing if they do not come.
func collect(t *testing.T, s *api.Stream, n int) []api.Request {
	t.Helper()
	guard := time.After(20 * time.Second)
	var got []api.Request
	for len(got) < n {
		select {
		case r, ok := <-s.Requests():
			if !ok {
				t.Fatalf("the stream closed after %d of %d requests: %v", len(got), n, s.Err())
			}
			got = append(got, r)
		case <-guard:
			t.Fatalf("only %d of %d requests arrived; state %+v", len(got), n, s.State())
		}
	}
	return got
}

// sameRequests fails unless got holds exactly want's requests, in order.
func sameRequests(t *testing.T, got []api.Request, want []sim.Request) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d requests, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID {
			t.Fatalf("request %d is %s, want %s", i, got[i].ID, want[i].ID)
		}
	}
}

// expected returns what the simulator has made visible for fn after since.
func (e *env) expected(fn string, since time.Time) []sim.Request {
	return e.sim.RequestsBetween(fn, since.Add(time.Nanosecond), e.clock.Now().Add(time.Hour))
}

func TestStreamDeliversEveryRequestOnceAcrossDrops(t *testing.T) {
	// Several requests share each millisecond, so a resume must replay the
	// last delivered request's millisecond and drop what it already gave.
	e, fn := firehose(t, 2500, sim.Faults{StreamDropEvery: 20})
	e.clock.Advance(900 * time.Millisecond)
	c := e.client(nil)

	s, err := c.Stream(context.Background(), fn, api.StreamOptions{Since: simStart, Buffer: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	want := e.expected(fn, simStart)
	if len(want) < 2000 {
		t.Fatalf("the simulator made only %d requests", len(want))
	}
	got := collect(t, s, len(want))
	sameRequests(t, got, want)

	for range 5 { // live: requests made while the stream runs
		e.advance(50 * time.Millisecond)
	}
	want = e.expected(fn, simStart)
	got = append(got, collect(t, s, len(want)-len(got))...)
	sameRequests(t, got, want)

	if total := e.sim.Counters().Streams.Total; total < 100 {
		t.Fatalf("the stream was dropped only %d times", total-1)
	}
	s.Close()
	if extra, ok := <-s.Requests(); ok {
		t.Fatalf("a request beyond what the simulator made: %s", extra.ID)
	}
	if st := s.State(); st.Phase != api.PhaseClosed || st.Err != nil {
		t.Fatalf("state after Close: %+v", st)
	}
}

func TestStreamSkipsMalformedEvents(t *testing.T) {
	e, fn := firehose(t, 50, sim.Faults{MalformedEvery: 7})
	e.clock.Advance(10 * time.Second)
	c := e.client(nil)

	s, err := c.Stream(context.Background(), fn, api.StreamOptions{Since: simStart})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	want := e.expected(fn, simStart)
	broken := len(want) / 7
	got := collect(t, s, len(want)-broken)

	next := 0
	for _, r := range got {
		for next < len(want) && want[next].ID != r.ID {
			next++
		}
		if next == len(want) {
			t.Fatalf("request %s delivered out of order or twice", r.ID)
		}
		next++
	}

	st := s.State()
	if st.Skipped != broken || st.Phase != api.PhaseLive {
		t.Fatalf("state %+v, want live with %d skipped", st, broken)
	}
	if st.Err == nil || !strings.Contains(st.Err.Error(), "malformed") {
		t.Fatalf("the skipped event was not reported: %v", st.Err)
	}
}

func TestSixthStreamIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(nil)
	ids := e.functionIDs()
	ctx := context.Background()

	for i := range 5 {
		s, err := c.Stream(ctx, ids[i%len(ids)], api.StreamOptions{})
		if err != nil {
			t.Fatalf("stream %d: %v", i+1, err)
		}
		defer s.Close()
	}

	_, err := c.Stream(ctx, ids[0], api.StreamOptions{})
	if !errors.Is(err, api.ErrStreamLimit) || !strings.Contains(err.Error(), "5 stream slots") {
		t.Fatalf("sixth stream: err = %v, want ErrStreamLimit", err)
	}
	if got := c.Budget().Snapshot().Streams; got.Open != 5 || got.Limit != 5 {
		t.Fatalf("stream slots %+v", got)
	}

	other := e.client(nil) // its own budget: only the API can refuse it
	_, err = other.Stream(ctx, ids[0], api.StreamOptions{})
	var apiErr *api.Error
	if !errors.Is(err, api.ErrRateLimited) || !errors.As(err, &apiErr) || apiErr.RetryAfter <= 0 {
		t.Fatalf("sixth stream at the API: err = %v, want a 429 with Retry-After", err)
	}
	if open := other.Budget().Snapshot().Streams.Open; open != 0 {
		t.Fatalf("the refused stream kept its slot: %d open", open)
	}
	if refused := e.sim.Counters().Streams.Refused; refused != 1 {
		t.Fatalf("the API refused %d streams, want 1", refused)
	}
}

func TestStreamOfUnknownFunctionEnds(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(nil)

	_, err := c.Stream(context.Background(), "01JNOSUCHFUNCTION000000000", api.StreamOptions{})
	if !errors.Is(err, api.ErrNotFound) || !strings.Contains(err.Error(), "01JNOSUCH") {
		t.Fatalf("err = %v, want ErrNotFound naming the function", err)
	}
	if open := c.Budget().Snapshot().Streams.Open; open != 0 {
		t.Fatalf("%d stream slots held after the refusal", open)
	}
}

func TestStreamRenewsARefusedToken(t *testing.T) {
	e, fn := firehose(t, 20, sim.Faults{StreamDropEvery: 10})
	e.clock.Advance(5 * time.Second)
	c := e.client(nil)

	s, err := c.Stream(context.Background(), fn, api.StreamOptions{Since: simStart})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := collect(t, s, len(e.expected(fn, simStart)))

	e.wire.spoilBearer() // from now on the API refuses every token
	e.advance(time.Second)

	select {
	case <-s.Done():
	case <-time.After(20 * time.Second):
		t.Fatalf("the stream did not end; state %+v", s.State())
	}
	err = s.Err()
	if !errors.Is(err, api.ErrUnauthorized) || !strings.Contains(err.Error(), `Key ID "demo-key"`) {
		t.Fatalf("err = %v, want ErrUnauthorized naming the key", err)
	}
	if tokens, _, refused := e.wire.counts(); tokens != 2 || refused != 2 {
		t.Fatalf("tokens %d, refused %d after %d requests; want 2 and 2", tokens, refused,
			len(got))
	}
}

func TestStreamReportsItsPhases(t *testing.T) {
	e, fn := firehose(t, 20, sim.Faults{StreamDropEvery: 5})
	c := e.client(nil)

	s, err := c.Stream(context.Background(), fn, api.StreamOptions{
		HeartbeatTimeout: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}

	// The frozen clock sends no heartbeat: the watchdog must end the
	// connection and the stream must say it is reconnecting.
	guard := time.After(20 * time.Second)
	for {
		select {
		case st := <-s.States():
			if st.Phase != api.PhaseReconnecting {
				continue
			}
			if st.Err == nil || !strings.Contains(st.Err.Error(), "heartbeat") {
				t.Fatalf("reconnecting because of %v, want the heartbeat", st.Err)
			}
		case <-guard:
			t.Fatalf("no reconnect; state %+v", s.State())
		}
		break
	}

	s.Close()
	var last api.StreamState
	for st := range s.States() {
		last = st
	}
	if last.Phase != api.PhaseClosed {
		t.Fatalf("last state %+v, want closed", last)
	}
}

func TestCloseLeavesNoGoroutine(t *testing.T) {
	e, fn := firehose(t, 200, sim.Faults{StreamDropEvery: 50})
	e.clock.Advance(10 * time.Second)
	c := e.client(nil)
	if _, err := c.Functions(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.wire.next.CloseIdleConnections()
	before := settledGoroutines(-1)

	var streams []*api.Stream
	for range 3 {
		s, err := c.Stream(context.Background(), fn, api.StreamOptions{
			Since: simStart, Buffer: 1,
		})
		if err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
	collect(t, streams[0], 120) // reconnects twice; the others stall on a full buffer
	for _, s := range streams {
		s.Close()
	}
	e.wire.next.CloseIdleConnections()

	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before the streams, %d after Close:\n%s", before, after,
			buf[:runtime.Stack(buf, true)])
	}
	if open := c.Budget().Snapshot().Streams.Open; open != 0 {
		t.Fatalf("%d stream slots held after Close", open)
	}
}

// settledGoroutines waits (wall time, bounded) for the goroutine count to
// reach target, or to stop changing when target is negative, and returns it.
func settledGoroutines(target int) int {
	n := runtime.NumGoroutine()
	for range 200 {
		if target >= 0 && n <= target {
			return n
		}
		runtime.Gosched()
		time.Sleep(5 * time.Millisecond) // letting exiting goroutines finish, not timing
		m := runtime.NumGoroutine()
		if target < 0 && m == n {
			return n
		}
		n = m
	}
	return n
}
