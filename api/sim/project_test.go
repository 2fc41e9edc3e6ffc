package sim_test

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

type functionWire struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Runtime   string    `json:"runtime"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type statusWire struct {
	FunctionID string  `json:"functionId"`
	Status     string  `json:"status"`
	Error      *string `json:"error"`
	URL        string  `json:"url"`
}

func TestFunctionListAndStatus(t *testing.T) {
	h := newHarness(t, nil)
	var list struct {
		Functions []functionWire `json:"functions"`
		Total     int            `json:"total"`
	}
	h.getJSON("functions", &list)

	if list.Total != len(list.Functions) || list.Total < 8 {
		t.Fatalf("total %d, %d functions", list.Total, len(list.Functions))
	}
	idShape := regexp.MustCompile(`^01JKXF[0-9A-HJKMNP-TV-Z]{14}$`)
	byStatus := map[string][]string{}
	runtimes := map[string]bool{}
	for _, f := range list.Functions {
		if !idShape.MatchString(f.ID) || f.Name == "" || f.CreatedAt.After(f.UpdatedAt) {
			t.Errorf("odd function %+v", f)
		}
		byStatus[f.Status] = append(byStatus[f.Status], f.Name)
		runtimes[f.Runtime] = true

		var st statusWire
		h.getJSON("functions/"+f.ID+"/status", &st)
		if st.FunctionID != f.ID || st.Status != f.Status || st.URL == "" {
			t.Errorf("status of %s = %+v", f.Name, st)
		}
		if (st.Error != nil) != (f.Status == "Failed") || (st.Error != nil && *st.Error == "") {
			t.Errorf("status of %s: error %v with status %s", f.Name, st.Error, st.Status)
		}
	}
	if len(byStatus["Failed"]) != 1 || len(byStatus["Stopped"]) != 1 ||
		len(byStatus["Running"]) < 6 {
		t.Errorf("statuses: %v", byStatus)
	}
	if !runtimes["node"] || !runtimes["csharp"] {
		t.Errorf("runtimes: %v", runtimes)
	}
	for _, name := range []string{"ivr-handler", "sms-responder", "call-router", "whatsapp-bot"} {
		h.functionID(name)
	}
}

func TestDeployCycle(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("call-router")

	var seen []string
	var updates []time.Time
	for range 20 * 60 / 5 { // twenty minutes in steps of five seconds
		var st statusWire
		var f functionWire
		h.getJSON("functions/"+id+"/status", &st)
		for _, lf := range h.local.Functions() {
			if lf.ID == id {
				f = functionWire{Status: lf.Status, UpdatedAt: lf.UpdatedAt}
			}
		}
		if f.Status != st.Status {
			t.Fatalf("list says %s, status says %s", f.Status, st.Status)
		}
		if len(seen) == 0 || seen[len(seen)-1] != st.Status {
			seen = append(seen, st.Status)
			updates = append(updates, f.UpdatedAt)
		}
		h.clock.Advance(5 * time.Second)
	}

	cycle := []string{"Queued", "PreparingBuild", "Building", "Deploying", "Running"}
	i := slices.Index(seen, "Queued")
	if i < 0 || len(seen) < i+len(cycle) || !slices.Equal(seen[i:i+len(cycle)], cycle) {
		t.Fatalf("statuses seen: %v", seen)
	}
	for j := i + 1; j < i+len(cycle); j++ {
		if !updates[j].After(updates[j-1]) {
			t.Errorf("updatedAt did not move from %s to %s", seen[j-1], seen[j])
		}
	}
}

func TestDeterministicProject(t *testing.T) {
	build := func(seed int64) []sim.Request {
		cfg := sim.DefaultConfig()
		cfg.Seed = seed
		cfg.Clock = newClock()
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return s.RequestsBetween("ivr-handler", start.Add(-time.Minute), start)
	}
	a, b, c := build(3), build(3), build(4)
	if len(a) == 0 || !slices.EqualFunc(a, b, sameRequest) {
		t.Fatalf("same seed, different traffic: %d vs %d requests", len(a), len(b))
	}
	if len(a) == len(c) && slices.EqualFunc(a, c, sameRequest) {
		t.Fatal("different seeds, same traffic")
	}
}

func sameRequest(a, b sim.Request) bool {
	return a.ID == b.ID && a.StatusCode == b.StatusCode && a.RequestBody == b.RequestBody &&
		a.StartTime.Equal(b.StartTime.Time) && len(a.Logs) == len(b.Logs)
}
