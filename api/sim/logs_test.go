package sim_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

type logPage struct {
	Requests   []sim.Request `json:"requests"`
	Pagination struct {
		Page       int `json:"page"`
		PageSize   int `json:"pageSize"`
		TotalCount int `json:"totalCount"`
		TotalPages int `json:"totalPages"`
	} `json:"pagination"`
}

var levelRank = map[string]int{"": 0, "Debug": 1, "Info": 2, "Warning": 3, "Error": 4,
	"debug": 1, "info": 2, "warning": 3, "error": 4}

// logFilter is a historical logs query, applied by brute force in match.
type logFilter struct {
	level, status, search, order string
}

func (f logFilter) match(r sim.Request) bool {
	if f.level != "" && levelRank[r.MaxLevel()] < levelRank[f.level] {
		return false
	}
	switch f.status {
	case "success":
		if r.StatusCode < 200 || r.StatusCode > 299 {
			return false
		}
	case "redirect":
		if r.StatusCode < 300 || r.StatusCode > 399 {
			return false
		}
	case "error":
		if r.StatusCode < 400 {
			return false
		}
	}
	if f.search == "" {
		return true
	}
	needle := strings.ToLower(f.search)
	text := []string{r.URL, r.RequestBody}
	for _, l := range r.Logs {
		text = append(text, l.Message)
	}
	for _, s := range text {
		if strings.Contains(strings.ToLower(s), needle) {
			return true
		}
	}
	return false
}

// expected filters truth (ascending) and orders it as f asks.
func (f logFilter) expected(truth []sim.Request) []sim.Request {
	var out []sim.Request
	for _, r := range truth {
		if f.match(r) {
			out = append(out, r)
		}
	}
	if f.order != "asc" {
		slices.Reverse(out)
	}
	return out
}

func (f logFilter) query(from, to time.Time, page, size int) string {
	q := url.Values{"startTime": {rfc(from)}, "endTime": {rfc(to)}}
	for name, v := range map[string]string{"level": f.level, "status": f.status,
		"search": f.search, "order": f.order} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if page > 0 {
		q.Set("page", fmt.Sprint(page))
		q.Set("pageSize", fmt.Sprint(size))
	}
	return q.Encode()
}

func ids(rs []sim.Request) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// TestLogFiltersMatchBruteForce checks every filter and their combinations,
// in both orders and on two pages, against the records built one by one.
func TestLogFiltersMatchBruteForce(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("sms-responder")
	// Odd bounds: parts of minutes at both ends, whole minutes and quarter
	// hours between, the error spike at 14:04 inside.
	from := start.Add(-33*time.Minute - 12345*time.Millisecond)
	to := start.Add(-8*time.Minute + 777*time.Millisecond)
	truth := h.local.RequestsBetween(id, from, to)
	if len(truth) < 1000 {
		t.Fatalf("only %d requests in the range", len(truth))
	}
	checkOrdered(t, truth)

	levels := []string{"", "debug", "info", "warning", "error"}
	statuses := []string{"", "success", "redirect", "error"}
	var filters []logFilter
	for i, level := range levels {
		for j, status := range statuses {
			order := []string{"asc", "desc"}[(i+j)%2]
			filters = append(filters, logFilter{level: level, status: status, order: order})
		}
	}
	// A search walks every record of the range: fewer combinations.
	for i, search := range []string{"STOP", "+4670", "webhooks/SMS", "retrying"} {
		filters = append(filters, logFilter{search: search, order: "asc"},
			logFilter{search: search, level: levels[1+i], status: statuses[i%4]})
	}
	for _, f := range filters {
		t.Run(fmt.Sprintf("%s/%s/%s/%s", f.level, f.status, f.search, f.order), func(t *testing.T) {
			checkQuery(t, h, id, from, to, f, truth)
		})
	}
}

func checkQuery(t *testing.T, h *harness, id string, from, to time.Time, f logFilter,
	truth []sim.Request) {
	want := f.expected(truth)
	const size = 7
	pages := []int{1, 2}
	if f.search != "" {
		pages = pages[1:]
	}
	for _, page := range pages {
		var got logPage
		h.getJSON("functions/"+id+"/logs?"+f.query(from, to, page, size), &got)
		if got.Pagination.TotalCount != len(want) {
			t.Fatalf("totalCount %d, brute force %d", got.Pagination.TotalCount, len(want))
		}
		lo, hi := min(len(want), (page-1)*size), min(len(want), page*size)
		if !slices.Equal(ids(got.Requests), ids(want[lo:hi])) {
			t.Fatalf("page %d: %v, want %v", page, ids(got.Requests), ids(want[lo:hi]))
		}
		if wantPages := (len(want) + size - 1) / size; got.Pagination.TotalPages != wantPages {
			t.Errorf("totalPages %d, want %d", got.Pagination.TotalPages, wantPages)
		}
		for i := range got.Requests {
			if !sameRequest(got.Requests[i], want[lo+i]) {
				t.Errorf("record %s differs from the brute-force one", want[lo+i].ID)
			}
		}
	}
	h.clock.Advance(300 * time.Millisecond) // spread the calls over the rate window
}

func checkOrdered(t *testing.T, rs []sim.Request) {
	t.Helper()
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if a.StartTime.After(b.StartTime.Time) ||
			(a.StartTime.Equal(b.StartTime.Time) && a.ID >= b.ID) {
			t.Fatalf("out of order: %s %s then %s %s", a.StartTime, a.ID, b.StartTime, b.ID)
		}
	}
}

// TestLogCountsOverLongRanges compares the counts that aggregates answer
// for hours of history with brute force.
func TestLogCountsOverLongRanges(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("voicemail-transcriber")
	from, to := start.Add(-5*time.Hour-time.Second), start
	truth := h.local.RequestsBetween(id, from, to)
	for _, f := range []logFilter{{}, {level: "warning"}, {status: "error"},
		{level: "info", status: "success"}, {level: "debug", status: "redirect"}} {
		var got logPage
		h.getJSON("functions/"+id+"/logs?"+f.query(from, to, 3, 50), &got)
		want := f.expected(truth)
		if got.Pagination.TotalCount != len(want) {
			t.Errorf("%+v: totalCount %d, brute force %d", f, got.Pagination.TotalCount, len(want))
		}
		if !slices.Equal(ids(got.Requests), ids(want[min(100, len(want)):min(150, len(want))])) {
			t.Errorf("%+v: page 3 differs", f)
		}
	}
}

func TestLogDefaultsAndVisibility(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("voicemail-transcriber")

	var page logPage
	h.getJSON("functions/"+id+"/logs", &page)
	day := h.local.RequestsBetween(id, start.Add(-24*time.Hour), start)
	p := page.Pagination
	if p.Page != 1 || p.PageSize != 100 || p.TotalCount != len(day) ||
		p.TotalPages != (len(day)+99)/100 || len(page.Requests) != 100 {
		t.Fatalf("defaults: %+v, %d requests; want the last 24 h (%d)", p, len(page.Requests),
			len(day))
	}
	slices.Reverse(day)
	if !slices.Equal(ids(page.Requests), ids(day[:100])) {
		t.Fatal("default order is not newest first")
	}

	// A future endTime shows nothing that has not started yet; advancing
	// the clock reveals exactly the requests it passes.
	q := "functions/" + id + "/logs?pageSize=1000&order=asc&startTime=" + rfc(start) +
		"&endTime=" + rfc(start.Add(time.Hour))
	h.getJSON(q, &page)
	if page.Pagination.TotalCount != 0 {
		t.Fatalf("%d requests visible from the future", page.Pagination.TotalCount)
	}
	h.clock.Advance(3*time.Minute + 500*time.Millisecond)
	h.getJSON(q, &page)
	want := h.local.RequestsBetween(id, start, start.Add(time.Hour))
	if len(want) == 0 || page.Pagination.TotalCount != len(want) {
		t.Fatalf("after 3 min: %d visible, want %d", page.Pagination.TotalCount, len(want))
	}
	for _, r := range page.Requests {
		if !r.StartTime.Before(h.clock.Now()) {
			t.Errorf("request %s at %s visible at %s", r.ID, r.StartTime, h.clock.Now())
		}
	}

	// Beyond the last page: an empty page, not an error.
	h.getJSON(q+"&page=99", &page)
	if len(page.Requests) != 0 || page.Pagination.Page != 99 {
		t.Errorf("page 99: %d requests, %+v", len(page.Requests), page.Pagination)
	}

	// No traffic on the Failed and Stopped functions since they stopped.
	for _, f := range h.local.Functions() {
		if f.Status == "Failed" || f.Status == "Stopped" {
			since := f.UpdatedAt
			h.getJSON("functions/"+f.ID+"/logs?startTime="+rfc(since), &page)
			before := h.local.RequestsBetween(f.ID, since.Add(-time.Hour), since)
			if page.Pagination.TotalCount != 0 || len(before) == 0 {
				t.Errorf("%s: %d requests since %s, %d in the hour before", f.Name,
					page.Pagination.TotalCount, f.Status, len(before))
			}
		}
	}
}

func TestLogParametersAreStrict(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("fax-relay")
	cases := map[string]string{
		"level=fatal":                 "level",
		"level=Info":                  "level",
		"level=":                      "level",
		"status=ok":                   "status",
		"status=success&status=error": "status",
		"order=newest":                "order",
		"page=0":                      "page",
		"page=-1":                     "page",
		"page=two":                    "page",
		"pageSize=0":                  "pageSize",
		"pageSize=1001":               "pageSize",
		"startTime=yesterday":         "startTime",
		"startTime=2026-02-19":        "startTime",
		"endTime=2026-02-19T14:00:00": "endTime",
		"startTime=2026-02-19T14:00:00Z&endTime=2026-02-19T13:00:00Z": "startTime",
	}
	for query, param := range cases {
		resp, body := h.get("functions/" + id + "/logs?" + query)
		var e struct{ Error, Parameter, Message string }
		if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != 400 ||
			e.Error != "invalid_parameter" || e.Parameter != param ||
			!strings.Contains(e.Message, param) {
			t.Errorf("%s: %d %s, want 400 naming %s", query, resp.StatusCode, body, param)
		}
	}
	for _, query := range []string{"pageSize=1", "pageSize=1000", "search=", "unknown=1",
		"startTime=2026-02-19T14:00:00.123456%2B01:00"} {
		if resp, body := h.get("functions/" + id + "/logs?" + query); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", query, resp.StatusCode, body)
		}
	}
}
