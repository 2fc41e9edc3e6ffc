package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/ui/app"
)

var soakDuration = flag.Duration("soak.duration", 0,
	"run TestSoak this long (10m on purpose, 1m in CI); zero skips it")

// The soak's load and its limits.
const (
	soakFunction       = "ivr-handler"
	soakRate           = 3000 // firehose requests per second
	soakWidth          = 120
	soakHeight         = 40
	soakFrame          = time.Second / 60 // the program draws at most this often
	soakMaxInFlight    = 256              // commands running at once
	soakHeapSlack      = 16 << 20         // live heap growth allowed, bytes...
	soakHeapShare      = 0.10             // ...or this share of the baseline, if more
	soakGoroutineSlack = 8                // goroutines allowed beyond the baseline
	soakDrainTimeout   = 30 * time.Second // for the commands to end after the soak
)

// TestSoak drives the dashboard's root model headless, as tea.Program
// would, against the simulator's firehose on one function for
// -soak.duration, and fails when the live heap or the goroutines grow once
// the buffers are full. It reports every minute (every third of the run
// when shorter than three minutes):
//
//	go test -run TestSoak -soak.duration=1m .
//	go test -run TestSoak -soak.duration=10m -timeout=15m .
func TestSoak(t *testing.T) {
	if *soakDuration <= 0 {
		t.Skip("soak: set -soak.duration (e.g. 1m) to run it")
	}
	duration := *soakDuration
	if deadline, ok := t.Deadline(); ok && time.Until(deadline) < duration+time.Minute {
		t.Fatalf("soak: -soak.duration=%s does not fit the test timeout; pass -timeout=%s",
			duration, (duration + 5*time.Minute).Round(time.Minute))
	}

	srv, client, events := startFirehose(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	d := newDriver(ctx)
	m := tea.Model(app.New(app.Options{
		Client:    client,
		ProjectID: "demo",
		Function:  soakFunction,
		Context:   ctx,
		Clipboard: func(string) error { return nil },
	}))
	d.run(m.Init())
	d.deliver(tea.WindowSizeMsg{Width: soakWidth, Height: soakHeight})

	s := soak{t: t, driver: d, events: events, interval: reportInterval(duration)}
	s.loop(m, time.Now().Add(duration))

	cancel()
	d.wait(t, soakDrainTimeout)
	s.check(srv.Counters())
}

// reportInterval is a minute, or a third of a run shorter than three.
func reportInterval(d time.Duration) time.Duration {
	return min(time.Minute, d/3)
}

// startFirehose starts the simulator with a firehose on soakFunction and a
// client whose streams count the request events they read.
func startFirehose(t *testing.T) (*sim.Local, *api.Client, *atomic.Int64) {
	t.Helper()
	cfg := sim.DefaultConfig()
	cfg.Faults = sim.Faults{FirehoseFunction: soakFunction, FirehoseRate: soakRate}
	srv, err := sim.Start(cfg)
	if err != nil {
		t.Fatalf("simulator: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("closing the simulator: %v", err)
		}
	})

	events := &atomic.Int64{}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	client, err := api.NewClient(api.Config{
		APIURL: srv.URL, AuthURL: srv.TokenURL, ProjectID: cfg.ProjectID,
		KeyID: cfg.KeyID, KeySecret: cfg.KeySecret,
		HTTPClient: &http.Client{Transport: countingTransport{transport, events}},
	})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	t.Cleanup(transport.CloseIdleConnections)
	return srv, client, events
}

// soak is one run's loop and what it measured.
type soak struct {
	t        *testing.T
	driver   *driver
	events   *atomic.Int64
	interval time.Duration

	samples []soakSample
	frames  int
}

// soakSample is what one report measured.
type soakSample struct {
	at         time.Duration
	requests   int64
	heap       uint64
	goroutines int
	inFlight   int64
}

// loop hands every message to the model and draws a frame at most every
// soakFrame until the end, reporting on the way.
func (s *soak) loop(m tea.Model, end time.Time) {
	start := time.Now()
	frame := time.NewTicker(soakFrame)
	defer frame.Stop()
	report := time.NewTicker(s.interval)
	defer report.Stop()
	stop := time.NewTimer(time.Until(end))
	defer stop.Stop()

	dirty := true
	for {
		select {
		case msg := <-s.driver.msgs:
			if _, quit := msg.(tea.QuitMsg); quit {
				s.t.Fatal("soak: the dashboard quit on its own")
			}
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			s.driver.run(cmd)
			dirty = true
		case <-frame.C:
			if dirty {
				s.draw(m)
				dirty = false
			}
		case <-report.C:
			s.sample(time.Since(start))
		case <-stop.C:
			if len(s.samples) == 0 || time.Since(start)-s.samples[len(s.samples)-1].at > time.Second {
				s.sample(time.Since(start))
			}
			// The model is not used after this; without the keep-alive the
			// last report measured a heap already rid of it (1.9 MiB).
			runtime.KeepAlive(m)
			return
		}
		if err := s.driver.failure(); err != nil {
			s.t.Fatalf("soak: %v", err)
		}
	}
}

// draw renders one frame and checks its size, as the program would draw it.
func (s *soak) draw(m tea.Model) {
	view := m.View()
	if lines := strings.Count(view, "\n") + 1; lines != soakHeight {
		s.t.Fatalf("soak: a frame has %d lines, want %d:\n%s", lines, soakHeight, view)
	}
	s.frames++
}

// sample measures the live heap and the goroutines and reports them.
func (s *soak) sample(at time.Duration) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	sm := soakSample{
		at:         at,
		requests:   s.events.Load(),
		heap:       ms.HeapAlloc,
		goroutines: runtime.NumGoroutine(),
		inFlight:   s.driver.inFlight.Load(),
	}
	rate := 0.0
	if n := len(s.samples); n > 0 {
		prev := s.samples[n-1]
		rate = float64(sm.requests-prev.requests) / (at - prev.at).Seconds()
	} else {
		rate = float64(sm.requests) / at.Seconds()
	}
	s.samples = append(s.samples, sm)
	s.t.Logf("soak %6s: %9d requests (%5.0f/s)  live heap %6.1f MiB  goroutines %3d  "+
		"commands in flight %3d  frames %d",
		at.Round(time.Second), sm.requests, rate, float64(sm.heap)/(1<<20), sm.goroutines,
		sm.inFlight, s.frames)
}

// check fails when the stream stalled, or when the heap or the goroutines
// grew after the first report (the buffers are full by then).
func (s *soak) check(counters sim.Counters) {
	t := s.t
	t.Logf("soak: simulator counters: read %+v, logs %+v, streams %+v",
		counters.Read, counters.Logs, counters.Streams)
	if counters.Read.Limited+counters.Logs.Limited+counters.Streams.Refused > 0 {
		t.Errorf("soak: the dashboard went over the API's limits: %+v", counters)
	}
	if len(s.samples) < 2 {
		t.Fatalf("soak: %d reports; the run is too short to compare", len(s.samples))
	}

	base := s.samples[0]
	heapLimit := base.heap + max(soakHeapSlack, uint64(float64(base.heap)*soakHeapShare))
	for i, sm := range s.samples {
		if i > 0 && sm.requests == s.samples[i-1].requests {
			t.Errorf("soak: no request arrived between %s and %s",
				s.samples[i-1].at.Round(time.Second), sm.at.Round(time.Second))
		}
		if i == 0 {
			continue
		}
		if sm.heap > heapLimit {
			t.Errorf("soak: live heap grew from %.1f MiB to %.1f MiB at %s (limit %.1f MiB)",
				mib(base.heap), mib(sm.heap), sm.at.Round(time.Second), mib(heapLimit))
		}
		if sm.goroutines > base.goroutines+soakGoroutineSlack {
			t.Errorf("soak: goroutines grew from %d to %d at %s",
				base.goroutines, sm.goroutines, sm.at.Round(time.Second))
		}
	}
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// driver runs the model's commands the way tea.Program does, each in a
// goroutine, and queues their messages for the loop; it refuses to run
// more than soakMaxInFlight at once, which would mean commands leak.
type driver struct {
	ctx      context.Context
	msgs     chan tea.Msg
	inFlight atomic.Int64
	peak     atomic.Int64
	wg       sync.WaitGroup

	mu  sync.Mutex
	err error
}

func newDriver(ctx context.Context) *driver {
	return &driver{ctx: ctx, msgs: make(chan tea.Msg, 64)}
}

// run starts cmd in a goroutine; its message comes back through msgs.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	n := d.inFlight.Add(1)
	if n > soakMaxInFlight {
		d.inFlight.Add(-1)
		d.fail(fmt.Errorf("more than %d commands in flight: the dashboard leaks commands",
			soakMaxInFlight))
		return
	}
	for p := d.peak.Load(); n > p && !d.peak.CompareAndSwap(p, n); p = d.peak.Load() {
	}

	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer d.inFlight.Add(-1)
		d.deliver(cmd())
	}()
}

// deliver queues msg for the model, running the commands of a batch or a
// sequence instead, as the program does.
func (d *driver) deliver(msg tea.Msg) {
	if msg == nil {
		return
	}
	if cmds, ok := commandList(msg); ok {
		for _, cmd := range cmds {
			d.run(cmd)
		}
		return
	}
	select {
	case d.msgs <- msg:
	case <-d.ctx.Done():
	}
}

// commandList returns the commands of tea.BatchMsg and of tea's
// unexported sequence message, both lists of commands.
func commandList(msg tea.Msg) ([]tea.Cmd, bool) {
	if batch, ok := msg.(tea.BatchMsg); ok {
		return batch, true
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

func (d *driver) fail(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
	}
}

func (d *driver) failure() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// wait waits, after the context ended, for every command to return: one
// that never does is a goroutine the dashboard leaks.
func (d *driver) wait(t *testing.T, timeout time.Duration) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case <-done:
			t.Logf("soak: every command returned; at most %d ran at once", d.peak.Load())
			return
		case <-d.msgs: // the model is gone; drop what the commands still say
		case <-timer.C:
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("soak: %d commands still running %s after the context ended:\n%s",
				d.inFlight.Load(), timeout, buf[:n])
		}
	}
}

// countingTransport counts the request events of the log streams it
// carries: each is one "data:" line.
type countingTransport struct {
	next   http.RoundTripper
	events *atomic.Int64
}

// RoundTrip sends the request and wraps a stream's body to count events.
func (c countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err == nil && strings.HasSuffix(req.URL.Path, "/logs/stream") {
		resp.Body = &countingBody{ReadCloser: resp.Body, events: c.events}
	}
	return resp, err
}

// countingBody counts "\ndata:" across reads.
type countingBody struct {
	io.ReadCloser
	events *atomic.Int64
	tail   []byte
}

var dataLine = []byte("\ndata:")

// Read reads from the body and counts the data lines it completes.
func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		joined := append(b.tail, p[:n]...)
		b.events.Add(int64(bytes.Count(joined, dataLine)))
		keep := min(len(dataLine)-1, len(joined))
		b.tail = append(b.tail[:0], joined[len(joined)-keep:]...)
	}
	return n, err
}
