// Package help draws the footer, one line of the keys that work where the
// user is, and the full help overlay listing every key of every pane. Both
// are built from the same keymaps (bubbles/key bindings), so they never
// disagree with what the keys do.
package help

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/theme"
)

// Section is one titled group of keys in the full help overlay.
type Section struct {
	Title    string
	Bindings []key.Binding
}

// Model is the footer or, once ShowAll(true), the full help overlay.
type Model struct {
	st      *theme.Styles
	keyInk  theme.Painter
	descInk theme.Painter
	keys    KeyMap
	width   int
	height  int

	short    []key.Binding
	global   []key.Binding
	sections []Section
	message  string
	showAll  bool
	offset   int // first overlay line shown
}

// New returns a footer with no keys.
func New(st *theme.Styles) Model {
	return Model{st: st, keys: DefaultKeyMap(),
		keyInk: theme.NewPainter(st.Help.Key), descInk: theme.NewPainter(st.Help.Desc)}
}

// KeyMap returns the overlay's keymap.
func (m Model) KeyMap() KeyMap { return m.keys }

// SetShortHelp sets the keys the footer lists, most useful first; the
// disabled ones are left out and the last ones dropped when the line is full.
func (m *Model) SetShortHelp(bindings []key.Binding) { m.short = bindings }

// SetGlobalHelp sets the keys that work everywhere (help, quit), which the
// footer keeps at its end while they fit, dropping the pane's keys first.
func (m *Model) SetGlobalHelp(bindings []key.Binding) { m.global = bindings }

// SetSections sets the groups of keys the overlay lists.
func (m *Model) SetSections(sections []Section) { m.sections = sections }

// SetMessage sets a note the footer shows before the keys (empty clears
// it). The text must already be safe to draw.
func (m *Model) SetMessage(text string) { m.message = text }

// ShowAll opens (true) or closes the full help overlay.
func (m *Model) ShowAll(show bool) {
	m.showAll = show
	m.offset = 0
}

// Showing reports whether the full help overlay is open.
func (m Model) Showing() bool { return m.showAll }

// SetSize sets the cells the footer or overlay fills.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.clampOffset()
}

// Title returns the overlay's box title.
func (m Model) Title() string { return "Keys" }

// Update scrolls and closes the overlay; the footer takes no keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.showAll {
		return m, nil
	}

	page := max(m.height-3, 1)
	switch {
	case key.Matches(k, m.keys.Close):
		m.ShowAll(false)
	case key.Matches(k, m.keys.Up):
		m.offset--
	case key.Matches(k, m.keys.Down):
		m.offset++
	case key.Matches(k, m.keys.PageUp):
		m.offset -= page
	case key.Matches(k, m.keys.PageDown):
		m.offset += page
	}
	m.clampOffset()
	return m, nil
}

func (m *Model) clampOffset() {
	maxOffset := max(len(m.overlayLines())-max(m.height-2, 0), 0)
	m.offset = min(max(m.offset, 0), maxOffset)
}

// View draws the footer, or the overlay when it is open, in exactly
// width×height cells.
func (m Model) View() string {
	if m.showAll {
		return m.overlay()
	}
	return theme.FitBlock(m.footer(), m.width, m.height)
}

// footer is one line: the message, then as many of the pane's keys as fit
// beside the global ones, then the global ones.
func (m Model) footer() string {
	var b strings.Builder
	used := 0
	if m.message != "" {
		msg := ansi.Truncate(m.message, m.width, "…")
		b.WriteString(m.st.Help.Message.Render(" "+msg) + " ")
		used = ansi.StringWidth(msg) + 2
	}

	global := entries(m.global)
	reserve := 0
	for _, e := range global {
		reserve += e.width
	}
	for _, e := range entries(m.short) {
		if used+e.width+reserve > m.width {
			break
		}
		b.WriteString(m.entry(e))
		used += e.width
	}
	for _, e := range global {
		if used+e.width > m.width {
			break
		}
		b.WriteString(m.entry(e))
		used += e.width
	}
	return b.String()
}

// footerEntry is one key of the footer and the cells it takes.
type footerEntry struct {
	help  key.Help
	width int
}

// entries keeps the enabled bindings that have help.
func entries(bindings []key.Binding) []footerEntry {
	out := make([]footerEntry, 0, len(bindings))
	for _, kb := range bindings {
		h := kb.Help()
		if !kb.Enabled() || h.Key == "" {
			continue
		}
		width := 1 + ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc) + 1
		out = append(out, footerEntry{h, width})
	}
	return out
}

func (m Model) entry(e footerEntry) string {
	return " " + m.keyInk.Paint(e.help.Key) + " " + m.descInk.Paint(e.help.Desc) + " "
}
