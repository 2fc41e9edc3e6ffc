package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// The fuzz targets feed their input to the code that reads a server's
// bytes, in process and without the network, so that every run of an input
// covers the same code (the stream's connection reader with its event
// decoder, line guard, record decoder and resume set; the client's answer
// decoder). Seed corpora live in testdata/fuzz.
//
//	go test -run='^$' -fuzz='^FuzzSSEEvent$' -fuzztime=60s ./api
//	go test -run='^$' -fuzz='^FuzzLogRecord$' -fuzztime=60s ./api

// The calls whose answers the fuzz targets decode.
const (
	fuzzStreamPath = "/functions/fn-1/logs/stream"
	fuzzLogs       = "GET /functions/fn-1/logs"
)

// fuzzClient is a client that is never asked to send anything.
func fuzzClient(f *testing.F) *Client {
	c, err := NewClient(Config{APIURL: "http://127.0.0.1:1", ProjectID: "p", KeyID: "k",
		KeySecret: "s", Clock: clock.NewManual(time.Date(2026, 3, 2, 14, 30, 0, 0, time.UTC))})
	if err != nil {
		f.Fatal(err)
	}
	return c
}

// FuzzSSEEvent reads arbitrary bytes as one connection of a log stream. The
// reader never panics and ends; it delivers only requests with an ID and a
// start time, each once, counts what it delivered, and the error that ends
// the connection, like every skipped event's, names the stream.
func FuzzSSEEvent(f *testing.F) {
	at := `"startTime":"2026-03-02T14:30:01Z"`
	f.Add([]byte("id: a\nevent: request\ndata: {\"id\":\"a\"," + at + "}\n\n"))
	f.Add([]byte(": heartbeat\n\ndata: {\"id\":\"a\"," + at + "}\n\ndata: {\"id\":\"a\"," + at))
	f.Add([]byte("retry: 1\n\nevent: ping\ndata: {}\n\ndata: [1]\n\ndata: {\"id\":7}\n\n"))
	client := fuzzClient(f)

	f.Fuzz(func(t *testing.T, body []byte) {
		s := newStream(client, "fn-1", fuzzStreamPath, StreamOptions{}, func() {})
		s.ctx, s.cancel = context.WithCancelCause(context.Background())
		defer s.cancel(errStreamClosed)
		ctx, cancel := context.WithCancelCause(s.ctx)
		conn := &connection{resp: &http.Response{Body: io.NopCloser(bytes.NewReader(body))},
			ctx: ctx, cancel: cancel, opened: client.clock.Now()}

		got, err := fuzzRead(t, s, conn, len(body))

		seen := map[string]bool{}
		for _, r := range got {
			if r.ID == "" || r.StartTime.IsZero() {
				t.Fatalf("delivered a request without ID or start time: %+v", r)
			}
			if seen[r.ID] {
				t.Fatalf("delivered %q twice", r.ID)
			}
			seen[r.ID] = true
		}
		if n := s.delivered.Load(); n != int64(len(got)) {
			t.Fatalf("counted %d delivered, the channel gave %d", n, len(got))
		}
		if err == nil || !strings.Contains(err.Error(), fuzzStreamPath) {
			t.Fatalf("the connection ended with %v, want an error naming the stream", err)
		}
		if st := s.State(); st.Err != nil && !strings.Contains(st.Err.Error(), fuzzStreamPath) {
			t.Fatalf("a skipped event's error does not name the stream: %v", st.Err)
		}
	})
}

// fuzzRead reads conn to its end, taking the requests as they come, and
// fails if the reader does not end.
func fuzzRead(t *testing.T, s *Stream, conn *connection, size int) ([]Request, error) {
	ended := make(chan error, 1)
	go func() {
		_, err := s.read(conn)
		ended <- err
	}()

	guard := time.After(10 * time.Second)
	var got []Request
	for {
		select {
		case r := <-s.requests:
			got = append(got, r)
		case err := <-ended:
			for len(s.requests) > 0 {
				got = append(got, <-s.requests)
			}
			return got, err
		case <-guard:
			t.Fatalf("reading %d bytes did not end within 10s", size)
		}
	}
}

// FuzzLogRecord decodes arbitrary bytes as one request (the payload of a
// stream event) and as the answer of the logs endpoint. It never panics;
// JSON of the right shape decodes, keeping every record of a page that is
// an object, and each problem it noted names where it was; anything else is
// an error that names what was being read.
func FuzzLogRecord(f *testing.F) {
	at := `"startTime":"2026-03-02T14:30:01Z"`
	f.Add([]byte(`{"id":"a",` + at + `,"logs":[{"level":"Info","message":"m"}]}`))
	f.Add([]byte(`{"requests":[{"id":"a"},null,7,{"id":9}],"pagination":{"page":"1"}}`))
	f.Add([]byte(`{"id":7,"logs":{"a":1},"startTime":"yesterday"}`))
	client := fuzzClient(f)

	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzOneRecord(t, data)
		fuzzOnePage(t, client, data)
	})
}

// fuzzOneRecord decodes data as one request.
func fuzzOneRecord(t *testing.T, data []byte) {
	var r Request
	err := json.Unmarshal(data, &r)
	kind := fuzzKind(data)
	switch {
	case kind == "invalid" && err == nil:
		t.Fatalf("invalid JSON decoded as a request: %+v", r)
	case (kind == "object" || kind == "null") && err != nil:
		t.Fatalf("a JSON %s did not decode as a request: %v", kind, err)
	case kind == "array" || kind == "scalar":
		if err == nil || !strings.Contains(err.Error(), "request") {
			t.Fatalf("a JSON %s as a request: want an error naming the request, got %v", kind, err)
		}
	}
	if kind == "object" && !bytes.Equal(r.Raw, bytes.TrimSpace(data)) {
		t.Fatalf("Raw does not keep the record: %q of %q", r.Raw, data)
	}
}

// fuzzOnePage decodes data as the logs endpoint's answer, as the client
// does.
func fuzzOnePage(t *testing.T, c *Client, data []byte) {
	var page LogPage
	a := &answer{status: http.StatusOK, contentType: "application/json", body: data}
	err := c.decode(fuzzLogs, a, &page)
	kind := fuzzKind(data)
	if err != nil {
		if !strings.Contains(err.Error(), fuzzLogs) {
			t.Fatalf("the error does not name the call: %v", err)
		}
		if kind == "object" || kind == "null" {
			t.Fatalf("a JSON %s page failed: %v", kind, err)
		}
		return
	}
	if kind != "object" && kind != "null" {
		t.Fatalf("a JSON %s decoded as a page: %+v", kind, page)
	}

	problems, _ := decodeJSON(data, &LogPage{}, fuzzLogs)
	if len(problems) > maxProblems {
		t.Fatalf("%d problems noted, more than %d", len(problems), maxProblems)
	}
	for _, p := range problems {
		if !strings.HasPrefix(p, fuzzLogs) {
			t.Fatalf("a problem does not say where it was: %q", p)
		}
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

// fuzzRecordCount counts the objects and nulls of the page's requests
// array; ok is false when the page has no single such array to count.
func fuzzRecordCount(data []byte) (objects, nulls int, ok bool) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil || fields == nil {
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
	if list == nil || fuzzKind(list) == "null" {
		return 0, 0, true
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
