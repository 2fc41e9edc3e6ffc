package sim_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"testing"
	"time"
)

var msTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

// keysOf returns the sorted keys of a JSON object.
func keysOf(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", v)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func expectKeys(t *testing.T, what string, v any, want ...string) map[string]any {
	t.Helper()
	sort.Strings(want)
	if got := keysOf(t, v); !slices.Equal(got, want) {
		t.Errorf("%s keys %v, want %v", what, got, want)
	}
	m, _ := v.(map[string]any)
	return m
}

func expectTime(t *testing.T, what string, v any) {
	t.Helper()
	if s, ok := v.(string); !ok || !msTime.MatchString(s) {
		t.Errorf("%s = %v, want RFC 3339 with milliseconds in UTC", what, v)
	}
}

// TestWireShapes checks each answer's exact fields and time format.
func TestWireShapes(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")
	raw := func(path string) any {
		var v any
		h.getJSON(path, &v)
		return v
	}

	list := expectKeys(t, "list", raw("functions"), "functions", "total")
	for _, f := range list["functions"].([]any) {
		m := expectKeys(t, "function", f, "id", "name", "runtime", "status", "createdAt",
			"updatedAt")
		expectTime(t, "createdAt", m["createdAt"])
		expectTime(t, "updatedAt", m["updatedAt"])
	}

	st := expectKeys(t, "status", raw("functions/"+id+"/status"), "functionId", "status",
		"error", "url")
	if st["error"] != nil {
		t.Errorf("error of a Running function = %v, want null", st["error"])
	}

	page := expectKeys(t, "logs", raw("functions/"+id+"/logs?pageSize=5"), "requests",
		"pagination")
	expectKeys(t, "pagination", page["pagination"], "page", "pageSize", "totalCount",
		"totalPages")
	for _, r := range page["requests"].([]any) {
		m := expectKeys(t, "request", r, "id", "httpMethod", "url", "statusCode",
			"executionTimeMs", "memoryUsedMB", "startTime", "endTime", "logs",
			"requestHeaders", "requestBody", "responseHeaders", "responseBody")
		expectTime(t, "startTime", m["startTime"])
		expectTime(t, "endTime", m["endTime"])
		for _, l := range m["logs"].([]any) {
			line := expectKeys(t, "log line", l, "level", "message", "timestamp")
			expectTime(t, "timestamp", line["timestamp"])
		}
	}

	m := expectKeys(t, "metrics", raw("functions/"+id+"/metrics?timeRange=1h"), "functionName",
		"timeRange", "summary", "responseTimeSeries", "requestVolumeSeries", "errorRateSeries")
	expectKeys(t, "summary", m["summary"], "totalRequests", "avgResponseTime", "errorRate",
		"avgMemory", "avgCpuUsage")
	expectKeys(t, "response time point", m["responseTimeSeries"].([]any)[0], "timestamp",
		"averageResponseTime", "p95ResponseTime")
	expectKeys(t, "volume point", m["requestVolumeSeries"].([]any)[0], "timestamp",
		"totalRequests")
	expectKeys(t, "error point", m["errorRateSeries"].([]any)[0], "timestamp", "errorRate")

	b := expectKeys(t, "billing", raw("billing/current"), "periodStart", "periodEnd",
		"currency", "totalCost", "functions")
	expectKeys(t, "function cost", b["functions"].([]any)[0], "functionId", "functionName",
		"cost")
	c := expectKeys(t, "costs", raw("functions/"+id+"/costs"), "functionId", "period",
		"periodStart", "periodEnd", "currency", "totalCost", "breakdown")
	for _, item := range c["breakdown"].([]any) {
		expectKeys(t, "cost item", item, "item", "quantity", "unit", "unitCost", "cost")
	}
}

// TestRequestsLookReal checks an hour of one function's traffic for what an
// operator expects to see.
func TestRequestsLookReal(t *testing.T) {
	h := newHarness(t, nil)
	reqs := h.local.RequestsBetween("ivr-handler", start.Add(-time.Hour), start)
	classes := map[int]int{}
	levels := map[string]int{}
	paths := map[string]int{}
	var latencies []int
	for _, r := range reqs {
		classes[r.StatusCode/100]++
		levels[r.MaxLevel()]++
		latencies = append(latencies, r.ExecutionTimeMs)
		if r.EndTime.Sub(r.StartTime.Time) != time.Duration(r.ExecutionTimeMs)*time.Millisecond {
			t.Fatalf("%s: endTime is not startTime + executionTimeMs", r.ID)
		}
		if r.MemoryUsedMB < 16 || r.MemoryUsedMB > 512 {
			t.Fatalf("%s: %d MB", r.ID, r.MemoryUsedMB)
		}
		path := r.URL[len("https://fn-01jkxf00000000000001.functions.sinch.com"):]
		paths[path]++
		if (path == "/ice" || path == "/pie") && r.StatusCode == 200 &&
			!json.Valid([]byte(r.ResponseBody)) {
			t.Fatalf("%s: SVAML answer is not JSON: %s", r.ID, r.ResponseBody)
		}
		for _, l := range r.Logs {
			if l.Timestamp.Before(r.StartTime.Time) || l.Timestamp.After(r.EndTime.Time) {
				t.Fatalf("%s: console line outside the request", r.ID)
			}
		}
	}
	for class := 2; class <= 5; class++ {
		if classes[class] == 0 {
			t.Errorf("no %dxx answers among %d requests: %v", class, len(reqs), classes)
		}
	}
	for _, l := range []string{"", "Debug", "Info", "Warning", "Error"} {
		if levels[l] == 0 {
			t.Errorf("no requests at level %q: %v", l, levels)
		}
	}
	for _, p := range []string{"/ice", "/ace", "/dice", "/pie"} {
		if paths[p] == 0 {
			t.Errorf("no %s callbacks: %v", p, paths)
		}
	}
	slices.Sort(latencies)
	median, p99 := latencies[len(latencies)/2], latencies[len(latencies)*99/100]
	if p99 < 4*median || latencies[len(latencies)-1] < 20*median {
		t.Errorf("no long tail: median %d, p99 %d, max %d", median, p99,
			latencies[len(latencies)-1])
	}
	if len(reqs) < 3600 {
		t.Errorf("%d requests in an hour of the busiest function", len(reqs))
	}
}
