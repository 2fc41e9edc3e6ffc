package settings

import "time"

// Alerts says when sinchtop raises an alert. A threshold of zero turns its
// rule off. The dashboard maps these rules onto its alerts engine.
type Alerts struct {
	// Status raises an alert when a function enters a given status.
	Status StatusAlert `yaml:"status"`

	// ErrorRate raises an alert when a function's error rate stays above a
	// threshold over a window.
	ErrorRate ErrorRateAlert `yaml:"errorRate"`

	// P95 raises an alert when a function's 95th percentile response time
	// is above a threshold.
	P95 LatencyAlert `yaml:"p95"`

	// StreamDown raises an alert when a function's live stream has been
	// down this long: 10s to 24h, or 0 for never; default 2m.
	StreamDown time.Duration `yaml:"streamDown"`

	// MonthlyBudget raises an alert when the project's cost this calendar
	// month passes this amount, in the billing currency (USD); 0 is off,
	// the default.
	MonthlyBudget float64 `yaml:"monthlyBudget"`

	// Functions overrides the rules above for single functions, keyed by
	// function name or ID. When a function has both, the one keyed by its ID
	// applies and the one keyed by its name does not.
	Functions map[string]AlertOverride `yaml:"functions"`

	// Notify says how an alert is told, besides the dashboard's own banner.
	Notify Notify `yaml:"notify"`
}

// StatusAlert picks the statuses that raise an alert.
type StatusAlert struct {
	// Failed alerts when a function becomes Failed; default on.
	Failed bool `yaml:"failed"`

	// Stopped alerts when a function becomes Stopped; default on.
	Stopped bool `yaml:"stopped"`
}

// ErrorRateAlert is the error rate rule.
type ErrorRateAlert struct {
	// Threshold is the error rate, in percent of requests (0 to 100), above
	// which the rule fires; 0 turns it off. Default 5.
	Threshold float64 `yaml:"threshold"`

	// Window is how far back the rate is computed: 1m to 24h, default 5m.
	Window time.Duration `yaml:"window"`
}

// LatencyAlert is the response time rule.
type LatencyAlert struct {
	// ThresholdMs is the 95th percentile response time, in milliseconds (up
	// to 600000), above which the rule fires; 0 turns it off. Default 2000.
	ThresholdMs float64 `yaml:"thresholdMs"`
}

// Notify picks the ways an alert is told.
type Notify struct {
	// Desktop sends a desktop notification; default off.
	Desktop bool `yaml:"desktop"`

	// Bell rings the terminal bell; default on.
	Bell bool `yaml:"bell"`
}

// AlertOverride changes the rules for one function. A field left out keeps
// the project-wide value.
type AlertOverride struct {
	// Off silences every alert of the function.
	Off bool `yaml:"off"`

	// Status overrides the status rule.
	Status StatusOverride `yaml:"status"`

	// ErrorRate overrides the error rate rule.
	ErrorRate ErrorRateOverride `yaml:"errorRate"`

	// P95 overrides the response time rule.
	P95 LatencyOverride `yaml:"p95"`

	// StreamDown overrides the stream rule (0 turns it off).
	StreamDown *time.Duration `yaml:"streamDown"`
}

// StatusOverride overrides StatusAlert for one function.
type StatusOverride struct {
	// Failed overrides StatusAlert.Failed.
	Failed *bool `yaml:"failed"`

	// Stopped overrides StatusAlert.Stopped.
	Stopped *bool `yaml:"stopped"`
}

// ErrorRateOverride overrides ErrorRateAlert for one function.
type ErrorRateOverride struct {
	// Threshold overrides ErrorRateAlert.Threshold (0 turns it off).
	Threshold *float64 `yaml:"threshold"`

	// Window overrides ErrorRateAlert.Window.
	Window *time.Duration `yaml:"window"`
}

// LatencyOverride overrides LatencyAlert for one function.
type LatencyOverride struct {
	// ThresholdMs overrides LatencyAlert.ThresholdMs (0 turns it off).
	ThresholdMs *float64 `yaml:"thresholdMs"`
}

// defaultAlerts returns the alert rules used when the file gives none.
func defaultAlerts() Alerts {
	return Alerts{
		Status:     StatusAlert{Failed: true, Stopped: true},
		ErrorRate:  ErrorRateAlert{Threshold: 5, Window: 5 * time.Minute},
		P95:        LatencyAlert{ThresholdMs: 2000},
		StreamDown: 2 * time.Minute,
		Functions:  map[string]AlertOverride{},
		Notify:     Notify{Bell: true},
	}
}
