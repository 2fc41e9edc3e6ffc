package sim_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
)

// start is 2026-02-01 14:30 UTC, a Sunday afternoon near the daily peak, early
// in the month so that billing covers few days.
var start = time.Date(2026, 2, 1, 14, 30, 0, 0, time.UTC)

func newClock() *clock.Manual { return clock.NewManual(start) }

// harness is a simulator on a manual clock, with a token in hand.
type harness struct {
	t     *testing.T
	clock *clock.Manual
	local *sim.Local
	token string
}

func newHarness(t *testing.T, mutate func(*sim.Config)) *harness {
	t.Helper()
	c := clock.NewManual(start)
	cfg := sim.DefaultConfig()
	cfg.Clock = c
	cfg.Seed = 7
	if mutate != nil {
		mutate(&cfg)
	}
	l, err := sim.Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	h := &harness{t: t, clock: c, local: l}
	h.token = h.fetchToken("demo-key", "demo-secret").AccessToken
	return h
}

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Error       string `json:"error"`
}

func (h *harness) postToken(id, secret, grant string) *http.Response {
	h.t.Helper()
	form := url.Values{"grant_type": {grant}}.Encode()
	req, err := http.NewRequest(http.MethodPost, h.local.TokenURL, strings.NewReader(form))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(id, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

func (h *harness) fetchToken(id, secret string) tokenAnswer {
	h.t.Helper()
	resp := h.postToken(id, secret, "client_credentials")
	var tok tokenAnswer
	decode(h.t, resp, &tok)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("token: %d %+v", resp.StatusCode, tok)
	}
	return tok
}

// get sends an authorised GET to path (under /v1/projects/demo unless it
// starts with /) and returns the response, body read.
func (h *harness) get(path string) (*http.Response, []byte) {
	h.t.Helper()
	return h.do(http.MethodGet, path, h.token)
}

func (h *harness) do(method, path, token string) (*http.Response, []byte) {
	h.t.Helper()
	if !strings.HasPrefix(path, "/") {
		path = "/v1/projects/demo/" + path
	}
	req, err := http.NewRequest(method, h.local.URL+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp, body
}

// getJSON GETs path, expects 200 and decodes into v.
func (h *harness) getJSON(path string, v any) {
	h.t.Helper()
	resp, body := h.get(path)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		h.t.Fatalf("GET %s: decode: %v\n%s", path, err, body)
	}
}

func decode(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

// functionID returns the ID of the named function.
func (h *harness) functionID(name string) string {
	h.t.Helper()
	for _, f := range h.local.Functions() {
		if f.Name == name {
			return f.ID
		}
	}
	h.t.Fatalf("no function %s", name)
	return ""
}

func rfc(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// sseEvent is one parsed Server-Sent Event, or a comment.
type sseEvent struct {
	id, event, data string
	comment         string
}

// sseReader parses an event stream.
type sseReader struct {
	resp *http.Response
	sc   *bufio.Scanner
}

func (h *harness) openStream(path string) (*http.Response, *sseReader) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodGet, h.local.URL+"/v1/projects/demo/"+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	return resp, &sseReader{resp: resp, sc: sc}
}

// next returns the next event or comment; false at the end of the stream.
func (r *sseReader) next() (sseEvent, bool) {
	var ev sseEvent
	seen := false
	for r.sc.Scan() {
		line := r.sc.Text()
		if line == "" {
			if seen {
				return ev, true
			}
			continue
		}
		seen = true
		switch {
		case strings.HasPrefix(line, ":"):
			ev.comment = strings.TrimSpace(line[1:])
		case strings.HasPrefix(line, "id: "):
			ev.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.event = line[7:]
		case strings.HasPrefix(line, "data: "):
			ev.data = line[6:]
		}
	}
	return ev, false
}

func (r *sseReader) close() { r.resp.Body.Close() }

type simConfig = sim.Config

// waitFor polls cond until it holds (failing after five seconds): for
// effects that happen on another goroutine, such as a server noticing that
// a client went away.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
