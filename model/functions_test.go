package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

var tableNow = time.Date(2026, 2, 19, 16, 0, 0, 0, time.UTC)

func fn(id, name, runtime string, status api.Status) api.Function {
	return api.Function{ID: id, Name: name, Runtime: runtime, Status: status,
		CreatedAt: tableNow.Add(-30 * 24 * time.Hour), UpdatedAt: tableNow.Add(-time.Hour)}
}

// fixtureTable is four functions with figures:
//
//	id  name            runtime  status     requests  err%  p95    cost
//	1   ivr-handler     node     Running    1000      0.8   212    4.12
//	2   ai-voice-agent  node     Failed     0         –     –      0.90
//	3   call-router     csharp   Deploying  300       1.2   340    –
//	4   fax-relay       node     Stopped    –         –     –      0.00
func fixtureTable(t testing.TB) *FunctionTable {
	t.Helper()
	table := NewFunctionTable()
	err := table.SetFunctions(tableNow, api.FunctionList{Functions: []api.Function{
		fn("1", "ivr-handler", "node", api.StatusRunning),
		fn("2", "ai-voice-agent", "node", api.StatusFailed),
		fn("3", "call-router", "csharp", api.StatusDeploying),
		fn("4", "fax-relay", "node", api.StatusStopped),
	}})
	if err != nil {
		t.Fatal(err)
	}

	table.SetMetrics(tableNow, "1", hourOf(1000, 0.8, 212))
	table.SetMetrics(tableNow, "2", hourOf(0, 0, 0))
	table.SetMetrics(tableNow, "3", hourOf(300, 1.2, 340))
	table.SetBilling(api.Billing{Currency: "USD", Functions: []api.FunctionCost{
		{FunctionID: "1", Cost: 4.12},
		{FunctionID: "2", Cost: 0.9},
		{FunctionName: "fax-relay", Cost: 0},
	}})
	return table
}

// hourOf is a metrics answer whose summary and newest bucket carry these
// figures.
func hourOf(requests int64, errorRate, p95 float64) api.Metrics {
	m := api.Metrics{TimeRange: api.Range1h, Summary: api.MetricsSummary{
		TotalRequests: requests, ErrorRate: errorRate, AvgMemory: 64, AvgResponseTime: p95 / 2,
	}}
	if requests > 0 {
		at := tableNow.Add(-time.Minute)
		m.RequestVolumeSeries = []api.VolumePoint{{Timestamp: at, TotalRequests: requests}}
		m.ResponseTimeSeries = []api.ResponseTimePoint{{Timestamp: at, P95ResponseTime: p95}}
	}
	return m
}

func visibleNames(table *FunctionTable) []string {
	names := make([]string, table.Len())
	for i := range names {
		names[i] = table.Row(i).Name
	}
	return names
}

func TestFunctionTableSorting(t *testing.T) {
	tests := []struct {
		name    string
		presses []FunctionColumn
		want    string
	}{
		{"default: status, most urgent first", nil,
			"ai-voice-agent fax-relay call-router ivr-handler"},
		{"status reversed", []FunctionColumn{ColumnStatus},
			"ivr-handler call-router fax-relay ai-voice-agent"},
		{"name", []FunctionColumn{ColumnName},
			"ai-voice-agent call-router fax-relay ivr-handler"},
		{"name reversed", []FunctionColumn{ColumnName, ColumnName},
			"ivr-handler fax-relay call-router ai-voice-agent"},
		{"runtime, ties by name", []FunctionColumn{ColumnRuntime},
			"call-router ai-voice-agent fax-relay ivr-handler"},
		{"requests, busiest first, unknown last", []FunctionColumn{ColumnRequests},
			"ivr-handler call-router ai-voice-agent fax-relay"},
		{"requests ascending, unknown still last", []FunctionColumn{ColumnRequests, ColumnRequests},
			"ai-voice-agent call-router ivr-handler fax-relay"},
		{"error rate, unknown last", []FunctionColumn{ColumnErrorRate},
			"call-router ivr-handler ai-voice-agent fax-relay"},
		{"p95 ascending, unknown last", []FunctionColumn{ColumnP95, ColumnP95},
			"ivr-handler call-router ai-voice-agent fax-relay"},
		{"cost, dearest first, unknown last", []FunctionColumn{ColumnCost},
			"ivr-handler ai-voice-agent fax-relay call-router"},
		{"memory: ties by name", []FunctionColumn{ColumnMemory},
			"call-router ivr-handler ai-voice-agent fax-relay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := fixtureTable(t)
			for _, col := range tt.presses {
				table.SetSort(col)
			}
			if got := strings.Join(visibleNames(table), " "); got != tt.want {
				t.Errorf("order = %s\nwant    %s", got, tt.want)
			}
		})
	}
}

func TestFunctionTableSortByChanged(t *testing.T) {
	table := NewFunctionTable()
	old := fn("1", "old", "node", api.StatusRunning)
	old.UpdatedAt = tableNow.Add(-48 * time.Hour)
	recent := fn("2", "recent", "node", api.StatusRunning)
	recent.UpdatedAt = tableNow.Add(-time.Minute)
	never := fn("3", "never", "node", api.StatusRunning)
	never.UpdatedAt, never.CreatedAt = time.Time{}, time.Time{}
	mustSet(t, table, tableNow, old, recent, never)

	table.SetSort(ColumnChanged)
	if got := strings.Join(visibleNames(table), " "); got != "recent old never" {
		t.Errorf("changed = %s, want most recent first, unknown last", got)
	}
	table.SetSort(ColumnChanged)
	if got := strings.Join(visibleNames(table), " "); got != "old recent never" {
		t.Errorf("changed reversed = %s, want oldest first, unknown last", got)
	}
}

func TestFunctionTableSortIsStableAcrossRefreshes(t *testing.T) {
	table := NewFunctionTable()
	var list []api.Function
	for i := range 20 {
		name := fmt.Sprintf("fn-%02d", 19-i)
		list = append(list, fn(fmt.Sprint(i), name, "node", api.StatusRunning))
	}
	mustSet(t, table, tableNow, list...)
	first := visibleNames(table)

	for i := range 5 {
		slices.Reverse(list)
		mustSet(t, table, tableNow.Add(time.Duration(i)*time.Second), list...)
		if got := visibleNames(table); !slices.Equal(got, first) {
			t.Fatalf("refresh %d reordered equal rows: %v, was %v", i, got, first)
		}
	}
	if !slices.IsSorted(first) {
		t.Errorf("equal statuses should tie by name: %v", first)
	}
}

func TestFunctionTableFilter(t *testing.T) {
	tests := []struct {
		filter string
		want   string
	}{
		{"", "ai-voice-agent fax-relay call-router ivr-handler"},
		{"IVR", "ivr-handler"},
		{"csharp", "call-router"},
		{"fail", "ai-voice-agent"},
		{"node run", "ivr-handler"},
		{"  node   stop  ", "fax-relay"},
		{"nothing-matches", ""},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			table := fixtureTable(t)
			table.SetFilter(tt.filter)
			if got := strings.Join(visibleNames(table), " "); got != tt.want {
				t.Errorf("filter %q shows %q, want %q", tt.filter, got, tt.want)
			}
			if table.Total() != 4 {
				t.Errorf("total = %d, want 4 whatever the filter", table.Total())
			}
		})
	}
}

func TestFunctionTableSelectionSurvives(t *testing.T) {
	tests := []struct {
		name     string
		selectID string
		change   func(*FunctionTable)
		want     string // selected name after the change
	}{
		{"a re-sort", "3", func(tb *FunctionTable) { tb.SetSort(ColumnName) }, "call-router"},
		{"a reverse", "3", func(tb *FunctionTable) { tb.SetSort(ColumnStatus) }, "call-router"},
		{"a refresh that changes its status", "1", func(tb *FunctionTable) {
			mustSet(t, tb, tableNow.Add(time.Minute),
				fn("1", "ivr-handler", "node", api.StatusFailed),
				fn("2", "ai-voice-agent", "node", api.StatusFailed),
				fn("3", "call-router", "csharp", api.StatusDeploying),
				fn("4", "fax-relay", "node", api.StatusStopped))
		}, "ivr-handler"},
		{"a filter that keeps it", "1",
			func(tb *FunctionTable) { tb.SetFilter("node") }, "ivr-handler"},
		{"a filter that hides it: the row in its place", "3",
			func(tb *FunctionTable) { tb.SetFilter("node") }, "ivr-handler"},
		{"a filter that hides it at the end: the last row", "1",
			func(tb *FunctionTable) { tb.SetFilter("stop") }, "fax-relay"},
		{"its removal: the row in its place", "4", func(tb *FunctionTable) {
			mustSet(t, tb, tableNow.Add(time.Minute),
				fn("1", "ivr-handler", "node", api.StatusRunning),
				fn("2", "ai-voice-agent", "node", api.StatusFailed),
				fn("3", "call-router", "csharp", api.StatusDeploying))
		}, "call-router"},
		{"removal of the last row: the row before", "1", func(tb *FunctionTable) {
			mustSet(t, tb, tableNow.Add(time.Minute),
				fn("2", "ai-voice-agent", "node", api.StatusFailed),
				fn("3", "call-router", "csharp", api.StatusDeploying))
		}, "call-router"},
		{"a filter hiding every row, then cleared", "3", func(tb *FunctionTable) {
			tb.SetFilter("zzz")
			tb.SetFilter("")
		}, "call-router"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := fixtureTable(t)
			if !table.Select(tt.selectID) {
				t.Fatalf("select %s failed", tt.selectID)
			}
			tt.change(table)
			row, ok := table.Selected()
			if !ok || row.Name != tt.want {
				t.Errorf("selected = %q (%v), want %q", row.Name, ok, tt.want)
			}
			if table.Row(table.Cursor()).ID != row.ID {
				t.Errorf("cursor %d does not point at the selection", table.Cursor())
			}
		})
	}
}

func TestFunctionTableMoveAndSelect(t *testing.T) {
	table := fixtureTable(t)
	if row, _ := table.Selected(); row.Name != "ai-voice-agent" {
		t.Fatalf("first selection = %q, want the top row", row.Name)
	}

	steps := []struct {
		delta int
		want  string
	}{
		{1, "fax-relay"}, {2, "ivr-handler"}, {5, "ivr-handler"}, {-1, "call-router"},
		{-10, "ai-voice-agent"},
	}
	for _, s := range steps {
		table.Move(s.delta)
		if row, _ := table.Selected(); row.Name != s.want {
			t.Errorf("after Move(%d) selected %q, want %q", s.delta, row.Name, s.want)
		}
	}

	if table.Select("nope") {
		t.Error("selecting an unknown ID should fail")
	}
	table.SetFilter("node")
	if table.Select("3") {
		t.Error("selecting a filtered-out function should fail")
	}

	empty := NewFunctionTable()
	empty.Move(1)
	if _, ok := empty.Selected(); ok {
		t.Error("an empty table has no selection")
	}
	if row := empty.Row(3); row.ID != "" {
		t.Errorf("row out of range = %+v, want zero", row)
	}
}

func TestFunctionTableStatusTransitions(t *testing.T) {
	table := NewFunctionTable()
	first := fn("1", "ivr-handler", "node", api.StatusDeploying)
	first.UpdatedAt = tableNow.Add(-3 * time.Minute)
	mustSet(t, table, tableNow, first)

	row, _ := table.Function("1")
	if !row.ChangedAt.Equal(first.UpdatedAt) {
		t.Errorf("first seen: changed %v, want updatedAt %v", row.ChangedAt, first.UpdatedAt)
	}

	// Same status again: nothing changes.
	mustSet(t, table, tableNow.Add(10*time.Second), first)

	// A change whose updatedAt falls between the two observations takes it.
	running := first
	running.Status = api.StatusRunning
	running.UpdatedAt = tableNow.Add(15 * time.Second)
	mustSet(t, table, tableNow.Add(20*time.Second), running)

	// A change whose updatedAt is out of the gap takes the observation time.
	failed := running
	failed.Status = api.StatusFailed
	mustSet(t, table, tableNow.Add(30*time.Second), failed)

	// The status endpoint records a transition too.
	table.SetStatus(tableNow.Add(40*time.Second), api.FunctionStatus{
		FunctionID: "1", Status: "Hibernating", Error: "out of \x1b[31mmemory", URL: "https://fn",
	})

	row, _ = table.Function("1")
	want := []StatusChange{
		{To: api.StatusDeploying, At: tableNow.Add(-3 * time.Minute)},
		{From: api.StatusDeploying, To: api.StatusRunning, At: tableNow.Add(15 * time.Second)},
		{From: api.StatusRunning, To: api.StatusFailed, At: tableNow.Add(30 * time.Second)},
		{From: api.StatusFailed, To: "Hibernating", At: tableNow.Add(40 * time.Second)},
	}
	if !slices.Equal(row.History, want) {
		t.Errorf("history = %+v\nwant %+v", row.History, want)
	}
	if row.Status != "Hibernating" || !row.ChangedAt.Equal(tableNow.Add(40*time.Second)) {
		t.Errorf("status %q changed %v", row.Status, row.ChangedAt)
	}
	if strings.Contains(row.StatusError, "\x1b") {
		t.Errorf("status error %q kept an escape", row.StatusError)
	}
	if StatusWord(row.Status) != "Hibernating" || StatusSymbol(row.Status) != "?" {
		t.Errorf("unknown status shows as %s %s", StatusSymbol(row.Status), StatusWord(row.Status))
	}
}

func TestFunctionTableStatusHistoryIsBounded(t *testing.T) {
	table := NewFunctionTable()
	statuses := []api.Status{api.StatusRunning, api.StatusFailed}
	for i := range 50 {
		mustSet(t, table, tableNow.Add(time.Duration(i)*time.Second),
			fn("1", "flappy", "node", statuses[i%2]))
	}
	row, _ := table.Function("1")
	if len(row.History) != statusHistoryLimit {
		t.Fatalf("history holds %d, want %d", len(row.History), statusHistoryLimit)
	}
	if last := row.History[len(row.History)-1]; last.To != api.StatusFailed ||
		!last.At.Equal(tableNow.Add(49*time.Second)) {
		t.Errorf("newest change = %+v", last)
	}
}

func TestFunctionTableDropsVanishedFunctions(t *testing.T) {
	table := fixtureTable(t)
	mustSet(t, table, tableNow.Add(time.Minute), fn("1", "ivr-handler", "node", api.StatusRunning))

	if table.Total() != 1 || table.Len() != 1 {
		t.Fatalf("total %d, len %d: want only the listed function", table.Total(), table.Len())
	}
	if _, ok := table.Metrics("3"); ok {
		t.Error("a vanished function's metrics are still kept")
	}
	if table.SetMetrics(tableNow, "3", hourOf(5, 0, 1)) {
		t.Error("metrics for an unlisted function were accepted")
	}
	if table.SetCosts(api.Costs{FunctionID: "3", TotalCost: 2}) {
		t.Error("costs for an unlisted function were accepted")
	}

	// It comes back as a new function: figures and history start afresh.
	mustSet(t, table, tableNow.Add(2*time.Minute),
		fn("1", "ivr-handler", "node", api.StatusRunning),
		fn("3", "call-router", "csharp", api.StatusRunning))
	row, _ := table.Function("3")
	if row.RequestTotal.Known || len(row.History) != 1 {
		t.Errorf("returning function kept old state: %+v", row)
	}
}

func TestFunctionTableFigures(t *testing.T) {
	table := fixtureTable(t)

	ivr, _ := table.Function("1")
	if ivr.RequestTotal != KnownFigure(1000) || ivr.ErrorRate != KnownFigure(0.8) ||
		ivr.P95Ms != KnownFigure(212) || ivr.MemoryMB != KnownFigure(64) ||
		ivr.Cost != KnownFigure(4.12) || ivr.Currency != "USD" || ivr.Requests.Len() != 1 {
		t.Errorf("ivr-handler figures = %+v", ivr)
	}

	idle, _ := table.Function("2")
	if idle.RequestTotal != KnownFigure(0) || idle.ErrorRate.Known || idle.P95Ms.Known {
		t.Errorf("idle function: requests %+v, error rate %+v, p95 %+v",
			idle.RequestTotal, idle.ErrorRate, idle.P95Ms)
	}

	fax, _ := table.Function("4")
	if fax.Cost != KnownFigure(0) || fax.MetricsAt != (time.Time{}) {
		t.Errorf("fax-relay cost %+v (matched by name), metrics at %v", fax.Cost, fax.MetricsAt)
	}

	table.SetCosts(api.Costs{FunctionID: "1", TotalCost: 5.5, Currency: "EUR"})
	ivr, _ = table.Function("1")
	if ivr.Cost != KnownFigure(5.5) || ivr.Currency != "EUR" {
		t.Errorf("costs answer not applied: %+v %q", ivr.Cost, ivr.Currency)
	}
}

func TestFunctionTableRejectsEntriesWithoutID(t *testing.T) {
	table := NewFunctionTable()
	err := table.SetFunctions(tableNow, api.FunctionList{Functions: []api.Function{
		fn("", "ghost", "node", api.StatusRunning),
		fn("1", "ivr-handler", "node", api.StatusRunning),
	}})
	if err == nil || !strings.Contains(err.Error(), `"ghost"`) {
		t.Errorf("error = %v, want one naming the entry", err)
	}
	if table.Total() != 1 {
		t.Errorf("total = %d, want the valid entry kept", table.Total())
	}
}

func TestFunctionTableSanitizesNames(t *testing.T) {
	table := NewFunctionTable()
	mustSet(t, table, tableNow, fn("1", "evil\x1b]52;c;AAAA\x07name", "node\r\n", "Odd\x1b[2J"))

	row := table.Row(0)
	for _, s := range []string{row.Name, row.Runtime, StatusWord(row.Status)} {
		if strings.ContainsAny(s, "\x1b\x07\r\n") {
			t.Errorf("%q reached the row unsanitized", s)
		}
	}
}

func TestStatusBadges(t *testing.T) {
	tests := []struct {
		status   api.Status
		symbol   string
		word     string
		severity StatusSeverity
	}{
		{api.StatusRunning, "●", "Running", SeverityOK},
		{api.StatusFailed, "✖", "Failed", SeverityError},
		{api.StatusStopped, "■", "Stopped", SeverityWarn},
		{api.StatusCreated, "○", "Created", SeverityNeutral},
		{api.StatusQueued, "◌", "Queued", SeverityWarn},
		{api.StatusPreparingBuild, "◌", "PreparingBuild", SeverityWarn},
		{api.StatusBuilding, "◌", "Building", SeverityWarn},
		{api.StatusDeploying, "◌", "Deploying", SeverityWarn},
		{"Suspended", "?", "Suspended", SeverityNeutral},
		{"", "?", "unknown", SeverityNeutral},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			if got := StatusSymbol(tt.status); got != tt.symbol {
				t.Errorf("symbol = %q, want %q", got, tt.symbol)
			}
			if got := StatusWord(tt.status); got != tt.word {
				t.Errorf("word = %q, want %q", got, tt.word)
			}
			if got := SeverityOf(tt.status); got != tt.severity {
				t.Errorf("severity = %d, want %d", got, tt.severity)
			}
		})
	}
}

func TestFunctionTableObservations(t *testing.T) {
	table := fixtureTable(t)
	table.SetFilter("ivr")

	obs := table.Observations()
	if len(obs) != 4 {
		t.Fatalf("observations = %d, want every function, filtered out or not", len(obs))
	}
	if obs[0].ID != "1" || obs[0].Status != api.StatusRunning || obs[0].Cost != KnownFigure(4.12) ||
		!obs[0].MetricsAt.Equal(tableNow) || obs[0].Metrics.Summary.Requests != 1000 {
		t.Errorf("observation of ivr-handler = %+v", obs[0])
	}
	if !obs[3].MetricsAt.IsZero() {
		t.Errorf("fax-relay has no metrics yet: %+v", obs[3])
	}
}

func mustSet(t testing.TB, table *FunctionTable, now time.Time, fns ...api.Function) {
	t.Helper()
	if err := table.SetFunctions(now, api.FunctionList{Functions: fns}); err != nil {
		t.Fatal(err)
	}
}

// benchTable is 200 functions with metrics and costs, as a large project.
func benchTable(b *testing.B) (*FunctionTable, []api.Function) {
	b.Helper()
	statuses := []api.Status{api.StatusRunning, api.StatusRunning, api.StatusFailed,
		api.StatusStopped, api.StatusDeploying}
	runtimes := []string{"node", "csharp", "python"}
	list := make([]api.Function, 200)
	for i := range list {
		list[i] = fn(fmt.Sprintf("01JKXF%014d", i), fmt.Sprintf("function-%03d", (i*37)%200),
			runtimes[i%3], statuses[i%len(statuses)])
	}

	table := NewFunctionTable()
	mustSet(b, table, tableNow, list...)
	var billing api.Billing
	for i, f := range list {
		table.SetMetrics(tableNow, f.ID, hourOf(int64(i*13%500), float64(i%9), float64(i*7%900)))
		billing.Functions = append(billing.Functions, api.FunctionCost{FunctionID: f.ID,
			Cost: float64(i%50) / 3})
	}
	table.SetBilling(billing)
	return table, list
}

// BenchmarkFunctionTableRefresh200 applies a list refresh of 200 functions
// (status tracking, filter, sort and selection) with the table sorted by a
// figure.
func BenchmarkFunctionTableRefresh200(b *testing.B) {
	table, list := benchTable(b)
	table.SetSort(ColumnErrorRate)
	table.Select(list[100].ID)
	b.ReportAllocs()

	for i := 0; b.Loop(); i++ {
		list[i%len(list)].Status = api.StatusFailed
		mustSet(b, table, tableNow.Add(time.Duration(i)*time.Second), list...)
	}
}

// BenchmarkFunctionTableSort200 re-sorts 200 functions by each column in
// turn, as a user pressing the sort key does.
func BenchmarkFunctionTableSort200(b *testing.B) {
	table, _ := benchTable(b)
	columns := FunctionColumns()
	b.ReportAllocs()

	for i := 0; b.Loop(); i++ {
		table.SetSort(columns[i%len(columns)])
	}
}

func TestFunctionTableBillingPeriods(t *testing.T) {
	table := fixtureTable(t)
	// The fixture's billing sends no total, which decodes as 0.
	if cost, currency := table.ProjectCost(); cost != KnownFigure(0) || currency != "USD" {
		t.Errorf("project cost = %+v %q", cost, currency)
	}

	march := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	table.SetBilling(api.Billing{PeriodStart: march, Currency: "USD", TotalCost: 1.5,
		Functions: []api.FunctionCost{{FunctionID: "2", Cost: 1.5}}})

	if cost, _ := table.ProjectCost(); cost != KnownFigure(1.5) {
		t.Errorf("project cost = %+v, want 1.5", cost)
	}
	ivr, _ := table.Function("1")
	voice, _ := table.Function("2")
	if ivr.Cost.Known || voice.Cost != KnownFigure(1.5) {
		t.Errorf("new period: ivr cost %+v (want unknown), voice %+v", ivr.Cost, voice.Cost)
	}

	table.SetBilling(api.Billing{PeriodStart: march, Currency: "USD", TotalCost: 2,
		Functions: []api.FunctionCost{{FunctionID: "1", Cost: 0.5}}})
	voice, _ = table.Function("2")
	if voice.Cost != KnownFigure(1.5) {
		t.Errorf("same period: an unlisted function lost its cost: %+v", voice.Cost)
	}
}
