package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/sinchtop/sinchtop/api"
)

var logEpoch = time.Date(2026, 2, 19, 14, 30, 0, 0, time.UTC)

// logAt returns logEpoch plus n milliseconds.
func logAt(n int) time.Time {
	return logEpoch.Add(time.Duration(n) * time.Millisecond)
}

// logRequest returns a minimal request started n milliseconds after logEpoch.
func logRequest(id string, n int, lines ...api.LogLine) api.Request {
	return api.Request{
		ID:         id,
		HTTPMethod: "POST",
		URL:        "https://fn-1.functions.sinch.com/ice?x=1",
		StatusCode: 200,
		StartTime:  logAt(n),
		EndTime:    logAt(n + 42),
		Logs:       lines,
	}
}

func logLine(level api.Level, msg string) api.LogLine {
	return api.LogLine{Level: level, Message: msg, Timestamp: logEpoch}
}

func TestNewEntry(t *testing.T) {
	req := logRequest("r1", 5,
		logLine(api.LevelInfo, "ICE: call from +15551234567"),
		logLine(api.LevelWarning, "slow \x1b[31mupstream\x1b[0m"),
		logLine(api.LevelWarning, "second warning"),
		logLine(api.LevelDebug, "details"),
	)
	req.ExecutionTimeMs = 42.5
	req.MemoryUsedMB = 64
	req.StatusCode = 503
	req.Raw = json.RawMessage(`{"id":"r1"}`)

	e := NewEntry(req)
	if e.ID != "r1" || e.Method != "POST" || e.Path != "/ice" {
		t.Errorf("ID, method, path = %q %q %q", e.ID, e.Method, e.Path)
	}
	if e.Class != StatusError || e.Duration != 42500*time.Microsecond || e.MemoryMB != 64 {
		t.Errorf("class %v duration %v memory %v", e.Class, e.Duration, e.MemoryMB)
	}
	if e.Level != api.LevelWarning || e.Summary != "slow ␛[31mupstream␛[0m" {
		t.Errorf("level %q summary %q", e.Level, e.Summary)
	}
	if !e.Start.Equal(logAt(5)) || e.Key() != (EntryKey{Start: logAt(5), ID: "r1"}) {
		t.Errorf("start %v key %v", e.Start, e.Key())
	}
	if e.Cost < entryOverhead+len(req.Raw)+len(req.URL) {
		t.Errorf("cost %d does not count the raw JSON and URL", e.Cost)
	}
}

func TestNewEntryHostileText(t *testing.T) {
	req := logRequest("id\x1b]52;c;x\x07", 0, logLine("Er\x1bror", strings.Repeat("x", 1<<20)))
	req.HTTPMethod = "GET\x9b2J"
	req.URL = "https://h/a\u202eb?q"

	e := NewEntry(req)
	for _, s := range []string{e.ID, e.Method, e.Path, string(e.Level), e.Summary} {
		checkSanitized(t, "NewEntry", s, false)
	}
	if len(e.Summary) > summaryMaxBytes+32 {
		t.Errorf("summary of a 1 MiB line kept %d bytes", len(e.Summary))
	}
	if e.LevelRank() != 1 {
		t.Errorf("unknown level ranks %d, want 1 (info)", e.LevelRank())
	}
}

func TestNewEntryWithoutLogs(t *testing.T) {
	e := NewEntry(logRequest("r", 0))
	if e.Level != "" || e.Summary != "" || e.LevelRank() != -1 {
		t.Errorf("level %q summary %q rank %d", e.Level, e.Summary, e.LevelRank())
	}
}

func TestURLPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://fn.example.com/ice?x=1#f", "/ice"},
		{"https://fn.example.com", "/"},
		{"https://fn.example.com?x", "/"},
		{"http://h:8080/a/b%20c", "/a/b%20c"},
		{"//h/p", "/p"},
		{"/only/path?q", "/only/path"},
		{"", "/"},
		{"::not a url/%zz", "::not a url/%zz"},
	}
	for _, tt := range tests {
		if got := urlPath(tt.in); got != tt.want {
			t.Errorf("urlPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLevelRank(t *testing.T) {
	tests := []struct {
		level api.Level
		want  int
	}{
		{"", -1}, {api.LevelDebug, 0}, {"TRACE", 0}, {api.LevelInfo, 1}, {"Notice", 1},
		{"whatever", 1}, {api.LevelWarning, 2}, {"WARN", 2}, {api.LevelError, 3},
		{"Fatal", 3}, {"critical", 3},
	}
	for _, tt := range tests {
		if got := LevelRank(tt.level); got != tt.want {
			t.Errorf("LevelRank(%q) = %d, want %d", tt.level, got, tt.want)
		}
	}
}

func TestClassOf(t *testing.T) {
	tests := []struct {
		code int
		want StatusClass
	}{
		{0, StatusOther}, {101, StatusOther}, {200, StatusSuccess}, {299, StatusSuccess},
		{302, StatusRedirect}, {404, StatusError}, {503, StatusError}, {600, StatusOther},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.code); got != tt.want {
			t.Errorf("ClassOf(%d) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestMilliseconds(t *testing.T) {
	if got := milliseconds(-5); got != 0 {
		t.Errorf("negative gave %v", got)
	}
	if got := milliseconds(1e300); got <= 0 {
		t.Errorf("huge gave %v", got)
	}
	if got := milliseconds(1.5); got != 1500*time.Microsecond {
		t.Errorf("1.5 gave %v", got)
	}
}

// TestEntryOverheadCoversStruct keeps the cost estimate's fixed part at
// least as large as the structs and slots it stands for.
func TestEntryOverheadCoversStruct(t *testing.T) {
	var e Entry
	// Two ring slots (all and view, rings up to twice full) and a map record.
	slots := 2*2*unsafe.Sizeof(viewRow{}) + unsafe.Sizeof("") + unsafe.Sizeof(&e) + 16
	if need := unsafe.Sizeof(e) + slots; uintptr(entryOverhead) < need {
		t.Errorf("entryOverhead %d < %d bytes of structs and slots", entryOverhead, need)
	}
}
