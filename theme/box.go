package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// The borders of boxes: thin for a pane at rest, heavy for the focused one,
// so focus reads without colour.
var (
	restBorder  = lipgloss.NormalBorder()
	focusBorder = lipgloss.ThickBorder()
)

// Box draws body in a bordered box of exactly w×h cells with title in the
// top border. The title is cut with "…" to fit; body lines are clipped to
// the inside width and the body is cut or padded to the inside height. A
// focused box has a heavy border and an accented title, in the Box styles
// as New built them. Below 2×2 there is
// no room for a border: the title and body are clipped to w×h instead. A w
// or h of zero or less gives "".
func Box(st *Styles, title, body string, w, h int, focused bool) string {
	return BoxStatus(st, title, "", body, w, h, focused)
}

// BoxStatus is Box with status drawn at the right end of the top border
// (e.g. "● live · 1,204 kept"). The status is dropped when the title and
// status together would not fit; the title always wins.
func BoxStatus(st *Styles, title, status, body string, w, h int, focused bool) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < 2 || h < 2 {
		return tinyBox(title, body, w, h)
	}

	border, borderStyle, titleStyle := restBorder, st.box.border, st.box.title
	if focused {
		border, borderStyle, titleStyle = focusBorder, st.box.borderFocused, st.box.titleFocused
	}

	var b strings.Builder
	b.Grow((w + 2) * h * 3)
	b.WriteString(topBorder(st, border, borderStyle, titleStyle, title, status, w))

	left := borderStyle.Paint(border.Left)
	right := borderStyle.Paint(border.Right)
	inner := w - 2
	lines := splitLines(body, h-2)
	for i := 0; i < h-2; i++ {
		b.WriteByte('\n')
		b.WriteString(left)
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(FitLine(line, inner))
		b.WriteString(right)
	}

	b.WriteByte('\n')
	bottom := border.BottomLeft + strings.Repeat(border.Bottom, inner) + border.BottomRight
	b.WriteString(borderStyle.Paint(bottom))
	return b.String()
}

// topBorder draws "┌ title ──── status ┐" exactly w cells wide.
func topBorder(st *Styles, border lipgloss.Border, borderStyle, titleStyle Painter,
	title, status string, w int) string {
	inner := w - 2
	titleText := ""
	if title != "" && inner >= 3 {
		titleText = " " + ansi.Truncate(title, inner-2, "…") + " "
	}
	used := Width(titleText)

	statusText := ""
	if status != "" {
		s := " " + status + " "
		if used+Width(s)+1 <= inner {
			statusText = s
		}
	}
	fill := inner - used - Width(statusText)

	var b strings.Builder
	b.WriteString(borderStyle.Paint(border.TopLeft))
	if titleText != "" {
		b.WriteString(titleStyle.Paint(titleText))
	}
	b.WriteString(borderStyle.Paint(strings.Repeat(border.Top, fill)))
	if statusText != "" {
		b.WriteString(st.box.status.Paint(statusText))
	}
	b.WriteString(borderStyle.Paint(border.TopRight))
	return b.String()
}

// tinyBox is what a box degrades to when a border does not fit.
func tinyBox(title, body string, w, h int) string {
	all := body
	if title != "" {
		all = title + "\n" + body
	}
	return FitBlock(all, w, h)
}

// FitLine clips s (which may hold styles) to w cells and pads it with
// spaces to exactly w cells. A w of zero or less gives "".
func FitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := Width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "")
		sw = Width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// FitBlock clips or pads s to exactly w×h cells: lines past h are dropped,
// missing lines are blank, every line is fitted with FitLine. A w or h of
// zero or less gives "".
func FitBlock(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := splitLines(s, h)
	var b strings.Builder
	b.Grow((w + 1) * h)
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(FitLine(line, w))
	}
	return b.String()
}

// splitLines splits s into at most n lines without splitting the rest.
func splitLines(s string, n int) []string {
	if s == "" || n <= 0 {
		return nil
	}
	parts := strings.SplitN(s, "\n", n+1)
	if len(parts) > n {
		parts = parts[:n]
	}
	return parts
}
