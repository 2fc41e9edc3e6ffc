package metrics

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
)

// paneState is what the pane has been told before it is drawn.
type paneState struct {
	name    string
	metrics *api.Metrics // nil: no answer yet
	err     bool
}

// quiet is a day of metrics without a spike.
func quiet() api.Metrics {
	m := rangeFixture(api.Range24h, 15*time.Minute)
	for i := range m.ErrorRateSeries {
		m.ErrorRateSeries[i].ErrorRate = 1
	}
	return m
}

// outside is a day of metrics that ended two days ago: every bucket falls
// before the chart window.
func outside() api.Metrics {
	m := rangeFixture(api.Range24h, 15*time.Minute)
	for i := range m.ResponseTimeSeries {
		m.ResponseTimeSeries[i].Timestamp = m.ResponseTimeSeries[i].Timestamp.Add(-48 * time.Hour)
		m.RequestVolumeSeries[i].Timestamp = m.RequestVolumeSeries[i].Timestamp.Add(-48 * time.Hour)
		m.ErrorRateSeries[i].Timestamp = m.ErrorRateSeries[i].Timestamp.Add(-48 * time.Hour)
	}
	return m
}

func paneStates() []paneState {
	spiky, calm := rangeFixture(api.Range24h, 15*time.Minute), quiet()
	empty, late := api.Metrics{TimeRange: api.Range24h}, outside()
	return []paneState{
		{"spikes", &spiky, false},
		{"spikes_failing", &spiky, true},
		{"no_spikes", &calm, false},
		{"no_spikes_failing", &calm, true},
		{"empty", &empty, false},
		{"empty_failing", &empty, true},
		{"outside_window_failing", &late, true},
		{"never_loaded_failing", nil, true},
	}
}

// orders are the ways the app reaches a state: the answer then the error
// (a refresh failing after a good one), the size last (a resize while
// failing), and a clock tick after everything.
var orders = []struct {
	name string
	run  func(m *Model, s paneState, w, h int)
}{
	{"size_metrics_error", func(m *Model, s paneState, w, h int) {
		m.SetSize(w, h)
		tell(m, s)
	}},
	{"metrics_error_size", func(m *Model, s paneState, w, h int) {
		m.SetSize(52, 8)
		tell(m, s)
		m.SetSize(w, h)
	}},
	{"metrics_error_tick", func(m *Model, s paneState, w, h int) {
		m.SetSize(w, h)
		tell(m, s)
		m.SetNow(now.Add(time.Second))
	}},
}

func tell(m *Model, s paneState) {
	if s.metrics != nil {
		m.SetMetrics(*s.metrics)
	}
	if s.err {
		m.SetError(errors.New("server error (HTTP 503)"), m.now.Add(10*time.Second))
	}
}

// TestLayoutEverySizeAndState draws the pane at widths around the chart's
// minimum and every height up to 20, in every state, reached in every
// order, and holds the view to the pane's contract: the cached view is the
// one drawn from scratch, exactly w×h; a failure is said inside the pane;
// no kind of row shows twice; and the response-time chart is not dropped
// while the rows it needs stand blank.
func TestLayoutEverySizeAndState(t *testing.T) {
	for _, s := range paneStates() {
		for _, order := range orders {
			for _, w := range []int{1, 15, minChartWidth, 52} {
				for h := 1; h <= 20; h++ {
					name := fmt.Sprintf("%s/%s/%dx%d", s.name, order.name, w, h)
					m := New(theme.New(theme.Options{Name: theme.NameNone}))
					m.SetFunction("fn-1", "ivr-handler")
					m.SetNow(now)
					order.run(&m, s, w, h)
					checkPane(t, name, m, s)
				}
			}
		}
	}
}

func checkPane(t *testing.T, name string, m Model, s paneState) {
	t.Helper()
	got := m.View()
	fresh := m
	fresh.drawn = drawing{}
	fresh.redraw()
	if want := fresh.View(); got != want {
		t.Fatalf("%s: the view is not the one drawn from scratch:\n%s\nwant\n%s", name, got, want)
	}
	if gw, gh := lipgloss.Width(got), lipgloss.Height(got); gw != m.width || gh != m.height {
		t.Fatalf("%s: view is %dx%d:\n%s", name, gw, gh, got)
	}
	if m.width < minChartWidth {
		return // no gutter: the rows cannot be told apart by their labels
	}

	kinds := rowKinds(strings.Split(got, "\n"))
	seen := map[string]int{}
	for _, k := range kinds {
		seen[k]++
		if k != "plot" && k != "blank" && seen[k] > 1 {
			t.Fatalf("%s: %s row twice %v:\n%s", name, k, kinds, got)
		}
	}
	if s.err && m.height >= 2 && seen["status"] != 1 {
		t.Fatalf("%s: failing, and no line says so %v:\n%s", name, kinds, got)
	}
	if !s.err && seen["status"] != 0 {
		t.Fatalf("%s: a failure shown while none was set:\n%s", name, got)
	}
	// Two rows of plot and the time axis make the smallest chart; a row of
	// spike marks only stands in for the axis.
	if free := seen["blank"] + seen["spikes"]; seen["axis"] == 0 && free >= 3 {
		t.Fatalf("%s: no chart, yet %d rows are blank or spike marks %v:\n%s", name, free,
			kinds, got)
	}
}

// rowKinds names each row of a view at least minChartWidth wide by what it
// shows. The time-label row is the one under the time axis.
func rowKinds(rows []string) []string {
	kinds := make([]string, len(rows))
	for i, row := range rows {
		trimmed := strings.TrimRight(row, " ")
		switch {
		case i == 0 && strings.HasPrefix(row, "req "):
			kinds[i] = "summary"
		case trimmed == "":
			kinds[i] = "blank"
		case strings.HasPrefix(row, "stale: ") || strings.HasPrefix(row, "failing: "):
			kinds[i] = "status"
		case strings.HasPrefix(row, "1h 4h "):
			kinds[i] = "ranges"
		case strings.HasPrefix(row, "  req "):
			kinds[i] = "requests"
		case strings.HasPrefix(row, "  err "):
			kinds[i] = "errors"
		case strings.HasPrefix(row, "  0ms"):
			kinds[i] = "axis"
		case i > 0 && kinds[i-1] == "axis":
			kinds[i] = "time-labels"
		case strings.Trim(trimmed, " △▲") == "":
			kinds[i] = "spikes"
		case strings.ContainsAny(string([]rune(row)[labelWidth]), "│├┤┼╭╮╰╯"):
			kinds[i] = "plot"
		default:
			kinds[i] = "other: " + trimmed
		}
	}
	return kinds
}

// TestOverviewSizes is the overview's pane in a 120×30 terminal: 52×8
// inside, or 52×7 while the alert banner takes a row, with a day of spiky
// metrics, before and after a refresh fails. Whatever fits is drawn once:
// the chart with its time axis (where the spikes are marked) before a row
// of spike marks, and the failure always.
func TestOverviewSizes(t *testing.T) {
	cases := []struct {
		h       int
		failing bool
		want    string
	}{
		{7, false, "summary plot plot axis requests errors ranges"},
		{8, false, "summary plot plot axis time-labels requests errors ranges"},
		{7, true, "summary status requests errors spikes blank ranges"},
		{8, true, "summary status plot plot axis requests errors ranges"},
		{9, true, "summary status plot plot axis time-labels requests errors ranges"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("52x%d_failing_%v", tc.h, tc.failing), func(t *testing.T) {
			m := New(theme.New(theme.Options{Name: theme.NameNone}))
			m.SetFunction("fn-1", "ivr-handler")
			m.SetNow(now)
			m.SetSize(52, tc.h)
			m.SetMetrics(rangeFixture(api.Range24h, 15*time.Minute))
			if tc.failing {
				m.SetError(errors.New("server error (HTTP 503)"), now.Add(10*time.Second))
			}

			v := m.View()
			got := strings.ReplaceAll(strings.Join(rowKinds(strings.Split(v, "\n")), ","), " ", "-")
			if want := strings.ReplaceAll(tc.want, " ", ","); got != want {
				t.Errorf("rows %s, want %s:\n%s", got, want, v)
			}
		})
	}
}
