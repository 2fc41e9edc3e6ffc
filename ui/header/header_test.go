package header

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var now = time.Date(2025, 12, 3, 16, 4, 12, 0, time.UTC)

func budget(read int, paused time.Time) api.BudgetSnapshot {
	return api.BudgetSnapshot{
		At: now,
		Read: api.GroupSnapshot{Used: read, Limit: 100, Reserved: 20,
			FreesAt: now.Add(8 * time.Second), PausedUntil: paused},
		Logs:    api.GroupSnapshot{Used: 3, Limit: 200, Reserved: 40},
		Streams: api.StreamSlots{Open: 1, Limit: 5},
	}
}

func tracker(build func(f *model.FreshnessTracker)) []model.Freshness {
	f := model.NewFreshnessTracker(model.DefaultFreshnessPolicy())
	build(f)
	return f.All(now)
}

var (
	list    = model.Source{Kind: model.SourceFunctions}
	billing = model.Source{Kind: model.SourceBilling}
	stream  = model.Source{Kind: model.SourceStream, FunctionID: "f1"}
)

func metricsOf(id string) model.Source {
	return model.Source{Kind: model.SourceMetrics, FunctionID: id}
}

func allLive(f *model.FreshnessTracker) {
	f.Succeeded(list, now.Add(-5*time.Second))
	f.Succeeded(billing, now.Add(-time.Minute))
	f.Succeeded(metricsOf("f1"), now.Add(-10*time.Second))
	f.Succeeded(stream, now)
}

func header(w int, sources []model.Freshness, b *api.BudgetSnapshot) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetProject("demo", "default")
	m.SetNow(now)
	m.SetSize(w, 1)
	m.SetFreshness(sources)
	if b != nil {
		m.SetBudget(*b)
	}
	return m
}

func TestGoldens(t *testing.T) {
	live := tracker(allLive)
	failing := tracker(func(f *model.FreshnessTracker) {
		allLive(f)
		f.Failed(list, now.Add(-20*time.Second), errors.New("server error (HTTP 503)"),
			now.Add(12*time.Second))
		f.Failed(metricsOf("f2"), now, errors.New("server error (HTTP 503)"), time.Time{})
		f.Failed(metricsOf("f3"), now, errors.New("server error (HTTP 503)"), time.Time{})
	})
	stale := tracker(func(f *model.FreshnessTracker) {
		allLive(f)
		f.Succeeded(billing, now.Add(-20*time.Minute))
	})
	b := budget(12, time.Time{})
	full := budget(85, time.Time{})
	paused := budget(100, now.Add(30*time.Second))

	cases := []struct {
		name    string
		w       int
		sources []model.Freshness
		budget  *api.BudgetSnapshot
		pane    string
		alerts  [2]int // firing, acknowledged
	}{
		{"live_120", 120, live, &b, "", [2]int{}},
		{"live_80", 80, live, &b, "", [2]int{}},
		{"live_40", 40, live, &b, "", [2]int{}},
		{"connecting_120", 120, nil, nil, "", [2]int{}},
		{"failing_120", 120, failing, &b, "", [2]int{}},
		{"failing_80", 80, failing, &b, "", [2]int{}},
		{"stale_120", 120, stale, &b, "", [2]int{}},
		{"reserve_used_120", 120, live, &full, "", [2]int{}},
		{"paused_120", 120, failing, &paused, "", [2]int{}},
		{"stacked_70", 70, live, &b, "Metrics 3/4", [2]int{}},
		{"alerts_120", 120, failing, &b, "", [2]int{2, 1}},
		{"one_alert_80", 80, live, &b, "", [2]int{1, 0}},
		{"acknowledged_80", 80, live, &b, "", [2]int{0, 3}},
		{"alerts_40", 40, failing, &b, "", [2]int{4, 0}},
	}
	var out strings.Builder
	for _, tc := range cases {
		m := header(tc.w, tc.sources, tc.budget)
		m.SetPane(tc.pane)
		m.SetAlerts(tc.alerts[0], tc.alerts[1])
		v := m.View()
		if got := lipgloss.Width(v); got != tc.w {
			t.Errorf("%s: %d cells wide, want %d", tc.name, got, tc.w)
		}
		fmt.Fprintf(&out, "%s\n%s\n", tc.name, v)
	}
	uitest.Golden(t, "headers", out.String())
}

func TestEverySize(t *testing.T) {
	sources := tracker(func(f *model.FreshnessTracker) {
		allLive(f)
		f.Failed(list, now, errors.New("unauthorized: check the key ID and secret"),
			now.Add(time.Minute))
	})
	b := budget(90, now.Add(time.Second))
	uitest.EverySize(t, func(w, h int) string {
		m := header(w, sources, &b)
		m.SetSize(w, h)
		return m.View()
	})
}

func TestUntrustedErrorTextIsMadeSafe(t *testing.T) {
	sources := tracker(func(f *model.FreshnessTracker) {
		f.Failed(list, now, errors.New("bad \x1b]52;c;cHduZWQ=\x07 answer"), time.Time{})
	})
	v := header(200, sources, nil).View()
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("an escape in an error reached the header: %q", v)
	}
}

// TestFailingSourceNamesItsFunction: a single failing metrics source says
// whose metrics failed, with the name made safe, rather than reading as if
// the pane on screen had.
func TestFailingSourceNamesItsFunction(t *testing.T) {
	metrics := model.Source{Kind: model.SourceMetrics, FunctionID: "01JK"}
	sources := tracker(func(f *model.FreshnessTracker) {
		f.Failed(metrics, now, errors.New("HTTP 503"), time.Time{})
	})
	m := header(200, sources, nil)
	m.SetNames(func(id string) string {
		if id == "01JK" {
			return "ivr\x1b[2J-handler"
		}
		return ""
	})
	v := m.View()
	if !strings.Contains(v, "metrics of ivr␛[2J-handler failing") {
		t.Errorf("the header does not name the failing function:\n%s", v)
	}
}
