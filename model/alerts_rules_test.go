package model

import (
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"gopkg.in/yaml.v3"
)

func TestAlertRulesFromYAML(t *testing.T) {
	const doc = `
status:
  statuses: [Failed]
errorRate:
  percent: 2.5
  window: 10m
p95:
  enabled: false
budget:
  amount: 20
clear:
  after: 2m
functions:
  ivr-handler:
    errorRate: {percent: 10}
    p95: {enabled: true, ms: 800}
  01JKXF00000000000003:
    enabled: false
`
	var rules AlertRules
	if err := yaml.Unmarshal([]byte(doc), &rules); err != nil {
		t.Fatal(err)
	}
	if err := rules.Validate(); err != nil {
		t.Fatal(err)
	}

	global := rules.forFunction("01JK0001", "other")
	if global.errorRate != (ErrorRateRule{Percent: 2.5, Window: 10 * time.Minute}) ||
		enabled(global.p95.Enabled) || !budgetOn(global.budget) ||
		len(global.status.Statuses) != 1 || global.status.Statuses[0] != api.StatusFailed ||
		global.streamDown.After != DefaultStreamDownAfter {
		t.Errorf("global rules = %+v", global)
	}

	ivr := rules.forFunction("01JK0002", "ivr-handler")
	if ivr.errorRate.Percent != 10 || ivr.errorRate.Window != 10*time.Minute ||
		!enabled(ivr.p95.Enabled) || ivr.p95.Ms != 800 || ivr.p95.Window != DefaultAlertWindow {
		t.Errorf("ivr-handler rules = %+v", ivr)
	}

	muted := rules.forFunction("01JKXF00000000000003", "call-router")
	if enabled(muted.status.Enabled) || enabled(muted.errorRate.Enabled) ||
		enabled(muted.streamDown.Enabled) || budgetOn(muted.budget) {
		t.Errorf("muted function still has rules: %+v", muted)
	}

	if c := rules.clearRule(); c.After != 2*time.Minute || c.Ratio != DefaultClearRatio {
		t.Errorf("clear rule = %+v", c)
	}
}

func TestZeroAlertRulesAreTheDefaults(t *testing.T) {
	set := AlertRules{}.forFunction("1", "ivr")
	if set.errorRate.Percent != 5 || set.errorRate.Window != 5*time.Minute || set.p95.Ms != 2000 ||
		set.streamDown.After != 2*time.Minute || budgetOn(set.budget) ||
		len(set.status.Statuses) != 2 {
		t.Errorf("defaults = %+v", set)
	}
}

func TestAlertRulesValidate(t *testing.T) {
	on := true
	tests := []struct {
		name  string
		rules AlertRules
		want  string // a fragment of the error; empty for none
	}{
		{"zero is valid", AlertRules{}, ""},
		{"negative percent", AlertRules{ErrorRate: ErrorRateRule{Percent: -1}},
			"alerts: errorRate.percent: -1 is not between 0 and 100"},
		{"negative window", AlertRules{P95: LatencyRule{Window: -time.Second}},
			"alerts: p95.window: -1s is negative"},
		{"budget on without amount", AlertRules{ProjectBudget: BudgetRule{Enabled: &on}},
			"alerts: projectBudget: enabled without an amount"},
		{"clear ratio", AlertRules{Clear: ClearRule{Ratio: 1.5}},
			"alerts: clear.ratio: 1.5 is not between 0 and 1"},
		{"override named by its path", AlertRules{Functions: map[string]FunctionAlertRules{
			"ivr": {StreamDown: StreamDownRule{After: -time.Minute}}}},
			"alerts: functions.ivr.streamDown.after: -1m0s is negative"},
		{"empty status", AlertRules{Status: StatusRule{Statuses: []api.Status{""}}},
			"alerts: status.statuses[0]: empty status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rules.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}

	if _, err := NewAlerts(AlertRules{ErrorRate: ErrorRateRule{Percent: 200}}); err == nil {
		t.Error("NewAlerts accepted invalid rules")
	}
}
