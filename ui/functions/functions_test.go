package functions

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var now = time.Date(2025, 12, 3, 16, 4, 12, 0, time.UTC)

// volume is an hour of request counts rising to a peak at the end.
func volume(peak int64) api.Metrics {
	var m api.Metrics
	for i := range 60 {
		at := now.Add(time.Duration(i-60) * time.Minute)
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: at, TotalRequests: peak * int64(i) / 59})
		m.ResponseTimeSeries = append(m.ResponseTimeSeries,
			api.ResponseTimePoint{Timestamp: at, AverageResponseTime: 80, P95ResponseTime: 212})
	}
	m.Summary = api.MetricsSummary{TotalRequests: peak * 30, ErrorRate: 0.8, AvgMemory: 64,
		AvgResponseTime: 80}
	return m
}

func list() api.FunctionList {
	at := func(d time.Duration) time.Time { return now.Add(-d) }
	return api.FunctionList{Functions: []api.Function{
		{ID: "f1", Name: "ivr-handler", Runtime: "node", Status: api.StatusRunning,
			UpdatedAt: at(72 * time.Hour)},
		{ID: "f2", Name: "ai-voice-agent", Runtime: "node", Status: api.StatusFailed,
			UpdatedAt: at(12 * time.Minute)},
		{ID: "f3", Name: "call-router", Runtime: "csharp", Status: api.StatusDeploying,
			UpdatedAt: at(5 * time.Second)},
		{ID: "f4", Name: "fax-relay", Runtime: "node", Status: api.StatusStopped,
			UpdatedAt: at(120 * time.Hour)},
		{ID: "f5", Name: "evil\x1b]0;pwned\x07name", Runtime: "node", Status: "Exploded",
			UpdatedAt: at(time.Hour)},
	}, Total: 5}
}

// loaded is a focused pane of w×h with the list, metrics and billing.
func loaded(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetProject("demo")
	m.SetNow(now)
	m.SetSize(w, h)
	m.Focus()
	if err := m.SetFunctions(now, list()); err != nil {
		panic(err)
	}
	m.SetMetrics(now, "f1", volume(400))
	m.SetMetrics(now, "f3", volume(40))
	m.SetBilling(api.Billing{Currency: "USD", Functions: []api.FunctionCost{
		{FunctionID: "f1", Cost: 4.12}, {FunctionID: "f2", Cost: 0.9},
		{FunctionID: "f3", Cost: 2.01},
		{FunctionID: "f4", Cost: 0}}})
	return m
}

func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		m, cmd = m.Update(uitest.Key(k))
	}
	return m, cmd
}

func TestGoldens(t *testing.T) {
	cases := []struct {
		name string
		m    func() Model
	}{
		{"wide_118x8", func() Model { return loaded(118, 8) }},
		{"narrow_60x8", func() Model { return loaded(60, 8) }},
		{"tiny_20x4", func() Model { return loaded(20, 4) }},
		{"sorted_by_cost_118x8", func() Model {
			m := loaded(118, 8)
			m.table.SetSort(model.ColumnCost)
			return m
		}},
		{"filtering_80x8", func() Model { m, _ := press(loaded(80, 8), "/", "n", "o"); return m }},
		{"no_match_80x6", func() Model { m, _ := press(loaded(80, 6), "/", "z", "z"); return m }},
		{"stale_80x9", func() Model {
			m := loaded(80, 9)
			m.SetError("server error (HTTP 503)", now.Add(12*time.Second))
			return m
		}},
		{"loading_40x3", func() Model {
			m := New(theme.New(theme.Options{Name: theme.NameNone}))
			m.SetSize(40, 3)
			return m
		}},
		{"failing_60x3", func() Model {
			m := New(theme.New(theme.Options{Name: theme.NameNone}))
			m.SetNow(now)
			m.SetSize(60, 3)
			m.SetError("unauthorized: check the key ID and secret", now.Add(5*time.Second))
			return m
		}},
		{"empty_60x3", func() Model {
			m := New(theme.New(theme.Options{Name: theme.NameNone}))
			m.SetProject("demo")
			m.SetSize(60, 3)
			_ = m.SetFunctions(now, api.FunctionList{})
			return m
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m()
			v := m.View()
			uitest.CheckSize(t, tc.name, v, m.width, m.height)
			uitest.Golden(t, tc.name, m.Title()+"\n"+v)
		})
	}
}

func TestEverySize(t *testing.T) {
	filtering, _ := press(loaded(1, 1), "/", "x")
	for _, base := range []Model{loaded(1, 1), filtering} {
		uitest.EverySize(t, func(w, h int) string {
			m := base
			m.SetSize(w, h)
			return m.View()
		})
	}
}

func TestNamesFromTheAPIAreMadeSafe(t *testing.T) {
	v := loaded(118, 8).View()
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("an escape from a function name reached the screen: %q", v)
	}
}

func TestUpdate(t *testing.T) {
	cases := []struct {
		name     string
		keys     []string
		selected string
		filter   string
		typing   bool
		opens    string
	}{
		{"starts on the most urgent", nil, "f2", "", false, ""},
		{"down moves", []string{"down"}, "f5", "", false, ""},
		{"j moves", []string{"j", "j"}, "f4", "", false, ""},
		{"up stops at the top", []string{"up", "up"}, "f2", "", false, ""},
		{"end goes last", []string{"end"}, "f1", "", false, ""},
		{"enter opens", []string{"down", "enter"}, "f5", "", false, "f5"},
		{"slash types a filter", []string{"/", "r", "o"}, "f3", "ro", true, ""},
		{"enter keeps the filter", []string{"/", "r", "o", "enter"}, "f3", "ro", false, ""},
		{"esc clears the filter", []string{"/", "r", "o", "esc"}, "f3", "", false, ""},
		{"backspace erases", []string{"/", "f", "a", "x", "backspace", "backspace"}, "f4", "f",
			true, ""},
		{"typed keys do not move", []string{"/", "n", "j", "backspace"}, "f2", "n", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, cmd := press(loaded(100, 10), tc.keys...)
			if got := m.SelectedID(); got != tc.selected {
				t.Errorf("selected %q, want %q", got, tc.selected)
			}
			if got := m.table.Filter(); got != tc.filter {
				t.Errorf("filter %q, want %q", got, tc.filter)
			}
			if m.Typing() != tc.typing {
				t.Errorf("typing %v, want %v", m.Typing(), tc.typing)
			}
			var opened string
			if cmd != nil {
				if msg, ok := cmd().(OpenMsg); ok {
					opened = msg.FunctionID
				}
			}
			if opened != tc.opens {
				t.Errorf("opened %q, want %q", opened, tc.opens)
			}
		})
	}
}

func TestSortKeys(t *testing.T) {
	m := loaded(100, 10)
	m, _ = press(m, "s")
	if col, desc := m.table.Sort(); col != model.ColumnName || desc {
		t.Fatalf("s sorts by %v (descending %v), want name A to Z", col, desc)
	}
	m, _ = press(m, "S")
	if col, desc := m.table.Sort(); col != model.ColumnName || !desc {
		t.Fatalf("S gives %v (descending %v), want name Z to A", col, desc)
	}
	for range len(model.FunctionColumns()) - 1 {
		m, _ = press(m, "s")
	}
	if col, _ := m.table.Sort(); col != model.ColumnStatus {
		t.Fatalf("s cycled to %v, want back to status", col)
	}
}

func TestSelectionSurvivesRefresh(t *testing.T) {
	m := loaded(100, 10)
	m.Select("f3")

	l := list()
	l.Functions = append(l.Functions[:1], l.Functions[2:]...) // f2 is gone
	l.Functions[1].Status = api.StatusRunning                 // f3 finished deploying
	if err := m.SetFunctions(now.Add(10*time.Second), l); err != nil {
		t.Fatal(err)
	}
	if got := m.SelectedID(); got != "f3" {
		t.Fatalf("after a refresh that moved its row, the selection is %q, want f3", got)
	}
}

func TestScrollKeepsTheSelectionInView(t *testing.T) {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetSize(60, 5) // a heading and four rows
	m.Focus()
	var l api.FunctionList
	for i := range 50 {
		l.Functions = append(l.Functions, api.Function{ID: fmt.Sprintf("id%02d", i),
			Name: fmt.Sprintf("fn-%02d", i), Status: api.StatusRunning})
	}
	_ = m.SetFunctions(now, l)

	m, _ = press(m, "end")
	if ids := m.VisibleIDs(); len(ids) != 4 || ids[3] != "id49" {
		t.Fatalf("at the end the visible rows are %v, want the last four", ids)
	}
	if !strings.Contains(m.View(), "▸") {
		t.Fatal("the selected row is not drawn")
	}
}

func TestMouse(t *testing.T) {
	m := loaded(100, 10)
	click := func(x, y int) tea.MouseMsg {
		return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	}

	m, _ = m.Update(click(20, 3)) // the third row
	if got := m.SelectedID(); got != "f4" {
		t.Fatalf("a click on the third row selected %q, want f4", got)
	}
	m, _ = m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if got := m.SelectedID(); got != "f1" {
		t.Fatalf("the wheel moved to %q, want down to the last row (f1)", got)
	}

	nameX := m.layout().columns[1].x
	m, _ = m.Update(click(nameX, 0))
	if col, _ := m.table.Sort(); col != model.ColumnName {
		t.Fatalf("a click on the NAME heading sorts by %v", col)
	}
}

func TestLayoutDropsColumnsInOrder(t *testing.T) {
	prev := len(specs) + 1
	for w := 140; w >= 4; w-- {
		l := layoutFor(w)
		if len(l.columns) > prev {
			t.Fatalf("at %d cells %d columns, more than at %d", w, len(l.columns), w+1)
		}
		prev = len(l.columns)
		if l.columns[0].col != model.ColumnStatus || l.columns[1].col != model.ColumnName {
			t.Fatalf("at %d cells the status and name are not kept", w)
		}
	}
}

func TestSparkline(t *testing.T) {
	series := func(vals ...float64) model.Series {
		var s model.Series
		for i, v := range vals {
			s.Points = append(s.Points, model.Point{At: now.Add(time.Duration(i) * time.Minute),
				Value: v, Known: true})
		}
		return s
	}
	cases := []struct {
		s     model.Series
		width int
		want  string
	}{
		{model.Series{}, 10, ""},
		{series(0, 0, 0), 10, "▁▁▁"},
		{series(0, 7, 14), 10, "▁▅█"},
		{series(1, 1, 9, 9), 2, "▂█"},
		{series(1, 2, 3), 0, ""},
	}
	for _, tc := range cases {
		if got := sparkline(tc.s, tc.width); got != tc.want {
			t.Errorf("sparkline(%v, %d) = %q, want %q", tc.s.Values(), tc.width, got, tc.want)
		}
	}
}
