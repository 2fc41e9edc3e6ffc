package api

import (
	"fmt"
	"testing"
	"time"
)

func TestResumeSetDropsRepeatsAndStaysBounded(t *testing.T) {
	base := time.Date(2026, 2, 19, 14, 30, 0, 0, time.UTC)
	at := func(ms int) time.Time { return base.Add(time.Duration(ms) * time.Millisecond) }
	request := func(id string, ms int) Request { return Request{ID: id, StartTime: at(ms)} }

	r := newResumeSet(time.Millisecond, 3)
	if _, ok := r.since(); ok {
		t.Fatal("a resume point before anything was delivered")
	}
	for i := range 10 {
		r.add(request(fmt.Sprint("a", i), 100+i/3)) // three requests a millisecond
	}

	if since, _ := r.since(); !since.Equal(at(102)) {
		t.Fatalf("since = %v, want the last request's start minus the margin", since)
	}
	if len(r.ids) > 3 || len(r.order) > 3 {
		t.Fatalf("%d IDs remembered, want at most 3", len(r.ids))
	}
	if r.admit(request("a9", 103)) || r.admit(request("a8", 102)) || r.admit(request("a0", 100)) {
		t.Fatal("a delivered request was admitted again")
	}
	if !r.admit(request("b1", 103)) || !r.admit(request("b2", 104)) {
		t.Fatal("a new request at or after the resume point was refused")
	}
}

func TestReconnectDelay(t *testing.T) {
	s := newStream(nil, "f", "/functions/f/logs/stream", StreamOptions{}, func() {})

	if d := s.delay(1, nil); d != 0 {
		t.Fatalf("first retry after a good connection waits %v, want none", d)
	}
	for attempt := 2; attempt < 20; attempt++ {
		d := s.delay(attempt, nil)
		ceiling := min(streamBackoff<<(attempt-2), streamMaxBackoff) // the bound holds here
		if d < ceiling/2 || d > ceiling {
			t.Fatalf("attempt %d waits %v, want %v..%v", attempt, d, ceiling/2, ceiling)
		}
	}

	limited := &Error{StatusCode: 429, RetryAfter: 45 * time.Second}
	if d := s.delay(1, fmt.Errorf("reconnect: %w", limited)); d != 45*time.Second {
		t.Fatalf("a 429 with Retry-After 45s waits %v", d)
	}
}

func TestNullLeavesRecordsEmpty(t *testing.T) {
	var r Request
	var b Billing
	if err := r.UnmarshalJSON([]byte("null")); err != nil || r.Raw != nil {
		t.Fatalf("null request: %v, raw %q", err, r.Raw)
	}
	if err := b.UnmarshalJSON([]byte(" null")); err != nil || b.Raw != nil {
		t.Fatalf("null billing: %v, raw %q", err, b.Raw)
	}
}

func TestProblemTypeStaysOutOfTheMessage(t *testing.T) {
	e := &Error{Endpoint: "GET /functions", StatusCode: 429,
		Code: "https://example.com/limits", Message: "100 per 60 s", RetryAfter: time.Second}
	if got := e.Error(); got != "api: GET /functions: HTTP 429: 100 per 60 s (retry after 1s)" {
		t.Fatalf("Error() = %q", got)
	}
}
