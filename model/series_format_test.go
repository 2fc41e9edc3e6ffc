package model

import (
	"math"
	"testing"
	"time"
)

func TestFormatters(t *testing.T) {
	unknown := Figure{}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"ms unknown", FormatMs(unknown), "–"},
		{"ms zero", FormatMs(KnownFigure(0)), "0ms"},
		{"ms sub-millisecond", FormatMs(KnownFigure(0.42)), "0.4ms"},
		{"ms", FormatMs(KnownFigure(212.4)), "212ms"},
		{"ms rounds into seconds", FormatMs(KnownFigure(999.6)), "1.0s"},
		{"seconds", FormatMs(KnownFigure(1234)), "1.2s"},
		{"ten seconds", FormatMs(KnownFigure(9960)), "10s"},
		{"minutes", FormatMs(KnownFigure(125_000)), "2m05s"},
		{"hours", FormatMs(KnownFigure(3_725_000)), "1h02m"},
		{"ms not a number", FormatMs(KnownFigure(math.NaN())), "–"},
		{"ms infinite", FormatMs(KnownFigure(math.Inf(1))), "–"},

		{"money unknown", FormatMoney(unknown, "USD"), "–"},
		{"money dollars", FormatMoney(KnownFigure(4.123), "USD"), "$4.12"},
		{"money no currency", FormatMoney(KnownFigure(0), ""), "$0.00"},
		{"money thousands", FormatMoney(KnownFigure(1204.5), "eur"), "€1,204.50"},
		{"money credit", FormatMoney(KnownFigure(-0.3), "USD"), "-$0.30"},
		{"money rounds to zero", FormatMoney(KnownFigure(-0.001), "USD"), "$0.00"},
		{"money other code", FormatMoney(KnownFigure(12), "SEK"), "12.00 SEK"},
		{"money hostile code", FormatMoney(KnownFigure(12), "\x1b[2J"), "12.00"},
		{"money absurd", FormatMoney(KnownFigure(1e300), "USD"), "–"},

		{"count zero", FormatCount(0), "0"},
		{"count small", FormatCount(999), "999"},
		{"count", FormatCount(1204), "1,204"},
		{"count millions", FormatCount(12_345_678), "12,345,678"},
		{"count negative", FormatCount(-1204), "-1,204"},
		{"count min", FormatCount(math.MinInt64), "-9,223,372,036,854,775,808"},
		{"count figure", FormatCountFigure(KnownFigure(1203.6)), "1,204"},
		{"count figure unknown", FormatCountFigure(unknown), "–"},

		{"percent unknown", FormatPercent(unknown), "–"},
		{"percent zero", FormatPercent(KnownFigure(0)), "0%"},
		{"percent small", FormatPercent(KnownFigure(0.83)), "0.8%"},
		{"percent rounds up a decade", FormatPercent(KnownFigure(9.97)), "10%"},
		{"percent", FormatPercent(KnownFigure(12.4)), "12%"},
		{"percent all", FormatPercent(KnownFigure(100)), "100%"},

		{"memory", FormatMB(KnownFigure(64.2)), "64MB"},
		{"memory gigabytes", FormatMB(KnownFigure(1536)), "1.5GB"},
		{"memory unknown", FormatMB(unknown), "–"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestFormatRelative(t *testing.T) {
	now := time.Date(2026, 2, 19, 16, 4, 12, 0, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"unknown", time.Time{}, "–"},
		{"same moment", now, "now"},
		{"a few seconds", now.Add(-9 * time.Second), "now"},
		{"seconds", now.Add(-45 * time.Second), "45s ago"},
		{"minutes", now.Add(-12*time.Minute - 59*time.Second), "12m ago"},
		{"hours", now.Add(-5 * time.Hour), "5h ago"},
		{"days", now.Add(-3*24*time.Hour - time.Hour), "3d ago"},
		{"slightly ahead (clock skew)", now.Add(5 * time.Second), "now"},
		{"future", now.Add(12 * time.Second), "in 12s"},
		{"future minutes", now.Add(3 * time.Minute), "in 3m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatRelative(tt.t, now); got != tt.want {
				t.Errorf("FormatRelative = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 5 * time.Second: "5s", time.Minute: "1m", 90 * time.Second: "1m30s",
		time.Hour: "1h", 90 * time.Minute: "1h30m", time.Hour + time.Second: "1h0m1s",
		1500 * time.Millisecond: "1.5s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
