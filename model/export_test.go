package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/api"
)

// sameRequest reports how two requests differ, comparing Raw as compacted
// JSON and times as instants; "" when they are the same.
func sameRequest(a, b api.Request) string {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a.Raw) != nil || json.Compact(&cb, b.Raw) != nil ||
		!bytes.Equal(ca.Bytes(), cb.Bytes()) {
		return "raw JSON differs: " + string(a.Raw) + " vs " + string(b.Raw)
	}
	if !a.StartTime.Equal(b.StartTime) || !a.EndTime.Equal(b.EndTime) {
		return "times differ"
	}
	a.Raw, b.Raw = nil, nil
	a.StartTime, a.EndTime = b.StartTime, b.EndTime
	for i := range min(len(a.Logs), len(b.Logs)) {
		if !a.Logs[i].Timestamp.Equal(b.Logs[i].Timestamp) {
			return "log times differ"
		}
		a.Logs[i].Timestamp = b.Logs[i].Timestamp
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		return string(ja) + " vs " + string(jb)
	}
	return ""
}

func TestExportReadsBackTheRequestsShown(t *testing.T) {
	reqs := realisticTemplates(12)
	for i := range reqs {
		reqs[i].ID += "-x"
		reqs[i].StartTime = logAt(i)
		reqs[i].Raw, _ = json.Marshal(reqs[i])
	}
	// A server field sinchtop does not know, and raw JSON over several lines.
	pretty := `{
	  "id": "pretty-1", "httpMethod": "GET", "url": "https://fn/a\nb",
	  "statusCode": 404, "startTime": "2026-02-19T14:30:01Z", "region": "eu-1"
	}`
	reqs[3] = api.Request{}
	if err := json.Unmarshal([]byte(pretty), &reqs[3]); err != nil {
		t.Fatal(err)
	}
	reqs[3].Raw = json.RawMessage(pretty)
	reqs[5].Raw = nil                           // encoded from its fields
	reqs[7].Raw = json.RawMessage(`{"broken":`) // invalid: encoded from fields

	b := NewLogBuffer(Limits{})
	b.AppendLive(reqs)
	b.SetFilter(LogFilter{From: logAt(2)})
	shown := b.FilteredEntries()

	var file bytes.Buffer
	if err := WriteJSONL(&file, shown); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(file.String(), "\n"); lines != len(shown) {
		t.Fatalf("%d lines for %d requests", lines, len(shown))
	}
	if !strings.Contains(file.String(), `"region":"eu-1"`) {
		t.Error("an unknown server field was lost")
	}

	back, err := ReadJSONL(&file)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(shown) {
		t.Fatalf("read back %d requests, want %d", len(back), len(shown))
	}
	for i, e := range shown {
		want := e.Request
		if len(want.Raw) == 0 || !json.Valid(want.Raw) {
			want.Raw, _ = json.Marshal(want)
		}
		if diff := sameRequest(back[i], want); diff != "" {
			t.Errorf("request %d (%s): %s", i, e.ID, diff)
		}
	}
}

func TestExportKeepsUnknownFields(t *testing.T) {
	var req api.Request
	raw := "{\n  \"id\": \"r1\",\n  \"region\": \"eu-1\"\n}"
	if err := json.Unmarshal([]byte(raw), &req); err != nil {
		t.Fatal(err)
	}
	req.Raw = json.RawMessage(raw)

	var file bytes.Buffer
	if err := WriteJSONL(&file, []*Entry{NewEntry(req)}); err != nil {
		t.Fatal(err)
	}
	if got := file.String(); got != `{"id":"r1","region":"eu-1"}`+"\n" {
		t.Errorf("wrote %q", got)
	}
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not an object", `{"id":"a"}` + "\n\n[1]\n", "line 3: not a JSON object"},
		{"broken json", `{"id":"a"}` + "\n" + `{"id":` + "\n", "line 2:"},
		{"too long", `{"id":"a"}` + "\n" + `{"id":"` + strings.Repeat("x", 100) + `"}`,
			"line 2: longer than 64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readJSONL(strings.NewReader(tt.in), 64)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}

	got, err := ReadJSONL(strings.NewReader("\n  \n" + `{"id":"a"}` + "\r\n"))
	if err != nil || len(got) != 1 || got[0].ID != "a" || string(got[0].Raw) != `{"id":"a"}` {
		t.Errorf("blank lines and CRLF: %v %v", got, err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteJSONLReportsFailure(t *testing.T) {
	entries := []*Entry{NewEntry(logRequest("r1", 1))}
	err := WriteJSONL(failingWriter{}, entries)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want the writer's", err)
	}
}

func TestRequestJSON(t *testing.T) {
	req := logRequest("r1", 1)
	req.Raw = json.RawMessage(`{"id":"r1","extra":[1,2]}`)
	got, err := RequestJSON(req)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"id\": \"r1\",\n  \"extra\": [\n    1,\n    2\n  ]\n}"
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}

	req.Raw = nil
	got, err = RequestJSON(req)
	if err != nil {
		t.Fatal(err)
	}
	var back api.Request
	if err := json.Unmarshal(got, &back); err != nil || back.ID != "r1" || back.URL != req.URL {
		t.Errorf("encoded from fields: %s (%v)", got, err)
	}
	if !bytes.Contains(got, []byte("\n  \"id\": \"r1\"")) {
		t.Errorf("not indented: %s", got)
	}
}
