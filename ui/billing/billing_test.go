package billing

import (
	"errors"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

var now = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) { uitest.Main(m) }

func fixture() api.Billing {
	return api.Billing{
		PeriodStart: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		PeriodEnd:   time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Currency:    "USD",
		TotalCost:   12.34,
		Functions: []api.FunctionCost{
			{FunctionID: "fn-2", FunctionName: "call-router", Cost: 2.01},
			{FunctionID: "fn-1", FunctionName: "ivr-handler", Cost: 4.12},
			{FunctionID: "fn-3", FunctionName: "ai\x1b]52;c;ZXZpbA==\x07-agent\xff", Cost: 0.90},
			{FunctionID: "fn-4", FunctionName: "fax-relay", Cost: 0},
			{FunctionID: "fn-5", FunctionName: "", Cost: 5.31},
		},
	}
}

func costs() api.Costs {
	return api.Costs{
		FunctionID:  "fn-1",
		Period:      "month",
		PeriodStart: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		PeriodEnd:   time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Currency:    "USD",
		TotalCost:   4.12,
		Breakdown: []api.CostItem{
			{Item: "requests", Quantity: 1_204_000, Unit: "requests", UnitCost: 0.0000002,
				Cost: 0.24},
			{Item: "compute", Quantity: 232_456.7, Unit: "GB-s", UnitCost: 0.0000166667,
				Cost: 3.88},
		},
	}
}

func pane(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetNow(now)
	m.SetSize(w, h)
	m.SetBilling(fixture())
	m.SetFocusedFunction("fn-1")
	m.SetCosts(costs())
	m.Focus()
	return m
}

func boxed(m Model, w, h int) string {
	return theme.Box(m.st, m.Title(), m.View(), w+2, h+2, m.focused)
}

func TestViewGolden(t *testing.T) {
	t.Run("full_70x10", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(pane(70, 10), 70, 10))
	})
	t.Run("crowded_50x5", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(pane(50, 5), 50, 5))
	})
	t.Run("stale_60x8", func(t *testing.T) {
		m := pane(60, 8)
		m.SetError(errors.New("HTTP 429: \x1b[5mslow down"), now.Add(12*time.Second))
		uitest.Golden(t, t.Name(), boxed(m, 60, 8))
	})
	t.Run("loading_40x3", func(t *testing.T) {
		m := New(theme.New(theme.Options{Name: theme.NameNone}))
		m.SetSize(40, 3)
		uitest.Golden(t, t.Name(), boxed(m, 40, 3))
	})
	t.Run("failing_40x3", func(t *testing.T) {
		m := New(theme.New(theme.Options{Name: theme.NameNone}))
		m.SetSize(40, 3)
		m.SetNow(now)
		m.SetError(errors.New("unauthorized"), time.Time{})
		uitest.Golden(t, t.Name(), boxed(m, 40, 3))
	})
}

func TestSortedByCost(t *testing.T) {
	m := pane(70, 10)
	var got []string
	for _, r := range m.rows {
		got = append(got, r.id)
	}
	if fmt.Sprint(got) != "[fn-5 fn-1 fn-2 fn-3 fn-4]" {
		t.Errorf("order %v", got)
	}
}

func TestCostsOfAnotherFunctionIgnored(t *testing.T) {
	m := pane(70, 10)
	m.SetFocusedFunction("fn-2")
	if m.hasCost {
		t.Error("costs of fn-1 kept after focusing fn-2")
	}
	m.SetCosts(costs())
	if m.hasCost {
		t.Error("costs of fn-1 taken while fn-2 is focused")
	}
}

func TestScroll(t *testing.T) {
	m := pane(50, 5) // 5 functions, room for 3 rows and the position note
	keys := []struct {
		key  tea.KeyType
		want int
	}{
		{tea.KeyDown, 1}, {tea.KeyDown, 2}, {tea.KeyDown, 2},
		{tea.KeyUp, 1}, {tea.KeyUp, 0}, {tea.KeyUp, 0},
	}
	for i, k := range keys {
		m, _ = m.Update(tea.KeyMsg{Type: k.key})
		if m.offset != k.want {
			t.Fatalf("step %d: offset %d, want %d", i, m.offset, k.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		start, end time.Time
		want       string
	}{
		{day(2, 1), day(3, 1), "Feb 1–28"},
		{day(2, 1), day(2, 19).Add(14 * time.Hour), "Feb 1–19"},
		{day(1, 30), day(2, 3), "Jan 30–Feb 2"},
		{time.Time{}, day(2, 3), "–"},
		{day(2, 1), time.Time{}, "Feb 1––"},
	}
	for _, tc := range cases {
		if got := period(tc.start, tc.end); got != tc.want {
			t.Errorf("period(%v, %v) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestViewEverySize(t *testing.T) {
	uitest.EverySize(t, func(w, h int) string {
		m := pane(w, h)
		m.SetError(errors.New("slow"), now.Add(time.Second))
		return m.View()
	})
}
