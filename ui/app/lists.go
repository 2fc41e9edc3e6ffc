package app

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// listCursor is the selection and scroll of a list shown over the panes.
type listCursor struct {
	open   bool
	cursor int
	top    int
}

// move moves the selection by delta within n rows, scrolling as little as
// keeps it in view of visible lines.
func (c *listCursor) move(delta, n, visible int) {
	c.cursor += delta
	c.clamp(n)
	if c.cursor < c.top {
		c.top = c.cursor
	}
	if visible > 0 && c.cursor >= c.top+visible {
		c.top = c.cursor - visible + 1
	}
}

// navigate answers k's keys that every list shares: Close closes it, Up
// and Down move the selection within n rows, visible of them in view. It
// reports whether msg was one of them.
func (c *listCursor) navigate(msg tea.KeyMsg, k ListKeyMap, n, visible int) bool {
	switch {
	case key.Matches(msg, k.Close):
		c.open = false
	case key.Matches(msg, k.Up):
		c.move(-1, n, visible)
	case key.Matches(msg, k.Down):
		c.move(1, n, visible)
	default:
		return false
	}
	return true
}

// clamp keeps the selection within n rows.
func (c *listCursor) clamp(n int) {
	c.cursor = max(min(c.cursor, n-1), 0)
	c.top = max(min(c.top, c.cursor), 0)
}

// window returns the first row to draw so that the selection shows in
// visible lines, for a size that changed since the last move.
func (c listCursor) window(visible int) int {
	top := c.top
	if visible > 0 && c.cursor >= top+visible {
		top = c.cursor - visible + 1
	}
	return max(min(top, c.cursor), 0)
}

// listRows is how many rows of a list show over the body: its box's inside
// less the heading line.
func (m Model) listRows(heading int) int {
	return max(m.bodyRect().h-2-heading, 1)
}

// alertRow is one line of the alert list: an active alert, or one that
// fired and cleared.
type alertRow struct {
	alert   model.Alert
	cleared bool
}

// alertRows lists the active alerts (those nobody acknowledged first, then
// the newest), then the cleared ones, newest first.
func (m Model) alertRows() []alertRow {
	var rows []alertRow
	for _, a := range m.alerts.Active() {
		rows = append(rows, alertRow{alert: a})
	}
	history := m.alerts.History()
	for _, e := range slices.Backward(history) {
		if e.Kind == model.AlertCleared {
			rows = append(rows, alertRow{alert: e.Alert, cleared: true})
		}
	}
	return rows
}

// handleAlertListKey moves through the alert list, acknowledges and
// closes it.
func (m Model) handleAlertListKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	rows := m.alertRows()
	k := m.alertKeys
	switch {
	case m.alertList.navigate(msg, k, len(rows), m.listRows(1)):
		if !m.alertList.open {
			m.updateHelp()
		}
	case key.Matches(msg, k.AcknowledgeAll):
		return m, m.acknowledgeAll()
	case key.Matches(msg, k.Choose):
		if m.alertList.cursor < len(rows) {
			r := rows[m.alertList.cursor]
			if r.cleared {
				m.note("that alert has cleared: nothing to acknowledge")
				return m, nil
			}
			return m, m.acknowledge(r.alert)
		}
	}
	return m, nil
}

// alertListView draws the alert list in a box of w×h.
func (m Model) alertListView(w, h int) string {
	rows := m.alertRows()
	firing := m.alerts.Unacknowledged()
	title := "Alerts · " + strconv.Itoa(firing) + " firing · " +
		strconv.Itoa(len(m.alerts.Active())-firing) + " acknowledged · " +
		strconv.Itoa(len(rows)-len(m.alerts.Active())) + " cleared"

	inner := max(h-2, 0)
	lines := []string{m.st.Faint.Render(
		"  STATE      FIRED        ACKNOWLEDGED CLEARED      ALERT")}
	if len(rows) == 0 {
		lines = append(lines, m.st.Faint.Render("  no alert has fired"))
	}
	c := m.alertList
	top := c.window(inner - 1)
	for i := top; i < len(rows) && len(lines) < inner; i++ {
		lines = append(lines, m.alertLine(rows[i], i == c.cursor))
	}
	return theme.Box(m.st, title, strings.Join(lines, "\n"), w, h, true)
}

// alertLine draws one alert: its state, when it fired, was acknowledged
// and cleared, and what it says.
func (m Model) alertLine(r alertRow, selected bool) string {
	a := r.alert
	state, style := "✖ firing", m.st.Error
	switch {
	case r.cleared:
		state, style = "○ cleared", m.st.Faint
	case a.Acknowledged():
		state, style = "✓ acked", m.st.Warn
	}

	mark := "  "
	if selected {
		mark = "▸ "
	}
	text := mark + pad(state, 11) + pad(m.when(a.FiredAt), 13) + pad(m.when(a.AckedAt), 13) +
		pad(m.when(a.ClearedAt), 13) + model.Sanitize(a.Text())
	if selected {
		return m.st.Selected.Render(text)
	}
	return style.Render(text)
}

// when is a time of day, with the day when it is not today; "–" for none.
func (m Model) when(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	y, mo, d := t.Date()
	if ny, nmo, nd := m.clock.Date(); y != ny || mo != nmo || d != nd {
		return t.Format("Jan 2 15:04")
	}
	return t.Format("15:04:05")
}

// pad writes s and spaces to n cells.
func pad(s string, n int) string {
	return theme.FitLine(s, n)
}

// profileRows lists the settings file's profiles, sorted.
func (m Model) profileRows() []string {
	names := slices.Clone(m.opts.Profiles)
	slices.Sort(names)
	return slices.Compact(names)
}

// openProfiles shows the profile list, or says why there is none.
func (m *Model) openProfiles() {
	switch {
	case m.opts.SwitchProfile == nil && m.opts.NoProfiles != "":
		m.note(m.opts.NoProfiles)
		return
	case m.opts.SwitchProfile == nil || len(m.profileRows()) == 0:
		m.note("the settings file has no profiles: add them under profiles: " +
			"(see sinchtop config path)")
		return
	}

	m.profileList.open = true
	m.profileList.cursor = max(slices.Index(m.profileRows(), m.opts.Profile), 0)
	m.updateHelp()
}

// handleProfileListKey moves through the profile list, switches and
// closes it.
func (m Model) handleProfileListKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	rows := m.profileRows()
	k := m.profileKeys
	switch {
	case m.profileList.navigate(msg, k, len(rows), m.listRows(0)):
		if !m.profileList.open {
			m.updateHelp()
		}
	case key.Matches(msg, k.Choose):
		if m.profileList.cursor < len(rows) {
			m.profileList.open = false
			m.updateHelp()
			return m, m.switchProfile(rows[m.profileList.cursor])
		}
	}
	return m, nil
}

// profileListView draws the profile list in a box of w×h.
func (m Model) profileListView(w, h int) string {
	rows := m.profileRows()
	inner := max(h-2, 0)
	c := m.profileList
	top := c.window(inner)

	var lines []string
	for i := top; i < len(rows) && len(lines) < inner; i++ {
		name := model.Sanitize(rows[i])
		if rows[i] == m.opts.Profile {
			name += "  (current)"
		}
		if i == c.cursor {
			lines = append(lines, m.st.Selected.Render("▸ "+name))
			continue
		}
		lines = append(lines, "  "+name)
	}
	title := "Profiles · " + strconv.Itoa(len(rows))
	return theme.Box(m.st, title, strings.Join(lines, "\n"), w, h, true)
}
