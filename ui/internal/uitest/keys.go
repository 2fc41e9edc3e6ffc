package uitest

import tea "github.com/charmbracelet/bubbletea"

// Pane is a ui pane: its Update returns the pane it becomes.
type Pane[M any] interface {
	Update(msg tea.Msg) (M, tea.Cmd)
}

// Press sends keys to m in turn and returns the pane it becomes, with the
// message of every command the keys returned, each run at once.
func Press[M Pane[M]](m M, keys ...tea.KeyMsg) (M, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		if cmd != nil {
			msgs = append(msgs, cmd())
		}
	}
	return m, msgs
}

// keyNames are the keys a test may name instead of typing.
var keyNames = map[string]tea.KeyType{
	"up":        tea.KeyUp,
	"down":      tea.KeyDown,
	"pgup":      tea.KeyPgUp,
	"pgdown":    tea.KeyPgDown,
	"end":       tea.KeyEnd,
	"enter":     tea.KeyEnter,
	"esc":       tea.KeyEsc,
	"backspace": tea.KeyBackspace,
}

// Key returns the key a test names: up, down, pgup, pgdown, end, enter,
// esc, backspace, " " for the space bar, or else s typed at once.
func Key(s string) tea.KeyMsg {
	if s == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if t, ok := keyNames[s]; ok {
		return tea.KeyMsg{Type: t}
	}
	return Runes(s)
}

// Keys returns the Key of each name.
func Keys(names ...string) []tea.KeyMsg {
	keys := make([]tea.KeyMsg, len(names))
	for i, name := range names {
		keys[i] = Key(name)
	}
	return keys
}

// Runes returns the key message of s typed at once.
func Runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
