package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// guard bounds, in wall time, how long a follow test waits for output that
// should come at once; it only turns a hang into a failure.
const guard = 30 * time.Second

// TestFollowIsGapFreeAndDuplicateFree prints the history, advances the
// simulator's clock, and checks that the lines printed are exactly the
// requests the logs endpoint has from the first one printed on: none
// missed, none twice, in order.
func TestFollowIsGapFreeAndDuplicateFree(t *testing.T) {
	tests := []struct {
		name string
		opts logsOptions
	}{
		{"every request", logsOptions{lines: 5}},
		{"searched", logsOptions{lines: 3, search: "crm", since: "15m"}},
		{"errors at warning and above", logsOptions{lines: 4, status: "error", level: "warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, clk := testEnv(t)
			s, err := openSession(env, globalOptions{demo: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()

			opts := tt.opts
			opts.follow, opts.json = true, true
			req, err := opts.check(clk.Now())
			if err != nil {
				t.Fatal(err)
			}

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out, done := followInBackground(ctx, t, env, s, req)

			history := out.read(t, opts.lines)
			clk.Advance(2 * time.Minute)
			want := expectedIDs(t, s, req.query, history[0])
			got := append(history, out.read(t, len(want)-len(history))...)

			if !slices.Equal(ids(got), want) {
				t.Errorf("printed %d requests:\n%v\nwant the %d the logs endpoint has:\n%v",
					len(got), ids(got), len(want), want)
			}
			if len(want) == len(history) {
				t.Error("no live request in 2 minutes: the test proves nothing")
			}

			cancel()
			out.close()
			waitFor(t, done, "follow to end after its context was cancelled")
		})
	}
}

// jsonLines reads requests printed as JSON lines.
type jsonLines struct {
	scanner *bufio.Scanner
	reader  *io.PipeReader
	lines   chan api.Request
}

// followInBackground runs the logs command with --follow, printing into a
// pipe, and returns the pipe's reader and a channel closed when it ends.
func followInBackground(ctx context.Context, t *testing.T, env *environment, s *session,
	req logsRequest) (*jsonLines, chan struct{}) {
	pr, pw := io.Pipe()
	a := &app{env: env, stdout: pw, stderr: &bytes.Buffer{}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := a.logs(ctx, s, "ivr-handler", req)
		pw.CloseWithError(err)
	}()

	out := &jsonLines{scanner: bufio.NewScanner(pr), reader: pr, lines: make(chan api.Request)}
	out.scanner.Buffer(nil, 1<<20)
	go func() {
		defer close(out.lines)
		for out.scanner.Scan() {
			var r api.Request
			if err := json.Unmarshal(out.scanner.Bytes(), &r); err != nil {
				t.Errorf("not a request: %v: %s", err, out.scanner.Text())
				return
			}
			out.lines <- r
		}
	}()
	return out, done
}

// read returns the next n requests printed.
func (o *jsonLines) read(t *testing.T, n int) []api.Request {
	t.Helper()
	var got []api.Request
	for len(got) < n {
		select {
		case r, ok := <-o.lines:
			if !ok {
				t.Fatalf("output ended after %d of %d requests", len(got), n)
			}
			got = append(got, r)
		case <-time.After(guard):
			t.Fatalf("waited %s for request %d of %d", guard, len(got)+1, n)
		}
	}
	return got
}

// close stops reading, so that a writer still printing fails.
func (o *jsonLines) close() {
	o.reader.Close()
	for range o.lines {
	}
}

// expectedIDs asks the logs endpoint for every request matching q from
// first on, oldest first.
func expectedIDs(t *testing.T, s *session, q api.LogQuery, first api.Request) []string {
	t.Helper()
	q.Start, q.End, q.Order = first.StartTime, time.Time{}, "asc"
	requests, err := fetchHistory(context.Background(), s.client, "01JKXF00000000000001", q,
		maxLines)
	if err != nil {
		t.Fatal(err)
	}
	return ids(requests)
}

func ids(requests []api.Request) []string {
	out := make([]string, len(requests))
	for i, r := range requests {
		out[i] = r.ID
	}
	return out
}

// waitFor waits for done, failing after guard.
func waitFor(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(guard):
		t.Fatalf("waited %s for %s", guard, what)
	}
}
