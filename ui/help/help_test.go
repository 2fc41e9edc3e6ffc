package help

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

func binding(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

var (
	paneKeys = []key.Binding{binding("enter", "open"), binding("/", "filter"),
		binding("s", "sort"), key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "hidden"),
			key.WithDisabled())}
	globalKeys = []key.Binding{binding("?", "help"), binding("q", "quit")}
	sections   = []Section{
		{"Everywhere", []key.Binding{binding("tab", "next pane"), binding("?", "help"),
			binding("q", "quit")}},
		{"Functions", []key.Binding{binding("enter", "open"), binding("/", "filter"),
			binding("s", "sort by next column"), binding("S", "reverse")}},
		{"Live requests", []key.Binding{binding("space", "pause"), binding("l", "level")}},
		{"Empty", nil},
	}
)

func model(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetShortHelp(paneKeys)
	m.SetGlobalHelp(globalKeys)
	m.SetSections(sections)
	m.SetSize(w, h)
	return m
}

func TestFooterGoldens(t *testing.T) {
	var out strings.Builder
	for _, w := range []int{80, 40, 20, 12, 3} {
		m := model(w, 1)
		fmt.Fprintf(&out, "%d\n%s|\n", w, m.View())
	}
	m := model(60, 1)
	m.SetMessage("copied as JSON")
	fmt.Fprintf(&out, "message\n%s|\n", m.View())
	uitest.Golden(t, "footer", out.String())
}

func TestFooterKeepsGlobalKeys(t *testing.T) {
	v := model(24, 1).View()
	if !strings.Contains(v, "? help") || !strings.Contains(v, "q quit") {
		t.Fatalf("a narrow footer lost the global keys: %q", v)
	}
	if strings.Contains(model(200, 1).View(), "hidden") {
		t.Fatal("the footer shows a disabled key")
	}
}

func TestOverlayGoldens(t *testing.T) {
	for _, size := range [][2]int{{100, 12}, {40, 20}, {40, 8}} {
		name := fmt.Sprintf("overlay_%dx%d", size[0], size[1])
		m := model(size[0], size[1])
		m.ShowAll(true)
		uitest.Golden(t, name, m.View())
	}
}

func TestOverlayScrollsAndCloses(t *testing.T) {
	m := model(40, 8)
	m.ShowAll(true)
	top := m.View()

	cases := []struct {
		name    string
		key     tea.KeyMsg
		offset  int
		showing bool
	}{
		{"down scrolls", tea.KeyMsg{Type: tea.KeyDown}, 1, true},
		{"j scrolls", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 2, true},
		{"up scrolls back", tea.KeyMsg{Type: tea.KeyUp}, 1, true},
		{"page down pages", tea.KeyMsg{Type: tea.KeyPgDown}, 6, true},
		{"page down stops at the end", tea.KeyMsg{Type: tea.KeyPgDown}, len(m.overlayLines()) - 6,
			true},
		{"esc closes", tea.KeyMsg{Type: tea.KeyEsc}, 0, false},
	}
	for _, tc := range cases {
		m, _ = m.Update(tc.key)
		if m.offset != tc.offset || m.Showing() != tc.showing {
			t.Fatalf("%s: offset %d showing %v, want %d %v", tc.name, m.offset, m.Showing(),
				tc.offset, tc.showing)
		}
	}
	m.ShowAll(true)
	if m.View() != top {
		t.Fatal("opening the overlay again does not start at the top")
	}
}

func TestEverySize(t *testing.T) {
	for _, all := range []bool{false, true} {
		t.Run(fmt.Sprintf("overlay_%v", all), func(t *testing.T) {
			uitest.EverySize(t, func(w, h int) string {
				m := model(w, h)
				m.SetMessage("a note far too long for a narrow footer")
				m.ShowAll(all)
				return m.View()
			})
		})
	}
}
