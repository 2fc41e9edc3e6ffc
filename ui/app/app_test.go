package app

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// checkSize fails unless s is exactly w×h cells.
func checkSize(t *testing.T, where, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines, want %d:\n%s", where, len(lines), h, s)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("%s: line %d is %d cells, want %d: %q", where, i, lw, w, l)
		}
	}
}

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
