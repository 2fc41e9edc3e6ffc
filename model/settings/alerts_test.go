package settings

import (
	"testing"
	"time"
)

func TestAlertsFor(t *testing.T) {
	off, on := false, true
	zero, twenty := 0.0, 20.0
	a := defaultAlerts()
	a.Functions = map[string]AlertOverride{
		"ivr": {Status: StatusOverride{Stopped: &off},
			ErrorRate: ErrorRateOverride{Threshold: &twenty}},
		"ID-1":    {P95: LatencyOverride{ThresholdMs: &zero}, Status: StatusOverride{Stopped: &on}},
		"fax":     {Off: true},
		"unknown": {Off: true},
	}

	def := Rules{Failed: true, Stopped: true, ErrorRateThreshold: 5,
		ErrorRateWindow: 5 * time.Minute, P95ThresholdMs: 2000, StreamDown: 2 * time.Minute}
	with := func(change func(*Rules)) Rules {
		r := def
		change(&r)
		return r
	}

	tests := []struct {
		name, id, fn string
		want         Rules
	}{
		{"no override", "ID-9", "router", def},
		{"by name", "ID-9", "ivr", with(func(r *Rules) {
			r.Stopped, r.ErrorRateThreshold = false, 20
		})},
		{"the ID's override, not the name's", "ID-1", "ivr", with(func(r *Rules) {
			r.P95ThresholdMs = 0
		})},
		{"silenced", "ID-2", "fax", with(func(r *Rules) { r.Off = true })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.For(tt.id, tt.fn); got != tt.want {
				t.Errorf("For(%q, %q)\n got %+v\nwant %+v", tt.id, tt.fn, got, tt.want)
			}
		})
	}
}
