package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
)

// simStart is a weekday afternoon near the simulated traffic's daily peak,
// early in the month so that the billing period to date is short to add up.
var simStart = time.Date(2026, 3, 2, 14, 30, 0, 0, time.UTC)

// testSource is the credential source the tests' clients report.
const testSource = "environment (SINCH_KEY_ID)"

// env is a simulator on a manual clock, reached over real HTTP.
type env struct {
	t      *testing.T
	clock  *clock.Manual
	sim    *sim.Local
	wire   *wire
	faults sim.Faults
}

func newEnv(t *testing.T, mutate func(*sim.Config)) *env {
	t.Helper()
	clk := clock.NewManual(simStart)
	cfg := sim.DefaultConfig()
	cfg.Clock = clk
	cfg.Seed = 3
	if mutate != nil {
		mutate(&cfg)
	}

	local, err := sim.Start(cfg)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	w := &wire{next: http.DefaultTransport.(*http.Transport).Clone()}
	t.Cleanup(func() {
		w.next.CloseIdleConnections()
		if err := local.Close(); err != nil {
			t.Errorf("closing the simulator: %v", err)
		}
	})
	return &env{t: t, clock: clk, sim: local, wire: w}
}

// client returns a client of the simulator on the env's clock and wire;
// mutate may change its config.
func (e *env) client(mutate func(*api.Config)) *api.Client {
	e.t.Helper()
	cfg := api.Config{
		APIURL:           e.sim.URL,
		AuthURL:          e.sim.TokenURL,
		ProjectID:        "demo",
		KeyID:            "demo-key",
		KeySecret:        "demo-secret",
		CredentialSource: testSource,
		HTTPClient:       &http.Client{Transport: e.wire},
		Clock:            e.clock,
		Timeout:          10 * time.Second,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := api.NewClient(cfg)
	if err != nil {
		e.t.Fatalf("NewClient: %v", err)
	}
	return c
}

// functionIDs lists the simulated project's function IDs.
func (e *env) functionIDs() []string {
	var ids []string
	for _, f := range e.sim.Functions() {
		ids = append(ids, f.ID)
	}
	if len(ids) == 0 {
		e.t.Fatal("the simulator has no functions")
	}
	return ids
}

// wire is the tests' HTTP transport: it counts token fetches, API calls and
// 401 answers, and can spoil the bearer token the way a broken proxy would.
type wire struct {
	next *http.Transport

	mu      sync.Mutex
	tokens  int
	calls   int
	refused int
	bearers []string
	spoil   bool
}

// RoundTrip forwards one request and counts it.
func (w *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	w.mu.Lock()
	isToken := strings.HasSuffix(req.URL.Path, "/oauth2/token")
	if isToken {
		w.tokens++
	} else {
		w.calls++
		w.bearers = append(w.bearers, req.Header.Get("Authorization"))
		if w.spoil {
			req = req.Clone(req.Context())
			req.Header.Set("Authorization", req.Header.Get("Authorization")+"-spoiled")
		}
	}
	w.mu.Unlock()

	resp, err := w.next.RoundTrip(req)
	if err == nil && !isToken && resp.StatusCode == http.StatusUnauthorized {
		w.mu.Lock()
		w.refused++
		w.mu.Unlock()
	}
	return resp, err
}

// counts returns token fetches, API calls and 401 answers so far.
func (w *wire) counts() (tokens, calls, refused int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.tokens, w.calls, w.refused
}

// spoilBearer makes every later API call carry a token the API refuses.
func (w *wire) spoilBearer() {
	w.mu.Lock()
	w.spoil = true
	w.mu.Unlock()
}

// lastBearer returns the Authorization header of the latest API call.
func (w *wire) lastBearer() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.bearers) == 0 {
		return ""
	}
	return w.bearers[len(w.bearers)-1]
}

// within returns a context that ends after d of wall time: a guard against
// a test hanging, never a timing assertion.
func within(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
