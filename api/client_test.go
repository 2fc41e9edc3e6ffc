package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
)

func TestEveryCallDecodes(t *testing.T) {
	e := newEnv(t, nil)
	e.clock.Advance(20 * time.Minute)
	c := e.client(nil)
	ctx := within(t, 20*time.Second)

	list, err := c.Functions(ctx)
	if err != nil {
		t.Fatalf("Functions: %v", err)
	}
	if len(list.Functions) == 0 || list.Total != len(list.Functions) {
		t.Fatalf("functions: %d listed, total %d", len(list.Functions), list.Total)
	}
	fn := list.Functions[0]
	if fn.ID == "" || fn.Name == "" || fn.Status == "" || fn.CreatedAt.IsZero() {
		t.Fatalf("function decoded as %+v", fn)
	}

	status, err := c.Status(ctx, fn.ID)
	if err != nil || status.FunctionID != fn.ID || status.Status == "" {
		t.Fatalf("Status: %+v, %v", status, err)
	}

	now := e.clock.Now()
	query := api.LogQuery{Start: now.Add(-time.Hour), End: now, PageSize: 50, Order: "asc"}
	page, err := c.Logs(ctx, fn.ID, query)
	if err != nil {
		t.Fatalf("Logs: %v", err)
	}
	if page.Pagination.PageSize != 50 || len(page.Requests) > 50 {
		t.Fatalf("pagination %+v with %d requests", page.Pagination, len(page.Requests))
	}
	for i, r := range page.Requests {
		if r.ID == "" || r.StartTime.IsZero() || len(r.Raw) == 0 {
			t.Fatalf("request %d decoded as %+v", i, r)
		}
		if i > 0 && r.StartTime.Before(page.Requests[i-1].StartTime) {
			t.Fatalf("asc order broken at %d", i)
		}
	}

	metrics, err := c.Metrics(ctx, fn.ID, api.Range1h)
	if err != nil {
		t.Fatalf("Metrics: %v", err)
	}
	if metrics.TimeRange != api.Range1h || metrics.FunctionName != fn.Name {
		t.Fatalf("metrics for %q over %q", metrics.FunctionName, metrics.TimeRange)
	}
	if got := int(metrics.Summary.TotalRequests); got != page.Pagination.TotalCount {
		t.Fatalf("metrics count %d, logs count %d for the same hour", got,
			page.Pagination.TotalCount)
	}

	billing, err := c.Billing(ctx)
	if err != nil || billing.Currency == "" || len(billing.Raw) == 0 || billing.PeriodStart.IsZero() {
		t.Fatalf("Billing: %+v, %v", billing, err)
	}

	costs, err := c.Costs(ctx, fn.ID, "month")
	if err != nil || costs.FunctionID != fn.ID || len(costs.Breakdown) == 0 || len(costs.Raw) == 0 {
		t.Fatalf("Costs: %+v, %v", costs, err)
	}
}

func TestAPIErrorsAreTyped(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(nil)
	ctx := within(t, 10*time.Second)

	_, err := c.Status(ctx, "01JNOSUCHFUNCTION000000000")
	var apiErr *api.Error
	if !errors.Is(err, api.ErrNotFound) || !errors.As(err, &apiErr) {
		t.Fatalf("unknown function: err = %v, want ErrNotFound", err)
	}
	if !strings.Contains(apiErr.Endpoint, "/status") || apiErr.Code != "not_found" {
		t.Fatalf("not found error: %+v", apiErr)
	}

	fn := e.functionIDs()[0]
	_, err = c.Logs(ctx, fn, api.LogQuery{PageSize: 5000})
	if !errors.Is(err, api.ErrBadRequest) || !errors.As(err, &apiErr) {
		t.Fatalf("page size 5000: err = %v, want ErrBadRequest", err)
	}
	if apiErr.Parameter != "pageSize" || !strings.Contains(err.Error(), "pageSize") {
		t.Fatalf("bad parameter error: %+v", apiErr)
	}

	if _, err := c.Costs(ctx, fn, "decade"); !errors.Is(err, api.ErrBadRequest) {
		t.Fatalf("period decade: err = %v, want ErrBadRequest", err)
	}
	if _, err := c.Status(ctx, " "); err == nil || !strings.Contains(err.Error(), "function ID") {
		t.Fatalf("empty function ID: err = %v", err)
	}
}

// TestHourOfRefreshingStaysUnderTheLimits runs an hour of simulated time in
// which background refreshers poll 50 function slots as fast as the budget
// lets them (and fetch history for the first quarter hour, to keep the test
// short), while interactive calls keep coming: the API must never answer
// 429 nor count more than its limit in any window, and interactive calls
// must never wait.
func TestHourOfRefreshingStaysUnderTheLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("an hour of simulated traffic")
	}
	e := newEnv(t, nil)
	c := e.client(nil)
	ids := e.functionIDs()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	background := api.WithPriority(ctx, api.Background)
	var failed sync.Map
	var workers sync.WaitGroup
	refresh := func(worker int, call func(slot int) error) {
		workers.Go(func() {
			for slot := worker; ctx.Err() == nil; slot = (slot + 1) % 50 {
				if err := call(slot); err != nil && ctx.Err() == nil {
					failed.Store(fmt.Sprintf("worker %d", worker), err)
				}
			}
		})
	}
	for w := range 3 {
		refresh(w, func(slot int) error {
			_, err := c.Status(background, ids[slot%len(ids)])
			if err == nil {
				_, err = c.Metrics(background, ids[slot%len(ids)], api.Range1h)
			}
			return err
		})
	}
	history, stopHistory := context.WithCancel(background)
	defer stopHistory()
	refresh(3, func(slot int) error {
		now := e.clock.Now()
		q := api.LogQuery{Start: now.Add(-5 * time.Minute), End: now, PageSize: 1}
		_, err := c.Logs(history, ids[slot%len(ids)], q)
		if history.Err() != nil {
			<-ctx.Done()
			return nil
		}
		return err
	})

	asleep := 4 // refreshers waiting for the budget
	for second := range 3600 {
		e.clock.BlockUntil(asleep)
		if second == 15*60 {
			stopHistory()
			asleep = 3
		}
		if second%20 == 0 {
			interactive(t, c, ids[second%len(ids)])
		}
		e.clock.Advance(time.Second)
	}
	cancel()
	workers.Wait()

	failed.Range(func(who, err any) bool {
		t.Errorf("%s: %v", who, err)
		return true
	})
	counters := e.sim.Counters()
	t.Logf("read %+v, logs %+v", counters.Read, counters.Logs)
	if counters.Read.Limited != 0 || counters.Logs.Limited != 0 {
		t.Fatalf("the API answered 429: read %d, logs %d", counters.Read.Limited,
			counters.Logs.Limited)
	}
	if counters.Read.Peak > 100 || counters.Logs.Peak > 200 {
		t.Fatalf("a window held too many calls: read %d, logs %d", counters.Read.Peak,
			counters.Logs.Peak)
	}
	if counters.Read.Peak < 80 || counters.Logs.Peak < 160 {
		t.Fatalf("the refreshers did not fill the background share: %+v", counters)
	}
}

// interactive makes one user-asked call, which must not wait on the clock:
// the wall-time guard would end it if it did.
func interactive(t *testing.T, c *api.Client, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c.Status(ctx, id); err != nil {
		t.Fatalf("interactive call while background calls saturate the budget: %v", err)
	}
}

func TestRateLimitIsWaitedOutToTheInstant(t *testing.T) {
	e := newEnv(t, nil)
	ctx := within(t, 10*time.Second)
	fn := e.functionIDs()[0]

	other := e.client(nil) // another dashboard on the project, with its own budget
	for range 100 {
		if _, err := other.Status(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Advance(10 * time.Second)

	c := e.client(nil)
	result := make(chan error, 1)
	go func() {
		_, err := c.Functions(ctx)
		result <- err
	}()

	e.clock.BlockUntil(1)
	reopens := simStart.Add(time.Minute)
	if got := c.Budget().Snapshot().Read.PausedUntil; !got.Equal(reopens) {
		t.Fatalf("read group paused until %v, want %v", got, reopens)
	}
	e.clock.Set(reopens.Add(-time.Millisecond))
	select {
	case err := <-result:
		t.Fatalf("the call returned before Retry-After: %v", err)
	default:
	}

	e.clock.Set(reopens)
	if err := <-result; err != nil {
		t.Fatalf("after Retry-After: %v", err)
	}
	if limited := e.sim.Counters().Read.Limited; limited != 1 {
		t.Fatalf("the API answered 429 %d times, want once", limited)
	}
}

func TestShortLivedTokensCauseNoFailedCall(t *testing.T) {
	e := newEnv(t, func(cfg *sim.Config) { cfg.TokenLifetime = 3 * time.Second })
	c := e.client(nil)
	ctx := within(t, 20*time.Second)
	ids := e.functionIDs()

	for i := range 60 {
		if _, err := c.Status(ctx, ids[i%len(ids)]); err != nil {
			t.Fatalf("call %d at %v: %v", i, e.clock.Now(), err)
		}
		e.clock.Advance(700 * time.Millisecond)
	}

	tokens, calls, refused := e.wire.counts()
	if refused != 0 {
		t.Fatalf("%d calls went out with an expired token", refused)
	}
	if tokens < 60*700/3000 || tokens > calls {
		t.Fatalf("%d tokens for %d calls over %v", tokens, calls, 42*time.Second)
	}
}

func TestRefusedTokenIsRenewedOnce(t *testing.T) {
	e := newEnv(t, func(cfg *sim.Config) { cfg.TokenLifetime = time.Minute })
	frozen := clock.NewManual(simStart) // the client believes its token is fresh
	c := e.client(func(cfg *api.Config) { cfg.Clock = frozen })
	ctx := within(t, 10*time.Second)

	if _, err := c.Functions(ctx); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(2 * time.Minute)
	if _, err := c.Functions(ctx); err != nil {
		t.Fatalf("after the API refused the cached token: %v", err)
	}

	tokens, calls, refused := e.wire.counts()
	if tokens != 2 || calls != 3 || refused != 1 {
		t.Fatalf("tokens %d, calls %d, refused %d; want 2, 3, 1", tokens, calls, refused)
	}
}

func TestRefusedTwiceNamesTheKey(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(nil)
	ctx := within(t, 10*time.Second)
	e.wire.spoilBearer()

	_, err := c.Functions(ctx)
	if !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	msg := err.Error()
	for _, want := range []string{`Key ID "demo-key"`, testSource, "GET /functions"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	token := strings.TrimPrefix(e.wire.lastBearer(), "Bearer ")
	if strings.Contains(msg, "demo-secret") || token == "" || strings.Contains(msg, token) {
		t.Errorf("error %q shows a secret", msg)
	}

	tokens, calls, refused := e.wire.counts()
	if tokens != 2 || calls != 2 || refused != 2 {
		t.Fatalf("tokens %d, calls %d, refused %d; want 2, 2, 2", tokens, calls, refused)
	}
}

func TestWrongSecretIsClear(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(func(cfg *api.Config) { cfg.KeySecret = "s3cr3t-value" })

	_, err := c.Functions(within(t, 10*time.Second))
	var tokenErr *api.TokenError
	if !errors.Is(err, api.ErrUnauthorized) || !errors.As(err, &tokenErr) {
		t.Fatalf("err = %v, want a TokenError matching ErrUnauthorized", err)
	}
	msg := err.Error()
	for _, want := range []string{"invalid_client", `Key ID "demo-key"`, testSource} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	if strings.Contains(msg, "s3cr3t") {
		t.Errorf("error %q shows the secret", msg)
	}
	if _, calls, _ := e.wire.counts(); calls != 0 {
		t.Fatalf("%d API calls without a token", calls)
	}
}

// portal answers every API path with an HTML page, like a captive portal.
func portal(status int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprint(w, "<!DOCTYPE html><html><title>Sign in</title></html>")
	}))
}

func TestHTMLAnswerIsClear(t *testing.T) {
	e := newEnv(t, nil)
	ok, bad := portal(http.StatusOK), portal(http.StatusBadGateway)
	defer ok.Close()
	defer bad.Close()
	ctx := within(t, 10*time.Second)

	c := e.client(func(cfg *api.Config) { cfg.APIURL = ok.URL })
	_, err := c.Functions(ctx)
	if !errors.Is(err, api.ErrNotJSON) {
		t.Fatalf("err = %v, want ErrNotJSON", err)
	}
	for _, want := range []string{"GET /functions", "text/html", "200"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}

	c = e.client(func(cfg *api.Config) { cfg.APIURL = bad.URL })
	_, err = c.Billing(ctx)
	var apiErr *api.Error
	if !errors.Is(err, api.ErrServer) || !errors.As(err, &apiErr) ||
		!strings.Contains(apiErr.Message, "text/html") {
		t.Fatalf("err = %v, want a 502 naming text/html", err)
	}
}

func TestPlainCallsTimeOut(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client(func(cfg *api.Config) { cfg.Timeout = 100 * time.Millisecond })
	ctx := within(t, 10*time.Second)
	if _, err := c.Functions(ctx); err != nil {
		t.Fatal(err)
	}

	if err := e.sim.SetFaults(sim.Faults{Latency: time.Hour}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Functions(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "GET /functions") {
		t.Fatalf("err = %v, want a deadline naming the call", err)
	}
}

func TestConfigIsChecked(t *testing.T) {
	good := api.Config{ProjectID: "demo", KeyID: "k", KeySecret: "s3cr3t", CredentialSource: "file x"}
	cases := []struct {
		name   string
		mutate func(*api.Config)
		want   string
	}{
		{"no project", func(c *api.Config) { c.ProjectID = "" }, "project ID is empty"},
		{"slash in project", func(c *api.Config) { c.ProjectID = "a/b" }, "project ID"},
		{"no key", func(c *api.Config) { c.KeyID = "" }, "Key ID is empty (credentials from file x)"},
		{"no secret", func(c *api.Config) { c.KeySecret = "" }, `Key Secret of Key ID "k"`},
		{"relative URL", func(c *api.Config) { c.APIURL = "functions.example" }, "absolute"},
		{"secret in URL", func(c *api.Config) { c.AuthURL = "https://u:pw@auth.example" },
			"must not hold credentials"},
		{"negative timeout", func(c *api.Config) { c.Timeout = -time.Second }, "negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.mutate(&cfg)
			_, err := api.NewClient(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "pw@") {
				t.Fatalf("error %q shows a secret", err)
			}
		})
	}

	c, err := api.NewClient(good)
	if err != nil || c.ProjectID() != "demo" || c.KeyID() != "k" || c.Budget() == nil {
		t.Fatalf("good config: %v", err)
	}
}
