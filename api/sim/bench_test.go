package sim_test

import (
	"bufio"
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

// BenchmarkStreamThroughput measures how many events per second one client
// receives from the stream endpoint: a firehose fills the history, then a
// stream opened with since replays it as fast as server and client go.
func BenchmarkStreamThroughput(b *testing.B) {
	const rate = 50_000
	c := newClock()
	cfg := sim.DefaultConfig()
	cfg.Clock = c
	cfg.Faults = sim.Faults{FirehoseFunction: "whatsapp-bot", FirehoseRate: rate}
	l, err := sim.Start(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	h := &harness{t: &testing.T{}, clock: c, local: l}
	h.token = h.fetchToken("demo-key", "demo-secret").AccessToken
	c.Advance(time.Duration(b.N/rate+1) * time.Second)

	req, _ := http.NewRequest(http.MethodGet, l.URL+"/v1/projects/demo/functions/"+
		h.functionID("whatsapp-bot")+"/logs/stream?since="+rfc(start.Add(-time.Millisecond)), nil)
	req.Header.Set("Authorization", "Bearer "+h.token)
	b.ResetTimer()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()

	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	events, bytesRead := 0, 0
	for events < b.N && sc.Scan() {
		bytesRead += len(sc.Bytes()) + 1
		if bytes.HasPrefix(sc.Bytes(), []byte("data: ")) {
			events++
		}
	}
	b.StopTimer()
	if events < b.N {
		b.Fatalf("stream ended after %d of %d events", events, b.N)
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(bytesRead)/float64(events), "bytes/event")
}
