package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
)

// The hostile tests serve the operations API by hand, to say what the
// simulator never would: half an event, silence, HTML, a 10 MiB line. Their
// waits are guards against a hang, never timing assertions; the stream's
// reconnect delays run on a manual clock that the tests move.
const (
	rawGuard     = 15 * time.Second       // the longest a step may take before the test fails
	rawHeartbeat = 300 * time.Millisecond // the streams' silence watchdog, wall time
	rawPoll      = 5 * time.Millisecond
	rawFunction  = "fn-1"
)

// rawStart is the time of the manual clock and of the served requests.
var rawStart = time.Date(2026, 3, 2, 14, 30, 0, 0, time.UTC)

// rawAPI is an operations API answered by a handler written for one test,
// behind a token endpoint that always grants, with a client of it.
type rawAPI struct {
	srv    *httptest.Server
	clock  *clock.Manual
	client *api.Client
	stop   chan struct{} // closed when the test ends: stalled handlers return

	mu    sync.Mutex
	conns int      // stream connections so far
	since []string // the since parameter of each stream connection
}

// rawHandler answers one call of a test's API.
type rawHandler func(a *rawAPI, w http.ResponseWriter, r *http.Request)

// newRawAPI serves handle under /v1/projects/p and returns a client of it
// whose budget never makes a test wait.
func newRawAPI(t testing.TB, handle rawHandler) *rawAPI {
	t.Helper()
	a := &rawAPI{clock: clock.NewManual(rawStart), stop: make(chan struct{})}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth2/token" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"tok","token_type":"Bearer","expires_in":3600}`))
			return
		}
		if strings.HasSuffix(r.URL.Path, "/logs/stream") {
			a.mu.Lock()
			a.conns++
			a.since = append(a.since, r.URL.Query().Get("since"))
			a.mu.Unlock()
		}
		handle(a, w, r)
	}))
	t.Cleanup(a.srv.Close)
	t.Cleanup(func() { close(a.stop) }) // runs first: stalled handlers end

	client, err := api.NewClient(api.Config{
		APIURL: a.srv.URL, AuthURL: a.srv.URL + "/oauth2/token", ProjectID: "p",
		KeyID: "key", KeySecret: "secret", Clock: a.clock, Timeout: rawGuard,
		Budget: api.NewBudget(a.clock, api.Limits{Read: 1 << 20, Logs: 1 << 20}),
	})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	a.client = client
	return a
}

// connection returns the number of the stream connection being served.
func (a *rawAPI) connection() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.conns
}

// stall keeps the answer open, silent, until the client leaves or the test
// ends.
func (a *rawAPI) stall(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-a.stop:
	}
}

// heartbeats keeps the answer open with a comment every rawHeartbeat/3
// until the client leaves or the test ends.
func (a *rawAPI) heartbeats(w http.ResponseWriter, r *http.Request) {
	tick := time.NewTicker(rawHeartbeat / 3)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if _, err := w.Write([]byte(": heartbeat\n\n")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		case <-r.Context().Done():
			return
		case <-a.stop:
			return
		}
	}
}

// rawEventStream starts an event-stream answer and writes chunks, flushed.
func rawEventStream(w http.ResponseWriter, chunks ...string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	for _, c := range chunks {
		_, _ = w.Write([]byte(c))
	}
	w.(http.Flusher).Flush()
}

// rawRecord is the JSON of a request that started n seconds after rawStart,
// with extra fields spliced in.
func rawRecord(n int, extra string) string {
	at := rawStart.Add(time.Duration(n) * time.Second)
	rec := fmt.Sprintf(`{"id":"req-%02d","httpMethod":"POST","url":"https://fn.example.com/ice",`+
		`"statusCode":200,"executionTimeMs":12,"memoryUsedMB":64,"startTime":%q,"endTime":%q,`+
		`"logs":[{"level":"Info","message":"request %d","timestamp":%q}]`,
		n, at.Format(time.RFC3339Nano), at.Add(12*time.Millisecond).Format(time.RFC3339Nano),
		n, at.Format(time.RFC3339Nano))
	if extra != "" {
		rec += "," + extra
	}
	return rec + "}"
}

// rawEvent is the stream event of record n.
func rawEvent(n int, extra string) string {
	return fmt.Sprintf("id: req-%02d\nevent: request\ndata: %s\n\n", n, rawRecord(n, extra))
}

// rawHalf is the first half of an event: the server stops inside it.
func rawHalf(ev string) string { return ev[:len(ev)/2] }

// rawStream opens the stream of rawFunction, moves the manual clock past
// every reconnect delay the stream waits for, and closes it when the test
// ends, failing if Close does not return.
func rawStream(t *testing.T, a *rawAPI) (*api.Stream, *rawPhaseLog) {
	t.Helper()
	s, err := a.client.Stream(context.Background(), rawFunction,
		api.StreamOptions{Since: rawStart.Add(-time.Second), HeartbeatTimeout: rawHeartbeat})
	if err != nil {
		t.Fatalf("opening the stream: %v", err)
	}

	log := &rawPhaseLog{}
	pumped := make(chan struct{})
	go func() {
		defer close(pumped)
		rawPump(s, a.clock, log)
	}()
	t.Cleanup(func() {
		closed := make(chan struct{})
		go func() {
			s.Close()
			close(closed)
		}()
		select {
		case <-closed:
		case <-time.After(rawGuard):
			t.Errorf("Close did not return within %s; state %+v", rawGuard, s.State())
		}
		<-pumped
	})
	return s, log
}

// rawPhaseLog records the states a stream went through.
type rawPhaseLog struct {
	mu     sync.Mutex
	states []api.StreamState
}

func (l *rawPhaseLog) add(st api.StreamState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.states); n > 0 && l.states[n-1].Phase == st.Phase &&
		errors.Is(l.states[n-1].Err, st.Err) && l.states[n-1].Attempt == st.Attempt {
		return
	}
	l.states = append(l.states, st)
}

// reconnectErrors returns the errors of the reconnecting states seen.
func (l *rawPhaseLog) reconnectErrors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, st := range l.states {
		if st.Phase == api.PhaseReconnecting && st.Err != nil {
			out = append(out, st.Err.Error())
		}
	}
	return out
}

// rawPump watches the stream until it ends: it logs every state and, while the
// stream waits to reconnect, moves the clock to the next try.
func rawPump(s *api.Stream, clk *clock.Manual, log *rawPhaseLog) {
	tick := time.NewTicker(rawPoll)
	defer tick.Stop()
	for {
		st := s.State()
		log.add(st)
		if st.Phase == api.PhaseReconnecting && st.NextTry.After(clk.Now()) {
			clk.Set(st.NextTry)
		}
		select {
		case <-s.Done():
			log.add(s.State())
			return
		case <-tick.C:
		}
	}
}

// rawCollect reads requests until want have come, failing with what came
// if they do not within rawGuard.
func rawCollect(t *testing.T, s *api.Stream, want int) []api.Request {
	t.Helper()
	guard := time.After(rawGuard)
	var got []api.Request
	for len(got) < want {
		select {
		case r, ok := <-s.Requests():
			if !ok {
				t.Fatalf("the stream closed after %s: %v", rawIDs(got), s.Err())
			}
			got = append(got, r)
		case <-guard:
			t.Fatalf("after %s only %s of %d requests came; state %+v",
				rawGuard, rawIDs(got), want, s.State())
		}
	}
	return got
}

func rawIDs(reqs []api.Request) string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.ID
	}
	return "[" + strings.Join(out, " ") + "]"
}

// rawExpectIDs fails unless reqs are exactly the requests numbered want.
func rawExpectIDs(t *testing.T, reqs []api.Request, want ...int) {
	t.Helper()
	var names []string
	for _, n := range want {
		names = append(names, fmt.Sprintf("req-%02d", n))
	}
	if got, exp := rawIDs(reqs), "["+strings.Join(names, " ")+"]"; got != exp {
		t.Fatalf("the stream delivered %s, want %s", got, exp)
	}
}

// TestHostileStreamStallsMidEvent: the server sends one event and half of
// the next, then falls silent without closing. The watchdog notices, the
// stream reconnects from where it was, and every request arrives once.
func TestHostileStreamStallsMidEvent(t *testing.T) {
	a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		if a.connection() == 1 {
			rawEventStream(w, rawEvent(1, ""), rawHalf(rawEvent(2, "")))
			a.stall(r)
			return
		}
		rawEventStream(w, rawEvent(1, ""), rawEvent(2, ""), rawEvent(3, ""))
		a.heartbeats(w, r)
	})
	s, _ := rawStream(t, a)

	rawExpectIDs(t, rawCollect(t, s, 3), 1, 2, 3)
	if a.connection() < 2 {
		t.Fatalf("the stream never reconnected (%d connections)", a.connection())
	}
}

// TestHostileStreamStallSaysWhy: a server silent mid-event before the
// first request: the stream waits to reconnect and says the server fell
// silent, then reconnects and delivers.
func TestHostileStreamStallSaysWhy(t *testing.T) {
	a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		if a.connection() == 1 {
			rawEventStream(w, ": heartbeat\n\n", rawHalf(rawEvent(1, "")))
			a.stall(r)
			return
		}
		rawEventStream(w, rawEvent(1, ""))
		a.heartbeats(w, r)
	})
	s, log := rawStream(t, a)

	rawExpectIDs(t, rawCollect(t, s, 1), 1)
	reasons := log.reconnectErrors()
	if len(reasons) == 0 || !strings.Contains(reasons[0], "heartbeat") {
		t.Fatalf("the stream's reconnecting state did not say the server fell silent: %q", reasons)
	}
}

// TestHostileStreamClosesMidEvent: the server hangs up inside an event.
// Nothing delivered is repeated or lost.
func TestHostileStreamClosesMidEvent(t *testing.T) {
	a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		switch a.connection() {
		case 1:
			rawEventStream(w, rawEvent(1, ""), rawHalf(rawEvent(2, "")))
		case 2:
			rawEventStream(w, rawEvent(1, ""), rawEvent(2, "")[:40])
		default:
			rawEventStream(w, rawEvent(1, ""), rawEvent(2, ""), rawEvent(3, ""))
			a.heartbeats(w, r)
		}
	})
	s, log := rawStream(t, a)

	rawExpectIDs(t, rawCollect(t, s, 3), 1, 2, 3)
	for _, reason := range log.reconnectErrors() {
		if !strings.Contains(reason, "/logs/stream") {
			t.Errorf("a reconnect reason does not name the stream: %q", reason)
		}
	}
}

// TestHostileStreamAnswersHTML: a proxy's login page where the event
// stream should be. The stream says so and keeps trying; nothing is
// delivered.
func TestHostileStreamAnswersHTML(t *testing.T) {
	for _, contentType := range []string{"text/html; charset=utf-8", "text/event-stream"} {
		t.Run(contentType, func(t *testing.T) {
			a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", contentType)
				_, _ = w.Write([]byte("<html><head><title>Sign in</title></head>\n" +
					"<body>\x1b]0;pwned\x07<form>user: password:</form></body></html>\n"))
			})
			s, log := rawStream(t, a)

			guard := time.After(rawGuard)
			for a.connection() < 3 {
				select {
				case r := <-s.Requests():
					t.Fatalf("a request came out of HTML: %+v", r)
				case <-guard:
					t.Fatalf("the stream stopped trying after %d connections; state %+v",
						a.connection(), s.State())
				case <-time.After(rawPoll):
				}
			}
			reasons := log.reconnectErrors()
			if len(reasons) == 0 {
				t.Fatal("the stream never said why it reconnects")
			}
			for _, reason := range reasons {
				if strings.ContainsAny(reason, "\x1b\x07") {
					t.Errorf("a reconnect reason carries the page's control bytes: %q", reason)
				}
			}
			if contentType != "text/event-stream" && !strings.Contains(reasons[0], "text/html") {
				t.Errorf("the reason does not name what came instead: %q", reasons[0])
			}
		})
	}
}

// hugeEvents serves request 1, request 2 with a 10 MiB console line (more
// than a stream event may hold), then request 3.
func hugeEvents(t *testing.T) *rawAPI {
	huge := `"huge":"` + strings.Repeat("x", 10<<20) + `"`
	return newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		rawEventStream(w, rawEvent(1, ""), rawEvent(2, huge), rawEvent(3, ""))
		a.heartbeats(w, r)
	})
}

// TestHostileStreamHugeConsoleLine: the request before the huge one arrives
// once, the stream says the event was too large, and it keeps running.
func TestHostileStreamHugeConsoleLine(t *testing.T) {
	a := hugeEvents(t)
	s, log := rawStream(t, a)

	rawExpectIDs(t, rawCollect(t, s, 1), 1)
	guard := time.After(rawGuard)
	for a.connection() < 3 {
		select {
		case r := <-s.Requests():
			if r.ID == "req-01" {
				t.Fatalf("req-01 was delivered twice")
			}
			return // got past the huge request: TestHostileStreamGetsPastHugeEvent checks it
		case <-guard:
			t.Fatalf("the stream stopped after %d connections; state %+v", a.connection(),
				s.State())
		case <-time.After(rawPoll):
		}
	}
	reasons := strings.Join(append(log.reconnectErrors(), rawErrText(s.State().Err)), "\n")
	if !strings.Contains(reasons, "MiB") {
		t.Errorf("nothing said the event was too large: %q", reasons)
	}
	if s.State().Phase == api.PhaseClosed {
		t.Errorf("the stream closed over one large event: %v", s.Err())
	}
}

// TestHostileStreamGetsPastHugeEvent: the requests after a request too
// large for the stream still arrive; the large one is delivered or counted
// as skipped, never a wall the stream runs into on every reconnect.
func TestHostileStreamGetsPastHugeEvent(t *testing.T) {
	s, _ := rawStream(t, hugeEvents(t))

	var got []api.Request
	for len(got) == 0 || got[len(got)-1].ID != "req-03" {
		got = append(got, rawCollect(t, s, 1)...)
	}
	if list := rawIDs(got); list != "[req-01 req-03]" && list != "[req-01 req-02 req-03]" {
		t.Fatalf("the stream delivered %s around the huge request", list)
	}
	if len(got) == 2 && s.State().Skipped == 0 {
		t.Errorf("the huge request was left out without being counted as skipped")
	}
}

func rawErrText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestHostileHundredThousandConsoleLines: one request with 100,000 console
// lines arrives whole, by the stream and in a page of history.
func TestHostileHundredThousandConsoleLines(t *testing.T) {
	lines := make([]string, 100_000)
	at := rawStart.Add(2 * time.Second).Format(time.RFC3339Nano)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"level":"Info","message":"l%d","timestamp":%q}`, i, at)
	}
	many := `"logs":[` + strings.Join(lines, ",") + `]`
	rec := strings.Replace(rawRecord(2, ""), `"logs":[`, `"ignored":[`, 1)
	rec = strings.TrimSuffix(rec, "}") + "," + many + "}"

	a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/logs") {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"requests":[` + rec + `],"pagination":{"page":1,` +
				`"pageSize":100,"totalCount":1,"totalPages":1}}`))
			return
		}
		rawEventStream(w, "id: req-02\nevent: request\ndata: "+rec+"\n\n")
		a.heartbeats(w, r)
	})

	page, err := a.client.Logs(context.Background(), rawFunction, api.LogQuery{})
	if err != nil {
		t.Fatalf("Logs: %v", err)
	}
	if len(page.Requests) != 1 || len(page.Requests[0].Logs) != len(lines) {
		t.Fatalf("the page holds %d requests; want 1 with %d console lines", len(page.Requests),
			len(lines))
	}

	s, _ := rawStream(t, a)
	got := rawCollect(t, s, 1)
	if n := len(got[0].Logs); n != len(lines) {
		t.Fatalf("the streamed request has %d console lines, want %d", n, len(lines))
	}
}

// TestHostileJSONIsReadTolerantly: unknown fields, nulls and wrong types in
// every answer. What can be read is kept, undocumented statuses stay as they
// came, and the raw record keeps everything for copy and export.
func TestHostileJSONIsReadTolerantly(t *testing.T) {
	odd := `"status":"Hibernating","future":{"deep":[1,{"x":null}]},"memoryUsedMB":null,` +
		`"requestHeaders":[1,2],"responseBody":{"not":"a string"},"url":"\u001b]0;t\u0007/x` +
		"\xff\xfe" + `"`
	a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/functions"):
			_, _ = w.Write([]byte(`{"functions":[` +
				`{"id":"fn-1","name":"a","runtime":"node","status":"Hibernating","extra":[1]},` +
				`{"id":"fn-2","name":7,"runtime":null,"status":null,"createdAt":"garbage"},` +
				`5,null,` +
				`{"id":"fn-3","name":"c","status":"Running","updatedAt":12,"createdAt":false}` +
				`],"total":"3","next":{"cursor":null}}`))
		case strings.HasSuffix(r.URL.Path, "/status"):
			_, _ = w.Write([]byte(`{"functionId":"fn-1","status":"Paused",` +
				`"error":{"code":1},"url":null,"unknown":true}`))
		case strings.HasSuffix(r.URL.Path, "/logs"):
			_, _ = w.Write([]byte(`{"requests":[` + rawRecord(1, odd) + `,"junk",` + rawRecord(2, "") +
				`],"pagination":{"page":"1","pageSize":null,"totalCount":2.0,"totalPages":true}}`))
		default:
			rawEventStream(w, "id: req-01\nevent: request\ndata: "+rawRecord(1, odd)+"\n\n")
			a.heartbeats(w, r)
		}
	})
	ctx := context.Background()

	list, err := a.client.Functions(ctx)
	if err != nil {
		t.Fatalf("Functions: %v", err)
	}
	if len(list.Functions) < 3 || list.Functions[0].Status != "Hibernating" ||
		list.Functions[0].Status.Known() || list.Functions[1].Name != "7" {
		t.Fatalf("the list lost what it could read: %+v", list.Functions)
	}
	status, err := a.client.Status(ctx, "fn-1")
	if err != nil || status.Status != "Paused" || !strings.Contains(status.Error, "code") {
		t.Fatalf("Status = %+v, %v; want the undocumented status and the error as it came",
			status, err)
	}

	page, err := a.client.Logs(ctx, rawFunction, api.LogQuery{})
	if err != nil {
		t.Fatalf("Logs: %v", err)
	}
	rawExpectIDs(t, page.Requests, 1, 2)
	rawCheckTolerant(t, page.Requests[0])

	s, _ := rawStream(t, a)
	rawCheckTolerant(t, rawCollect(t, s, 1)[0])
}

// rawCheckTolerant checks a request decoded from rawRecord(1, odd).
func rawCheckTolerant(t *testing.T, r api.Request) {
	t.Helper()
	if r.StatusCode != 200 || len(r.Logs) != 1 || r.StartTime.IsZero() {
		t.Errorf("the readable fields were lost: %+v", r)
	}
	for _, text := range []string{r.URL, r.ResponseBody, r.ID} {
		if !utf8.ValidString(text) {
			t.Errorf("a decoded field is not valid UTF-8: %q", text)
		}
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r.Raw, &raw); err != nil || raw["future"] == nil ||
		raw["status"] == nil {
		t.Errorf("Raw does not keep the unknown fields (%v): %s", err, r.Raw)
	}
}

// TestHostileErrorsAreClean: error answers whose text tries to act on the
// terminal, and answers that are not JSON, give errors that name the call
// and carry no control character.
func TestHostileErrorsAreClean(t *testing.T) {
	answers := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        error
	}{
		{"escapes in a 500", 500, "application/json",
			`{"error":"internal\u001b[2J","message":"boom \u001b]52;c;eA==\u0007 \u009b31m"}`,
			api.ErrServer},
		{"undocumented status", 599, "application/json", `{"message":"what is this"}`, api.ErrServer},
		{"HTML login page", 200, "text/html", "<html>\x1b]0;t\x07Sign in</html>", api.ErrNotJSON},
		{"HTML error page", 502, "text/html", "<html><body>Bad gateway</body></html>", api.ErrServer},
		{"JSON of the wrong shape", 200, "application/json", `["functions"]`, nil},
		{"truncated JSON", 200, "application/json", `{"functions":[{"id":"a"`, nil},
	}
	for _, ans := range answers {
		t.Run(ans.name, func(t *testing.T) {
			a := newRawAPI(t, func(a *rawAPI, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", ans.contentType)
				w.WriteHeader(ans.status)
				_, _ = w.Write([]byte(ans.body))
			})
			_, err := a.client.Functions(context.Background())
			if err == nil {
				t.Fatal("no error")
			}
			text := err.Error()
			if !strings.Contains(text, "/functions") {
				t.Errorf("the error does not name the call: %q", text)
			}
			for _, r := range text {
				if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
					t.Errorf("the error carries control character %U: %q", r, text)
					break
				}
			}
			if ans.want != nil && !errors.Is(err, ans.want) {
				t.Errorf("the error %q does not match %v", text, ans.want)
			}
		})
	}
}
