package sim

import (
	"math"
	"net/http"
	"net/url"
	"time"
)

func (s *Server) serveList(w http.ResponseWriter) {
	now := s.clock.Now()
	list := functionListJSON{Functions: []functionJSON{}}
	for _, f := range s.project.functions {
		status, updated := f.statusAt(now)
		list.Functions = append(list.Functions, functionJSON{
			ID: f.id, Name: f.name, Runtime: f.runtime, Status: status,
			CreatedAt: Time{f.createdAt}, UpdatedAt: Time{updated},
		})
	}
	list.Total = len(list.Functions)
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) serveStatus(w http.ResponseWriter, f *function) {
	now := s.clock.Now()
	status, _ := f.statusAt(now)
	answer := statusJSON{FunctionID: f.id, Status: status, URL: f.url}
	if msg := f.errorText(now); msg != "" {
		answer.Error = &msg
	}
	writeJSON(w, http.StatusOK, answer)
}

func (s *Server) serveLogs(w http.ResponseWriter, q url.Values, f *function) {
	v := s.gen.snapshot(s.clock.Now)
	lq, perr := parseLogQuery(q, v)
	if perr != nil {
		writeParamError(w, perr)
		return
	}
	total, keys := s.gen.queryLogs(&v, f, lq)
	page := logPageJSON{
		Requests: make([]Request, 0, len(keys)),
		Pagination: paginationJSON{
			Page:       lq.page,
			PageSize:   lq.size,
			TotalCount: total,
			TotalPages: (total + int64(lq.size) - 1) / int64(lq.size),
		},
	}
	for _, k := range keys {
		page.Requests = append(page.Requests, *s.gen.record(f, k))
	}
	writeJSON(w, http.StatusOK, page)
}

// metricsRange is one accepted timeRange: its length and series bucket.
type metricsRange struct {
	name   string
	length time.Duration
	bucket time.Duration
}

var metricsRanges = []metricsRange{
	{"1h", time.Hour, time.Minute},
	{"4h", 4 * time.Hour, 5 * time.Minute},
	{"24h", 24 * time.Hour, 15 * time.Minute},
	{"7d", 7 * 24 * time.Hour, time.Hour},
	{"30d", 30 * 24 * time.Hour, 6 * time.Hour},
}

// serveMetrics sums the window [now-range, now) (now truncated to the
// millisecond) in buckets aligned to the bucket size; the first bucket is
// cut at the window's start, so the series add up to the summary.
func (s *Server) serveMetrics(w http.ResponseWriter, q url.Values, f *function) {
	i, perr := parseChoice(q, "timeRange", 2, "1h", "4h", "24h", "7d", "30d")
	if perr != nil {
		writeParamError(w, perr)
		return
	}
	mr := metricsRanges[i]
	v := s.gen.snapshot(s.clock.Now)
	hi := v.now.UnixMilli()
	lo := hi - mr.length.Milliseconds()
	bucket := mr.bucket.Milliseconds()

	m := metricsJSON{FunctionName: f.name, TimeRange: mr.name,
		ResponseTimeSeries:  []responseTimeJSON{},
		RequestVolumeSeries: []volumeJSON{},
		ErrorRateSeries:     []errorRateJSON{},
	}
	total := &agg{}
	for t := floorDiv(lo, bucket) * bucket; t < hi; t += bucket {
		a := s.gen.rangeAgg(&v, f, max(t, lo), min(t+bucket, hi))
		total.merge(a)
		at := Time{time.UnixMilli(t).UTC()}
		n := a.total()
		m.ResponseTimeSeries = append(m.ResponseTimeSeries, responseTimeJSON{
			Timestamp: at, AverageResponseTime: round2(ratio(a.lat, n)), P95ResponseTime: a.p95(),
		})
		m.RequestVolumeSeries = append(m.RequestVolumeSeries, volumeJSON{at, n})
		m.ErrorRateSeries = append(m.ErrorRateSeries, errorRateJSON{at,
			round2(100 * ratio(uint64(a.errors()), n))})
	}
	m.Summary = summarize(total)
	writeJSON(w, http.StatusOK, m)
}

func summarize(a *agg) summaryJSON {
	n := a.total()
	avgLatency := ratio(a.lat, n)
	cpu := 0.0
	if n > 0 {
		cpu = 6 + 60*(1-math.Exp(-avgLatency/300)) // busier the longer it computes
	}
	return summaryJSON{
		TotalRequests:   n,
		AvgResponseTime: round2(avgLatency),
		ErrorRate:       round2(100 * ratio(uint64(a.errors()), n)),
		AvgMemory:       round2(ratio(a.mem, n)),
		AvgCPUUsage:     round2(cpu),
	}
}

func ratio(sum uint64, n int64) float64 {
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Prices, in micro-dollars: $0.40 per million requests, $0.0000166667 per
// GB-second of compute.
const (
	requestMicros = 0.4
	gbSecondMicro = 16.6667
)

// cost is one function's bill for a period.
type cost struct {
	requests       int64
	gbSeconds      float64 // rounded to 1/1000
	requestsMicros int64
	computeMicros  int64
}

func (c cost) totalMicros() int64 { return c.requestsMicros + c.computeMicros }

func costOf(a *agg) cost {
	c := cost{requests: a.total()}
	c.gbSeconds = math.Round(float64(a.lm)/1000/1024*1000) / 1000
	c.requestsMicros = int64(math.Round(float64(c.requests) * requestMicros))
	c.computeMicros = int64(math.Round(c.gbSeconds * gbSecondMicro))
	return c
}

func dollars(micros int64) float64 { return float64(micros) / 1e6 }

// billingPeriod is the calendar month (UTC) holding now.
func billingPeriod(now time.Time) (time.Time, time.Time) {
	now = now.UTC()
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 1, 0)
}

// monthCost is f's bill for the month so far.
func (s *Server) monthCost(v *view, f *function) cost {
	start, _ := billingPeriod(v.now)
	return costOf(s.gen.rangeAgg(v, f, start.UnixMilli(), v.visibleEnd()))
}

func (s *Server) serveBilling(w http.ResponseWriter) {
	v := s.gen.snapshot(s.clock.Now)
	start, end := billingPeriod(v.now)
	b := billingJSON{PeriodStart: Time{start}, PeriodEnd: Time{end}, Currency: "USD",
		Functions: []functionCostJSON{}}
	s.gen.warmDays(&v, s.project.functions, start.UnixMilli(), v.visibleEnd())
	var total int64
	for _, f := range s.project.functions {
		c := s.monthCost(&v, f)
		total += c.totalMicros()
		b.Functions = append(b.Functions, functionCostJSON{
			FunctionID: f.id, FunctionName: f.name, Cost: dollars(c.totalMicros()),
		})
	}
	b.TotalCost = dollars(total)
	writeJSON(w, http.StatusOK, b)
}

func (s *Server) serveCosts(w http.ResponseWriter, q url.Values, f *function) {
	if _, perr := parseChoice(q, "period", 0, "month"); perr != nil {
		writeParamError(w, perr)
		return
	}
	v := s.gen.snapshot(s.clock.Now)
	start, end := billingPeriod(v.now)
	c := s.monthCost(&v, f)
	writeJSON(w, http.StatusOK, costsJSON{
		FunctionID: f.id, Period: "month", PeriodStart: Time{start}, PeriodEnd: Time{end},
		Currency: "USD", TotalCost: dollars(c.totalMicros()),
		Breakdown: []costItemJSON{
			{Item: "requests", Quantity: float64(c.requests), Unit: "requests",
				UnitCost: requestMicros / 1e6, Cost: dollars(c.requestsMicros)},
			{Item: "compute", Quantity: c.gbSeconds, Unit: "GB-s",
				UnitCost: gbSecondMicro / 1e6, Cost: dollars(c.computeMicros)},
		},
	})
}
