package sim_test

import (
	"encoding/json"
	"net/http"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

func TestErrorRateFault(t *testing.T) {
	codes := func() []int {
		h := newHarness(t, nil)
		if err := h.local.SetFaults(sim.Faults{ErrorRate: 0.25}); err != nil {
			t.Fatal(err)
		}
		var out []int
		for range 400 {
			resp, body := h.get("functions")
			if resp.StatusCode >= 500 {
				var e struct{ Error, Message string }
				if json.Unmarshal(body, &e) != nil || e.Error == "" || e.Message == "" {
					t.Fatalf("fault body %s", body)
				}
			}
			out = append(out, resp.StatusCode)
			h.clock.Advance(time.Second) // 60 per window: under the limit
		}
		if c := h.local.Counters().Read; c.Failed != count(out, 500)+count(out, 503) ||
			c.Served != 400 {
			t.Errorf("counters %+v", c)
		}
		return out
	}
	first, second := codes(), codes()
	failed := count(first, 500) + count(first, 503)
	if failed < 70 || failed > 130 || count(first, 500) == 0 || count(first, 503) == 0 ||
		count(first, 200) != 400-failed {
		t.Errorf("%d of 400 failed (500: %d, 503: %d), want about 100", failed,
			count(first, 500), count(first, 503))
	}
	if !slices.Equal(first, second) {
		t.Error("the same seed gave different faults")
	}
}

func count(codes []int, code int) int {
	n := 0
	for _, c := range codes {
		if c == code {
			n++
		}
	}
	return n
}

// TestLatencyFault: an answer waits the fault's latency on the simulator's
// clock, and only that long.
func TestLatencyFault(t *testing.T) {
	h := newHarness(t, nil)
	if err := h.local.SetFaults(sim.Faults{Latency: 3 * time.Second}); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, h.local.URL+"/v1/projects/demo/functions", nil)
		req.Header.Set("Authorization", "Bearer "+h.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()

	h.clock.BlockUntil(1)
	h.clock.Advance(2999 * time.Millisecond)
	if h.clock.Waiters() != 1 {
		t.Fatal("the answer did not wait for the latency")
	}
	select {
	case code := <-done:
		t.Fatalf("answered %d before the latency passed", code)
	default:
	}
	h.clock.Advance(time.Millisecond)
	if code := <-done; code != 200 {
		t.Fatalf("after the latency: %d", code)
	}
}

func TestFirehose(t *testing.T) {
	plain := newHarness(t, nil)
	fire := newHarness(t, func(cfg *simConfig) {
		cfg.Faults = sim.Faults{FirehoseFunction: "whatsapp-bot", FirehoseRate: 3000}
	})
	countIn := func(h *harness, name string, from, to time.Time) int {
		var p logPage
		h.getJSON("functions/"+h.functionID(name)+"/logs?pageSize=1&startTime="+rfc(from)+
			"&endTime="+rfc(to), &p)
		return p.Pagination.TotalCount
	}

	plain.clock.Advance(2 * time.Second)
	fire.clock.Advance(2 * time.Second)
	t1 := start.Add(2 * time.Second)
	base := countIn(plain, "whatsapp-bot", start.Add(-time.Hour), t1)
	if got := countIn(fire, "whatsapp-bot", start.Add(-time.Hour), t1); got != base+6000 {
		t.Fatalf("2 s of firehose at 3000/s: %d requests, want %d + 6000", got, base)
	}
	truth := fire.local.RequestsBetween("whatsapp-bot", start.Add(-time.Second), t1)
	checkOrdered(t, truth)

	// Moved at run time, it starts from that moment; the past stays.
	if err := fire.local.SetFaults(sim.Faults{FirehoseFunction: fire.functionID("otp-verifier"),
		FirehoseRate: 1000}); err != nil {
		t.Fatal(err)
	}
	fire.clock.Advance(time.Second)
	plain.clock.Advance(time.Second)
	t2 := t1.Add(time.Second)
	if got, want := countIn(fire, "otp-verifier", start, t2),
		countIn(plain, "otp-verifier", start, t2)+1000; got != want {
		t.Errorf("otp-verifier after the move: %d, want %d", got, want)
	}
	if got, want := countIn(fire, "whatsapp-bot", start, t2),
		countIn(plain, "whatsapp-bot", start, t2)+6000; got != want {
		t.Errorf("whatsapp-bot after the move: %d, want %d", got, want)
	}

	if err := fire.local.SetFaults(sim.Faults{FirehoseFunction: "no-such"}); err == nil {
		t.Error("a firehose on an unknown function was accepted")
	}
}

// TestCloseEndsEverything: streams, a delayed answer and the server's own
// goroutines all end with Close.
func TestCloseEndsEverything(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	before := runtime.NumGoroutine()

	c := newClock()
	cfg := sim.DefaultConfig()
	cfg.Clock = c
	l, err := sim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, clock: c, local: l}
	h.token = h.fetchToken("demo-key", "demo-secret").AccessToken
	var readers []*sseReader
	for range 3 {
		_, r := h.openStream("functions/" + h.functionID("ivr-handler") + "/logs/stream")
		readers = append(readers, r)
	}
	if err := l.SetFaults(sim.Faults{Latency: time.Hour}); err != nil {
		t.Fatal(err)
	}
	delayed := make(chan error, 1)
	go func() {
		resp, err := http.Get(l.URL + "/v1/projects/demo/functions")
		if err == nil {
			resp.Body.Close()
		}
		delayed <- err
	}()
	h.clock.BlockUntil(4) // three streams and the delayed answer

	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, r := range readers {
		for {
			if _, ok := r.next(); !ok {
				break
			}
		}
		r.close()
	}
	<-delayed
	http.DefaultClient.CloseIdleConnections()
	waitFor(t, "goroutines to end", func() bool { return runtime.NumGoroutine() <= before })
}
