package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

func TestParseTimeFlag(t *testing.T) {
	now := testStart
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{"30m", now.Add(-30 * time.Minute), true},
		{"2h", now.Add(-2 * time.Hour), true},
		{"1h30m", now.Add(-90 * time.Minute), true},
		{"1d", now.Add(-24 * time.Hour), true},
		{"2w", now.Add(-14 * 24 * time.Hour), true},
		{"2026-12-03T15:00:00Z", time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC), true},
		{"2026-12-03T17:00:00+02:00", time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC), true},
		{"0s", time.Time{}, false},
		{"-5m", time.Time{}, false},
		{"d", time.Time{}, false},
		{"1.5d", time.Time{}, false},
		{"99999d", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2026-12-03", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseTimeFlag("--since", tt.in, now)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseTimeFlag(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		var ee *exitError
		if err != nil && (!errors.As(err, &ee) || ee.code != exitSettings) {
			t.Errorf("parseTimeFlag(%q) error %v does not exit with %d", tt.in, err, exitSettings)
		}
	}
}

func TestFindFunction(t *testing.T) {
	functions := []api.Function{
		{ID: "01AAA", Name: "ivr-handler"},
		{ID: "01AAB", Name: "ivr"},
		{ID: "01BBB", Name: "Call-Router"},
		{ID: "01CCC", Name: "conference"},
		{ID: "01DDD", Name: "twin"},
		{ID: "01EEE", Name: "twin"},
	}
	tests := []struct {
		arg, want string // want an ID, or "ambiguous" or "unknown"
	}{
		{"01AAA", "01AAA"},           // exact ID
		{"ivr", "01AAB"},             // exact name wins over the prefix of another
		{"call-router", "01BBB"},     // name in another case
		{"conf", "01CCC"},            // name prefix
		{"01B", "01BBB"},             // ID prefix
		{"iv", "ambiguous"},          // prefix of two names
		{"c", "ambiguous"},           // prefix of two names
		{"twin", "ambiguous"},        // two functions share the name
		{"01A", "ambiguous"},         // prefix of two IDs
		{"nope", "unknown"},          // nothing
		{"", "unknown"},              // nothing
		{"IVR-HANDLER", "01AAA"},     // case-insensitive exact name
		{"01aaa", "unknown"},         // IDs keep their case
		{"ivr-handler-x", "unknown"}, // longer than any name
	}
	for _, tt := range tests {
		f, err := findFunction(functions, tt.arg)
		got := f.ID
		if err != nil {
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exitSettings {
				t.Errorf("findFunction(%q): error %v without exit code 2", tt.arg, err)
			}
			got = "unknown"
			if strings.Contains(err.Error(), "ambiguous") {
				got = "ambiguous"
			}
		}
		if got != tt.want {
			t.Errorf("findFunction(%q) = %s (%v), want %s", tt.arg, got, err, tt.want)
		}
	}
}

func TestCandidatesAreBounded(t *testing.T) {
	var functions []api.Function
	for i := range 30 {
		functions = append(functions, api.Function{ID: fmt.Sprintf("ID%02d", i),
			Name: fmt.Sprintf("fn-\x1b[31m%02d", i)})
	}
	_, err := findFunction(functions, "zzz")
	msg := err.Error()
	if strings.Count(msg, "\n") != maxCandidates+1 || !strings.Contains(msg, "… and 10 more") {
		t.Errorf("candidates not bounded to %d:\n%s", maxCandidates, msg)
	}
	if strings.Contains(msg, "\x1b") {
		t.Errorf("a name's escape sequence reached the message: %q", msg)
	}
}

func TestFormatQuantity(t *testing.T) {
	for q, want := range map[float64]string{
		0: "0", 7: "7", 567327: "567,327", 4018.64: "4,018.64", 0.0004: "0",
		1234567.1234: "1,234,567.123", -2.5: "-2.5", 1e20: "–",
	} {
		if got := formatQuantity(q); got != want {
			t.Errorf("formatQuantity(%g) = %q, want %q", q, got, want)
		}
	}
}

func TestMatches(t *testing.T) {
	req := api.Request{
		URL: "https://fn.example.com/ice", StatusCode: 502, RequestBody: `{"to":"+4670"}`,
		Logs: []api.LogLine{{Level: api.LevelInfo, Message: "CRM lookup slow"}},
	}
	tests := []struct {
		q    api.LogQuery
		want bool
	}{
		{api.LogQuery{}, true},
		{api.LogQuery{Level: api.LevelInfo}, true},
		{api.LogQuery{Level: api.LevelDebug}, true},
		{api.LogQuery{Level: api.LevelWarning}, false},
		{api.LogQuery{StatusClass: "error"}, true},
		{api.LogQuery{StatusClass: "success"}, false},
		{api.LogQuery{Search: "crm"}, true},
		{api.LogQuery{Search: "/ICE"}, true},
		{api.LogQuery{Search: "+4670"}, true},
		{api.LogQuery{Search: "absent"}, false},
	}
	for _, tt := range tests {
		if got := matches(req, tt.q); got != tt.want {
			t.Errorf("matches(%+v) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if matches(api.Request{}, api.LogQuery{Level: api.LevelDebug}) {
		t.Error("a request without console lines matched a level filter")
	}
}

func TestFollowFrom(t *testing.T) {
	asked := testStart
	start := testStart.Add(-time.Hour)
	newest := api.Request{ID: "b", StartTime: testStart.Add(-time.Second)}
	ms := time.Millisecond

	if got := followFrom([]api.Request{{ID: "a"}, newest}, start, asked); !got.Equal(
		newest.StartTime.Add(-ms)) {
		t.Errorf("with history: %v, want just before the newest printed", got)
	}
	if got := followFrom(nil, start, asked); !got.Equal(start.Add(-ms)) {
		t.Errorf("no history, --since: %v, want just before the window's start", got)
	}
	if got := followFrom(nil, time.Time{}, asked); !got.Equal(asked.Add(-ms)) {
		t.Errorf("no history: %v, want just before the history was asked for", got)
	}

	history := []api.Request{{ID: "old", StartTime: start}, newest}
	printed := printedIDs(history, newest.StartTime.Add(-ms))
	if !printed["b"] || printed["old"] {
		t.Errorf("printed IDs %v, want only the newest", printed)
	}
}

func TestTableAlignsByDisplayWidth(t *testing.T) {
	env, _ := testEnv(t)
	var out strings.Builder
	p := newPrinter(env, &out, printerOptions{})
	tbl := newTable(column{title: "NAME"}, column{title: "N", right: true}, column{title: "NOTE"})
	err := tbl.print(p, [][]cell{
		{plain("日本"), plain("1"), plain("wide")},
		{plain("abcdef"), plain("1,234"), plain("")},
		{plain("x\x1b[2Jy"), plain("7"), plain("tab\there")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "NAME        N  NOTE\n" +
		"日本        1  wide\n" +
		"abcdef  1,234\n" +
		"x␛[2Jy      7  tab here\n"
	if out.String() != want {
		t.Errorf("table\n%s\nwant\n%s", out.String(), want)
	}
}
