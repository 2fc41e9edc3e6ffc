package help

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/theme"
)

// gap is the space between sections side by side.
const gap = 3

// overlay draws every section in a box, sections side by side while they
// fit and in further shelves below, scrolled to the offset.
func (m Model) overlay() string {
	lines := m.overlayLines()
	inner := max(m.height-2, 0)
	end := min(m.offset+inner, len(lines))
	shown := lines[min(m.offset, end):end]

	closeKey, scrollKeys := m.keys.titleKeys()
	title := m.Title() + " · " + closeKey + " to close"
	if len(lines) > inner && inner > 0 {
		title += " · " + scrollKeys + " scroll"
	}
	return theme.Box(m.st, title, strings.Join(shown, "\n"), m.width, m.height, true)
}

// overlayLines lays the sections out for the overlay's inside width.
func (m Model) overlayLines() []string {
	width := max(m.width-2, 1)
	var lines, shelf []string
	shelfWidth := 0
	for _, sec := range m.sections {
		block, w := m.section(sec, width)
		if len(block) == 0 {
			continue
		}
		if shelf != nil && shelfWidth+gap+w > width {
			lines = append(append(lines, shelf...), "")
			shelf, shelfWidth = nil, 0
		}
		if shelf == nil {
			shelf, shelfWidth = block, w
			continue
		}
		shelf = beside(shelf, shelfWidth, block)
		shelfWidth += gap + w
	}
	return append(lines, shelf...)
}

// section draws one section's title and keys, each line padded to the
// section's width, which it returns too.
func (m Model) section(sec Section, maxWidth int) ([]string, int) {
	keyWidth, descWidth := 0, 0
	for _, kb := range sec.Bindings {
		if kb.Enabled() && kb.Help().Key != "" {
			keyWidth = max(keyWidth, ansi.StringWidth(kb.Help().Key))
			descWidth = max(descWidth, ansi.StringWidth(kb.Help().Desc))
		}
	}
	if keyWidth == 0 {
		return nil, 0
	}
	width := min(max(keyWidth+2+descWidth, ansi.StringWidth(sec.Title)), maxWidth)

	lines := []string{theme.FitLine(m.st.Help.Title.Render(sec.Title), width)}
	for _, kb := range sec.Bindings {
		if !kb.Enabled() || kb.Help().Key == "" {
			continue
		}
		h := kb.Help()
		k := m.st.Help.Key.Render(h.Key) + strings.Repeat(" ", keyWidth-ansi.StringWidth(h.Key)+2)
		lines = append(lines, theme.FitLine(k+m.st.Help.Desc.Render(h.Desc), width))
	}
	return lines, width
}

// beside puts block to the right of shelf (whose lines are shelfWidth
// wide), padding whichever is shorter.
func beside(shelf []string, shelfWidth int, block []string) []string {
	n := max(len(shelf), len(block))
	out := make([]string, n)
	pad := strings.Repeat(" ", gap)
	for i := range n {
		left := strings.Repeat(" ", shelfWidth)
		if i < len(shelf) {
			left = shelf[i]
		}
		right := ""
		if i < len(block) {
			right = block[i]
		}
		out[i] = left + pad + right
	}
	return out
}
