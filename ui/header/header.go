// Package header draws the dashboard's top line: the project and profile,
// how many alerts are firing and acknowledged, how fresh each data source
// is (live, stale since when, failing and why,
// with the next retry), how much of the API budget is used and when room
// frees, and the clock. It takes its facts through setters and draws them
// at a fixed now, so that its output depends on nothing else.
package header

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// KeyMap is empty: the header takes no keys. It exists so that the header
// fits the pane contract and the help overlay.
type KeyMap struct{}

// ShortHelp returns no keys.
func (KeyMap) ShortHelp() []key.Binding { return nil }

// FullHelp returns no keys.
func (KeyMap) FullHelp() [][]key.Binding { return nil }

// Model is the header line.
type Model struct {
	st     *theme.Styles
	width  int
	height int

	project   string
	profile   string
	pane      string
	now       time.Time
	sources   []model.Freshness
	budget    api.BudgetSnapshot
	hasBudget bool
	nameOf    func(functionID string) string
	firing    int // active alerts nobody acknowledged
	acked     int // active alerts acknowledged
}

// New returns a header with nothing to say yet.
func New(st *theme.Styles) Model {
	return Model{st: st}
}

// SetProject sets the project ID and profile name shown. Both are made safe
// to draw here.
func (m *Model) SetProject(projectID, profile string) {
	m.project = model.Sanitize(projectID)
	m.profile = model.Sanitize(profile)
}

// SetNames tells the header how to name a function from its ID, so that a
// failing source says whose data it is ("metrics of ivr-handler failing").
// The name is made safe to draw here.
func (m *Model) SetNames(nameOf func(functionID string) string) { m.nameOf = nameOf }

// SetNow sets the time the header draws relative times and the clock at.
func (m *Model) SetNow(now time.Time) { m.now = now }

// SetFreshness sets every data source's state, as the freshness tracker
// reports it at the header's now.
func (m *Model) SetFreshness(sources []model.Freshness) { m.sources = sources }

// SetBudget sets the API budget's state.
func (m *Model) SetBudget(b api.BudgetSnapshot) {
	m.budget, m.hasBudget = b, true
}

// SetPane names the single pane shown when the terminal is too small for
// the whole layout, e.g. "Functions 1/4"; empty when all panes are shown.
func (m *Model) SetPane(name string) { m.pane = name }

// SetAlerts sets how many active alerts nobody acknowledged (firing) and
// how many are acknowledged; the header counts them after the project.
func (m *Model) SetAlerts(firing, acknowledged int) {
	m.firing, m.acked = max(firing, 0), max(acknowledged, 0)
}

// SetSize sets the cells the header fills; it draws on the first line.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
}

// Title returns the header's name.
func (m Model) Title() string { return "Header" }

// Focus does nothing: the header is never focused.
func (m *Model) Focus() {}

// Blur does nothing: the header is never focused.
func (m *Model) Blur() {}

// Update does nothing: the header takes no messages.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// View draws the header in exactly width×height cells.
func (m Model) View() string {
	return theme.FitBlock(m.line(), m.width, m.height)
}
