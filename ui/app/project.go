package app

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/keymap"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
)

// projectMsg is a result of a fetch or stream of the project shown at
// generation gen. A profile switch starts a new generation, so results of
// the project left behind are dropped instead of mixed into the new one.
type projectMsg struct {
	gen int
	msg tea.Msg
}

// tag marks the result of cmd as belonging to the current project.
func (m Model) tag(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	gen := m.gen
	return func() tea.Msg { return projectMsg{gen: gen, msg: cmd()} }
}

// handleProjectMsg passes on a result of the current project and releases
// what a result of an earlier one holds: a stream opened for the project
// left behind is closed at once.
func (m Model) handleProjectMsg(msg projectMsg) (tea.Model, tea.Cmd) {
	if msg.gen == m.gen {
		return m.Update(msg.msg)
	}
	if opened, ok := msg.msg.(streamOpenedMsg); ok && opened.stream != nil {
		closed := closeStreamCmd(opened.functionID, opened.stream)
		return m, func() tea.Msg { return projectMsg{gen: msg.gen, msg: closed()} }
	}
	return m, nil
}

// profileSwitchedMsg reports the end of a switch to another profile: the
// client and project it resolved to, or why it could not.
type profileSwitchedMsg struct {
	name      string
	client    *api.Client
	projectID string
	err       error
}

// errNoClient is the error of a profile switch that gave no client.
var errNoClient = errors.New("the profile gave no API client")

// switchProfile resolves the profile in a command: resolving may run the
// profile's secret command, which can take as long as unlocking a password
// manager.
func (m *Model) switchProfile(name string) tea.Cmd {
	if m.switching != "" {
		m.note("already switching to profile " + m.switching)
		return nil
	}
	m.switching = name
	m.status = statusLine{text: model.Sanitize("switching to profile " + name + "…"),
		sticky: true}
	m.footer.SetMessage(m.status.text)

	switchTo, ctx := m.opts.SwitchProfile, m.base
	return func() tea.Msg {
		client, projectID, err := switchTo(ctx, name)
		if err == nil && client == nil {
			err = errNoClient
		}
		return profileSwitchedMsg{name: name, client: client, projectID: projectID, err: err}
	}
}

// onProfileSwitched shows the new project, or keeps the current one and
// says why the switch failed.
func (m Model) onProfileSwitched(msg profileSwitchedMsg) (Model, tea.Cmd) {
	m.switching = ""
	if msg.err != nil {
		why := strings.ReplaceAll(reason(msg.err), "\n", "; ")
		m.note("could not switch to profile " + msg.name + ": " + why +
			" (still showing " + m.opts.ProjectID + ")")
		return m, nil
	}

	cmd := m.resetProject(msg.client, msg.projectID, msg.name)
	m.note("switched to profile " + msg.name + " · project " + msg.projectID)
	return m, cmd
}

// resetProject leaves the current project for another: its streams close,
// its fetches are cancelled and their results dropped, everything known of
// it is forgotten, and the first fetches of the new one start.
func (m *Model) resetProject(client *api.Client, projectID, profile string) tea.Cmd {
	var cmds []tea.Cmd
	for id, h := range m.streams {
		if h.stream != nil {
			cmds = append(cmds, m.tag(closeStreamCmd(id, h.stream))) // dropped when done
		}
	}
	m.cancel()
	m.ctx, m.cancel = context.WithCancel(m.base)
	m.gen++

	m.opts.Client, m.opts.ProjectID, m.opts.Profile = client, projectID, profile
	m.clearProject()
	m.header.SetProject(projectID, profile)
	m.functions.SetProject(projectID)
	m.setFocus(paneFunctions)
	m.showAlerts()
	m.refreshClock(m.now())

	cmds = append(cmds, m.updateTitle(), m.snapshotBudget(), m.runPlan())
	return tea.Batch(cmds...)
}

// clearProject forgets everything known of the project shown.
func (m *Model) clearProject() {
	st, s := m.st, m.opts.Settings
	m.level, m.detailID, m.pendingOpen = levelOverview, "", ""
	m.functions, m.logs, m.metrics = functions.New(st), logs.New(st), metrics.New(st)
	m.billing, m.detail = billing.New(st), detail.New(st)
	m.applyKeys(keymap.Build(s.Keys))

	m.plan = model.NewRefreshPlan(s.Refresh)
	m.fresh = model.NewFreshnessTracker(s.Freshness)
	m.budget = api.BudgetSnapshot{}
	m.buffers = newBufferSet(s.Buffer)
	m.streams = map[string]*streamHandle{}
	m.closing = 0
	m.windows = map[string]*windowPaging{}
	m.pins = model.Pins{}
	m.recent = newRecentMetrics()
	m.watchSeq++

	m.alerts, _ = newAlerts(m.alerts.Rules())
	m.started, m.launchTold = m.now(), false
	m.alertList = listCursor{}
}
