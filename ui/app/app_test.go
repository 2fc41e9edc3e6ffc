package app

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newTestModel is a dashboard without a client at fixtureNow.
func newTestModel(w, h int) Model {
	m := New(Options{
		ProjectID: "demo",
		Profile:   "default",
		Styles:    theme.New(theme.Options{Name: theme.NameNone}),
		Now:       func() time.Time { return fixtureNow },
	})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// send hands msg to the model and returns the model it becomes; the
// commands it returns are dropped (there is no client to run them).
func send(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

// loaded is a dashboard holding the fixture's answers.
func loaded(t testing.TB, w, h int) Model {
	fx := loadFixture(t)
	m := newTestModel(w, h)
	m = send(m, functionsFetchedMsg{list: fx.Functions})
	for id, mt := range fx.Metrics1h {
		m = send(m, metricsFetchedMsg{functionID: id, rng: api.Range1h, metrics: mt})
	}
	first := fx.Functions.Functions[0].ID
	m = selectFunction(m, first)
	m = send(m,
		metricsFetchedMsg{functionID: first, rng: api.Range24h, metrics: fx.Focused},
		billingFetchedMsg{billing: fx.Billing},
		costsFetchedMsg{functionID: first, costs: fx.Costs},
	)
	if buf, ok := m.buffers.lookup(m.focusedFunction()); ok {
		buf.PrependHistory(fx.Logs.Requests)
	}
	return m
}

// selectFunction selects a function as a click or key would.
func selectFunction(m Model, id string) Model {
	before := m.focusedFunction()
	m.functions.Select(id)
	m.afterSelection(before)
	return m
}
