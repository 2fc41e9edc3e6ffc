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
		"ivr": {Status: StatusOverride{Stopped: &on},
			ErrorRate: ErrorRateOverride{Threshold: &twenty}},
		"ID-1":    {P95: LatencyOverride{ThresholdMs: &zero}, Status: StatusOverride{Stopped: &off}},
		"fax":     {Off: true},
		"unknown": {Off: true},
	}

	tests := []struct {
		name, id, fn string
		want         Rules
	}{
		{"no override", "ID-9", "router", Rules{Failed: true, ErrorRateThreshold: 5,
			ErrorRateWindow: 5 * time.Minute, P95ThresholdMs: 2000, StreamDown: 2 * time.Minute}},
		{"by name", "ID-9", "ivr", Rules{Failed: true, Stopped: true, ErrorRateThreshold: 20,
			ErrorRateWindow: 5 * time.Minute, P95ThresholdMs: 2000, StreamDown: 2 * time.Minute}},
		{"ID wins over name", "ID-1", "ivr", Rules{Failed: true, Stopped: false,
			ErrorRateThreshold: 20, ErrorRateWindow: 5 * time.Minute, P95ThresholdMs: 0,
			StreamDown: 2 * time.Minute}},
		{"silenced", "ID-2", "fax", Rules{Off: true, Failed: true, ErrorRateThreshold: 5,
			ErrorRateWindow: 5 * time.Minute, P95ThresholdMs: 2000, StreamDown: 2 * time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.For(tt.id, tt.fn); got != tt.want {
				t.Errorf("For(%q, %q)\n got %+v\nwant %+v", tt.id, tt.fn, got, tt.want)
			}
		})
	}
}
