package theme

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestPainterMatchesRender checks that a painter draws exactly what
// Style.Render draws, under every colour profile and for every style of
// every theme, on text with and without spaces, breaks and tabs.
func TestPainterMatchesRender(t *testing.T) {
	defer lipgloss.SetColorProfile(termenv.Ascii)
	texts := []string{"", "ivr-handler", "two words", "● Running", "a\tb", "one\ntwo"}
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI, termenv.ANSI256,
		termenv.TrueColor} {
		lipgloss.SetColorProfile(profile)
		for _, name := range Names() {
			st := New(Options{Name: name})
			styles := []lipgloss.Style{st.Text, st.Faint, st.Selected, st.Bold,
				st.Functions.Heading, st.Logs.Match, st.Detail.URL, st.Logs.Marker,
				st.Status("Failed"), st.Box.TitleFocused,
				lipgloss.NewStyle().Padding(0, 1), lipgloss.NewStyle().Width(20)}
			for i, s := range styles {
				p := NewPainter(s)
				for _, text := range texts {
					if got, want := p.Paint(text), s.Render(text); got != want {
						t.Errorf("profile %d theme %s style %d: Paint(%q) = %q, Render = %q",
							profile, name, i, text, got, want)
					}
				}
			}
		}
	}
}

func BenchmarkPainter(b *testing.B) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	st := New(Options{Name: NameDark})
	p := NewPainter(st.Functions.Name)
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			st.Functions.Name.Render("ivr-handler")
		}
	})
	b.Run("paint", func(b *testing.B) {
		for b.Loop() {
			p.Paint("ivr-handler")
		}
	})
}
