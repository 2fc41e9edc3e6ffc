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
