package cli

import (
	"reflect"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
)

func TestAlertRulesMapping(t *testing.T) {
	file, problems := settings.Parse("c.yaml", []byte(`
alerts:
  status: {failed: true, stopped: false}
  errorRate: {threshold: 0}
  p95: {thresholdMs: 750}
  streamDown: 0s
  monthlyBudget: 40
  functions:
    ivr: {status: {stopped: true}, errorRate: {threshold: 12, window: 10m}}
    fax: {off: true}
    sms: {p95: {thresholdMs: 0}, streamDown: 30s}
`))
	if len(problems) != 0 {
		t.Fatal(problems)
	}

	rules := alertRules(file.Alerts)
	if err := rules.Validate(); err != nil {
		t.Fatalf("the mapped rules do not validate: %v", err)
	}
	if _, err := model.NewAlerts(rules); err != nil {
		t.Fatalf("the engine refuses the mapped rules: %v", err)
	}

	on, off := true, false
	want := model.AlertRules{
		Status: model.StatusRule{Enabled: &on, Statuses: []api.Status{api.StatusFailed}},
		ErrorRate: model.ErrorRateRule{Enabled: &off, Percent: 0,
			Window: 5 * time.Minute},
		P95:           model.LatencyRule{Enabled: &on, Ms: 750},
		StreamDown:    model.StreamDownRule{Enabled: &off},
		ProjectBudget: model.BudgetRule{Enabled: &on, Amount: 40},
		Functions: map[string]model.FunctionAlertRules{
			"ivr": {
				Status: model.StatusRule{Enabled: &on,
					Statuses: []api.Status{api.StatusFailed, api.StatusStopped}},
				ErrorRate: model.ErrorRateRule{Enabled: &on, Percent: 12,
					Window: 10 * time.Minute},
			},
			"fax": {Enabled: &off},
			"sms": {
				P95:        model.LatencyRule{Enabled: &off},
				StreamDown: model.StreamDownRule{Enabled: &on, After: 30 * time.Second},
			},
		},
	}
	if !reflect.DeepEqual(rules, want) {
		t.Errorf("mapped\n%+v\nwant\n%+v", rules, want)
	}
}

func TestDefaultAlertRulesValidate(t *testing.T) {
	rules := alertRules(settings.Defaults().Alerts)
	if err := rules.Validate(); err != nil {
		t.Fatal(err)
	}
	want := []api.Status{api.StatusFailed, api.StatusStopped}
	if !reflect.DeepEqual(rules.Status.Statuses, want) || !*rules.Status.Enabled {
		t.Errorf("default status rule %+v, want on for %v", rules.Status, want)
	}
	if *rules.ProjectBudget.Enabled {
		t.Error("a budget is on by default")
	}
}
