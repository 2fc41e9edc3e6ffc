package sim_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

type problem struct {
	Type, Title, Detail string
	Status              int
}

func expectLimited(t *testing.T, h *harness, path, retryAfter string) {
	t.Helper()
	resp, body := h.get(path)
	var p problem
	_ = json.Unmarshal(body, &p)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != retryAfter ||
		resp.Header.Get("Content-Type") != "application/problem+json" ||
		p.Title != "Too Many Requests" || p.Type == "" || !strings.Contains(p.Detail, "60 s") {
		t.Fatalf("GET %s: %d Retry-After=%q %s, want 429 Retry-After=%s", path,
			resp.StatusCode, resp.Header.Get("Retry-After"), body, retryAfter)
	}
}

func expectServed(t *testing.T, h *harness, path string) {
	t.Helper()
	if resp, body := h.get(path); resp.StatusCode == 429 || resp.StatusCode >= 500 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
}

// TestReadRateLimit: 100 read requests per sliding 60 s; the 101st is
// refused until the oldest leaves the window. 400s and 404s count, 401s and
// 429s do not.
func TestReadRateLimit(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")
	reads := []string{"functions", "functions/" + id + "/status",
		"functions/" + id + "/metrics?timeRange=1h", "billing/current",
		"functions/" + id + "/costs", "functions/" + id + "/metrics?timeRange=9h",
		"functions/01JKXF0000000000000Z/status"}

	expectServed(t, h, reads[0]) // t0
	h.clock.Advance(20 * time.Second)
	for i := range 99 { // t0+20s
		expectServed(t, h, reads[i%len(reads)])
	}
	if resp, _ := h.do(http.MethodGet, "functions", "bad-token"); resp.StatusCode != 401 {
		t.Fatalf("bad token: %d", resp.StatusCode)
	}
	expectLimited(t, h, "functions", "40")
	expectLimited(t, h, "functions/"+id+"/status", "40")
	expectServed(t, h, "functions/"+id+"/logs?pageSize=1") // another group

	h.clock.Advance(39*time.Second + 500*time.Millisecond)
	expectLimited(t, h, "billing/current", "1")
	h.clock.Advance(500 * time.Millisecond) // the request at t0 leaves
	expectServed(t, h, "functions")
	expectLimited(t, h, "functions", "20")
	h.clock.Advance(20 * time.Second)
	for range 99 {
		expectServed(t, h, "functions")
	}

	c := h.local.Counters()
	if c.Read.Served != 200 || c.Read.Limited != 4 || c.Read.Peak != 100 ||
		c.Logs.Served != 1 || c.Read.Failed != 0 {
		t.Errorf("counters %+v", c)
	}
}

func TestLogsRateLimit(t *testing.T) {
	h := newHarness(t, nil)
	path := "functions/" + h.functionID("otp-verifier") + "/logs?pageSize=1"
	for i := range 200 {
		expectServed(t, h, path)
		if i == 99 {
			h.clock.Advance(30 * time.Second)
		}
	}
	expectLimited(t, h, path, "30")
	expectServed(t, h, "functions") // another group
	h.clock.Advance(30 * time.Second)
	for range 100 {
		expectServed(t, h, path)
	}
	expectLimited(t, h, path, "30")
	if c := h.local.Counters(); c.Logs.Served != 300 || c.Logs.Limited != 2 ||
		c.Logs.Peak != 200 || c.Read.Served != 1 {
		t.Errorf("counters %+v", c)
	}
}

func TestStreamLimit(t *testing.T) {
	h := newHarness(t, nil)
	path := "functions/" + h.functionID("ivr-handler") + "/logs/stream"
	var open []*sseReader
	for range 5 {
		resp, r := h.openStream(path)
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", len(open)+1, resp.StatusCode)
		}
		open = append(open, r)
	}
	resp, r := h.openStream(path)
	body := make([]byte, 512)
	n, _ := resp.Body.Read(body)
	r.close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(string(body[:n]), "Too Many Requests") {
		t.Fatalf("sixth stream: %d Retry-After=%q %s", resp.StatusCode,
			resp.Header.Get("Retry-After"), body[:n])
	}
	if c := h.local.Counters().Streams; c.Open != 5 || c.Peak != 5 || c.Refused != 1 ||
		c.Total != 5 {
		t.Fatalf("stream counters %+v", c)
	}

	open[0].close()
	waitFor(t, "the server to notice a closed stream", func() bool {
		return h.local.Counters().Streams.Open == 4
	})
	resp, r = h.openStream(path)
	if resp.StatusCode != 200 {
		t.Fatalf("stream after one closed: %d", resp.StatusCode)
	}
	r.close()
	for _, r := range open[1:] {
		r.close()
	}
}
