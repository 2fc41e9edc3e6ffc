package app

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// bigProject is the fixture grown to n functions (copies of the recorded
// ones under new IDs and names) with each one's 1h metrics.
func bigProject(fx fixture, n int) (api.FunctionList, map[string]api.Metrics) {
	var list api.FunctionList
	metrics := map[string]api.Metrics{}
	for i := range n {
		f := fx.Functions.Functions[i%len(fx.Functions.Functions)]
		src := fx.Metrics1h[f.ID]
		f.ID = fmt.Sprintf("%s-%03d", f.ID, i)
		f.Name = fmt.Sprintf("%s-%03d", f.Name, i)
		list.Functions = append(list.Functions, f)
		metrics[f.ID] = src
	}
	list.Total = n
	return list, metrics
}

// bigBuffer fills buf with n requests copied from the fixture's page, one
// every 10 ms up to fixtureNow, in batches as the stream would deliver.
func bigBuffer(fx fixture, buf *model.LogBuffer, n int) {
	page := fx.Logs.Requests
	start := fixtureNow.Add(-time.Duration(n) * 10 * time.Millisecond)
	batch := make([]api.Request, 0, 1000)
	for i := range n {
		r := page[i%len(page)]
		r.ID = fmt.Sprintf("req-%07d", i)
		r.StartTime = start.Add(time.Duration(i) * 10 * time.Millisecond)
		r.EndTime = r.StartTime.Add(time.Duration(r.ExecutionTimeMs) * time.Millisecond)
		batch = append(batch, r)
		if len(batch) == cap(batch) {
			buf.AppendLive(batch)
			batch = batch[:0]
		}
	}
	buf.AppendLive(batch)
}

// BenchmarkOverviewView draws the overview at 200×60 with 200 functions
// and 100,000 requests buffered for the selected one. Goal: under 2 ms.
func BenchmarkOverviewView(b *testing.B) {
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		b.Run(profileName(profile), func(b *testing.B) {
			lipgloss.SetColorProfile(profile)
			defer lipgloss.SetColorProfile(termenv.Ascii)
			benchmarkOverview(b)
		})
	}
}

func profileName(p termenv.Profile) string {
	if p == termenv.Ascii {
		return "no-colour"
	}
	return "truecolour"
}

func benchmarkOverview(b *testing.B) {
	fx := loadFixture(b)
	m := New(Options{
		ProjectID: "demo", Profile: "default",
		Styles:   theme.New(theme.Options{Name: theme.NameDark}),
		Now:      func() time.Time { return fixtureNow },
		Settings: Settings{Buffer: model.Limits{MaxRequests: 100_000, MaxBytes: 1 << 30}},
	})
	m = send(m, tea.WindowSizeMsg{Width: 200, Height: 60})

	list, metrics := bigProject(fx, 200)
	m = send(m, functionsFetchedMsg{list: list}, billingFetchedMsg{billing: fx.Billing},
		budgetAt(40, time.Time{}))
	for id, mt := range metrics {
		m = send(m, metricsFetchedMsg{functionID: id, rng: api.Range1h, metrics: mt})
	}
	id := m.focusedFunction()
	m = send(m, metricsFetchedMsg{functionID: id, rng: api.Range24h, metrics: fx.Focused})
	buf, ok := m.buffers.lookup(id)
	if !ok {
		b.Fatal("the selected function has no buffer")
	}
	bigBuffer(fx, buf, 100_000)
	if buf.Len() != 100_000 {
		b.Fatalf("buffer holds %d requests, want 100,000", buf.Len())
	}
	if got := m.View(); lipgloss.Height(got) != 60 || lipgloss.Width(got) != 200 {
		b.Fatalf("the overview is %d×%d, want 200×60", lipgloss.Width(got), lipgloss.Height(got))
	}

	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}
