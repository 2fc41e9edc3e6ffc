package cli

import (
	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
)

// alertRules maps the settings file's alert rules onto the alerts engine's.
// A threshold of zero in the settings turns its rule off; the engine's own
// defaults fill what the settings do not say (the p95 window, the
// hysteresis). How alerts are told (bell, desktop) is settings.Notify,
// which the dashboard reads itself.
func alertRules(a settings.Alerts) model.AlertRules {
	rules := model.AlertRules{
		Status: statusRule(a.Status.Failed, a.Status.Stopped),
		ErrorRate: model.ErrorRateRule{Enabled: switched(a.ErrorRate.Threshold > 0),
			Percent: a.ErrorRate.Threshold, Window: a.ErrorRate.Window},
		P95: model.LatencyRule{Enabled: switched(a.P95.ThresholdMs > 0),
			Ms: a.P95.ThresholdMs},
		StreamDown: model.StreamDownRule{Enabled: switched(a.StreamDown > 0),
			After: a.StreamDown},
		ProjectBudget: model.BudgetRule{Enabled: switched(a.MonthlyBudget > 0),
			Amount: a.MonthlyBudget},
		Functions: make(map[string]model.FunctionAlertRules, len(a.Functions)),
	}
	for key, o := range a.Functions {
		rules.Functions[key] = overrideRules(a.Status, o)
	}
	return rules
}

// overrideRules maps one function's override; global is the project-wide
// status rule, which the override's status switches change.
func overrideRules(global settings.StatusAlert, o settings.AlertOverride) model.FunctionAlertRules {
	var f model.FunctionAlertRules
	if o.Off {
		f.Enabled = switched(false)
		return f
	}

	if o.Status.Failed != nil || o.Status.Stopped != nil {
		failed, stopped := global.Failed, global.Stopped
		if o.Status.Failed != nil {
			failed = *o.Status.Failed
		}
		if o.Status.Stopped != nil {
			stopped = *o.Status.Stopped
		}
		f.Status = statusRule(failed, stopped)
	}
	if t := o.ErrorRate.Threshold; t != nil {
		f.ErrorRate.Enabled, f.ErrorRate.Percent = switched(*t > 0), *t
	}
	if w := o.ErrorRate.Window; w != nil {
		f.ErrorRate.Window = *w
	}
	if t := o.P95.ThresholdMs; t != nil {
		f.P95.Enabled, f.P95.Ms = switched(*t > 0), *t
	}
	if d := o.StreamDown; d != nil {
		f.StreamDown.Enabled, f.StreamDown.After = switched(*d > 0), *d
	}
	return f
}

// statusRule fires on the statuses switched on, and is off with none.
func statusRule(failed, stopped bool) model.StatusRule {
	statuses := []api.Status{}
	if failed {
		statuses = append(statuses, api.StatusFailed)
	}
	if stopped {
		statuses = append(statuses, api.StatusStopped)
	}
	return model.StatusRule{Enabled: switched(len(statuses) > 0), Statuses: statuses}
}

// switched returns a pointer to on, for the engine's optional switches.
func switched(on bool) *bool { return &on }
