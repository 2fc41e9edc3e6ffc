package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// AlertRules configures the alert rules. Every field may be left out: a
// zero number or duration, a nil list or a nil Enabled takes the default,
// so the zero AlertRules is the default set. Per-function overrides in
// Functions are keyed by function ID or name (an ID match wins) and follow
// the same rule: what they leave out comes from the global rule.
//
// Defaults: status Failed or Stopped; error rate over 5 % across 5 minutes;
// p95 over 2,000 ms across 5 minutes; a log stream down over 2 minutes;
// budgets off, since no amount suits every project. An alert clears when
// its figure falls under 80 % of the threshold, or stays at or under the
// threshold (for a status: out of the alerting set) for a minute.
type AlertRules struct {
	Status     StatusRule     `yaml:"status"`
	ErrorRate  ErrorRateRule  `yaml:"errorRate"`
	P95        LatencyRule    `yaml:"p95"`
	StreamDown StreamDownRule `yaml:"streamDown"`
	// Budget is each function's monthly budget.
	Budget BudgetRule `yaml:"budget"`
	// ProjectBudget is the whole project's monthly budget; overrides have
	// no say in it.
	ProjectBudget BudgetRule                    `yaml:"projectBudget"`
	Clear         ClearRule                     `yaml:"clear"`
	Functions     map[string]FunctionAlertRules `yaml:"functions"`
}

// FunctionAlertRules overrides the rules for one function. Enabled false
// silences every rule for it.
type FunctionAlertRules struct {
	Enabled    *bool          `yaml:"enabled"`
	Status     StatusRule     `yaml:"status"`
	ErrorRate  ErrorRateRule  `yaml:"errorRate"`
	P95        LatencyRule    `yaml:"p95"`
	StreamDown StreamDownRule `yaml:"streamDown"`
	Budget     BudgetRule     `yaml:"budget"`
}

// StatusRule fires when a function's status is one of Statuses.
type StatusRule struct {
	Enabled  *bool        `yaml:"enabled"`
	Statuses []api.Status `yaml:"statuses"`
}

// ErrorRateRule fires when the error rate across Window passes Percent.
type ErrorRateRule struct {
	Enabled *bool         `yaml:"enabled"`
	Percent float64       `yaml:"percent"`
	Window  time.Duration `yaml:"window"`
}

// LatencyRule fires when the highest p95 across Window passes Ms.
type LatencyRule struct {
	Enabled *bool         `yaml:"enabled"`
	Ms      float64       `yaml:"ms"`
	Window  time.Duration `yaml:"window"`
}

// StreamDownRule fires when a function's open log stream has been down for
// longer than After.
type StreamDownRule struct {
	Enabled *bool         `yaml:"enabled"`
	After   time.Duration `yaml:"after"`
}

// BudgetRule fires when this month's cost passes Amount, in the billing
// currency. No amount means no budget: the rule is off.
type BudgetRule struct {
	Enabled *bool   `yaml:"enabled"`
	Amount  float64 `yaml:"amount"`
}

// ClearRule is the hysteresis that keeps a figure hovering at its threshold
// from flapping: an alert clears at once when the figure falls under Ratio
// times the threshold, or once it has stayed at or under the threshold for
// After.
type ClearRule struct {
	Ratio float64       `yaml:"ratio"`
	After time.Duration `yaml:"after"`
}

// The defaults of AlertRules.
const (
	DefaultErrorRatePercent = 5.0
	DefaultP95Ms            = 2000.0
	DefaultAlertWindow      = 5 * time.Minute
	DefaultStreamDownAfter  = 2 * time.Minute
	DefaultClearRatio       = 0.8
	DefaultClearAfter       = time.Minute
)

// DefaultAlertStatuses returns the statuses the status rule fires on by
// default.
func DefaultAlertStatuses() []api.Status {
	return []api.Status{api.StatusFailed, api.StatusStopped}
}

// Validate reports every setting that cannot work, each named by its path
// under the alerts section, for example "functions.ivr.errorRate.percent".
func (r AlertRules) Validate() error {
	var errs []error
	add := func(path, problem string, args ...any) {
		errs = append(errs, fmt.Errorf("alerts: %s: %s", path, fmt.Sprintf(problem, args...)))
	}

	validateRuleSet(add, "", r.Status, r.ErrorRate, r.P95, r.StreamDown, r.Budget)
	validateBudget(add, "projectBudget", r.ProjectBudget)
	if r.Clear.Ratio < 0 || r.Clear.Ratio > 1 {
		add("clear.ratio", "%g is not between 0 and 1", r.Clear.Ratio)
	}
	if r.Clear.After < 0 {
		add("clear.after", "%s is negative", r.Clear.After)
	}

	keys := make([]string, 0, len(r.Functions))
	for key := range r.Functions {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		o := r.Functions[key]
		if strings.TrimSpace(key) == "" {
			add("functions", "an entry has no function name or ID")
		}
		validateRuleSet(add, "functions."+key+".", o.Status, o.ErrorRate, o.P95,
			o.StreamDown, o.Budget)
	}
	return errors.Join(errs...)
}

func validateRuleSet(add func(string, string, ...any), prefix string, s StatusRule,
	e ErrorRateRule, p LatencyRule, d StreamDownRule, b BudgetRule) {
	for i, status := range s.Statuses {
		if status == "" {
			add(fmt.Sprintf("%sstatus.statuses[%d]", prefix, i), "empty status")
		}
	}
	if e.Percent < 0 || e.Percent > 100 {
		add(prefix+"errorRate.percent", "%g is not between 0 and 100", e.Percent)
	}
	if e.Window < 0 {
		add(prefix+"errorRate.window", "%s is negative", e.Window)
	}
	if p.Ms < 0 {
		add(prefix+"p95.ms", "%g is negative", p.Ms)
	}
	if p.Window < 0 {
		add(prefix+"p95.window", "%s is negative", p.Window)
	}
	if d.After < 0 {
		add(prefix+"streamDown.after", "%s is negative", d.After)
	}
	validateBudget(add, prefix+"budget", b)
}

func validateBudget(add func(string, string, ...any), path string, b BudgetRule) {
	if b.Amount < 0 {
		add(path+".amount", "%g is negative", b.Amount)
	}
	if b.Enabled != nil && *b.Enabled && b.Amount == 0 {
		add(path, "enabled without an amount")
	}
}

// ruleSet is the rules for one function with every default filled in.
type ruleSet struct {
	status     StatusRule
	errorRate  ErrorRateRule
	p95        LatencyRule
	streamDown StreamDownRule
	budget     BudgetRule
}

// forFunction resolves the rules for the function with this ID and name:
// defaults, then the global rules, then the override for its ID or else its
// name.
func (r AlertRules) forFunction(id, name string) ruleSet {
	set := ruleSet{
		status:     StatusRule{Statuses: DefaultAlertStatuses()},
		errorRate:  ErrorRateRule{Percent: DefaultErrorRatePercent, Window: DefaultAlertWindow},
		p95:        LatencyRule{Ms: DefaultP95Ms, Window: DefaultAlertWindow},
		streamDown: StreamDownRule{After: DefaultStreamDownAfter},
	}
	set.merge(FunctionAlertRules{
		Status: r.Status, ErrorRate: r.ErrorRate, P95: r.P95,
		StreamDown: r.StreamDown, Budget: r.Budget,
	})

	override, ok := r.Functions[id]
	if !ok || id == "" {
		override, ok = r.Functions[name]
	}
	if ok {
		set.merge(override)
	}
	return set
}

func (s *ruleSet) merge(o FunctionAlertRules) {
	if o.Enabled != nil && !*o.Enabled {
		off := false
		for _, e := range []**bool{
			&s.status.Enabled, &s.errorRate.Enabled, &s.p95.Enabled,
			&s.streamDown.Enabled, &s.budget.Enabled,
		} {
			*e = &off
		}
		return
	}

	mergeEnabled(&s.status.Enabled, o.Status.Enabled)
	if o.Status.Statuses != nil {
		s.status.Statuses = o.Status.Statuses
	}
	mergeEnabled(&s.errorRate.Enabled, o.ErrorRate.Enabled)
	mergeNumber(&s.errorRate.Percent, o.ErrorRate.Percent)
	mergeNumber(&s.errorRate.Window, o.ErrorRate.Window)
	mergeEnabled(&s.p95.Enabled, o.P95.Enabled)
	mergeNumber(&s.p95.Ms, o.P95.Ms)
	mergeNumber(&s.p95.Window, o.P95.Window)
	mergeEnabled(&s.streamDown.Enabled, o.StreamDown.Enabled)
	mergeNumber(&s.streamDown.After, o.StreamDown.After)
	mergeEnabled(&s.budget.Enabled, o.Budget.Enabled)
	mergeNumber(&s.budget.Amount, o.Budget.Amount)
}

func mergeEnabled(dst **bool, src *bool) {
	if src != nil {
		*dst = src
	}
}

func mergeNumber[T float64 | time.Duration](dst *T, src T) {
	if src != 0 {
		*dst = src
	}
}

// enabled reports whether a rule is on: a nil switch means on.
func enabled(e *bool) bool { return e == nil || *e }

// budgetOn reports whether a budget rule is on: switched on or left alone,
// and given an amount.
func budgetOn(b BudgetRule) bool { return enabled(b.Enabled) && b.Amount > 0 }

// clearRule fills in the hysteresis defaults.
func (r AlertRules) clearRule() ClearRule {
	c := r.Clear
	if c.Ratio == 0 {
		c.Ratio = DefaultClearRatio
	}
	if c.After == 0 {
		c.After = DefaultClearAfter
	}
	return c
}
