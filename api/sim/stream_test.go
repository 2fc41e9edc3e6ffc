package sim_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

// collect reads events until it has n requests and, if beats > 0, that
// many heartbeat comments. It returns the requests in arrival order.
func collect(t *testing.T, r *sseReader, n, beats int) []sim.Request {
	t.Helper()
	var got []sim.Request
	seenBeats := 0
	for len(got) < n || seenBeats < beats {
		ev, ok := r.next()
		if !ok {
			t.Fatalf("stream ended after %d of %d events", len(got), n)
		}
		if ev.comment == "heartbeat" {
			seenBeats++
			continue
		}
		var req sim.Request
		if ev.event != "request" || json.Unmarshal([]byte(ev.data), &req) != nil ||
			req.ID != ev.id {
			t.Fatalf("bad event %+v", ev)
		}
		got = append(got, req)
	}
	if len(got) > n {
		t.Fatalf("%d events, want %d", len(got), n)
	}
	return got
}

func TestStreamLive(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")
	resp, r := h.openStream("functions/" + id + "/logs/stream")
	defer r.close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("open: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	h.clock.BlockUntil(1)
	h.clock.Advance(20 * time.Second)
	want := h.local.RequestsBetween(id, start, start.Add(20*time.Second))
	got := collect(t, r, len(want), 1)
	if len(want) < 20 || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("live: %d events, want the %d requests of those 20 s", len(got), len(want))
	}
	for i := range got {
		if !sameRequest(got[i], want[i]) {
			t.Fatalf("event %s differs from the logged record", got[i].ID)
		}
	}

	h.clock.BlockUntil(1)
	h.clock.Advance(12 * time.Second) // past the second heartbeat at 30 s
	want = h.local.RequestsBetween(id, start.Add(20*time.Second), start.Add(32*time.Second))
	if got = collect(t, r, len(want), 1); !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("live, later: %d events, want %d", len(got), len(want))
	}
}

func TestStreamSinceReplaysThenGoesLive(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("sms-responder")
	since := start.Add(-40*time.Minute - 1500*time.Millisecond)
	_, r := h.openStream("functions/" + id + "/logs/stream?level=warning&since=" + rfc(since))
	defer r.close()

	f := logFilter{level: "warning", order: "asc"}
	want := f.expected(h.local.RequestsBetween(id, since.Add(time.Millisecond), start))
	got := collect(t, r, len(want), 0)
	if len(want) < 20 || !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("replay: %d events, want %d", len(got), len(want))
	}

	h.clock.BlockUntil(1)
	h.clock.Advance(3 * time.Minute)
	want = f.expected(h.local.RequestsBetween(id, start, start.Add(3*time.Minute)))
	got = collect(t, r, len(want), 1)
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("live: %d events, want %d", len(got), len(want))
	}
	for _, req := range got {
		if l := req.MaxLevel(); l != "Warning" && l != "Error" {
			t.Fatalf("level=warning streamed a request at %q", l)
		}
	}
}

func TestStreamFaults(t *testing.T) {
	h := newHarness(t, nil)
	path := "functions/" + h.functionID("ivr-handler") + "/logs/stream?since=" +
		rfc(start.Add(-time.Minute))

	if err := h.local.SetFaults(sim.Faults{StreamDropEvery: 5}); err != nil {
		t.Fatal(err)
	}
	_, r := h.openStream(path)
	collect(t, r, 5, 0)
	if ev, ok := r.next(); ok {
		t.Fatalf("stream went on after 5 events: %+v", ev)
	}
	r.close()

	if err := h.local.SetFaults(sim.Faults{MalformedEvery: 3}); err != nil {
		t.Fatal(err)
	}
	_, r = h.openStream(path)
	defer r.close()
	for i := 1; i <= 12; i++ {
		ev, ok := r.next()
		if !ok {
			t.Fatal("stream ended")
		}
		if valid := json.Valid([]byte(ev.data)); valid != (i%3 != 0) || ev.id == "" {
			t.Fatalf("event %d: valid JSON %v: %.80s", i, valid, ev.data)
		}
	}
}

func TestStreamParameters(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")
	for query, param := range map[string]string{"level=loud": "level",
		"since=yesterday": "since", "since=1&since=2": "since"} {
		resp, body := h.get("functions/" + id + "/logs/stream?" + query)
		var e struct{ Parameter string }
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != 400 || e.Parameter != param {
			t.Errorf("%s: %d %s", query, resp.StatusCode, body)
		}
	}
	if resp, _ := h.get("functions/01JKXF0000000000000Z/logs/stream"); resp.StatusCode != 404 {
		t.Errorf("unknown function: %d", resp.StatusCode)
	}
	if c := h.local.Counters().Streams; c.Total != 0 || c.Open != 0 {
		t.Errorf("refused streams were counted: %+v", c)
	}
}

// TestStreamWakesWhenClockMovesMidReplay moves the clock while the stream
// is still replaying, after it read the clock for that round and before it
// sleeps: the stream must still wake for the requests of the time the clock
// moved over, with nothing else (no change of faults) to nudge it.
func TestStreamWakesWhenClockMovesMidReplay(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")

	// Five hours of this function are about 40 MB of events, more than the
	// connection buffers hold while the test reads nothing: the stream
	// stays in its replay until the test reads on.
	_, r := h.openStream("functions/" + id + "/logs/stream?since=" +
		rfc(start.Add(-5*time.Hour)))
	defer r.close()
	guard := time.AfterFunc(20*time.Second, r.close) // fail, not hang, without the fix
	defer guard.Stop()

	if ev, ok := r.next(); !ok || ev.event != "request" {
		t.Fatalf("first event %+v, ok %v", ev, ok)
	}
	if n := h.clock.Waiters(); n != 0 {
		t.Fatalf("the stream finished its replay too soon (%d waiters); make it longer", n)
	}
	h.clock.Advance(20 * time.Second)

	want := h.local.RequestsBetween(id, start, start.Add(20*time.Second))
	var live []sim.Request
	for len(live) < len(want) {
		ev, ok := r.next()
		if !ok {
			t.Fatalf("the stream stopped after %d of %d live requests", len(live), len(want))
		}
		var req sim.Request
		if ev.event != "request" || json.Unmarshal([]byte(ev.data), &req) != nil {
			continue // a heartbeat
		}
		if !req.StartTime.Before(start) {
			live = append(live, req)
		}
	}
	if len(want) < 20 || !slices.Equal(ids(live), ids(want)) {
		t.Fatalf("%d live requests, want the %d of those 20 s", len(live), len(want))
	}
}
