package model

import (
	"slices"
	"time"
)

// verdictState is how one rule judges one observation.
type verdictState int

const (
	unknownVerdict verdictState = iota // no figure: keep the alert as it is
	breaching                          // past the threshold
	recovering                         // back at or under it, not yet well under
	recovered                          // well under it
)

// verdict is a rule's judgement with the alert it would raise.
type verdict struct {
	alert Alert
	state verdictState
}

// MinAlertRequests is the fewest requests a window must hold before its
// error rate or p95 can raise an alert: in a quieter window one failed or
// slow call would page someone. Such a window judges as idle.
const MinAlertRequests = 20

// metricsMaxAge is the least age after which a function's metrics are too
// old to judge: a window longer than this stretches it to the window.
const metricsMaxAge = 2 * time.Minute

// judge applies every enabled rule to obs.
func (a *Alerts) judge(now time.Time, obs Observations) []verdict {
	c := a.rules.clearRule()
	names := make(map[string]string, len(obs.Functions))
	var out []verdict

	for _, fn := range obs.Functions {
		names[fn.ID] = fn.Name
		rules := a.rules.forFunction(fn.ID, fn.Name)
		base := Alert{FunctionID: fn.ID, FunctionName: fn.Name}

		if enabled(rules.status.Enabled) {
			out = append(out, judgeStatus(base, fn, rules.status))
		}
		if enabled(rules.errorRate.Enabled) {
			rate := windowFigure(now, fn, rules.errorRate.Window, MetricSeries.ErrorRateOver)
			v := judgeThreshold(base, RuleErrorRate, rate, rules.errorRate.Percent, c)
			v.alert.Window = rules.errorRate.Window
			out = append(out, v)
		}
		if enabled(rules.p95.Enabled) {
			p95 := windowFigure(now, fn, rules.p95.Window, MetricSeries.P95Over)
			v := judgeThreshold(base, RuleP95, p95, rules.p95.Ms, c)
			v.alert.Window = rules.p95.Window
			out = append(out, v)
		}
		if budgetOn(rules.budget) {
			v := judgeThreshold(base, RuleBudget, fn.Cost, rules.budget.Amount, c)
			v.alert.Currency = fn.Currency
			out = append(out, v)
		}
	}

	for _, s := range obs.Streams {
		name, ok := names[s.FunctionID]
		if !ok {
			name = s.FunctionID
		}
		rule := a.rules.forFunction(s.FunctionID, name).streamDown
		if enabled(rule.Enabled) {
			out = append(out, judgeStream(now, s, name, rule, c))
		}
	}

	if budgetOn(a.rules.ProjectBudget) {
		v := judgeThreshold(Alert{}, RuleProjectBudget, obs.ProjectCost,
			a.rules.ProjectBudget.Amount, c)
		v.alert.Currency = obs.Currency
		out = append(out, v)
	}
	return out
}

func judgeStatus(base Alert, fn FunctionObservation, rule StatusRule) verdict {
	base.Rule, base.ID, base.Status = RuleStatus, alertID(RuleStatus, fn.ID), fn.Status
	switch {
	case fn.Status == "":
		return verdict{alert: base, state: unknownVerdict}
	case slices.Contains(rule.Statuses, fn.Status):
		return verdict{alert: base, state: breaching}
	}
	return verdict{alert: base, state: recovering}
}

// judgeThreshold judges a figure that alerts when it passes threshold.
func judgeThreshold(base Alert, rule AlertRule, value Figure, threshold float64,
	c ClearRule) verdict {
	base.Rule, base.ID = rule, alertID(rule, base.FunctionID)
	base.Value, base.Threshold = value.Value, threshold

	switch {
	case !value.Known:
		return verdict{alert: base, state: unknownVerdict}
	case value.Value > threshold:
		return verdict{alert: base, state: breaching}
	case value.Value < threshold*c.Ratio:
		return verdict{alert: base, state: recovered}
	}
	return verdict{alert: base, state: recovering}
}

// judgeStream judges a stream by how long it has been down, in seconds.
func judgeStream(now time.Time, s StreamObservation, name string, rule StreamDownRule,
	c ClearRule) verdict {
	down := KnownFigure(0)
	if !s.DownSince.IsZero() {
		down = KnownFigure(max(now.Sub(s.DownSince), 0).Seconds())
	}
	base := Alert{FunctionID: s.FunctionID, FunctionName: name}
	return judgeThreshold(base, RuleStreamDown, down, rule.After.Seconds(), c)
}

// windowFigure measures a function's metrics across the window ending when
// they were fetched. Metrics never fetched, or older than the window (and
// at least metricsMaxAge), are unknown. A window with no bucket counts as
// zero: a function with no request has nothing failing and nothing slow.
func windowFigure(now time.Time, fn FunctionObservation, window time.Duration,
	measure func(MetricSeries, time.Time, time.Duration) Figure) Figure {
	if fn.MetricsAt.IsZero() || now.Sub(fn.MetricsAt) > max(window, metricsMaxAge) {
		return Figure{}
	}
	served := fn.Metrics.Requests.Window(fn.MetricsAt.Add(-window), fn.MetricsAt).Sum()
	if served.Known && served.Value < MinAlertRequests {
		return KnownFigure(0) // too quiet to tell an incident from one slow call
	}

	v := measure(fn.Metrics, fn.MetricsAt, window)
	if !v.Known {
		return KnownFigure(0)
	}
	return v
}
