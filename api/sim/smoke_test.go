package sim_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

func TestSmoke(t *testing.T) {
	h := newHarness(t, nil)
	var list struct {
		Functions []map[string]any `json:"functions"`
		Total     int              `json:"total"`
	}
	h.getJSON("functions", &list)
	t.Logf("%d functions: %v", list.Total, list.Functions[0])
	id := h.functionID("ivr-handler")
	var page struct {
		Requests   []sim.Request  `json:"requests"`
		Pagination map[string]int `json:"pagination"`
	}
	h.getJSON("functions/"+id+"/logs?pageSize=3", &page)
	b, _ := json.MarshalIndent(page, "", " ")
	t.Logf("%s", b)
	_, body := h.get("functions/" + id + "/metrics?timeRange=30d")
	t.Logf("%.600s", body)
	_, body = h.get("billing/current")
	t.Logf("%s", body)

	resp, r := h.openStream("functions/" + id + "/logs/stream")
	t.Log(resp.StatusCode, resp.Header)
	h.clock.BlockUntil(1)
	h.clock.Advance(2 * time.Second)
	for range 3 {
		ev, ok := r.next()
		t.Logf("%v %.200v", ok, ev)
	}
	r.close()
}
