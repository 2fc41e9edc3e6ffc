package sim_test

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/model"
)

// selfURLs makes the simulator report function URLs on itself.
func selfURLs(cfg *sim.Config) { cfg.FunctionURLs = sim.FunctionURLsSelf }

// selfURL is the URL of function id on the simulator served at apiURL.
func selfURL(t *testing.T, apiURL, id string) string {
	t.Helper()
	u, err := url.Parse(apiURL)
	if err != nil {
		t.Fatal(err)
	}
	return "http://fn-" + strings.ToLower(id) + ".localhost:" + u.Port()
}

// fn is the URL of the named function on the harness's simulator.
func (h *harness) fn(name string) string {
	h.t.Helper()
	return selfURL(h.t, h.local.URL, h.functionID(name))
}

// localhostClient reaches every name under localhost at 127.0.0.1, as curl
// does; Go's resolver leaves such names to DNS, which may not know them.
func localhostClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err == nil && strings.HasSuffix(strings.ToLower(host), ".localhost") {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		return dialer.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: &http.Transport{DialContext: dial}}
}

// pathOf is the path of a record's URL.
func pathOf(t *testing.T, r api.Request) string {
	t.Helper()
	u, err := url.Parse(r.URL)
	if err != nil {
		t.Fatalf("record %s: %v", r.ID, err)
	}
	return u.Path
}

// records fetches a page of a function's history through the logs endpoint,
// decoded with the client's wire types.
func (h *harness) records(id, query string) []api.Request {
	h.t.Helper()
	var page struct {
		Requests []api.Request `json:"requests"`
	}
	h.getJSON("functions/"+id+"/logs?"+query, &page)
	return page.Requests
}

// send makes a request with no token and returns its answer, body read.
func send(t *testing.T, method, target, body string, headers map[string]string) (
	*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for name, value := range headers {
		req.Header.Set(name, value)
	}
	client := localhostClient()
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, answer
}

// replay sends a record's request again, as it was logged.
func replay(t *testing.T, r api.Request) (*http.Response, []byte) {
	t.Helper()
	return send(t, r.HTTPMethod, r.URL, r.RequestBody, r.RequestHeaders)
}

func TestFunctionURLsPointAtTheSimulator(t *testing.T) {
	h := newHarness(t, selfURLs)
	for _, f := range h.local.Functions() {
		want := selfURL(t, h.local.URL, f.ID)
		var st statusWire
		h.getJSON("functions/"+f.ID+"/status", &st)
		if f.URL != want || st.URL != want {
			t.Errorf("%s: Functions URL %q, status URL %q, want %q", f.Name, f.URL, st.URL, want)
		}
	}

	id := h.functionID("ivr-handler")
	prefix := h.fn("ivr-handler") + "/"
	for _, r := range h.records(id, "pageSize=200&status=error") {
		if !strings.HasPrefix(r.URL, prefix) {
			t.Fatalf("record %s: URL %q, want it under %q", r.ID, r.URL, prefix)
		}
		for _, l := range r.Logs {
			if strings.Contains(l.Message, "127.0.0.1") {
				t.Fatalf("console line names the simulator's address: %q", l.Message)
			}
		}
	}

	_, stream := h.openStream("functions/" + id + "/logs/stream?since=" +
		rfc(start.Add(-30*time.Second)))
	defer stream.close()
	for _, r := range collect(t, stream, 5, 0) {
		if !strings.HasPrefix(r.URL, prefix) {
			t.Fatalf("streamed record %s: URL %q, want it under %q", r.ID, r.URL, prefix)
		}
	}
}

// TestFunctionURLsChangeNothingElse checks that self URLs leave the history
// as it was: the same requests, differing only in the host their URL names,
// so that the dashboard shows the same path either way.
func TestFunctionURLsChangeNothingElse(t *testing.T) {
	vendor := newHarness(t, nil)
	self := newHarness(t, selfURLs)
	from := start.Add(-10 * time.Minute)
	for _, f := range vendor.local.Functions() {
		if !strings.HasPrefix(f.URL, "https://fn-") {
			t.Fatalf("%s: vendor URL %q", f.Name, f.URL)
		}
		want := vendor.local.RequestsBetween(f.ID, from, start)
		got := self.local.RequestsBetween(f.ID, from, start)
		if len(got) != len(want) {
			t.Fatalf("%s: %d requests with self URLs, %d without", f.Name, len(got), len(want))
		}
		for i := range want {
			w, g := want[i], got[i]
			path := strings.TrimPrefix(w.URL, f.URL)
			if g.URL != selfURL(t, self.local.URL, f.ID)+path {
				t.Fatalf("%s: URL %q for vendor URL %q", f.Name, g.URL, w.URL)
			}
			shown := func(u string) string { return model.NewEntry(api.Request{URL: u}).Path }
			bare, _, _ := strings.Cut(path, "?")
			if wp, gp := shown(w.URL), shown(g.URL); gp != wp || gp != bare {
				t.Fatalf("%s: path %q shown for %q, %q for %q", f.Name, gp, g.URL, wp, w.URL)
			}
			w.URL, g.URL = "", ""
			wj, _ := json.Marshal(&w)
			gj, _ := json.Marshal(&g)
			if string(wj) != string(gj) {
				t.Fatalf("%s: records differ beyond the URL:\n%s\n%s", f.Name, wj, gj)
			}
		}
	}
}

// TestNewKeepsVendorURLs checks that a Server built by New, which does not
// know where it is served, reports the vendor's URLs even when asked for
// its own, and still answers functions at their hosts.
func TestNewKeepsVendorURLs(t *testing.T) {
	cfg := sim.DefaultConfig()
	cfg.Clock = newClock()
	cfg.FunctionURLs = sim.FunctionURLsSelf
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()

	f := s.Functions()[0]
	if f.URL != "https://fn-01jkxf00000000000001.functions.sinch.com" {
		t.Errorf("URL %q, want the vendor's", f.URL)
	}
	resp, body := send(t, http.MethodGet, selfURL(t, ts.URL, f.ID)+"/health", "", nil)
	if resp.StatusCode != http.StatusOK || string(body) != `{"status":"ok"}` {
		t.Errorf("health: %d %s", resp.StatusCode, body)
	}

	cfg.FunctionURLs = "elsewhere"
	if _, err := sim.New(cfg); err == nil || !strings.Contains(err.Error(), "elsewhere") {
		t.Errorf("New with function URLs %q: %v", cfg.FunctionURLs, err)
	}
	if _, err := sim.Start(cfg); err == nil {
		t.Error("Start accepted an unknown choice of function URLs")
	}
}

// TestReplayedRecordsAreAnswered replays records of every serving function
// from the logs endpoint and expects 2xx answers of the right kind, none of
// them counted toward the API's rate limits.
func TestReplayedRecordsAreAnswered(t *testing.T) {
	h := newHarness(t, selfURLs)
	var recs []api.Request
	for _, f := range h.local.Functions() {
		if f.Status != "Stopped" && f.Status != "Failed" {
			recs = append(recs, h.records(f.ID, "pageSize=40")...)
		}
	}

	before := h.local.Counters()
	paths := map[string]int{}
	for _, r := range recs {
		resp, body := replay(t, r)
		path := pathOf(t, r)
		paths[path]++
		if resp.StatusCode/100 != 2 || !json.Valid(body) ||
			resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("replay of %s %s: %d %q %s", r.HTTPMethod, r.URL, resp.StatusCode,
				resp.Header.Get("Content-Type"), body)
		}
		switch path {
		case "/ice", "/ace", "/pie":
			var svaml struct {
				Action struct{ Name string } `json:"action"`
			}
			if json.Unmarshal(body, &svaml) != nil || svaml.Action.Name == "" {
				t.Fatalf("%s answered without an SVAML action: %s", r.URL, body)
			}
		}
	}

	after := h.local.Counters()
	if after.Invocations-before.Invocations != len(recs) {
		t.Errorf("%d invocations counted for %d replays",
			after.Invocations-before.Invocations, len(recs))
	}
	if after.Read != before.Read || after.Logs != before.Logs || len(recs) <= 200 {
		t.Errorf("%d replays touched the rate limits: read %+v -> %+v, logs %+v -> %+v",
			len(recs), before.Read, after.Read, before.Logs, after.Logs)
	}
	for _, p := range []string{"/ice", "/ace", "/dice", "/pie", "/recording", "/webhooks/sms",
		"/webhooks/conversation", "/verify/start", "/verify/status"} {
		if paths[p] == 0 {
			t.Errorf("no %s among the replayed records: %v", p, paths)
		}
	}
}

type errorWire struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func TestFunctionRefusals(t *testing.T) {
	h := newHarness(t, selfURLs)
	var st statusWire
	h.getJSON("functions/"+h.functionID("ai-voice-agent")+"/status", &st)
	failed, failure := st.URL, *st.Error
	h.getJSON("functions/"+h.functionID("fax-relay")+"/status", &st)
	stopped := st.URL
	ivr := h.fn("ivr-handler")
	unknown := selfURL(t, h.local.URL, "01JKXF0000000000ZZZZ")

	cases := []struct {
		name, method, target, body string
		code                       int
		message                    string
	}{
		{"stopped", "POST", stopped + "/ice", "{}", 503,
			"fax-relay (01JKXF00000000000009) is Stopped"},
		{"failed", "POST", failed + "/ice", "{}", 503, "is Failed: " + failure},
		{"unknown function", "POST", unknown + "/ice", "{}", 404,
			`no function "01JKXF0000000000ZZZZ"`},
		{"no function", "GET", selfURL(t, h.local.URL, ""), "", 404, `no function ""`},
		{"no handler", "POST", ivr + "/webhooks/sms", "{}", 404,
			"no handler for POST /webhooks/sms"},
		{"no API at a function's host", "GET", ivr + "/v1/projects/demo/functions", "", 404,
			"no handler for GET /v1/projects/demo/functions"},
		{"no function path on the API's host", "GET",
			h.local.URL + "/fn/" + h.functionID("ivr-handler") + "/health", "", 404,
			"no such endpoint"},
	}
	for _, tc := range cases {
		resp, body := send(t, tc.method, tc.target, tc.body, nil)
		var e errorWire
		if resp.StatusCode != tc.code || json.Unmarshal(body, &e) != nil ||
			!strings.Contains(e.Message, tc.message) {
			t.Errorf("%s: %d %s, want %d with %q", tc.name, resp.StatusCode, body, tc.code,
				tc.message)
		}
	}

	// A function's callers hold no token of the operations API; one that
	// sends some other credential is answered all the same.
	resp, body := send(t, "GET", ivr+"/health", "", map[string]string{
		"Authorization": "Bearer not-a-token"})
	if resp.StatusCode != 200 {
		t.Errorf("with a foreign bearer token: %d %s", resp.StatusCode, body)
	}
}

func TestFunctionAnswers(t *testing.T) {
	h := newHarness(t, selfURLs)
	fn := h.fn
	ice := `{"event":"ice","callid":"abc123","cli":"+15551234567","to":{"type":"number"}}`

	cases := []struct {
		name, method, target, body string
		code                       int
		want                       string
	}{
		{"health", "GET", fn("ivr-handler") + "/health", "", 200, `{"status":"ok"}`},
		{"static page", "GET", fn("whatsapp-bot") + "/", "", 200, `{"ok":true}`},
		{"host in upper case", "GET", strings.ToUpper(fn("ivr-handler")) + "/health", "", 200,
			"ok"},
		{"any method", "DELETE", fn("sms-responder") + "/webhooks/sms", "", 200, "accepted"},
		{"caller connected", "POST", fn("call-router") + "/ice", ice, 200,
			`"cli":"+15551234567"`},
		{"caller is not a number", "POST", fn("call-router") + "/ice",
			`{"cli":"+1\",\"evil\":\"x"}`, 200, `"connectPstn"`},
		{"not JSON", "POST", fn("ivr-handler") + "/ice", "{", 400, "Bad Request"},
		{"verification status", "GET", fn("otp-verifier") + "/verify/status?id=0123456789", "",
			200, `{"id":"0123456789","status":"SUCCESSFUL"}`},
		{"verification without ID", "GET", fn("otp-verifier") + "/verify/status", "", 400,
			"id is missing"},
		{"verification started", "POST", fn("otp-verifier") + "/verify/start",
			`{"identity":{"type":"number","endpoint":"+15551234567"},"method":"callout"}`, 200,
			`"method":"callout"`},
	}
	for _, tc := range cases {
		resp, body := send(t, tc.method, tc.target, tc.body, nil)
		if resp.StatusCode != tc.code || !json.Valid(body) ||
			!strings.Contains(string(body), tc.want) {
			t.Errorf("%s: %d %s, want %d with %s", tc.name, resp.StatusCode, body, tc.code,
				tc.want)
		}
		if strings.Contains(string(body), "evil") {
			t.Errorf("%s: the answer copied untrusted text: %s", tc.name, body)
		}
	}

	_, first := send(t, "POST", fn("ivr-handler")+"/ice", ice, nil)
	_, again := send(t, "POST", fn("ivr-handler")+"/ice", ice, nil)
	if string(first) != string(again) || !strings.Contains(string(first), "runMenu") {
		t.Errorf("the same ICE got %s, then %s", first, again)
	}
}

// TestCurlCommandReplaysAgainstTheSimulator runs the dashboard's cURL
// command of records from the logs endpoint with the real curl, one record
// per path, and one whose body needs printf's escapes.
func TestCurlCommandReplaysAgainstTheSimulator(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	h := newHarness(t, selfURLs)
	seen := map[string]bool{}
	var recs []api.Request
	for _, f := range h.local.Functions() {
		if f.Status == "Stopped" || f.Status == "Failed" {
			continue // their records are answered 503, as TestFunctionRefusals checks
		}
		for _, r := range h.records(f.ID, "pageSize=30") {
			path := pathOf(t, r)
			if !seen[path] {
				seen[path] = true
				recs = append(recs, r)
			}
		}
	}
	i := slices.IndexFunc(recs, func(r api.Request) bool { return r.RequestBody != "" })
	escaped := recs[i]
	escaped.RequestBody = strings.ReplaceAll(escaped.RequestBody, ",", ",\n\t")
	if !strings.Contains(model.CurlCommand(escaped), "printf") {
		t.Fatalf("the body with control characters is not piped: %s",
			model.CurlCommand(escaped))
	}
	recs = append(recs, escaped)

	before := h.local.Counters().Invocations
	for _, r := range recs {
		command := model.CurlCommand(r) + ` --silent --show-error --output /dev/null` +
			` --write-out '%{http_code}'`
		out, err := runShell(t, curl, command)
		if err != nil || len(out) != 3 || out[0] != '2' {
			t.Errorf("%s\nexit %v, output %q", command, err, out)
		}
	}
	if got := h.local.Counters().Invocations - before; got != len(recs) {
		t.Errorf("%d invocations counted for %d commands", got, len(recs))
	}
	if len(recs) < 12 {
		t.Errorf("only %d distinct paths tried: %v", len(recs), slices.Sorted(maps.Keys(seen)))
	}
}

// runShell runs command with sh, curl's own settings and proxies out of
// the way, and returns its standard output.
func runShell(t *testing.T, curl, command string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	home := t.TempDir()
	cmd.Env = []string{"PATH=" + filepath.Dir(curl) + ":" + os.Getenv("PATH"),
		"HOME=" + home, "CURL_HOME=" + home, "XDG_CONFIG_HOME=" + home, "LC_ALL=C"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Logf("stderr: %s", stderr.String())
	}
	return string(out), err
}
