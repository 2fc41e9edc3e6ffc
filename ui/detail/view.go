package detail

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Below these sizes the view drops the charts and shows the status as one
// or two lines over the request list.
const (
	minWideWidth  = 60
	minWideHeight = 18
)

// geometry is where the parts go at the view's size.
type geometry struct {
	wide    bool
	topH    int // the status and chart band, wide only
	statusW int // the status box's width, wide only
	lines   int // status lines above the list, compact only
}

func (m Model) geometry() geometry {
	if m.width >= minWideWidth && m.height >= minWideHeight {
		return geometry{
			wide:    true,
			topH:    clamp(m.height*2/5, 8, 16),
			statusW: clamp(m.width/3, 26, 44),
		}
	}
	return geometry{lines: min(len(m.compactStatus()), max(m.height-3, 1))}
}

// layout hands the parts their sizes.
func (m *Model) layout() {
	g := m.geometry()
	m.request.SetSize(m.width-2, m.height-2)
	if g.wide {
		m.metrics.SetSize(m.width-g.statusW-2, g.topH-2)
		m.logs.SetSize(m.width-2, m.height-g.topH-2)
		return
	}
	m.metrics.SetSize(0, 0)
	m.logs.SetSize(m.width-2, m.height-g.lines-2)
}

// View draws the view in exactly its size.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.showRequest {
		return theme.Box(m.st, m.request.Title(), m.request.View(), m.width, m.height, true)
	}

	g := m.geometry()
	logsHeading, logsStatus := m.logs.TitleParts()
	var top string
	if g.wide {
		status := theme.Box(m.st, "Status", strings.Join(m.statusLines(g.statusW-2), "\n"),
			g.statusW, g.topH, false)
		charts := theme.Box(m.st, m.metrics.Title(), m.metrics.View(),
			m.width-g.statusW, g.topH, false)
		top = lipgloss.JoinHorizontal(lipgloss.Top, status, charts)
	} else {
		top = theme.FitBlock(strings.Join(m.compactStatus(), "\n"), m.width, g.lines)
	}

	list := theme.BoxStatus(m.st, logsHeading, logsStatus, m.logs.View(), m.width,
		m.height-lipgloss.Height(top), m.focused)
	return theme.FitBlock(top+"\n"+list, m.width, m.height)
}

// statusLines is the status block: status, runtime, URL, last change, the
// function's error and a failing status fetch, each fitted to width.
func (m Model) statusLines(width int) []string {
	d := m.st.Detail
	s := m.currentStatus()
	lines := []string{m.statusWord(s)}
	add := func(label, value string, style lipgloss.Style) {
		if value != "" {
			lines = append(lines, d.Label.Render(pad(label, 8))+style.Render(
				model.Truncate(value, width-8)))
		}
	}

	add("runtime", model.Sanitize(m.function.Runtime), d.Value)
	add("url", model.Sanitize(m.status.URL), d.URL)
	if !m.function.UpdatedAt.IsZero() && !m.now.IsZero() {
		add("changed", model.FormatRelative(m.function.UpdatedAt, m.now), d.Value)
	}
	if why := m.functionError(); why != "" {
		lines = append(lines, d.Label.Render("error"))
		for _, part := range wrap(why, max(width-2, 1), 4) {
			lines = append(lines, "  "+d.Error.Render(part))
		}
	}
	if text := m.fetchError(); text != "" {
		lines = append(lines, m.st.Warn.Render(model.Truncate(text, width)))
	}
	return lines
}

// compactStatus is the status in one line, with a second for an error.
func (m Model) compactStatus() []string {
	d := m.st.Detail
	parts := []string{m.statusWord(m.currentStatus())}
	if rt := model.Sanitize(m.function.Runtime); rt != "" {
		parts = append(parts, d.Value.Render(rt))
	}
	if url := model.Sanitize(m.status.URL); url != "" {
		parts = append(parts, d.URL.Render(url))
	}
	lines := []string{strings.Join(parts, d.Label.Render(" · "))}
	if why := m.functionError(); why != "" {
		lines = append(lines, d.Error.Render("error: "+why))
	} else if text := m.fetchError(); text != "" {
		lines = append(lines, m.st.Warn.Render(text))
	}
	return lines
}

// statusWord is the status as a symbol and a word, so it reads without
// colour: "● Running".
func (m Model) statusWord(s api.Status) string {
	if s == "" {
		return m.st.Faint.Render("? status unknown")
	}
	return m.st.Status(s).Render(theme.StatusSymbol(s) + " " + model.Sanitize(string(s)))
}

// functionError is the error the status endpoint gave, sanitized.
func (m Model) functionError() string {
	if !m.hasStatus {
		return ""
	}
	return model.SanitizeLimit(m.status.Error, 2<<10)
}

// fetchError says that the status could not be fetched and when the next
// try is.
func (m Model) fetchError() string {
	if m.statusErr == nil {
		return ""
	}
	text := "status failing: " + model.Sanitize(m.statusErr.Error())
	if !m.retryAt.IsZero() && m.retryAt.After(m.now) {
		text += fmt.Sprintf(" · retry in %s", m.retryAt.Sub(m.now).Round(time.Second))
	}
	return text
}

// wrap cuts sanitized text into at most n lines of width cells, at spaces
// where it can, the last one ending in "…" when text was left over.
func wrap(text string, width, n int) []string {
	lines := strings.Split(ansi.Wrap(text, width, ""), "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = model.Truncate(lines[n-1], width-1) + "…"
	}
	return lines
}

func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
