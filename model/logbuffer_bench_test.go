package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// realisticTemplates returns n requests shaped like a voice function's:
// five console lines, headers, a JSON body of a few hundred bytes, and the
// raw JSON kept as the stream would keep it (about 1.5 KiB each).
func realisticTemplates(n int) []api.Request {
	out := make([]api.Request, n)
	for i := range out {
		level := api.LevelInfo
		switch {
		case i%13 == 0:
			level = api.LevelError
		case i%7 == 0:
			level = api.LevelWarning
		}
		req := api.Request{
			ID:         fmt.Sprintf("01JKXF%014d", i),
			HTTPMethod: "POST",
			URL: fmt.Sprintf(
				"https://fn-01jkxf00000000000003.functions.sinch.com/ice?leg=%d", i),
			StatusCode:      []int{200, 200, 200, 302, 500}[i%5],
			ExecutionTimeMs: float64(20 + i%400),
			MemoryUsedMB:    float64(60 + i%20),
			StartTime:       logEpoch,
			EndTime:         logEpoch.Add(42 * time.Millisecond),
			Logs: []api.LogLine{
				logLine(api.LevelInfo, fmt.Sprintf("ICE: call from +1555123%04d to +4670123%04d", i, i)),
				logLine(api.LevelDebug, "loaded menu configuration in 3 ms from cache"),
				logLine(api.LevelInfo, "caller selected option 2: support queue (Swedish)"),
				logLine(level, fmt.Sprintf("upstream crm lookup answered in %d ms", 40+i%300)),
				logLine(api.LevelInfo, "ACE: answered, connecting to agent conference room"),
			},
			RequestHeaders: map[string]string{
				"Content-Type":  "application/json",
				"User-Agent":    "Sinch Callback/1.0",
				"Authorization": "Application 5f2a9c1e-0000:8w0z9Qb7hX0cJY2l0o0Y1Q==",
				"X-Timestamp":   "2026-02-19T14:30:00.000Z",
			},
			RequestBody: fmt.Sprintf(`{"event":"ice","callid":"%08d-4f1e-4d5c-9a6b-3c2d1e0f9a8b",`+
				`"timestamp":"2026-02-19T14:30:00Z","version":1,"callResourceUrl":`+
				`"https://calling.api.sinch.com/calling/v1/calls/id/%08d","cli":"+15551234567",`+
				`"to":{"type":"number","endpoint":"+46701234567"},"domain":"pstn",`+
				`"applicationKey":"5f2a9c1e-0000-4000-8000-000000000000","originationType":"PSTN",`+
				`"rdnis":"","callHeaders":[{"key":"x-trace","value":"%d"}]}`, i, i, i),
			ResponseHeaders: map[string]string{"Content-Type": "application/json"},
			ResponseBody: `{"instructions":[{"name":"say","text":"Welcome","locale":"en-US"}],` +
				`"action":{"name":"connectConf","conferenceId":"support-se"}}`,
		}
		raw, err := json.Marshal(req)
		if err != nil {
			panic(err)
		}
		req.Raw = raw
		out[i] = req
	}
	return out
}

// cloneLogRequest copies tpl into new allocations, as decoding a stream event
// would make them, under a new ID and start time.
func cloneLogRequest(tpl api.Request, n int) api.Request {
	req := tpl
	req.ID = fmt.Sprintf("01JKXG%014d", n)
	req.StartTime = logAt(n)
	req.EndTime = logAt(n + 42)
	req.URL = strings.Clone(tpl.URL)
	req.RequestBody = strings.Clone(tpl.RequestBody)
	req.ResponseBody = strings.Clone(tpl.ResponseBody)
	req.Logs = make([]api.LogLine, len(tpl.Logs))
	for i, l := range tpl.Logs {
		req.Logs[i] = api.LogLine{
			Level:     api.Level(strings.Clone(string(l.Level))),
			Message:   strings.Clone(l.Message),
			Timestamp: l.Timestamp,
		}
	}
	req.RequestHeaders = cloneLogHeaders(tpl.RequestHeaders)
	req.ResponseHeaders = cloneLogHeaders(tpl.ResponseHeaders)
	req.Raw = append(json.RawMessage(nil), tpl.Raw...)
	return req
}

func cloneLogHeaders(h map[string]string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range maps.All(h) {
		out[strings.Clone(k)] = strings.Clone(v)
	}
	return out
}

// logFeeder makes realistic live batches with rising start times.
type logFeeder struct {
	tpls []api.Request
	next int
}

func newLogFeeder() *logFeeder {
	return &logFeeder{tpls: realisticTemplates(64)}
}

// restamp gives the requests of batch new IDs and start times, keeping
// their text: a cheap way to make new arrivals for timing.
func (f *logFeeder) restamp(batch []api.Request) {
	for i := range batch {
		batch[i].ID = fmt.Sprintf("01JKXG%014d", f.next)
		batch[i].StartTime = logAt(f.next)
		f.next++
	}
}

func (f *logFeeder) fill(batch []api.Request) {
	for i := range batch {
		batch[i] = cloneLogRequest(f.tpls[f.next%len(f.tpls)], f.next)
		f.next++
	}
}

// fullDefaultBuffer returns a default buffer that has already evicted.
func fullDefaultBuffer(f *logFeeder, filter LogFilter) *LogBuffer {
	buf := NewLogBuffer(Limits{})
	buf.SetFilter(filter)
	batch := make([]api.Request, 1000)
	for buf.Evicted() == 0 {
		f.fill(batch)
		buf.AppendLive(batch)
	}
	return buf
}

// BenchmarkAppendLive1000 adds a batch of 1,000 live requests to a full
// default buffer, which evicts as many. Goal: under 1 ms per batch.
func BenchmarkAppendLive1000(b *testing.B) {
	cases := []struct {
		name    string
		filter  LogFilter
		shuffle bool
	}{
		{"in-order", LogFilter{}, false},
		{"reordered", LogFilter{}, true},
		{"search-filter", LogFilter{MinLevel: api.LevelWarning, Search: "crm lookup"}, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			f := newLogFeeder()
			buf := fullDefaultBuffer(f, c.filter)
			batch := make([]api.Request, 1000)
			f.fill(batch)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				f.restamp(batch)
				if c.shuffle {
					for i := 0; i+3 < len(batch); i += 4 {
						batch[i], batch[i+3] = batch[i+3], batch[i]
					}
				}
				b.StartTimer()
				buf.AppendLive(batch)
			}
		})
	}
}

// BenchmarkFilteredAt reads rows of the filtered view of a buffer holding
// 100,000 requests: the cost of drawing a row does not depend on size.
func BenchmarkFilteredAt(b *testing.B) {
	buf := NewLogBuffer(Limits{MaxRequests: 100_000, MaxBytes: 1 << 40})
	reqs := make([]api.Request, 0, 1000)
	for n := range 100_000 {
		reqs = append(reqs, randomLogRequest(n))
		if len(reqs) == cap(reqs) {
			buf.AppendLive(reqs)
			reqs = reqs[:0]
		}
	}
	buf.SetFilter(LogFilter{MinLevel: api.LevelInfo})
	n := buf.FilteredLen()
	if buf.Len() != 100_000 || n == 0 {
		b.Fatalf("held %d, view %d", buf.Len(), n)
	}

	b.Run("live", func(b *testing.B) {
		for i := range b.N {
			if buf.FilteredAt(i%n) == nil {
				b.Fatal("nil row")
			}
		}
	})
	b.Run("paused-frame-of-40", func(b *testing.B) {
		buf.Pause()
		defer buf.Resume()
		for range b.N {
			end := buf.FilteredLen()
			for i := end - 40; i < end; i++ {
				_ = buf.FilteredAt(i)
			}
		}
	})
}

// BenchmarkSetFilterRescan measures a filter change over a full default
// buffer, the only time the view is rebuilt.
func BenchmarkSetFilterRescan(b *testing.B) {
	buf := fullDefaultBuffer(newLogFeeder(), LogFilter{})
	filters := []LogFilter{{Search: "Swedish conference"}, {Search: "ANSWERED"}}
	b.ResetTimer()
	for i := range b.N {
		buf.SetFilter(filters[i%2])
	}
}

// BenchmarkHeapAfterMillion sends 1,000,000 realistic requests through a
// default buffer and reports the live heap after a collection, after
// 100,000 and after 1,000,000 requests. Goal: under 64 MiB, and flat.
func BenchmarkHeapAfterMillion(b *testing.B) {
	for range b.N {
		f := newLogFeeder()
		base := liveHeapMiB()
		buf := NewLogBuffer(Limits{})
		batch := make([]api.Request, 1000)

		var at100k float64
		for sent := 0; sent < 1_000_000; sent += len(batch) {
			f.fill(batch)
			buf.AppendLive(batch)
			if sent+len(batch) == 100_000 {
				at100k = liveHeapMiB() - base
			}
		}
		clear(batch)
		at1M := liveHeapMiB() - base

		b.ReportMetric(at100k, "MiB-live-100k")
		b.ReportMetric(at1M, "MiB-live")
		b.ReportMetric(float64(buf.Len()), "requests-held")
		b.ReportMetric(float64(buf.Bytes())/(1<<20), "MiB-estimated")
		runtime.KeepAlive(buf)
	}
}

func liveHeapMiB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}
