package model

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// UnknownText is what every formatter returns for an unknown figure: an en
// dash, which reads as "no value" where "0" would be a claim.
const UnknownText = "–"

// FormatMs formats a duration in milliseconds: "0.4ms", "212ms", "1.2s",
// "12s", "2m05s".
func FormatMs(f Figure) string {
	if !f.usable() {
		return UnknownText
	}

	ms := f.Value
	switch {
	case ms < 1 && ms > 0:
		return strconv.FormatFloat(ms, 'f', 1, 64) + "ms"
	case math.Round(ms) < 1000:
		return strconv.FormatFloat(math.Round(ms), 'f', 0, 64) + "ms"
	case ms < 9950:
		return strconv.FormatFloat(ms/1000, 'f', 1, 64) + "s"
	case math.Round(ms/1000) < 60:
		return strconv.FormatFloat(math.Round(ms/1000), 'f', 0, 64) + "s"
	}

	total := int64(math.Round(ms / 1000))
	if total >= 3600 {
		return strconv.FormatInt(total/3600, 10) + "h" + twoDigits(total%3600/60) + "m"
	}
	return strconv.FormatInt(total/60, 10) + "m" + twoDigits(total%60) + "s"
}

// FormatMoney formats an amount with its currency: "$4.12", "€1,204.50",
// "-$0.30" for a credit, "12.00 SEK" for a currency without a symbol here.
// An empty currency or "USD" gives dollars, the unit the simulator bills in.
func FormatMoney(f Figure, currency string) string {
	if !f.usable() {
		return UnknownText
	}

	cents := int64(math.Round(math.Abs(f.Value) * 100))
	digits := groupDigits(strconv.FormatInt(cents/100, 10)) + "." + twoDigits(cents%100)
	sign := ""
	if f.Value < 0 && cents > 0 {
		sign = "-"
	}

	switch strings.ToUpper(currency) {
	case "USD", "":
		return sign + "$" + digits
	case "EUR":
		return sign + "€" + digits
	case "GBP":
		return sign + "£" + digits
	}
	if !currencyCode(currency) {
		return sign + digits
	}
	return sign + digits + " " + currency
}

// currencyCode reports whether s looks like a currency code, so that text
// from the API is never printed unless it is plain letters.
func currencyCode(s string) bool {
	if len(s) == 0 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// maxFigure bounds the figures the formatters print; anything larger cannot
// be a real duration, amount or count and shows as unknown.
const maxFigure = 1e15

func (f Figure) usable() bool {
	return f.Known && !math.IsNaN(f.Value) && math.Abs(f.Value) < maxFigure
}

// FormatCount formats a count with thousands separators: "1,204".
func FormatCount(n int64) string {
	digits := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + groupDigits(digits[1:])
	}
	return groupDigits(digits)
}

// FormatCountFigure is FormatCount for a figure that may be unknown; the
// value is rounded to a whole count.
func FormatCountFigure(f Figure) string {
	if !f.usable() {
		return UnknownText
	}
	return FormatCount(int64(math.Round(f.Value)))
}

// FormatPercent formats a percentage: "0%", "0.8%", "12%", "100%". Below
// 10 % one decimal is kept, since that is where error rates live.
func FormatPercent(f Figure) string {
	if !f.usable() {
		return UnknownText
	}

	v := f.Value
	switch {
	case v == 0:
		return "0%"
	case math.Abs(v) < 9.95:
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(v), 'f', 0, 64) + "%"
}

// FormatMB formats a memory figure: "64MB", "1.5GB".
func FormatMB(f Figure) string {
	if !f.usable() {
		return UnknownText
	}
	if f.Value >= 1024 {
		return strconv.FormatFloat(f.Value/1024, 'f', 1, 64) + "GB"
	}
	return strconv.FormatFloat(math.Round(f.Value), 'f', 0, 64) + "MB"
}

// FormatRelative says how far t is from now in the largest whole unit:
// "now" within ten seconds either way, "45s ago", "12m ago", "5h ago",
// "3d ago", and "in 12s" and so on for the future. The zero time is unknown.
func FormatRelative(t, now time.Time) string {
	if t.IsZero() {
		return UnknownText
	}

	d := now.Sub(t)
	if d.Abs() < 10*time.Second {
		return "now"
	}
	if d < 0 {
		return "in " + shortDuration(-d)
	}
	return shortDuration(d) + " ago"
}

// FormatDuration writes d as briefly as it reads back: "1m", not "1m0s";
// "1h30m", not "1h30m0s". Time.ParseDuration reads it as d again.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// shortDuration is d in its largest whole unit: "45s", "12m", "5h", "3d".
func shortDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	case d < time.Hour:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d < 24*time.Hour:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	}
	return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
}

// groupDigits puts a comma between every three digits from the right.
func groupDigits(digits string) string {
	if len(digits) <= 3 {
		return digits
	}

	var b strings.Builder
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(digits[:lead])
	for i := lead; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
