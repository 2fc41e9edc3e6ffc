// Package bind turns the settings file's key bindings into bubbles key
// bindings, whose help is each action's description. Every pane builds its
// keymap from a Table, so settings.KeyActions is the one place a default
// key is written, and a key rebound in the settings file changes both what
// the pane does and what its help shows.
package bind

import (
	"cmp"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model/settings"
)

// Table is every action's keys: the defaults, overlaid with the settings
// file's.
type Table struct {
	keys    map[string][]string
	actions map[string]settings.Action
}

// Defaults returns the table of default keys.
func Defaults() Table { return New(nil) }

// New returns the default keys overlaid with bindings (action name -> keys,
// as settings.File.Keys holds them). Unknown actions are left out, as are
// keys the terminal cannot send and keys listed twice; an action left with
// no key keeps its defaults. Keys that clash are not looked for here:
// settings.Load has already put back the defaults of those.
func New(bindings map[string][]string) Table {
	t := Table{keys: map[string][]string{}, actions: map[string]settings.Action{}}
	for _, a := range settings.KeyActions() {
		t.actions[a.Name] = a
		t.keys[a.Name] = a.Keys
	}

	for name, list := range bindings {
		if _, known := t.actions[name]; !known {
			continue
		}
		if usable := usableKeys(list); len(usable) > 0 {
			t.keys[name] = usable
		}
	}
	return t
}

// usableKeys returns the keys of list that can be bound, each once.
func usableKeys(list []string) []string {
	var out []string
	for _, k := range list {
		k = settings.NormalizeKey(k)
		if settings.CheckKey(k) == "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// Keys returns the keys bound to action, nil for an unknown action.
func (t Table) Keys(action string) []string {
	return slices.Clone(t.keys[action])
}

// Binding returns action's binding, its help being the action's
// description beside its keys. An unknown action gives a disabled binding,
// which matches no key and help leaves out.
func (t Table) Binding(action string) key.Binding {
	a, known := t.actions[action]
	if !known {
		return key.NewBinding(key.WithDisabled())
	}

	keys := t.Keys(action)
	label, desc := Label(keys), a.Description
	if slices.Equal(keys, a.Keys) {
		label = cmp.Or(a.HelpKeys, label)
		desc = cmp.Or(a.HelpDesc, desc)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, desc))
}

// Label names keys for help: the first two, joined by a slash, with arrows
// as arrows and the space bar as "space" ("↑/k", "space", "ctrl+r").
func Label(keys []string) string {
	names := make([]string, 0, 2)
	for _, k := range keys[:min(len(keys), 2)] {
		names = append(names, Name(k))
	}
	return strings.Join(names, "/")
}

// Name is how help writes one key: arrows as arrows, the space bar as
// "space", others by their names ("↑", "space", "ctrl+r", "q").
func Name(k string) string {
	rest, alt := strings.CutPrefix(k, "alt+")
	name := rest
	switch rest {
	case "up":
		name = "↑"
	case "down":
		name = "↓"
	case "left":
		name = "←"
	case "right":
		name = "→"
	case " ":
		name = "space"
	case "backspace":
		name = "⌫"
	case "pgdown":
		name = "pgdn"
	}
	if alt {
		return "alt+" + name
	}
	return name
}

// Msg returns the key message the terminal library sends for k, a key
// name as the settings file writes it ("q", "ctrl+r", "space", "alt+up"),
// and false when no key sends it.
func Msg(k string) (tea.KeyMsg, bool) {
	k = settings.NormalizeKey(k)
	rest, alt := strings.CutPrefix(k, "alt+")

	msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(rest), Alt: alt}
	if rest == " " {
		msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(rest), Alt: alt}
	}
	for t := tea.KeyType(-256); t <= 256; t++ {
		if t != tea.KeyRunes && t != tea.KeySpace && t.String() == rest {
			msg = tea.KeyMsg{Type: t, Alt: alt}
			break
		}
	}
	return msg, rest != "" && msg.String() == k && settings.CheckKey(k) == ""
}
