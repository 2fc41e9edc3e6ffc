package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// Observations is everything the alert rules judge: data the dashboard has
// already fetched, so alerting adds no API traffic.
type Observations struct {
	Functions []FunctionObservation
	Streams   []StreamObservation
	// ProjectCost is this month's cost of the whole project, in Currency.
	ProjectCost Figure
	Currency    string
}

// FunctionObservation is one function as last seen.
type FunctionObservation struct {
	ID     string
	Name   string
	Status api.Status // empty when not known
	// Metrics is the last hour's series, fetched at MetricsAt; zero
	// MetricsAt means none has arrived.
	Metrics   MetricSeries
	MetricsAt time.Time
	Cost      Figure // this month's
	Currency  string
}

// StreamObservation is one open log stream: DownSince is when it went down,
// zero while it is up.
type StreamObservation struct {
	FunctionID string
	DownSince  time.Time
}

// AlertRule names an alert rule.
type AlertRule string

// The alert rules.
const (
	RuleStatus        AlertRule = "status"
	RuleErrorRate     AlertRule = "errorRate"
	RuleP95           AlertRule = "p95"
	RuleStreamDown    AlertRule = "streamDown"
	RuleBudget        AlertRule = "budget"
	RuleProjectBudget AlertRule = "projectBudget"
)

// Alert is one rule breached by one function (or by the project, for the
// project budget). Its function name is as the observation gave it, which is
// sanitized when it comes from FunctionTable.Observations.
type Alert struct {
	// ID is stable across evaluations: the rule and the function's ID.
	ID           string
	Rule         AlertRule
	FunctionID   string
	FunctionName string

	// Value is the figure that breached, kept up to date while the alert is
	// active, and Threshold the limit it passed: percent, ms, seconds of stream
	// downtime or money. Status is the status for a status alert.
	Value     float64
	Threshold float64
	Status    api.Status
	Window    time.Duration // the error rate and p95 window
	Currency  string        // for budgets

	FiredAt   time.Time
	AckedAt   time.Time // zero until acknowledged
	ClearedAt time.Time // zero while active

	recovering time.Time // when the figure fell back to the threshold
}

// Acknowledged reports whether someone has acknowledged the alert.
func (a Alert) Acknowledged() bool { return !a.AckedAt.IsZero() }

// AlertEventKind says what happened to an alert.
type AlertEventKind int

// The alert events.
const (
	AlertFired AlertEventKind = iota
	AlertCleared
)

// String returns "fired" or "cleared".
func (k AlertEventKind) String() string {
	if k == AlertFired {
		return "fired"
	}
	return "cleared"
}

// AlertEvent is one change of an alert: fired or cleared at At, with the
// alert as it stood then.
type AlertEvent struct {
	Kind  AlertEventKind
	At    time.Time
	Alert Alert
}

// AlertHistoryLimit bounds the events Alerts keeps.
const AlertHistoryLimit = 200

// Alerts is the alert engine: it judges observations against the rules and
// keeps the active alerts and a bounded history. It reads no clock: every
// call is given the time.
type Alerts struct {
	rules   AlertRules
	active  map[string]*Alert
	history []AlertEvent
}

// NewAlerts returns an engine with rules, which must validate.
func NewAlerts(rules AlertRules) (*Alerts, error) {
	if err := rules.Validate(); err != nil {
		return nil, err
	}
	return &Alerts{rules: rules, active: make(map[string]*Alert)}, nil
}

// SetRules replaces the rules when they validate. Active alerts are judged
// by the new rules at the next evaluation.
func (a *Alerts) SetRules(rules AlertRules) error {
	if err := rules.Validate(); err != nil {
		return err
	}
	a.rules = rules
	return nil
}

// Rules returns the rules in force.
func (a *Alerts) Rules() AlertRules { return a.rules }

// Evaluate judges obs at now and returns the alerts that fired or cleared
// since the last evaluation, fired first. An alert whose figure is unknown
// this time (metrics not yet fetched or too old) keeps its state. One whose
// function, stream or rule is gone clears.
func (a *Alerts) Evaluate(now time.Time, obs Observations) []AlertEvent {
	verdicts := a.judge(now, obs)
	clearRule := a.rules.clearRule()

	var fired, cleared []AlertEvent
	seen := make(map[string]bool, len(verdicts))
	for _, v := range verdicts {
		seen[v.alert.ID] = true
		current := a.active[v.alert.ID]
		if current == nil {
			if v.state == breaching {
				fired = append(fired, a.fire(now, v.alert))
			}
			continue
		}
		if a.advance(now, current, v, clearRule) {
			cleared = append(cleared, a.clear(now, current))
		}
	}

	for _, id := range a.activeIDs() {
		if !seen[id] {
			cleared = append(cleared, a.clear(now, a.active[id]))
		}
	}
	return append(fired, cleared...)
}

// Acknowledge silences the active alert with this ID until it clears; it
// reports false when no such alert is active.
func (a *Alerts) Acknowledge(id string, now time.Time) bool {
	alert, ok := a.active[id]
	if !ok {
		return false
	}
	if alert.AckedAt.IsZero() {
		alert.AckedAt = now
	}
	return true
}

// AcknowledgeAll acknowledges every active alert and returns how many were
// not acknowledged before.
func (a *Alerts) AcknowledgeAll(now time.Time) int {
	n := 0
	for _, alert := range a.active {
		if alert.AckedAt.IsZero() {
			alert.AckedAt = now
			n++
		}
	}
	return n
}

// Active returns the active alerts: unacknowledged first, then the most
// recently fired first.
func (a *Alerts) Active() []Alert {
	out := make([]Alert, 0, len(a.active))
	for _, alert := range a.active {
		out = append(out, *alert)
	}
	slices.SortFunc(out, func(x, y Alert) int {
		if c := cmp.Compare(boolRank(!x.Acknowledged()), boolRank(!y.Acknowledged())); c != 0 {
			return c
		}
		if c := y.FiredAt.Compare(x.FiredAt); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}

// Unacknowledged returns how many active alerts nobody has acknowledged:
// the count for the terminal title.
func (a *Alerts) Unacknowledged() int {
	n := 0
	for _, alert := range a.active {
		if !alert.Acknowledged() {
			n++
		}
	}
	return n
}

// History returns the last AlertHistoryLimit events, oldest first.
func (a *Alerts) History() []AlertEvent { return slices.Clone(a.history) }

// advance moves an active alert along by a new verdict and reports whether
// it clears: at once when its figure fell well under the threshold, after
// the clear rule's delay when it only fell back to it.
func (a *Alerts) advance(now time.Time, current *Alert, v verdict, c ClearRule) bool {
	switch v.state {
	case breaching:
		current.refresh(v.alert)
		current.recovering = time.Time{}
	case recovered:
		return true
	case recovering:
		current.refresh(v.alert)
		if current.recovering.IsZero() {
			current.recovering = now
		}
		return now.Sub(current.recovering) >= c.After
	}
	return false
}

func (a *Alerts) fire(now time.Time, alert Alert) AlertEvent {
	alert.FiredAt = now
	a.active[alert.ID] = &alert
	return a.record(AlertEvent{Kind: AlertFired, At: now, Alert: alert})
}

func (a *Alerts) clear(now time.Time, alert *Alert) AlertEvent {
	delete(a.active, alert.ID)
	alert.ClearedAt = now
	alert.recovering = time.Time{}
	return a.record(AlertEvent{Kind: AlertCleared, At: now, Alert: *alert})
}

func (a *Alerts) record(e AlertEvent) AlertEvent {
	a.history = append(a.history, e)
	if len(a.history) > AlertHistoryLimit {
		a.history = slices.Delete(a.history, 0, len(a.history)-AlertHistoryLimit)
	}
	return e
}

func (a *Alerts) activeIDs() []string {
	ids := make([]string, 0, len(a.active))
	for id := range a.active {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// refresh takes the latest figures of an alert still active.
func (a *Alert) refresh(latest Alert) {
	a.FunctionName = latest.FunctionName
	a.Value, a.Threshold, a.Status = latest.Value, latest.Threshold, latest.Status
	a.Window, a.Currency = latest.Window, latest.Currency
}

func alertID(rule AlertRule, functionID string) string {
	return string(rule) + "/" + functionID
}

func sortObservations(obs []FunctionObservation) {
	slices.SortFunc(obs, func(a, b FunctionObservation) int {
		return strings.Compare(a.ID, b.ID)
	})
}

// Text describes the alert in one line for the alert list and the terminal
// title, for example "ivr-handler error rate 7.2% over 5m (limit 5%)".
func (a Alert) Text() string {
	name := a.FunctionName
	if name == "" {
		name = a.FunctionID
	}

	switch a.Rule {
	case RuleStatus:
		return name + " is " + StatusWord(a.Status)
	case RuleErrorRate:
		value, limit := apart(a.Value, a.Threshold, FormatPercent, "%", 2)
		return name + " error rate " + value + " over " + windowText(a.Window) +
			" (limit " + limit + ")"
	case RuleP95:
		value, limit := apart(a.Value, a.Threshold, FormatMs, "ms", 0)
		return name + " p95 " + value + " over " + windowText(a.Window) +
			" (limit " + limit + ")"
	case RuleStreamDown:
		return name + " log stream down " + windowText(secondsDuration(a.Value)) +
			" (limit " + windowText(secondsDuration(a.Threshold)) + ")"
	case RuleBudget:
		return name + " cost " + FormatMoney(KnownFigure(a.Value), a.Currency) +
			" this month (budget " + FormatMoney(KnownFigure(a.Threshold), a.Currency) + ")"
	case RuleProjectBudget:
		return "project cost " + FormatMoney(KnownFigure(a.Value), a.Currency) +
			" this month (budget " + FormatMoney(KnownFigure(a.Threshold), a.Currency) + ")"
	}
	return name + " " + string(a.Rule)
}

// apart formats a figure and its limit with format or, where the two would
// read alike (2,040 ms and 2,000 ms both round to 2.0s), exactly, in unit
// with digits decimals: an alert never says a value equals its limit.
func apart(value, limit float64, format func(Figure) string, unit string,
	digits int) (string, string) {
	v, l := format(KnownFigure(value)), format(KnownFigure(limit))
	if v != l {
		return v, l
	}
	exact := func(f float64) string { return strconv.FormatFloat(f, 'f', digits, 64) + unit }
	return exact(value), exact(limit)
}

func secondsDuration(s float64) time.Duration {
	return time.Duration(s * float64(time.Second))
}

// windowText writes a duration the short way, to the second: "5m", "1m30s",
// "2h".
func windowText(d time.Duration) string {
	return FormatDuration(d.Round(time.Second))
}
