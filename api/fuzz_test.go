package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// The fuzz targets run a whole client against a hand-written server: the
// input is what the server says, so the client's every layer (HTTP, the
// event decoder, the line guard, the record decoder, the resume set) meets
// it as it would a hostile API. Seed corpora live in testdata/fuzz.
//
//	go test -run='^$' -fuzz='^FuzzSSEEvent$' -fuzztime=60s ./api
//	go test -run='^$' -fuzz='^FuzzLogRecord$' -fuzztime=60s ./api

// fuzzBodies hands each fuzz input to the server by function ID.
type fuzzBodies struct {
	mu     sync.Mutex
	bodies map[string][]byte
	next   atomic.Int64
}

// put registers body and returns the function ID that serves it.
func (b *fuzzBodies) put(body []byte) string {
	id := fmt.Sprintf("fn-%d", b.next.Add(1))
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bodies[id] = body
	return id
}

// take returns the body of the function in path once; a second call (a
// reconnect) finds the function gone.
func (b *fuzzBodies) take(path string) ([]byte, bool) {
	parts := strings.Split(path, "/")
	if len(parts) < 6 {
		return nil, false
	}
	id := parts[5] // /v1/projects/p/functions/{id}/...
	b.mu.Lock()
	defer b.mu.Unlock()
	body, ok := b.bodies[id]
	delete(b.bodies, id)
	return body, ok
}

// fuzzAPI is a raw API that answers every stream and logs call with the
// registered body.
func fuzzAPI(f *testing.F) (*rawAPI, *fuzzBodies) {
	bodies := &fuzzBodies{bodies: map[string][]byte{}}
	a := newRawAPI(f, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		body, ok := bodies.take(r.URL.Path)
		if !ok {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error":"not_found","message":"function gone"}`))
			return
		}
		if strings.HasSuffix(r.URL.Path, "/logs/stream") {
			w.Header().Set("Content-Type", "text/event-stream")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		_, _ = w.Write(body)
	})
	return a, bodies
}

// FuzzSSEEvent serves arbitrary bytes as one connection of an event
// stream. The stream never panics, never hangs, delivers only requests
// with an ID and a start time, each once, counts what it delivered, and
// every error it reports names the stream.
func FuzzSSEEvent(f *testing.F) {
	f.Add([]byte("id: a\nevent: request\ndata: " + rawRecord(1, "") + "\n\n"))
	f.Add([]byte(": heartbeat\n\n" + rawEvent(1, "") + rawEvent(1, "") + rawHalf(rawEvent(2, ""))))
	f.Add([]byte("retry: 1\n\ndata: {\"id\":\"x\",\"startTime\":\"2026-03-02T14:30:00Z\"}\n\n"))
	a, bodies := fuzzAPI(f)

	f.Fuzz(func(t *testing.T, body []byte) {
		id := bodies.put(body)
		s, err := a.client.Stream(context.Background(), id,
			api.StreamOptions{HeartbeatTimeout: rawGuard})
		if err != nil {
			t.Fatalf("opening a stream that answers 200: %v", err)
		}

		got := make(chan []api.Request, 1)
		go func() {
			var reqs []api.Request
			for r := range s.Requests() {
				reqs = append(reqs, r)
			}
			got <- reqs
		}()

		last := fuzzLeaveFirstConnection(t, s)
		s.Close()
		reqs := <-got
		a.clock.Advance(time.Minute) // fire the reconnect timer Close left behind

		seen := map[string]bool{}
		for _, r := range reqs {
			if r.ID == "" || r.StartTime.IsZero() {
				t.Fatalf("delivered a request without ID or start time: %+v", r)
			}
			if seen[r.ID] {
				t.Fatalf("delivered %q twice", r.ID)
			}
			seen[r.ID] = true
		}
		if st := s.State(); st.Delivered != int64(len(reqs)) {
			t.Fatalf("the state counts %d delivered, the channel gave %d", st.Delivered, len(reqs))
		}
		if last.Err != nil && !strings.Contains(last.Err.Error(), "/logs/stream") {
			t.Fatalf("the stream's error does not name it: %q", last.Err)
		}
	})
}

// fuzzLeaveFirstConnection waits until the stream has read its one
// connection to the end: it waits to reconnect, or it has closed.
func fuzzLeaveFirstConnection(t *testing.T, s *api.Stream) api.StreamState {
	guard := time.After(rawGuard)
	for {
		select {
		case st, ok := <-s.States():
			if !ok {
				return s.State()
			}
			if st.Phase == api.PhaseReconnecting || st.Phase == api.PhaseClosed {
				return st
			}
		case <-guard:
			t.Fatalf("the stream neither reconnected nor closed within %s: %+v", rawGuard,
				s.State())
		}
	}
}

// FuzzLogRecord decodes arbitrary bytes as one request (the payload of a
// stream event) and as a page of historical logs fetched by the client. It
// never panics; input that is JSON of the right shape decodes, keeping
// every record of a page that is an object; anything else is an error that
// names what was being read.
func FuzzLogRecord(f *testing.F) {
	f.Add([]byte(rawRecord(1, "")))
	f.Add([]byte(`{"requests":[` + rawRecord(1, "") + `,null,7],"pagination":{"page":"1"}}`))
	f.Add([]byte(`{"id":7,"logs":{"a":1},"startTime":"yesterday"}`))
	a, bodies := fuzzAPI(f)

	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzOneRecord(t, data)
		fuzzOnePage(t, a, bodies, data)
	})
}

// fuzzOneRecord decodes data as one request.
func fuzzOneRecord(t *testing.T, data []byte) {
	var r api.Request
	err := json.Unmarshal(data, &r)
	kind := fuzzKind(data)
	switch {
	case kind == "invalid" && err == nil:
		t.Fatalf("invalid JSON decoded as a request: %+v", r)
	case (kind == "object" || kind == "null") && err != nil:
		t.Fatalf("a JSON %s did not decode as a request: %v", kind, err)
	case kind != "invalid" && kind != "object" && kind != "null" &&
		(err == nil || !strings.Contains(err.Error(), "request")):
		t.Fatalf("a JSON %s as a request: want an error naming the request, got %v", kind, err)
	}
	if kind == "object" && !bytes.Equal(r.Raw, bytes.TrimSpace(data)) {
		t.Fatalf("Raw does not keep the record: %q of %q", r.Raw, data)
	}
}

// fuzzOnePage serves data as the answer of the logs endpoint.
func fuzzOnePage(t *testing.T, a *rawAPI, bodies *fuzzBodies, data []byte) {
	id := bodies.put(data)
	page, err := a.client.Logs(context.Background(), id, api.LogQuery{})
	kind := fuzzKind(data)
	if err != nil {
		if !strings.Contains(err.Error(), "/logs") {
			t.Fatalf("the error does not name the call: %v", err)
		}
		if kind == "object" || kind == "null" {
			t.Fatalf("a JSON %s page failed: %v", kind, err)
		}
		if !errors.Is(err, api.ErrNotJSON) && !strings.Contains(err.Error(), "JSON") {
			t.Fatalf("the error does not say what was wrong: %v", err)
		}
		return
	}
	if kind != "object" && kind != "null" {
		t.Fatalf("a JSON %s decoded as a page: %+v", kind, page)
	}

	objects, nulls, ok := fuzzRecordCount(data)
	if ok && (len(page.Requests) < objects || len(page.Requests) > objects+nulls) {
		t.Fatalf("the page kept %d requests of %d objects and %d nulls",
			len(page.Requests), objects, nulls)
	}
}

// fuzzKind names the JSON kind of data, "invalid" when it is not JSON.
func fuzzKind(data []byte) string {
	if !json.Valid(data) {
		return "invalid"
	}
	switch bytes.TrimSpace(data)[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case 'n':
		return "null"
	}
	return "scalar"
}

// fuzzRecordCount counts the objects and nulls in the page's requests
// array; ok is false when the page has no single such array.
func fuzzRecordCount(data []byte) (objects, nulls int, ok bool) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return 0, 0, false
	}
	var list json.RawMessage
	for key, raw := range fields {
		if strings.EqualFold(key, "requests") {
			if list != nil {
				return 0, 0, false
			}
			list = raw
		}
	}
	if fuzzKind(list) == "null" || list == nil {
		return 0, 0, list != nil || fields != nil
	}
	var items []json.RawMessage
	if json.Unmarshal(list, &items) != nil {
		return 0, 0, false
	}
	for _, item := range items {
		switch fuzzKind(item) {
		case "object":
			objects++
		case "null":
			nulls++
		}
	}
	return objects, nulls, true
}
