package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

var exportNow = time.Date(2026, 3, 1, 9, 4, 5, 0, time.UTC)

// testEntries returns three requests: one as the server sent it, with a
// field sinchtop does not know, one built from fields only, and one whose
// text is hostile.
func testEntries() []*model.Entry {
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	raw := api.Request{ID: "r1", HTTPMethod: "POST", URL: "/sms", StatusCode: 500,
		ExecutionTimeMs: 12.5, StartTime: start, EndTime: start.Add(time.Second),
		Logs: []api.LogLine{{Level: "Error", Message: "boom", Timestamp: start}}}
	raw.Raw = json.RawMessage(`{"id":"r1","httpMethod":"POST","url":"/sms",` +
		`"statusCode":500,"executionTimeMs":12.5,"startTime":"2026-03-01T08:00:00Z",` +
		`"endTime":"2026-03-01T08:00:01Z","logs":[{"level":"Error","message":"boom",` +
		`"timestamp":"2026-03-01T08:00:00Z"}],"region":"eu-1"}`)
	fields := api.Request{ID: "r2", HTTPMethod: "GET", URL: "/voice?x=1", StatusCode: 200,
		StartTime: start.Add(time.Minute), ResponseBody: "ok"}
	hostile := api.Request{ID: "r3\x1b]0;x\a", URL: "/\u202e", StatusCode: 200,
		StartTime: start.Add(2 * time.Minute), RequestBody: "line\nnext\x00"}
	return []*model.Entry{model.NewEntry(raw), model.NewEntry(fields), model.NewEntry(hostile)}
}

func TestExportRequestsReadsBack(t *testing.T) {
	dir := t.TempDir()
	entries := testEntries()

	path, err := ExportRequests(dir, "ivr-handler", entries, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "sinchtop-ivr-handler-20260301-090405.jsonl")
	if path != want {
		t.Errorf("path %q, want %q", path, want)
	}
	checkPrivate(t, path)

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := model.ReadJSONL(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(entries) {
		t.Fatalf("read %d requests, want %d", len(got), len(entries))
	}
	for i, e := range entries {
		checkSameRequest(t, got[i], e.Request)
	}
	if !bytes.Contains(got[0].Raw, []byte(`"region":"eu-1"`)) {
		t.Errorf("a field the server sent was lost: %s", got[0].Raw)
	}
}

// checkSameRequest compares the decoded fields of two requests, not Raw,
// which ReadJSONL fills from the line.
func checkSameRequest(t *testing.T, got, want api.Request) {
	t.Helper()
	got.Raw, want.Raw = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}

func checkPrivate(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", path, info.Mode().Perm())
	}
}

func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "sinchtop-ivr-20260301-090405.jsonl")
	if err := os.WriteFile(taken, []byte("keep me\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	first, err := ExportRequests(dir, "ivr", testEntries(), exportNow)
	if err != nil {
		t.Fatal(err)
	}
	second, err := ExportRequests(dir, "ivr", testEntries(), exportNow)
	if err != nil {
		t.Fatal(err)
	}

	if filepath.Base(first) != "sinchtop-ivr-20260301-090405-2.jsonl" ||
		filepath.Base(second) != "sinchtop-ivr-20260301-090405-3.jsonl" {
		t.Errorf("paths %q and %q, want numbered names", first, second)
	}
	if text, _ := os.ReadFile(taken); string(text) != "keep me\n" {
		t.Errorf("the existing file was overwritten: %q", text)
	}
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")

	_, err := ExportRequests(missing, "ivr", testEntries(), exportNow)
	if err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("into a missing directory: error %v, want one naming it", err)
	}

	_, err = ExportRequests(dir, "ivr", nil, exportNow)
	if err == nil || !strings.Contains(err.Error(), "no requests") {
		t.Errorf("no entries: error %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	_, err := create(dir, "sinchtop-x", ".txt", func(w io.Writer) error {
		if _, err := io.WriteString(w, "half"); err != nil {
			return err
		}
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want the write's", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a partial file was left: %v", left)
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"ivr-handler", "ivr-handler"},
		{"sms_in.v2", "sms_in.v2"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "function"},
		{".hidden", "hidden"},
		{"a/b\\c:d", "a-b-c-d"},
		{"\x1b]0;owned\a", "0-owned"},
		{"ivr handler ✓ émoji", "ivr-handler-moji"},
		{"C:\\Windows\\system32", "C-Windows-system32"},
		{"", "function"},
		{"\u202e\u0000", "function"},
		{strings.Repeat("a", 300), strings.Repeat("a", 64)},
	}
	for _, tt := range tests {
		if got := safeName(tt.name); got != tt.want {
			t.Errorf("safeName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestHostileNamesStayInTheDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../../x", "/etc/cron.d/x", "a\x00b", "..", "~root"} {
		path, err := ExportRequests(dir, name, testEntries(), exportNow)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if filepath.Dir(path) != dir {
			t.Errorf("%q was written to %s, outside %s", name, path, dir)
		}
	}
}

func TestExportScreenIsPlainText(t *testing.T) {
	dir := t.TempDir()
	screen := "\x1b[1;31m┌─ ivr ─┐\x1b[0m   \r\n" +
		"\x1b]0;title\a\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\ \u009b2J\a\x7f\tok\n" +
		"\x1bP+q\x1b\\end\x1b"

	path, err := ExportScreen(dir, screen, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "sinchtop-screen-20260301-090405.txt" {
		t.Errorf("path %q", path)
	}
	checkPrivate(t, path)

	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "┌─ ivr ─┐\nlink 2J\tok\nend\n"; string(text) != want {
		t.Errorf("screen file %q, want %q", text, want)
	}
	for _, r := range string(text) {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7F && r <= 0x9F) {
			t.Errorf("control %U in %q", r, text)
		}
	}
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()

	msg := RequestsCmd(dir, "ivr", testEntries(), exportNow)().(ExportedMsg)
	if msg.Err != nil || msg.Count != 3 || filepath.Dir(msg.Path) != dir {
		t.Errorf("RequestsCmd: %+v", msg)
	}
	if want := "exported 3 requests to " + msg.Path; msg.Text() != want {
		t.Errorf("Text() = %q, want %q", msg.Text(), want)
	}

	msg = ScreenCmd(dir, "hello", exportNow)().(ExportedMsg)
	if msg.Err != nil || !strings.HasPrefix(msg.Text(), "exported the screen to ") {
		t.Errorf("ScreenCmd: %+v, %q", msg, msg.Text())
	}

	msg = RequestsCmd(filepath.Join(dir, "gone"), "ivr", testEntries(), exportNow)().(ExportedMsg)
	if msg.Err == nil || msg.Path != "" || msg.Count != 0 ||
		!strings.HasPrefix(msg.Text(), "could not export the requests: ") {
		t.Errorf("RequestsCmd into a missing directory: %+v", msg)
	}
}
