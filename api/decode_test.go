package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

const goodRequest = `{"id":"r1","httpMethod":"POST","url":"https://fn/ice","statusCode":200,
"executionTimeMs":42,"memoryUsedMB":64.5,"startTime":"2026-02-19T14:30:00.000Z",
"endTime":"2026-02-19T14:30:00.042Z","logs":[{"level":"Info","message":"ICE",
"timestamp":"2026-02-19T14:30:00.010Z"}],"requestHeaders":{"content-type":"application/json"},
"requestBody":"{}","responseHeaders":{},"responseBody":"ok","region":"eu"}`

func TestRequestDecodesAndKeepsRaw(t *testing.T) {
	var r Request
	if err := json.Unmarshal([]byte(goodRequest), &r); err != nil {
		t.Fatal(err)
	}

	want := time.Date(2026, 2, 19, 14, 30, 0, 0, time.UTC)
	if r.ID != "r1" || r.StatusCode != 200 || r.MemoryUsedMB != 64.5 || !r.StartTime.Equal(want) {
		t.Fatalf("decoded %+v", r)
	}
	if len(r.Logs) != 1 || r.Logs[0].Level != LevelInfo || r.RequestHeaders["content-type"] == "" {
		t.Fatalf("logs or headers lost: %+v", r)
	}
	if string(r.Raw) != goodRequest {
		t.Fatalf("Raw = %s", r.Raw)
	}
}

func TestRequestToleratesBadFields(t *testing.T) {
	input := `{"id":"r2","httpMethod":null,"url":"https://fn/x","statusCode":"503",
		"executionTimeMs":"slow","memoryUsedMB":12,"startTime":"2026-02-19 14:30:00Z",
		"endTime":1771511400,"logs":[{"level":"Error","message":"boom","timestamp":"yesterday"},
		"garbage",{"level":"Fatal","message":7}],"requestHeaders":{"x-n":5},"requestBody":{"a":1}}`

	var r Request
	if err := json.Unmarshal([]byte(input), &r); err != nil {
		t.Fatalf("a record with mistyped fields was lost: %v", err)
	}

	checks := []struct {
		name string
		ok   bool
	}{
		{"id kept", r.ID == "r2"},
		{"null method is empty", r.HTTPMethod == ""},
		{"numeric string status", r.StatusCode == 503},
		{"bad number is zero", r.ExecutionTimeMs == 0},
		{"memory kept", r.MemoryUsedMB == 12},
		{"space-separated time", r.StartTime.Equal(time.Date(2026, 2, 19, 14, 30, 0, 0, time.UTC))},
		{"numeric time is zero", r.EndTime.IsZero()},
		{"garbage log line dropped", len(r.Logs) == 2},
		{"bad timestamp keeps the line", len(r.Logs) > 0 && r.Logs[0].Message == "boom"},
		{"unknown level kept", len(r.Logs) > 1 && r.Logs[1].Level == "Fatal"},
		{"number message as text", len(r.Logs) > 1 && r.Logs[1].Message == "7"},
		{"number header as text", r.RequestHeaders["x-n"] == "5"},
		{"object body as JSON text", r.RequestBody == `{"a":1}`},
		{"raw kept", string(r.Raw) == input},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: decoded %+v", c.name, r)
		}
	}
}

func TestRequestRejectsHopelessInput(t *testing.T) {
	cases := map[string]string{
		`"just a string"`: "want a JSON object, got string",
		`[1,2]`:           "want a JSON object, got array",
		`{"id":`:          "not valid JSON",
	}
	for input, want := range cases {
		var r Request
		err := r.UnmarshalJSON([]byte(input))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", input, err, want)
		}
	}
}

func TestDecodeKeepsTheRestOfAPage(t *testing.T) {
	input := `{"requests":[` + goodRequest + `,"oops",{"id":"r3","startTime":"bad"}],
		"pagination":{"page":"2","pageSize":100,"totalCount":null,"totalPages":3,"extra":true}}`

	var page LogPage
	problems, err := decodeJSON([]byte(input), &page, "GET /functions/f/logs")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Requests) != 2 || page.Requests[1].ID != "r3" {
		t.Fatalf("requests = %+v", page.Requests)
	}
	if page.Pagination != (Pagination{Page: 2, PageSize: 100, TotalPages: 3}) {
		t.Fatalf("pagination = %+v", page.Pagination)
	}
	if len(problems) == 0 || !strings.Contains(problems[0], "requests[1]") {
		t.Fatalf("problems = %q, want one naming requests[1]", problems)
	}
}

func TestDecodeFunctionsAndStatus(t *testing.T) {
	input := `{"functions":[{"id":"f1","name":"ivr","status":"Hibernating",
		"createdAt":"not a time","updatedAt":"2026-02-18T14:30:00Z","owner":{"x":1}}],"total":1}`
	var list FunctionList
	if _, err := decodeJSON([]byte(input), &list, "GET /functions"); err != nil {
		t.Fatal(err)
	}
	f := list.Functions[0]
	if f.Status != "Hibernating" || f.Status.Known() || f.Name != "ivr" || f.UpdatedAt.IsZero() {
		t.Fatalf("function = %+v", f)
	}

	var status FunctionStatus
	input = `{"functionId":"f1","status":"Failed","error":{"message":"build failed"},"url":null}`
	if _, err := decodeJSON([]byte(input), &status, "GET /functions/f1/status"); err != nil {
		t.Fatal(err)
	}
	if status.Status != StatusFailed || !strings.Contains(status.Error, "build failed") {
		t.Fatalf("status = %+v", status)
	}
}

func TestBillingAndCostsKeepRaw(t *testing.T) {
	input := `{"periodStart":"2026-02-01T00:00:00Z","currency":"USD","totalCost":"12.34",
		"functions":[{"functionId":"f1","cost":4.12}],"discounts":[]}`
	var billing Billing
	if err := json.Unmarshal([]byte(input), &billing); err != nil {
		t.Fatal(err)
	}
	if billing.TotalCost != 12.34 || len(billing.Functions) != 1 || string(billing.Raw) != input {
		t.Fatalf("billing = %+v", billing)
	}

	var costs Costs
	input = `{"functionId":"f1","period":"month","breakdown":[{"item":"requests","cost":1}]}`
	if err := json.Unmarshal([]byte(input), &costs); err != nil {
		t.Fatal(err)
	}
	if len(costs.Breakdown) != 1 || string(costs.Raw) != input {
		t.Fatalf("costs = %+v", costs)
	}
}

func TestIsJSON(t *testing.T) {
	cases := []struct {
		contentType, body string
		want              bool
	}{
		{"application/json; charset=utf-8", `{}`, true},
		{"application/problem+json", `{}`, true},
		{"", ` {"a":1}`, true},
		{"", `<html>`, false},
		{"text/html", `{}`, false},
		{"garbage;;", `{}`, false},
	}
	for _, c := range cases {
		if got := isJSON(c.contentType, []byte(c.body)); got != c.want {
			t.Errorf("isJSON(%q, %q) = %v", c.contentType, c.body, got)
		}
	}
}

func TestReadBodyIsCapped(t *testing.T) {
	big := strings.NewReader(strings.Repeat("x", MaxBodyBytes+1))
	_, err := readBody("GET /functions", big)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "GET /functions") {
		t.Fatalf("err = %v", err)
	}
}

func TestErrorMatchesSentinels(t *testing.T) {
	cases := []struct {
		code int
		want error
	}{
		{http.StatusUnauthorized, ErrUnauthorized},
		{http.StatusForbidden, ErrForbidden},
		{http.StatusNotFound, ErrNotFound},
		{http.StatusTooManyRequests, ErrRateLimited},
		{http.StatusBadGateway, ErrServer},
		{http.StatusBadRequest, ErrBadRequest},
		{http.StatusConflict, ErrBadRequest},
	}
	all := []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrRateLimited, ErrServer,
		ErrBadRequest}
	for _, c := range cases {
		err := fmt.Errorf("wrapped: %w", &Error{StatusCode: c.code})
		for _, sentinel := range all {
			if got := errors.Is(err, sentinel); got != (sentinel == c.want) {
				t.Errorf("HTTP %d: errors.Is(%v) = %v", c.code, sentinel, got)
			}
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"99999":                         maxRetryAfter,
		"Thu, 19 Feb 2026 14:00:30 GMT": 30 * time.Second,
		"Thu, 19 Feb 2026 13:00:00 GMT": 0,
		"soon":                          0,
	}
	for value, want := range cases {
		if got := parseRetryAfter(value, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", value, got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	got := cleanText("  bad\x1b[31m\nthing\t\x00 " + strings.Repeat("y", 400))
	if strings.ContainsAny(got, "\x1b\n\t\x00") || !strings.HasPrefix(got, "bad [31m thing y") {
		t.Fatalf("cleanText = %q", got)
	}
	if n := len([]rune(got)); n != maxMessage+1 {
		t.Fatalf("cleaned length %d, want %d", n, maxMessage+1)
	}
}

// BenchmarkDecodeLogPage decodes a page of 100 requests as the logs endpoint
// sends it.
func BenchmarkDecodeLogPage(b *testing.B) {
	var requests []string
	for i := range 100 {
		requests = append(requests, strings.Replace(goodRequest, `"r1"`,
			fmt.Sprintf(`"r%03d"`, i), 1))
	}
	page := []byte(`{"requests":[` + strings.Join(requests, ",") +
		`],"pagination":{"page":1,"pageSize":100,"totalCount":500,"totalPages":5}}`)

	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		var p LogPage
		if _, err := decodeJSON(page, &p, "logs"); err != nil {
			b.Fatal(err)
		}
	}
}
