package model

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

var alertStart = time.Date(2026, 2, 19, 16, 0, 0, 0, time.UTC)

// script runs an alert engine through scripted observations, one step a
// minute unless a step says otherwise.
type script struct {
	t      *testing.T
	alerts *Alerts
	now    time.Time
}

func newScript(t *testing.T, rules AlertRules) *script {
	t.Helper()
	alerts, err := NewAlerts(rules)
	if err != nil {
		t.Fatal(err)
	}
	return &script{t: t, alerts: alerts, now: alertStart}
}

// step advances the clock by d, evaluates obs and checks the events: each
// want is "fired <alert ID>" or "cleared <alert ID>".
func (s *script) step(d time.Duration, obs Observations, want ...string) {
	s.t.Helper()
	s.now = s.now.Add(d)
	events := s.alerts.Evaluate(s.now, obs)

	got := make([]string, len(events))
	for i, e := range events {
		got[i] = e.Kind.String() + " " + e.Alert.ID
		if !e.At.Equal(s.now) {
			s.t.Errorf("event %q at %v, want %v", got[i], e.At, s.now)
		}
	}
	if !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
		s.t.Errorf("at +%s: events %q, want %q", s.now.Sub(alertStart), got, want)
	}
}

// healthy is a function observation whose last ten minutes of metrics show
// this error rate and p95, fetched at now.
func healthy(now time.Time, id, name string, errorRate, p95 float64) FunctionObservation {
	return observed(now, id, name, 100, errorRate, p95)
}

// observed is healthy with perMinute requests in each minute's bucket.
func observed(now time.Time, id, name string, perMinute int64, errorRate,
	p95 float64) FunctionObservation {
	var m api.Metrics
	for i := 10; i >= 0; i-- {
		at := now.Truncate(time.Minute).Add(-time.Duration(i) * time.Minute)
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: at, TotalRequests: perMinute})
		m.ErrorRateSeries = append(m.ErrorRateSeries,
			api.ErrorRatePoint{Timestamp: at, ErrorRate: errorRate})
		m.ResponseTimeSeries = append(m.ResponseTimeSeries,
			api.ResponseTimePoint{Timestamp: at, P95ResponseTime: p95})
	}
	return FunctionObservation{ID: id, Name: name, Status: api.StatusRunning,
		Metrics: NewMetricSeries(m), MetricsAt: now}
}

func (s *script) errorRate(rate float64) Observations {
	fo := healthy(s.now.Add(time.Minute), "1", "ivr", rate, 100)
	return Observations{Functions: []FunctionObservation{fo}}
}

func TestStatusRule(t *testing.T) {
	s := newScript(t, AlertRules{})
	status := func(st api.Status) Observations {
		fo := FunctionObservation{ID: "1", Name: "ivr", Status: st}
		return Observations{Functions: []FunctionObservation{fo}}
	}

	s.step(0, status(api.StatusRunning))
	s.step(time.Minute, status(api.StatusFailed), "fired status/1")
	s.step(time.Minute, status(api.StatusFailed))
	s.step(time.Minute, status(api.StatusStopped)) // still alerting: no new event
	if a := s.alerts.Active(); len(a) != 1 || a[0].Status != api.StatusStopped {
		t.Errorf("active = %+v, want one alert now saying Stopped", a)
	}
	s.step(time.Minute, status(api.StatusRunning))
	s.step(59*time.Second, status(api.StatusRunning))
	s.step(time.Second, status(api.StatusRunning), "cleared status/1")
	s.step(time.Minute, status(api.StatusFailed), "fired status/1")
	s.step(time.Minute, status(""))                    // unknown: holds
	s.step(5*time.Minute, status(api.StatusDeploying)) // out of the set: starts recovering
	s.step(time.Minute, status(api.StatusDeploying), "cleared status/1")
}

func TestErrorRateRule(t *testing.T) {
	s := newScript(t, AlertRules{})

	s.step(0, s.errorRate(3))
	s.step(time.Minute, s.errorRate(7), "fired errorRate/1")
	if a := s.alerts.Active(); len(a) != 1 || a[0].Value != 7 || a[0].Threshold != 5 ||
		a[0].Window != 5*time.Minute {
		t.Errorf("active = %+v", a)
	}

	// Hovering at the threshold never flaps.
	for _, rate := range []float64{4.5, 5.5, 4.5, 5.5, 4.5, 5.5} {
		s.step(30*time.Second, s.errorRate(rate))
	}
	// Staying at or under it for a minute clears.
	s.step(30*time.Second, s.errorRate(4.5))
	s.step(30*time.Second, s.errorRate(4.5))
	s.step(30*time.Second, s.errorRate(4.5), "cleared errorRate/1")

	// Falling under 80 % of it clears at once.
	s.step(time.Minute, s.errorRate(9), "fired errorRate/1")
	s.step(time.Minute, s.errorRate(3.9), "cleared errorRate/1")
}

// TestQuietWindowsRaiseNothing: one failed or slow call out of a handful
// pages nobody; the same figures over enough requests do.
func TestQuietWindowsRaiseNothing(t *testing.T) {
	s := newScript(t, AlertRules{})
	quiet := func(perMinute int64) Observations {
		fo := observed(s.now.Add(time.Minute), "1", "ivr", perMinute, 40, 9000)
		return Observations{Functions: []FunctionObservation{fo}}
	}

	s.step(0, quiet(3)) // 15 requests in five minutes: too few to judge
	s.step(time.Minute, quiet(10), "fired errorRate/1", "fired p95/1")
	s.step(time.Minute, quiet(1), "cleared errorRate/1", "cleared p95/1")
}

func TestP95Rule(t *testing.T) {
	s := newScript(t, AlertRules{})
	p95 := func(ms float64) Observations {
		fo := healthy(s.now.Add(time.Minute), "1", "ivr", 0, ms)
		return Observations{Functions: []FunctionObservation{fo}}
	}

	s.step(0, p95(1900))
	s.step(time.Minute, p95(2500), "fired p95/1")
	s.step(time.Minute, p95(2400))
	if a := s.alerts.Active(); len(a) != 1 || a[0].Value != 2400 {
		t.Errorf("active = %+v, want the latest p95", a)
	}
	s.step(time.Minute, p95(300), "cleared p95/1")
}

func TestStreamDownRule(t *testing.T) {
	s := newScript(t, AlertRules{})
	down := func(since time.Time) Observations {
		return Observations{
			Functions: []FunctionObservation{{ID: "1", Name: "ivr", Status: api.StatusRunning}},
			Streams:   []StreamObservation{{FunctionID: "1", DownSince: since}},
		}
	}

	s.step(0, down(time.Time{}))
	wentDown := s.now
	s.step(time.Minute, down(wentDown))
	s.step(time.Minute, down(wentDown)) // exactly two minutes: not past it
	s.step(time.Second, down(wentDown), "fired streamDown/1")
	s.step(time.Minute, down(time.Time{}), "cleared streamDown/1")

	// A stream closed on purpose is no longer observed: its alert clears.
	s.step(0, down(wentDown), "fired streamDown/1")
	s.step(time.Minute, Observations{Functions: down(wentDown).Functions}, "cleared streamDown/1")
}

func TestBudgetRules(t *testing.T) {
	cost := func(fn, project float64) Observations {
		return Observations{
			Functions: []FunctionObservation{{ID: "1", Name: "ivr", Status: api.StatusRunning,
				Cost: KnownFigure(fn), Currency: "USD"}},
			ProjectCost: KnownFigure(project), Currency: "USD",
		}
	}

	t.Run("off by default", func(t *testing.T) {
		s := newScript(t, AlertRules{})
		s.step(0, cost(1e6, 1e7))
	})

	t.Run("function and project budgets", func(t *testing.T) {
		s := newScript(t, AlertRules{
			Budget:        BudgetRule{Amount: 10},
			ProjectBudget: BudgetRule{Amount: 100},
		})
		s.step(0, cost(9, 90))
		s.step(time.Hour, cost(12, 90), "fired budget/1")
		s.step(time.Hour, cost(14, 101), "fired projectBudget/")
		// A new month starts at zero.
		s.step(time.Hour, cost(0, 0), "cleared budget/1", "cleared projectBudget/")
	})

	t.Run("unknown cost holds", func(t *testing.T) {
		s := newScript(t, AlertRules{Budget: BudgetRule{Amount: 10}})
		s.step(0, cost(12, 0), "fired budget/1")
		unknown := cost(0, 0)
		unknown.Functions[0].Cost = Figure{}
		s.step(time.Hour, unknown)
		if len(s.alerts.Active()) != 1 {
			t.Error("an unknown cost cleared the alert")
		}
	})
}

func TestAcknowledge(t *testing.T) {
	s := newScript(t, AlertRules{})

	s.step(0, s.errorRate(20), "fired errorRate/1")
	if s.alerts.Unacknowledged() != 1 {
		t.Fatalf("unacknowledged = %d, want 1", s.alerts.Unacknowledged())
	}
	if s.alerts.Acknowledge("errorRate/2", s.now) {
		t.Error("acknowledged an alert that is not active")
	}
	if !s.alerts.Acknowledge("errorRate/1", s.now) {
		t.Fatal("acknowledge failed")
	}
	ackedAt := s.now

	// Silent while it keeps breaching, however long.
	for range 30 {
		s.step(time.Minute, s.errorRate(25))
	}
	active := s.alerts.Active()
	if len(active) != 1 || !active[0].AckedAt.Equal(ackedAt) || s.alerts.Unacknowledged() != 0 {
		t.Errorf("active = %+v, unacknowledged %d", active, s.alerts.Unacknowledged())
	}

	// It clears, then fires again, unacknowledged.
	s.step(time.Minute, s.errorRate(0), "cleared errorRate/1")
	s.step(time.Minute, s.errorRate(30), "fired errorRate/1")
	if active := s.alerts.Active(); active[0].Acknowledged() || s.alerts.Unacknowledged() != 1 {
		t.Errorf("the new firing is acknowledged: %+v", active)
	}

	if n := s.alerts.AcknowledgeAll(s.now); n != 1 {
		t.Errorf("acknowledge all = %d, want 1", n)
	}
	if n := s.alerts.AcknowledgeAll(s.now); n != 0 {
		t.Errorf("acknowledge all again = %d, want 0", n)
	}
}

func TestPerFunctionOverrides(t *testing.T) {
	off, on := false, true
	rules := AlertRules{
		P95: LatencyRule{Enabled: &off},
		Functions: map[string]FunctionAlertRules{
			"lenient":  {ErrorRate: ErrorRateRule{Percent: 10}},
			"by-id":    {ErrorRate: ErrorRateRule{Percent: 50}}, // name; the ID entry wins
			"3":        {ErrorRate: ErrorRateRule{Percent: 6}},
			"muted":    {Enabled: &off},
			"slow-ok":  {P95: LatencyRule{Enabled: &on, Ms: 500}},
			"no-error": {ErrorRate: ErrorRateRule{Enabled: &off}},
		},
	}
	s := newScript(t, rules)
	at := s.now.Add(time.Minute)
	obs := Observations{Functions: []FunctionObservation{
		healthy(at, "1", "strict", 7, 900),
		healthy(at, "2", "lenient", 7, 900),
		healthy(at, "3", "by-id", 7, 900),
		healthy(at, "4", "muted", 99, 9000),
		healthy(at, "5", "slow-ok", 0, 900),
		healthy(at, "6", "no-error", 99, 900),
	}}
	obs.Functions[3].Status = api.StatusFailed
	obs.Streams = []StreamObservation{{FunctionID: "4", DownSince: at.Add(-time.Hour)}}

	s.step(0, obs, "fired errorRate/1", "fired errorRate/3", "fired p95/5")

	// The override inherits the global window and the rest of the rules.
	if got := rules.forFunction("2", "lenient"); got.errorRate.Window != DefaultAlertWindow ||
		got.errorRate.Percent != 10 || enabled(got.p95.Enabled) {
		t.Errorf("lenient rules = %+v", got)
	}
}

func TestUnknownMetricsHoldTheAlert(t *testing.T) {
	s := newScript(t, AlertRules{})
	s.step(0, s.errorRate(20), "fired errorRate/1")

	// Metrics older than the window say nothing about it, even good ones.
	old := s.errorRate(0)
	s.step(7*time.Minute, old)
	if len(s.alerts.Active()) != 1 {
		t.Fatal("metrics older than the window cleared the alert")
	}

	none := FunctionObservation{ID: "1", Name: "ivr", Status: api.StatusRunning}
	s.step(time.Hour, Observations{Functions: []FunctionObservation{none}})
	if len(s.alerts.Active()) != 1 {
		t.Error("a function without metrics cleared its error rate alert")
	}

	// Fresh metrics with no request in the window: nothing is failing.
	idle := none
	idle.MetricsAt = s.now
	s.step(time.Minute, Observations{Functions: []FunctionObservation{idle}}, "cleared errorRate/1")
}

func TestAlertsClearWhenTheirSubjectGoes(t *testing.T) {
	s := newScript(t, AlertRules{})
	s.step(0, s.errorRate(20), "fired errorRate/1")
	s.step(time.Minute, Observations{}, "cleared errorRate/1")

	s.step(time.Minute, s.errorRate(20), "fired errorRate/1")
	off := false
	if err := s.alerts.SetRules(AlertRules{ErrorRate: ErrorRateRule{Enabled: &off}}); err != nil {
		t.Fatal(err)
	}
	s.step(time.Minute, s.errorRate(20), "cleared errorRate/1")
}

func TestAlertHistory(t *testing.T) {
	s := newScript(t, AlertRules{})
	for i := range 250 {
		rate := 20.0
		if i%2 == 1 {
			rate = 0
		}
		want := []string{"fired errorRate/1", "cleared errorRate/1"}[i%2]
		s.step(time.Minute, s.errorRate(rate), want)
	}

	history := s.alerts.History()
	if len(history) != AlertHistoryLimit {
		t.Fatalf("history holds %d, want %d", len(history), AlertHistoryLimit)
	}
	if first, last := history[0], history[len(history)-1]; !first.At.Before(last.At) ||
		last.Kind != AlertCleared || last.Alert.ClearedAt.IsZero() {
		t.Errorf("history not oldest first or last not a clear: %+v ... %+v", first, last)
	}
	for i := 1; i < len(history); i++ {
		if history[i].Kind == history[i-1].Kind {
			t.Fatalf("events %d and %d are both %s: one change recorded twice",
				i-1, i, history[i].Kind)
		}
	}
}

func TestActiveOrder(t *testing.T) {
	s := newScript(t, AlertRules{})
	failed := func(ids ...string) Observations {
		var obs Observations
		for _, id := range ids {
			obs.Functions = append(obs.Functions, FunctionObservation{ID: id, Name: id,
				Status: api.StatusFailed})
		}
		return obs
	}
	s.step(0, failed("a"), "fired status/a")
	s.step(time.Minute, failed("a", "b"), "fired status/b")
	s.step(time.Minute, failed("a", "b", "c"), "fired status/c")
	s.alerts.Acknowledge("status/c", s.now)

	var ids []string
	for _, a := range s.alerts.Active() {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, " ") != "status/b status/a status/c" {
		t.Errorf("active order = %v, want unacknowledged newest first, then acknowledged", ids)
	}
}

func TestAlertText(t *testing.T) {
	tests := []struct {
		alert Alert
		want  string
	}{
		{Alert{Rule: RuleStatus, FunctionName: "ivr", Status: api.StatusFailed}, "ivr is Failed"},
		{Alert{Rule: RuleErrorRate, FunctionName: "ivr", Value: 7.23, Threshold: 5,
			Window: 5 * time.Minute}, "ivr error rate 7.2% over 5m (limit 5.0%)"},
		{Alert{Rule: RuleP95, FunctionName: "ivr", Value: 2400, Threshold: 2000,
			Window: 90 * time.Second}, "ivr p95 2.4s over 1m30s (limit 2.0s)"},
		{Alert{Rule: RuleP95, FunctionName: "ivr", Value: 2040, Threshold: 2000,
			Window: 5 * time.Minute}, "ivr p95 2040ms over 5m (limit 2000ms)"},
		{Alert{Rule: RuleErrorRate, FunctionName: "ivr", Value: 5.04, Threshold: 5,
			Window: 5 * time.Minute}, "ivr error rate 5.04% over 5m (limit 5.00%)"},
		{Alert{Rule: RuleStreamDown, FunctionID: "01JK", Value: 185, Threshold: 120},
			"01JK log stream down 3m5s (limit 2m)"},
		{Alert{Rule: RuleBudget, FunctionName: "ivr", Value: 12.5, Threshold: 10, Currency: "USD"},
			"ivr cost $12.50 this month (budget $10.00)"},
		{Alert{Rule: RuleProjectBudget, Value: 120, Threshold: 100},
			"project cost $120.00 this month (budget $100.00)"},
	}
	for _, tt := range tests {
		t.Run(string(tt.alert.Rule), func(t *testing.T) {
			if got := tt.alert.Text(); got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
		})
	}
}
