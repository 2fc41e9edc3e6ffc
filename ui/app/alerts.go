package app

import (
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/notify"
)

// launchQuiet is how long after the start (or a profile switch) alerts
// ring the bell and notify at most once between them. What is already
// wrong when the dashboard opens (a function Failed since yesterday, an
// error rate over its limit) fires as the first answers arrive; an on-call
// engineer opening the dashboard wants to hear that once, not once per
// function. Every alert still shows in the banner, the header and the
// title at once, and alerts firing after this time ring each time.
const launchQuiet = 30 * time.Second

// bannerMinHeight is the least terminal height that gives a line to the
// alert banner; below it the header's count says it.
const bannerMinHeight = 10

// newAlerts builds the engine from the rules, falling back to the default
// rules when they do not validate; the second result says why.
func newAlerts(rules model.AlertRules) (*model.Alerts, error) {
	a, err := model.NewAlerts(rules)
	if err == nil {
		return a, nil
	}
	def, _ := model.NewAlerts(model.AlertRules{}) // the defaults validate
	return def, err
}

// observations is what the alert rules judge: data already fetched, so
// alerting costs no API call.
func (m Model) observations(now time.Time) model.Observations {
	t := m.functions.Table()
	cost, currency := t.ProjectCost()
	return model.Observations{
		Functions:   t.Observations(),
		Streams:     m.fresh.Streams(now),
		ProjectCost: cost,
		Currency:    currency,
	}
}

// evaluateAlerts judges what the dashboard holds at now and tells of what
// fired: the banner and header at once, the bell and a desktop
// notification by the settings, and the terminal title.
func (m *Model) evaluateAlerts(now time.Time) tea.Cmd {
	events := m.alerts.Evaluate(now, m.observations(now))
	m.showAlerts()
	return tea.Batch(m.tellFired(now, events), m.updateTitle())
}

// tellFired rings and notifies for the alerts that fired among events
// (see launchQuiet).
func (m *Model) tellFired(now time.Time, events []model.AlertEvent) tea.Cmd {
	var fired []model.Alert
	for _, e := range events {
		if e.Kind == model.AlertFired {
			fired = append(fired, e.Alert)
		}
	}
	if len(fired) == 0 {
		return nil
	}
	if now.Sub(m.started) >= launchQuiet {
		return m.notifier.Alerts(events, m.opts.Notify.Bell)
	}
	if m.launchTold {
		return nil
	}

	m.launchTold = true
	var ring tea.Cmd
	if m.opts.Notify.Bell {
		ring = m.notifier.Bell(1)
	}
	return tea.Batch(ring, m.notifier.Notify(notify.AlertSummary(fired)))
}

// showAlerts hands the alert count to the header and lays the panes out
// again when the banner comes or goes.
func (m *Model) showAlerts() {
	active := m.alerts.Active()
	unacked := m.alerts.Unacknowledged()
	m.header.SetAlerts(unacked, len(active)-unacked)

	if m.bannerShown() != m.banner {
		m.layoutPanes()
	}
	m.alertList.clamp(len(m.alertRows()))
}

// bannerShown reports whether the banner line is drawn: while an alert
// nobody acknowledged is active, when the terminal is tall enough.
func (m Model) bannerShown() bool {
	return m.alerts.Unacknowledged() > 0 && m.height >= bannerMinHeight
}

// bannerText is the banner's line: the count, the keys that act on the
// alerts, then the alerts nobody acknowledged, as many as fit.
func (m Model) bannerText() string {
	var texts []string
	for _, a := range m.alerts.Active() {
		if !a.Acknowledged() {
			texts = append(texts, a.Text())
		}
	}
	head := "✖ " + plural(len(texts), "alert")
	hint := m.keys.Alerts.Help().Key + " list · " + m.keys.AcknowledgeAll.Help().Key +
		" acknowledge"
	return " " + head + " (" + hint + "): " + model.Sanitize(strings.Join(texts, " · "))
}

// titleBase is the terminal title when no alert is active.
func (m Model) titleBase() string {
	if m.opts.ProjectID == "" {
		return "sinchtop"
	}
	return "sinchtop · " + m.opts.ProjectID
}

// updateTitle sets the terminal title to tell the alerts when it changed,
// so that a tmux window or a tab shows them while another is in front.
func (m *Model) updateTitle() tea.Cmd {
	text := notify.TitleText(m.titleBase(), m.alerts.Active())
	if text == m.title {
		return nil
	}
	m.title = text
	m.titleSeq++
	return m.titles.cmd(m.notifier, m.titleSeq, text)
}

// titleWriter writes terminal titles in the order they were asked for:
// commands run concurrently, and a title asked for earlier must not land
// after a later one. Only commands take its lock, never Update. The first
// title it writes is preceded by the terminal's own title saved, which
// Run restores on exit.
type titleWriter struct {
	mu      sync.Mutex
	written int64
	saved   bool
}

// cmd returns the command that writes text as title number seq, unless a
// later title was written already.
func (w *titleWriter) cmd(n *notify.Notifier, seq int64, text string) tea.Cmd {
	if !n.Terminal() {
		return nil
	}
	return func() tea.Msg {
		w.mu.Lock()
		defer w.mu.Unlock()
		if seq <= w.written {
			return nil
		}
		w.written = seq

		if !w.saved {
			w.saved = true
			if msg := run(n.SaveTitle()); msg != nil {
				return msg
			}
		}
		return run(n.Title(text))
	}
}

// restore puts back the title saved before the first one was written.
func (w *titleWriter) restore(n *notify.Notifier) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.saved {
		return nil
	}
	return n.RestoreTitle()
}

// run runs cmd here and returns its message; nil for a nil cmd.
func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

// acknowledgeAll silences every active alert until it clears.
func (m *Model) acknowledgeAll() tea.Cmd {
	n := m.alerts.AcknowledgeAll(m.now())
	switch n {
	case 0:
		m.note("no alert to acknowledge")
	case 1:
		m.note("acknowledged 1 alert: silent until it clears")
	default:
		m.note("acknowledged " + strconv.Itoa(n) + " alerts: silent until they clear")
	}
	m.showAlerts()
	return m.updateTitle()
}

// acknowledge silences one active alert until it clears.
func (m *Model) acknowledge(a model.Alert) tea.Cmd {
	if !m.alerts.Acknowledge(a.ID, m.now()) {
		m.note("that alert has cleared already")
		return nil
	}
	m.note("acknowledged: " + a.Text())
	m.showAlerts()
	return m.updateTitle()
}
