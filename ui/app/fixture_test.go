package app

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
)

var record = flag.Bool("record", false, "record testdata/fixture.json from the simulator")

// fixtureNow is the fixed time every golden is drawn at.
var fixtureNow = time.Date(2025, 12, 3, 16, 4, 12, 0, time.UTC)

// fixture is API answers recorded once from the simulator at fixtureNow,
// so that goldens draw realistic data without a server.
type fixture struct {
	Functions api.FunctionList       `json:"functions"`
	Metrics1h map[string]api.Metrics `json:"metrics1h"`
	Focused   api.Metrics            `json:"focused24h"`
	Billing   api.Billing            `json:"billing"`
	Costs     api.Costs              `json:"costs"`
	Logs      api.LogPage            `json:"logs"`
}

const fixturePath = "testdata/fixture.json"

func loadFixture(t testing.TB) fixture {
	t.Helper()
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatalf("%v (run go test -run TestRecordFixture -record)", err)
	}
	var fx fixture
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatalf("%s: %v", fixturePath, err)
	}
	return fx
}

// TestRecordFixture records the fixture from the simulator over real HTTP
// on a manual clock; without -record it checks that the simulator still
// answers every call the fixture holds.
func TestRecordFixture(t *testing.T) {
	client, _ := simClient(t, clock.NewManual(fixtureNow))
	fx := fetchFixture(t, client)
	if !*record {
		return
	}

	data, err := json.MarshalIndent(fx, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.FromSlash(fixturePath), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func fetchFixture(t *testing.T, client *api.Client) fixture {
	ctx := context.Background()
	var fx fixture
	var err error
	must := func(what string, err error) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	fx.Functions, err = client.Functions(ctx)
	must("functions", err)
	if len(fx.Functions.Functions) == 0 {
		t.Fatal("the simulator's demo project has no functions")
	}
	fx.Metrics1h = map[string]api.Metrics{}
	for _, f := range fx.Functions.Functions {
		m, err := client.Metrics(ctx, f.ID, api.Range1h)
		must("metrics of "+f.Name, err)
		fx.Metrics1h[f.ID] = m
	}

	first := fx.Functions.Functions[0].ID
	fx.Focused, err = client.Metrics(ctx, first, api.Range24h)
	must("24h metrics", err)
	fx.Billing, err = client.Billing(ctx)
	must("billing", err)
	fx.Costs, err = client.Costs(ctx, first, "month")
	must("costs", err)
	fx.Logs, err = client.Logs(ctx, first, api.LogQuery{PageSize: 40})
	must("logs", err)
	return fx
}
