package bind

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model/settings"
)

// TestKeyNamesAreTheTerminalLibrarys checks the names settings accepts
// against the terminal library's own: a name it lacks could never be
// pressed, and one it has that settings lacks could not be bound.
func TestKeyNamesAreTheTerminalLibrarys(t *testing.T) {
	var library []string
	for kt := tea.KeyType(-256); kt <= 256; kt++ {
		name := kt.String()
		if name != "" && kt != tea.KeyRunes && kt != tea.KeySpace &&
			!slices.Contains(library, name) {
			library = append(library, name)
		}
	}
	ours := settings.KeyNames()
	slices.Sort(library)
	slices.Sort(ours)
	if !slices.Equal(library, ours) {
		t.Errorf("settings.KeyNames\n%q\nthe terminal library's names\n%q", ours, library)
	}
}

func TestMsgSendsTheKeyNamed(t *testing.T) {
	keys := append(settings.KeyNames(), "q", "G", "?", " ", "space", "é", "alt+x", "alt+up",
		"alt+space", "alt+enter")
	for _, k := range keys {
		msg, ok := Msg(k)
		if !ok || msg.String() != settings.NormalizeKey(k) {
			t.Errorf("Msg(%q) = %q, %v; want a message that reads %q", k, msg, ok,
				settings.NormalizeKey(k))
		}
		if !key.Matches(msg, key.NewBinding(key.WithKeys(settings.NormalizeKey(k)))) {
			t.Errorf("Msg(%q) does not match a binding of that key", k)
		}
	}
	for _, k := range []string{"", "ab", "ctrl+i", "Enter", "alt+", "runes", "\t"} {
		if msg, ok := Msg(k); ok {
			t.Errorf("Msg(%q) = %q, true; want false: no key sends it", k, msg)
		}
	}
}

func TestBindingHelp(t *testing.T) {
	tests := []struct {
		name     string
		bindings map[string][]string
		action   string
		keys     []string
		help     key.Help
	}{
		{"default keys listed", nil, "functions.up", []string{"up", "k"},
			key.Help{Key: "↑/k", Desc: "up"}},
		{"default keys named shorter", nil, "functions.pageUp", []string{"pgup", "ctrl+u"},
			key.Help{Key: "pgup", Desc: "page up"}},
		{"space bar", nil, "logs.pause", []string{" "}, key.Help{Key: "space", Desc: "pause"}},
		{"default help of a pair", nil, "logs.nextMatch", []string{"n"},
			key.Help{Key: "n/N", Desc: "next/prev match"}},
		{"rebound", map[string][]string{"logs.pause": {"p"}}, "logs.pause", []string{"p"},
			key.Help{Key: "p", Desc: "pause"}},
		{"rebound away from a pair's help", map[string][]string{"logs.nextMatch": {"x"}},
			"logs.nextMatch", []string{"x"}, key.Help{Key: "x", Desc: "next match"}},
		{"rebound to several", map[string][]string{"functions.pageUp": {"pgup", "b", "u"}},
			"functions.pageUp", []string{"pgup", "b", "u"},
			key.Help{Key: "pgup/b", Desc: "page up"}},
		{"named by the settings file", map[string][]string{"help.up": {"Space", "alt+up"}},
			"help.up", []string{" ", "alt+up"}, key.Help{Key: "space/alt+↑", Desc: "scroll up"}},
		{"bad keys left out", map[string][]string{"logs.wrap": {"ctrl+i", "W", "W", ""}},
			"logs.wrap", []string{"W"}, key.Help{Key: "W", Desc: "wrap"}},
		{"no usable key keeps the defaults", map[string][]string{"logs.wrap": {"wrap"}},
			"logs.wrap", []string{"w"}, key.Help{Key: "w", Desc: "wrap"}},
		{"empty keeps the defaults", map[string][]string{"logs.wrap": nil},
			"logs.wrap", []string{"w"}, key.Help{Key: "w", Desc: "wrap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(tt.bindings).Binding(tt.action)
			if !slices.Equal(b.Keys(), tt.keys) || b.Help() != tt.help || !b.Enabled() {
				t.Errorf("keys %q help %+v enabled %v; want %q %+v", b.Keys(), b.Help(),
					b.Enabled(), tt.keys, tt.help)
			}
		})
	}
}

func TestUnknownActions(t *testing.T) {
	table := New(map[string][]string{"logs.fly": {"x"}, "pause": {"x"}})
	if b := table.Binding("logs.fly"); b.Enabled() || key.Matches(tea.KeyMsg{
		Type: tea.KeyRunes, Runes: []rune("x")}, b) {
		t.Errorf("an unknown action gave a working binding %q", b.Keys())
	}
	if got := table.Keys("pause"); got != nil {
		t.Errorf("unknown action keys %q, want none", got)
	}
	if got := table.Keys("logs.pause"); !slices.Equal(got, []string{" "}) {
		t.Errorf("logs.pause %q changed by an unknown action", got)
	}
}

func TestTablesAreIndependent(t *testing.T) {
	a := Defaults()
	a.Keys("global.quit")[0] = "x"
	bindings := map[string][]string{"global.quit": {"ctrl+q"}}
	b := New(bindings)
	bindings["global.quit"][0] = "y"
	if got := a.Keys("global.quit"); !slices.Equal(got, []string{"q"}) {
		t.Errorf("changing returned keys changed the table: %q", got)
	}
	if got := b.Keys("global.quit"); !slices.Equal(got, []string{"ctrl+q"}) {
		t.Errorf("changing the settings changed the table: %q", got)
	}
}
