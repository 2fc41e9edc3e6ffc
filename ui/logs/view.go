package logs

import (
	"fmt"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// View draws the pane in exactly its size: the filter line when a filter
// or a search is on, the rows, and a line saying what arrived below when
// the reader has scrolled up.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}

	var lines []string
	if m.showFilterLine() {
		lines = append(lines, m.filterLine())
	}
	if m.loadingHistory() || m.historyErr != "" {
		lines = append(lines, m.historyLine())
	}
	lines = append(lines, m.body()...)
	if below := m.newBelow(); below > 0 {
		for len(lines) < m.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:min(len(lines), m.height-1)], m.belowLine(below))
	}
	return theme.FitBlock(strings.Join(lines, "\n"), m.width, m.height)
}

// bodyHeight is the number of lines left for rows.
func (m Model) bodyHeight() int {
	h := m.height
	if m.showFilterLine() {
		h--
	}
	if m.loadingHistory() || m.historyErr != "" {
		h--
	}
	if m.newBelow() > 0 {
		h--
	}
	return max(h, 0)
}

// body draws the rows on screen, or says why there are none.
func (m Model) body() []string {
	f := m.frame()
	if f.body <= 0 {
		return nil
	}
	if f.n == 0 {
		return []string{m.st.Logs.Marker.Render(m.emptyText())}
	}

	c := m.layoutColumns()
	lines := make([]string, 0, f.body)
	for k, r := range m.merge.Rows(f.top, f.body) {
		if len(lines) >= f.body {
			break
		}
		lines = append(lines, m.rowLines(r, c, f.top+k == f.cursor && m.focused)...)
	}
	return lines[:min(len(lines), f.body)]
}

func (m Model) emptyText() string {
	held, live := 0, false
	for _, p := range m.pins {
		held += p.Buffer.Len()
		live = live || (p.hasStream && p.stream.Phase == api.PhaseLive)
	}
	switch {
	case len(m.pins) == 0:
		return "no function selected"
	case held > 0:
		return "no request matches the filter · c clears it"
	case live:
		return "no request yet · waiting for the stream"
	}
	return "no request yet"
}

func (m Model) showFilterLine() bool {
	f := m.filter()
	return m.alwaysFilters || m.search.active || !f.Equal(model.LogFilter{})
}

// filterLine shows the search being typed, or the filters in force.
func (m Model) filterLine() string {
	if m.search.active {
		return m.st.Accent.Render("/"+m.search.text()) + "█"
	}

	f := m.filter()
	if f.Equal(model.LogFilter{}) {
		return m.st.Logs.Marker.Render("filter: none") +
			m.st.Faint.Render("  l level · s status · / search")
	}
	var parts []string
	if f.MinLevel != "" {
		parts = append(parts, "level ≥ "+strings.ToLower(string(f.MinLevel)))
	}
	if f.Class != model.StatusAny {
		parts = append(parts, "status "+f.Class.String())
	}
	if f.Search != "" {
		mode := "marked"
		if !f.Highlight {
			mode = "only"
		}
		parts = append(parts, fmt.Sprintf("search %q (%s)", f.Search, mode))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		parts = append(parts, "window "+m.windowText(f.From, f.To))
	}
	return m.st.Logs.Marker.Render("filter: "+strings.Join(parts, " · ")) +
		m.st.Faint.Render("  c clears")
}

func (m Model) windowText(from, to time.Time) string {
	format := func(t time.Time) string {
		if t.IsZero() {
			return "…"
		}
		return t.In(m.location()).Format("Jan 2 15:04")
	}
	return format(from) + "–" + format(to)
}

func (m Model) historyLine() string {
	if m.historyErr != "" {
		return m.st.Error.Render("older history failed: " + m.historyErr)
	}
	return m.st.Logs.Marker.Render("loading older requests…")
}

func (m Model) belowLine(n int) string {
	return m.st.Logs.Marker.Render(fmt.Sprintf("↓ %s new below · G follows",
		model.FormatCount(int64(n))))
}
