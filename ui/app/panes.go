package app

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/help"
)

// paneID names a pane of the layout.
type paneID int

const (
	paneFunctions paneID = iota
	paneLogs
	paneMetrics
	paneBilling
	paneDetail // one function drilled in: status, charts, requests
)

// name is the pane's name as the header says it in the stacked layout.
func (p paneID) name() string {
	switch p {
	case paneFunctions:
		return "Functions"
	case paneLogs:
		return "Live"
	case paneMetrics:
		return "Metrics"
	case paneBilling:
		return "Billing"
	case paneDetail:
		return "Function"
	}
	return "?"
}

// panes lists the panes of the current level in focus order.
func (m Model) panes() []paneID {
	if m.level == levelOverview {
		return []paneID{paneFunctions, paneLogs, paneMetrics, paneBilling}
	}
	return []paneID{paneDetail}
}

// cycleFocus moves the focus delta panes along the current level's order.
func (m *Model) cycleFocus(delta int) {
	ps := m.panes()
	i := 0
	for j, p := range ps {
		if p == m.focus {
			i = j
		}
	}
	m.setFocus(ps[((i+delta)%len(ps)+len(ps))%len(ps)])
}

// setFocus gives p the keyboard and takes it from the others.
func (m *Model) setFocus(p paneID) {
	m.focus = p
	m.functions.Blur()
	m.logs.Blur()
	m.metrics.Blur()
	m.billing.Blur()
	m.detail.Blur()
	switch p {
	case paneFunctions:
		m.functions.Focus()
	case paneLogs:
		m.logs.Focus()
	case paneMetrics:
		m.metrics.Focus()
	case paneBilling:
		m.billing.Focus()
	case paneDetail:
		m.detail.Focus()
	}
	m.layoutPanes()
	m.updateHelp()
}

// typing reports whether the focused pane takes typed text, so that every
// key goes to it.
func (m Model) typing() bool {
	switch m.focus {
	case paneFunctions:
		return m.functions.Typing()
	case paneLogs:
		return m.logs.Typing()
	case paneDetail:
		return m.detail.Typing()
	}
	return false
}

// paneHelp returns the focused pane's keys for the footer.
func (m Model) paneHelp() []key.Binding {
	switch m.focus {
	case paneFunctions:
		return m.functions.ShortHelp()
	case paneLogs:
		return m.logs.KeyMap().ShortHelp()
	case paneMetrics:
		return m.metrics.KeyMap().ShortHelp()
	case paneBilling:
		return m.billing.KeyMap().ShortHelp()
	case paneDetail:
		short, _ := m.detail.Help()
		return short
	}
	return nil
}

// updateHelp sets the footer's keys for where the user is and the
// overlay's sections for every pane, from the same keymaps.
func (m *Model) updateHelp() {
	short := m.paneHelp()
	var global []key.Binding
	switch {
	case m.status.prompt != nil:
		short = m.promptKeys.ShortHelp()
	case m.overlay.Showing():
		short = m.overlay.KeyMap().ShortHelp()
	case m.alertList.open:
		short = m.alertKeys.ShortHelp()
	case m.profileList.open:
		short = m.profileKeys.ShortHelp()
	case !m.typing():
		global = m.keys.ShortHelp()
	}
	m.footer.SetShortHelp(short)
	m.footer.SetGlobalHelp(global)

	_, detailKeys := m.detail.Help()
	m.overlay.SetSections([]help.Section{
		{Title: "Everywhere", Bindings: flatten(m.keys.FullHelp())},
		{Title: "Functions", Bindings: flatten(m.functions.KeyMap().FullHelp())},
		{Title: "Live requests", Bindings: flatten(m.logs.KeyMap().FullHelp())},
		{Title: "Metrics", Bindings: flatten(m.metrics.KeyMap().FullHelp())},
		{Title: "Billing", Bindings: flatten(m.billing.KeyMap().FullHelp())},
		{Title: "One function", Bindings: flatten(detailKeys)},
		{Title: "Alerts", Bindings: flatten(m.alertKeys.FullHelp())},
		{Title: "Profiles", Bindings: flatten(m.profileKeys.FullHelp())},
		{Title: "Questions", Bindings: flatten(m.promptKeys.FullHelp())},
		{Title: "Help", Bindings: flatten(m.overlay.KeyMap().FullHelp())},
	})
}

// flatten joins a keymap's groups, leaving out keys listed twice.
func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	seen := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			id := b.Help().Key + "\x00" + b.Help().Desc
			if !seen[id] {
				seen[id] = true
				out = append(out, b)
			}
		}
	}
	return out
}

// stackedName says which pane shows in the stacked layout, e.g.
// "Metrics 3/4".
func (m Model) stackedName() string {
	ps := m.panes()
	for i, p := range ps {
		if p == m.focus {
			return p.name() + " " + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(ps))
		}
	}
	return ""
}
