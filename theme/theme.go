// Package theme holds every colour and style sinchtop draws with. A theme is
// a palette of semantically named colours (text, faint, accent, ok, warn,
// error, border, focused border, selection); New turns one into a Styles
// value, grouped by pane, that is built once and handed down to every pane.
//
// The colour profile is left to lipgloss and termenv, which read it from the
// environment and honour NO_COLOR; nothing here writes escape sequences.
package theme

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// The theme names New accepts.
const (
	NameAuto         = "auto"
	NameDark         = "dark"
	NameLight        = "light"
	NameHighContrast = "high-contrast"
	NameNone         = "none"
)

// Names lists the theme names New accepts, in the order help shows them.
func Names() []string {
	return []string{NameAuto, NameDark, NameLight, NameHighContrast, NameNone}
}

// Options chooses a theme.
type Options struct {
	// Name is one of Names(); empty means "auto", which adapts every colour
	// to the terminal's background.
	Name string
}

// Palette is a theme's semantic colours. Every style in Styles is built
// from these, so a theme is fully described by its palette.
type Palette struct {
	Text          lipgloss.TerminalColor
	Faint         lipgloss.TerminalColor
	Accent        lipgloss.TerminalColor
	OK            lipgloss.TerminalColor
	Warn          lipgloss.TerminalColor
	Error         lipgloss.TerminalColor
	Border        lipgloss.TerminalColor
	BorderFocused lipgloss.TerminalColor
	Selection     lipgloss.TerminalColor // background of the selected row
	SelectionText lipgloss.TerminalColor // text on the selected row

	// Functions are the colours that tell functions apart in merged tails.
	Functions []lipgloss.TerminalColor
}

// Validate reports whether name is a theme New accepts, with an error that
// names the accepted values when it is not.
func Validate(name string) error {
	if name == "" || slices.Contains(Names(), name) {
		return nil
	}
	return fmt.Errorf("unknown theme %q: want one of %s", name, strings.Join(Names(), ", "))
}

// New builds the styles of the named theme. An unknown name falls back to
// "auto"; call Validate first to report it.
func New(opts Options) *Styles {
	p := paletteFor(opts.Name)
	name := opts.Name
	if Validate(name) != nil || name == "" {
		name = NameAuto
	}
	return build(name, p)
}

func paletteFor(name string) Palette {
	switch name {
	case NameDark:
		return darkPalette()
	case NameLight:
		return lightPalette()
	case NameHighContrast:
		return highContrastPalette()
	case NameNone:
		return nonePalette()
	}
	return autoPalette()
}

func adaptive(light, dark string) lipgloss.AdaptiveColor {
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}

// autoPalette pairs each dark colour with its light counterpart.
func autoPalette() Palette {
	d, l := darkPalette(), lightPalette()
	pick := func(a, b lipgloss.TerminalColor) lipgloss.TerminalColor {
		return adaptive(string(b.(lipgloss.Color)), string(a.(lipgloss.Color)))
	}
	p := Palette{
		Text:          pick(d.Text, l.Text),
		Faint:         pick(d.Faint, l.Faint),
		Accent:        pick(d.Accent, l.Accent),
		OK:            pick(d.OK, l.OK),
		Warn:          pick(d.Warn, l.Warn),
		Error:         pick(d.Error, l.Error),
		Border:        pick(d.Border, l.Border),
		BorderFocused: pick(d.BorderFocused, l.BorderFocused),
		Selection:     pick(d.Selection, l.Selection),
		SelectionText: pick(d.SelectionText, l.SelectionText),
	}
	for i := range d.Functions {
		p.Functions = append(p.Functions, pick(d.Functions[i], l.Functions[i]))
	}
	return p
}

func darkPalette() Palette {
	return Palette{
		Text:          lipgloss.Color("#D8DEE9"),
		Faint:         lipgloss.Color("#7B8494"),
		Accent:        lipgloss.Color("#7AA2F7"),
		OK:            lipgloss.Color("#73C991"),
		Warn:          lipgloss.Color("#E5C07B"),
		Error:         lipgloss.Color("#F7768E"),
		Border:        lipgloss.Color("#4C566A"),
		BorderFocused: lipgloss.Color("#7AA2F7"),
		Selection:     lipgloss.Color("#2E3A59"),
		SelectionText: lipgloss.Color("#FFFFFF"),
		Functions: colors("#7AA2F7", "#73C991", "#E5C07B", "#BB9AF7",
			"#7DCFFF", "#FF9E64", "#F7768E", "#C0CAF5"),
	}
}

func lightPalette() Palette {
	return Palette{
		Text:          lipgloss.Color("#24292F"),
		Faint:         lipgloss.Color("#6E7781"),
		Accent:        lipgloss.Color("#0550AE"),
		OK:            lipgloss.Color("#1A7F37"),
		Warn:          lipgloss.Color("#9A6700"),
		Error:         lipgloss.Color("#CF222E"),
		Border:        lipgloss.Color("#D0D7DE"),
		BorderFocused: lipgloss.Color("#0550AE"),
		Selection:     lipgloss.Color("#DDF4FF"),
		SelectionText: lipgloss.Color("#000000"),
		Functions: colors("#0550AE", "#1A7F37", "#9A6700", "#8250DF",
			"#0E7490", "#BC4C00", "#CF222E", "#57606A"),
	}
}

// highContrastPalette uses the 16 basic ANSI colours, which every terminal
// maps to its own readable choices.
func highContrastPalette() Palette {
	return Palette{
		Text:          lipgloss.Color("15"),
		Faint:         lipgloss.Color("7"),
		Accent:        lipgloss.Color("14"),
		OK:            lipgloss.Color("10"),
		Warn:          lipgloss.Color("11"),
		Error:         lipgloss.Color("9"),
		Border:        lipgloss.Color("7"),
		BorderFocused: lipgloss.Color("11"),
		Selection:     lipgloss.Color("4"),
		SelectionText: lipgloss.Color("15"),
		Functions:     colors("14", "10", "11", "13", "12", "9", "15", "6"),
	}
}

// nonePalette draws without colour: selection and focus show through
// attributes (reverse, bold) and glyphs alone.
func nonePalette() Palette {
	none := lipgloss.NoColor{}
	return Palette{
		Text: none, Faint: none, Accent: none, OK: none, Warn: none, Error: none,
		Border: none, BorderFocused: none, Selection: none, SelectionText: none,
		Functions: []lipgloss.TerminalColor{none},
	}
}

func colors(hex ...string) []lipgloss.TerminalColor {
	out := make([]lipgloss.TerminalColor, len(hex))
	for i, h := range hex {
		out[i] = lipgloss.Color(h)
	}
	return out
}
