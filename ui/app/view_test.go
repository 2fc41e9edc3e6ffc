package app

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// budgetAt is a budget snapshot with the given use of the read group.
func budgetAt(read int, paused time.Time) budgetMsg {
	return budgetMsg{api.BudgetSnapshot{
		At:     fixtureNow,
		Window: time.Minute,
		Read: api.GroupSnapshot{Group: api.GroupRead, Used: read, Limit: 100, Reserved: 20,
			FreesAt: fixtureNow.Add(8 * time.Second), PausedUntil: paused},
		Logs:    api.GroupSnapshot{Group: api.GroupLogs, Used: 3, Limit: 200, Reserved: 40},
		Streams: api.StreamSlots{Open: 1, Limit: 5},
	}}
}

func TestOverviewGoldens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		name := fmt.Sprintf("overview_%dx%d", size[0], size[1])
		t.Run(name, func(t *testing.T) {
			m := send(loaded(t, size[0], size[1]), budgetAt(12, time.Time{}))
			v := m.View()
			uitest.CheckSize(t, name, v, size[0], size[1])
			uitest.Golden(t, name, v)
		})
	}
}

func serverError(code int, retryAfter time.Duration) error {
	return &api.Error{Endpoint: "GET /functions", StatusCode: code, Code: "internal",
		Message: "upstream unavailable", RetryAfter: retryAfter}
}

func TestStateGoldens(t *testing.T) {
	unauthorized := &api.Error{Endpoint: "GET /functions", StatusCode: http.StatusUnauthorized,
		Code: "invalid_token", Message: "token expired"}
	fx := loadFixture(t)
	first := fx.Functions.Functions[0].ID

	cases := []struct {
		name  string
		build func() Model
	}{
		{"empty_project", func() Model {
			return send(newTestModel(120, 40), functionsFetchedMsg{list: api.FunctionList{}},
				billingFetchedMsg{billing: api.Billing{Currency: "USD",
					PeriodStart: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
					PeriodEnd:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}},
				budgetAt(2, time.Time{}))
		}},
		{"unauthorized", func() Model {
			return send(newTestModel(120, 40), functionsFetchedMsg{err: unauthorized},
				billingFetchedMsg{err: unauthorized}, budgetAt(2, time.Time{}))
		}},
		{"rate_limited", func() Model {
			limited := &api.Error{Endpoint: "GET /functions",
				StatusCode: http.StatusTooManyRequests,
				Message:    "100 requests per 60 s", RetryAfter: 30 * time.Second}
			return send(loaded(t, 120, 40), functionsFetchedMsg{err: limited},
				budgetAt(100, fixtureNow.Add(30*time.Second)))
		}},
		{"server_down", func() Model {
			down := serverError(http.StatusServiceUnavailable, 0)
			return send(loaded(t, 120, 40), functionsFetchedMsg{err: down},
				metricsFetchedMsg{functionID: first, rng: api.Range24h, err: down},
				billingFetchedMsg{err: down}, budgetAt(40, time.Time{}))
		}},
		{"help_overlay", func() Model {
			return send(loaded(t, 120, 40), budgetAt(12, time.Time{}),
				tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}})
		}},
		{"stacked_60x16", func() Model {
			return send(loaded(t, 60, 16), budgetAt(12, time.Time{}))
		}},
		{"stacked_metrics_60x16", func() Model {
			return send(loaded(t, 60, 16), budgetAt(12, time.Time{}),
				tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab})
		}},
		{"alert_list", func() Model {
			return send(loaded(t, 120, 40), budgetAt(12, time.Time{}), keyRunes("a"))
		}},
		{"alerts_acknowledged", func() Model {
			return send(loaded(t, 120, 40), budgetAt(12, time.Time{}), keyRunes("A"))
		}},
		{"pin_prompt", func() Model {
			m := send(loaded(t, 120, 40), budgetAt(12, time.Time{}))
			table := m.functions.Table()
			for i := range 6 {
				m = send(m, functions.PinMsg{FunctionID: table.Row(i).ID})
			}
			return m
		}},
		{"detail_120x40", func() Model {
			return send(loaded(t, 120, 40), budgetAt(12, time.Time{}),
				functions.OpenMsg{FunctionID: first})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.build()
			v := m.View()
			uitest.CheckSize(t, tc.name, v, m.width, m.height)
			uitest.Golden(t, tc.name, v)
		})
	}
}

// TestEverySize draws the dashboard, loaded, in every size from 0×0 to
// 40×12 and a few larger, in the overview and drilled in.
func TestEverySize(t *testing.T) {
	base := loaded(t, 80, 24)
	detail := send(base, functions.OpenMsg{FunctionID: base.focusedFunction()})
	for _, m := range []Model{base, detail} {
		sized := func(w, h int) string {
			return send(m, tea.WindowSizeMsg{Width: w, Height: h}).View()
		}
		uitest.EverySize(t, sized)
		for _, s := range [][2]int{{79, 19}, {80, 20}, {81, 21}, {300, 100}} {
			uitest.CheckSize(t, fmt.Sprintf("%d×%d", s[0], s[1]), sized(s[0], s[1]), s[0], s[1])
		}
	}
}
