package sim

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestAppendJSONDecodesLikeEncodingJSON: the hand-written encoder produces
// JSON that decodes to the same values as encoding/json's reflection would.
func TestAppendJSONDecodesLikeEncodingJSON(t *testing.T) {
	at := Time{time.Date(2026, 2, 3, 14, 30, 0, 123e6, time.UTC)}
	odd := "quote \" backslash \\ newline \n tab \t nul \x00 bell \x07 bad \xff sep \u2028 " +
		"emoji 👍 <html>&"
	records := []Request{
		{ID: "a", Logs: []LogLine{}, RequestHeaders: map[string]string{}},
		{ID: odd, HTTPMethod: odd, URL: odd, StatusCode: 504, ExecutionTimeMs: 12345,
			MemoryUsedMB: 64, StartTime: at, EndTime: at,
			Logs: []LogLine{
				{Level: "Error", Message: odd, Timestamp: at}, {Level: "Info"},
			},
			RequestHeaders: map[string]string{"b": odd, "a": "1", odd: "x"},
			RequestBody:    odd, ResponseHeaders: map[string]string{"c": ""}, ResponseBody: odd},
	}
	type plain Request // no MarshalJSON: encoding/json's own encoding
	for _, r := range records {
		fast := r.appendJSON(nil)
		slow, err := json.Marshal(plain(r))
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(fast, &a); err != nil {
			t.Fatalf("appendJSON wrote invalid JSON: %v\n%s", err, fast)
		}
		if err := json.Unmarshal(slow, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("decoded differently:\n%s\n%s", fast, slow)
		}
	}
}
