package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Painter draws one-line text in a style for the price of two string
// joins. It asks lipgloss once, when made, how the style opens and closes a
// run of text under the colour profile in force, so that the profile, and
// NO_COLOR, still decide everything; styles that change more than the
// text's attributes (width, padding, margins, borders, underlined or struck
// spaces, transforms) and text with line breaks or tabs go through
// Style.Render as before. Make painters after the colour profile is set:
// when a pane is built, not at package init.
type Painter struct {
	style          lipgloss.Style
	prefix, suffix string
	slow           bool
}

// probe is the text a painter renders to learn the style's sequences.
const probe = "x"

// NewPainter returns a painter for s.
func NewPainter(s lipgloss.Style) Painter {
	p := Painter{style: s}
	if !simple(s) {
		p.slow = true
		return p
	}

	out := s.Render(probe)
	i := strings.Index(out, probe)
	if i < 0 {
		p.slow = true
		return p
	}
	p.prefix, p.suffix = out[:i], out[i+len(probe):]
	return p
}

// simple reports whether rendering s only wraps text in sequences.
func simple(s lipgloss.Style) bool {
	return !s.GetUnderline() && !s.GetStrikethrough() && !s.GetUnderlineSpaces() &&
		!s.GetStrikethroughSpaces() && s.GetTransform() == nil &&
		s.GetWidth() == 0 && s.GetHeight() == 0 && s.GetMaxWidth() == 0 &&
		s.GetMaxHeight() == 0 && s.GetHorizontalFrameSize() == 0 &&
		s.GetVerticalFrameSize() == 0 && !s.GetInline()
}

// Paint returns text drawn in the painter's style.
func (p Painter) Paint(text string) string {
	if p.slow || strings.ContainsAny(text, "\n\t") {
		return p.style.Render(text)
	}
	if p.prefix == "" && p.suffix == "" {
		return text
	}
	return p.prefix + text + p.suffix
}

// Style returns the style the painter draws in.
func (p Painter) Style() lipgloss.Style { return p.style }
