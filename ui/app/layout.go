package app

import (
	"slices"
	"strings"

	"github.com/sinchtop/sinchtop/theme"
)

// The smallest terminal that shows the whole overview; below it the panes
// are stacked and shown one at a time.
const (
	minFullWidth  = 80
	minFullHeight = 20
)

// rect is a region of the screen in cells.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// region is where one pane's box is drawn.
type region struct {
	pane paneID
	rect rect
}

// stacked reports whether the terminal is too small for the full layout.
func (m Model) stacked() bool {
	return m.width < minFullWidth || m.height < minFullHeight
}

// bodyRect is the screen between the header (and the alert banner) and
// the footer.
func (m Model) bodyRect() rect {
	top := min(1, m.height)
	if m.banner {
		top++
	}
	bottom := 0
	if m.height >= 2 {
		bottom = 1
	}
	return rect{0, top, m.width, max(m.height-top-bottom, 0)}
}

// regions lays the current level's panes out over the body.
func (m Model) regions() []region {
	body := m.bodyRect()
	if body.w <= 0 || body.h <= 0 {
		return nil
	}
	if m.stacked() || m.level != levelOverview {
		return []region{{m.focus, body}}
	}
	return m.overviewRegions(body)
}

// overviewRegions: functions on top, sized to the list up to 45% of the
// body; below, the live requests on the left, metrics over billing on the
// right.
func (m Model) overviewRegions(body rect) []region {
	rows := m.functions.Table().Total()
	fnH := min(max(rows+3, 6), max(body.h*45/100, 6))
	fnH = min(fnH, body.h)

	bottomH := body.h - fnH
	leftW := body.w - body.w*45/100
	metricsH := bottomH - bottomH*2/5
	y := body.y + fnH

	out := []region{{paneFunctions, rect{body.x, body.y, body.w, fnH}}}
	if bottomH <= 0 {
		return out
	}
	return append(out,
		region{paneLogs, rect{body.x, y, leftW, bottomH}},
		region{paneMetrics, rect{body.x + leftW, y, body.w - leftW, metricsH}},
		region{paneBilling, rect{body.x + leftW, y + metricsH, body.w - leftW, bottomH - metricsH}},
	)
}

// layoutPanes gives every pane the inside of its box and the header the
// name of the pane shown when stacked. It is called after every change of
// size, level, focus or function count.
func (m *Model) layoutPanes() {
	m.banner = m.bannerShown()
	m.header.SetSize(m.width, min(1, m.height))
	m.footer.SetSize(m.width, 1)
	body := m.bodyRect()
	m.overlay.SetSize(body.w, body.h)

	m.header.SetPane("")
	if m.stacked() && m.level == levelOverview {
		m.header.SetPane(m.stackedName())
	}
	for _, r := range m.regions() {
		w, h := max(r.rect.w-2, 0), max(r.rect.h-2, 0)
		switch r.pane {
		case paneFunctions:
			m.functions.SetSize(w, h)
		case paneLogs:
			m.logs.SetSize(w, h)
		case paneMetrics:
			m.metrics.SetSize(w, h)
		case paneBilling:
			m.billing.SetSize(w, h)
		case paneDetail:
			m.detail.SetSize(r.rect.w, r.rect.h) // it draws its own boxes
		}
	}
}

// View draws the whole screen in exactly width×height cells.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 || m.quitting {
		return ""
	}

	lines := make([]string, 0, m.height)
	lines = append(lines, m.header.View())
	if m.banner {
		lines = append(lines, m.st.Error.Render(theme.FitLine(m.bannerText(), m.width)))
	}
	body := m.bodyRect()
	if body.h > 0 {
		lines = append(lines, m.body(body)...)
	}
	if m.height >= 2 {
		lines = append(lines, m.footer.View())
	}
	return strings.Join(lines, "\n")
}

// body draws the panes, or the help overlay or a list over them.
func (m Model) body(body rect) []string {
	switch {
	case m.overlay.Showing():
		return strings.Split(m.overlay.View(), "\n")
	case m.alertList.open:
		return strings.Split(m.alertListView(body.w, body.h), "\n")
	case m.profileList.open:
		return strings.Split(m.profileListView(body.w, body.h), "\n")
	}

	regions := m.regions()
	boxes := make([][]string, len(regions))
	for i, r := range regions {
		boxes[i] = strings.Split(m.box(r), "\n")
	}

	out := make([]string, body.h)
	order := make([]int, 0, len(regions))
	for row := range body.h {
		y := body.y + row
		order = order[:0]
		for i, r := range regions {
			if y >= r.rect.y && y < r.rect.y+r.rect.h {
				order = append(order, i)
			}
		}
		slices.SortFunc(order, func(a, b int) int { return regions[a].rect.x - regions[b].rect.x })

		// The regions tile the body and every box is exactly its size, so
		// the pieces make a whole line.
		var b strings.Builder
		for _, i := range order {
			b.WriteString(boxes[i][y-regions[i].rect.y])
		}
		out[row] = b.String()
	}
	return out
}

// box draws one pane in its bordered box.
func (m Model) box(r region) string {
	focused := r.pane == m.focus
	w, h := r.rect.w, r.rect.h
	switch r.pane {
	case paneFunctions:
		return theme.Box(m.st, m.functions.Title(), m.functions.View(), w, h, focused)
	case paneLogs:
		heading, status := m.logs.TitleParts()
		return theme.BoxStatus(m.st, heading, status, m.logs.View(), w, h, focused)
	case paneMetrics:
		return theme.Box(m.st, m.metrics.Title(), m.metrics.View(), w, h, focused)
	case paneBilling:
		return theme.Box(m.st, m.billing.Title(), m.billing.View(), w, h, focused)
	case paneDetail:
		return m.detail.View()
	}
	return theme.FitBlock("", w, h)
}
