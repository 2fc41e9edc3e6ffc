package sim_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

type metricsWire struct {
	FunctionName string `json:"functionName"`
	TimeRange    string `json:"timeRange"`
	Summary      struct {
		TotalRequests   int     `json:"totalRequests"`
		AvgResponseTime float64 `json:"avgResponseTime"`
		ErrorRate       float64 `json:"errorRate"`
		AvgMemory       float64 `json:"avgMemory"`
		AvgCPUUsage     float64 `json:"avgCpuUsage"`
	} `json:"summary"`
	ResponseTimeSeries []struct {
		Timestamp           time.Time `json:"timestamp"`
		AverageResponseTime float64   `json:"averageResponseTime"`
		P95ResponseTime     float64   `json:"p95ResponseTime"`
	} `json:"responseTimeSeries"`
	RequestVolumeSeries []struct {
		Timestamp     time.Time `json:"timestamp"`
		TotalRequests int       `json:"totalRequests"`
	} `json:"requestVolumeSeries"`
	ErrorRateSeries []struct {
		Timestamp time.Time `json:"timestamp"`
		ErrorRate float64   `json:"errorRate"`
	} `json:"errorRateSeries"`
}

// TestMetricsAgreeWithLogs checks, for every time range, that the summary
// counts what the logs endpoint counts for the same window, that the series
// add up to the summary, and that the error rate matches status=error.
func TestMetricsAgreeWithLogs(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("conference-bridge")
	h.clock.Advance(1234 * time.Millisecond) // a clock between seconds

	ranges := map[string]time.Duration{"1h": time.Hour, "4h": 4 * time.Hour,
		"24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}
	points := map[string]int{"1h": 60, "4h": 48, "24h": 96, "7d": 168, "30d": 120}
	for name, length := range ranges {
		var m metricsWire
		h.getJSON("functions/"+id+"/metrics?timeRange="+name, &m)
		now := h.clock.Now()
		window := "startTime=" + rfc(now.Add(-length)) + "&endTime=" + rfc(now) + "&pageSize=1"

		var all, errs logPage
		h.getJSON("functions/"+id+"/logs?"+window, &all)
		h.getJSON("functions/"+id+"/logs?status=error&"+window, &errs)
		if m.FunctionName != "conference-bridge" || m.TimeRange != name {
			t.Errorf("%s: header %q %q", name, m.FunctionName, m.TimeRange)
		}
		if m.Summary.TotalRequests != all.Pagination.TotalCount || m.Summary.TotalRequests == 0 {
			t.Errorf("%s: totalRequests %d, logs totalCount %d", name, m.Summary.TotalRequests,
				all.Pagination.TotalCount)
		}
		wantRate := 100 * float64(errs.Pagination.TotalCount) / float64(all.Pagination.TotalCount)
		if math.Abs(m.Summary.ErrorRate-wantRate) > 0.006 {
			t.Errorf("%s: errorRate %v, logs say %v", name, m.Summary.ErrorRate, wantRate)
		}

		sum := 0
		for _, p := range m.RequestVolumeSeries {
			sum += p.TotalRequests
		}
		n := len(m.RequestVolumeSeries)
		if sum != m.Summary.TotalRequests || n < points[name] || n > points[name]+1 ||
			len(m.ResponseTimeSeries) != n || len(m.ErrorRateSeries) != n {
			t.Errorf("%s: series sum %d over %d points, want %d over ~%d", name, sum, n,
				m.Summary.TotalRequests, points[name])
		}
		s := m.Summary
		if s.AvgResponseTime <= 0 || s.AvgMemory <= 0 || s.AvgCPUUsage <= 0 || s.AvgCPUUsage > 100 {
			t.Errorf("%s: summary %+v", name, s)
		}
		for i, p := range m.ResponseTimeSeries {
			busy := m.RequestVolumeSeries[i].TotalRequests > 0
			if busy != (p.P95ResponseTime > 0) || p.P95ResponseTime > 60000 ||
				busy != (p.AverageResponseTime > 0) {
				t.Errorf("%s: point %d: %+v with %d requests", name, i, p,
					m.RequestVolumeSeries[i].TotalRequests)
			}
		}
	}
}

func TestMetricsRangeDefaultAndStrictness(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("otp-verifier")
	var m metricsWire
	h.getJSON("functions/"+id+"/metrics", &m)
	if m.TimeRange != "24h" || len(m.RequestVolumeSeries) != 96 {
		t.Errorf("default range %q with %d points", m.TimeRange, len(m.RequestVolumeSeries))
	}
	for _, bad := range []string{"2h", "24H", "", "1d"} {
		resp, body := h.get("functions/" + id + "/metrics?timeRange=" + bad)
		var e struct{ Parameter string }
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != 400 || e.Parameter != "timeRange" {
			t.Errorf("timeRange=%q: %d %s", bad, resp.StatusCode, body)
		}
	}
}

func TestIncidents(t *testing.T) {
	on := newHarness(t, nil)
	off := newHarness(t, func(cfg *simConfig) { cfg.Incidents = false })

	// The error spike strikes sms-responder a few minutes past the hour
	// before the start.
	sms := on.functionID("sms-responder")
	window := "&startTime=" + rfc(start.Add(-30*time.Minute)) + "&endTime=" +
		rfc(start.Add(-10*time.Minute)) + "&pageSize=1"
	var errOn, errOff, allOn, allOff logPage
	on.getJSON("functions/"+sms+"/logs?status=error"+window, &errOn)
	off.getJSON("functions/"+sms+"/logs?status=error"+window, &errOff)
	on.getJSON("functions/"+sms+"/logs?"+window, &allOn)
	off.getJSON("functions/"+sms+"/logs?"+window, &allOff)
	if allOn.Pagination.TotalCount != allOff.Pagination.TotalCount {
		t.Errorf("incidents changed the traffic volume: %d vs %d",
			allOn.Pagination.TotalCount, allOff.Pagination.TotalCount)
	}
	if errOn.Pagination.TotalCount < 4*errOff.Pagination.TotalCount {
		t.Errorf("error spike: %d errors with incidents, %d without",
			errOn.Pagination.TotalCount, errOff.Pagination.TotalCount)
	}

	// The latency spike strikes number-masking for twelve minutes soon
	// after the start.
	on.clock.Advance(50 * time.Minute)
	off.clock.Advance(50 * time.Minute)
	mask := on.functionID("number-masking")
	var mOn, mOff metricsWire
	on.getJSON("functions/"+mask+"/metrics?timeRange=1h", &mOn)
	off.getJSON("functions/"+mask+"/metrics?timeRange=1h", &mOff)
	slow := 0
	for i, p := range mOn.ResponseTimeSeries {
		if p.P95ResponseTime > 3*mOff.ResponseTimeSeries[i].P95ResponseTime {
			slow++
		}
	}
	if slow < 10 || slow > 13 {
		t.Errorf("latency spike: %d minutes with p95 over 3× normal, want about 12", slow)
	}
}

type billingWire struct {
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	Currency    string    `json:"currency"`
	TotalCost   float64   `json:"totalCost"`
	Functions   []struct {
		FunctionID   string  `json:"functionId"`
		FunctionName string  `json:"functionName"`
		Cost         float64 `json:"cost"`
	} `json:"functions"`
}

type costsWire struct {
	FunctionID  string    `json:"functionId"`
	Period      string    `json:"period"`
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	Currency    string    `json:"currency"`
	TotalCost   float64   `json:"totalCost"`
	Breakdown   []struct {
		Item     string  `json:"item"`
		Quantity float64 `json:"quantity"`
		Unit     string  `json:"unit"`
		UnitCost float64 `json:"unitCost"`
		Cost     float64 `json:"cost"`
	} `json:"breakdown"`
}

func TestBilling(t *testing.T) {
	h := newHarness(t, nil)
	var b billingWire
	h.getJSON("billing/current", &b)

	monthStart := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if !b.PeriodStart.Equal(monthStart) || !b.PeriodEnd.Equal(monthStart.AddDate(0, 1, 0)) ||
		b.Currency != "USD" || len(b.Functions) != len(h.local.Functions()) {
		t.Fatalf("billing header: %+v", b)
	}
	sum := 0.0
	for i, f := range b.Functions {
		sum += f.Cost
		var c costsWire
		path := "functions/" + f.FunctionID + "/costs"
		if i%2 == 0 {
			path += "?period=month" // the same as none
		}
		h.getJSON(path, &c)
		if c.FunctionID != f.FunctionID || c.Period != "month" || c.Currency != "USD" ||
			!c.PeriodStart.Equal(b.PeriodStart) || len(c.Breakdown) != 2 {
			t.Errorf("costs of %s: %+v", f.FunctionName, c)
			continue
		}
		if math.Abs(c.TotalCost-f.Cost) > 1e-9 ||
			math.Abs(c.Breakdown[0].Cost+c.Breakdown[1].Cost-c.TotalCost) > 1e-9 {
			t.Errorf("costs of %s: total %v, billing %v, items %+v", f.FunctionName,
				c.TotalCost, f.Cost, c.Breakdown)
		}
		for _, item := range c.Breakdown {
			if math.Abs(item.Quantity*item.UnitCost-item.Cost) > 1e-6 {
				t.Errorf("%s %s: %v × %v != %v", f.FunctionName, item.Item, item.Quantity,
					item.UnitCost, item.Cost)
			}
		}
	}
	if math.Abs(sum-b.TotalCost) > 1e-9 || b.TotalCost <= 0 {
		t.Errorf("totalCost %v, sum of functions %v", b.TotalCost, sum)
	}

	// The requests billed are the requests logged since the month began.
	id := h.functionID("otp-verifier")
	var c costsWire
	var logs logPage
	h.getJSON("functions/"+id+"/costs", &c)
	h.getJSON("functions/"+id+"/logs?pageSize=1&startTime="+rfc(monthStart)+"&endTime="+
		rfc(start), &logs)
	if int(c.Breakdown[0].Quantity) != logs.Pagination.TotalCount {
		t.Errorf("billed %v requests, logged %d", c.Breakdown[0].Quantity,
			logs.Pagination.TotalCount)
	}

	for _, bad := range []string{"day", "Month", ""} {
		resp, body := h.get("functions/" + id + "/costs?period=" + bad)
		if resp.StatusCode != 400 || !json.Valid(body) {
			t.Errorf("period=%q: %d %s", bad, resp.StatusCode, body)
		}
	}
}
