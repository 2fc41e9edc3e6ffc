package logs

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// attackMessages are console lines that try to act on the terminal, each
// with harmless words around the attack that must still be shown.
var attackMessages = []struct{ name, message, visible string }{
	{"cursor movement", "before" + uitest.ClearScreen + "\x1b[10;10Hafter", "before"},
	{"clipboard write", "copy" + uitest.ClipboardWrite + "done", "copy"},
	{"clipboard write ST", "copy\x1b]52;p;ZWNobw==\x1b\\done", "copy"},
	{"title change", "title" + uitest.TitleBEL + "set", "title"},
	{"title change ST", "title" + uitest.TitleST + "set", "title"},
	{"hyperlink", "see \x1b]8;;https://evil.example/\x1b\\the docs\x1b]8;;\x1b\\ now", "see"},
	{"device control", "dcs\x1bP+q544e\x1b\\end", "dcs"},
	{"eight-bit CSI", "c1" + uitest.EightBitCSI + "end", "c1"},
	{"colour reset", "\x1b[0m\x1b[8mhidden\x1b[28m", "hidden"},
	{"carriage return", "shown\rHIDDEN", "shown"},
	{"backspace and bell", "bell\a\b\b\bend", "bell"},
	{"invalid UTF-8", "bytes " + uitest.BadUTF8 + " end", "bytes"},
	{"bidi override", "bidi " + uitest.BidiOverride + " end", "bidi"},
	{"NUL", "nul\x00end", "nul"},
	{"10 MiB line", uitest.HugeLine(), "huge"},
}

// attackRequests is one request per attack; the hostile text is also in
// the URL and the level, which the pane draws too.
func attackRequests() []api.Request {
	start := base
	out := make([]api.Request, 0, len(attackMessages))
	for i, a := range attackMessages {
		at := start.Add(time.Duration(i) * time.Second)
		out = append(out, api.Request{
			ID:         fmt.Sprintf("attack-%02d", i),
			HTTPMethod: "POST\x1b[2J",
			URL: "https://fn.example.com/p\x1b]0;t\x07ath\xff?q=" +
				a.message[:min(len(a.message), 40)],
			StatusCode: 200 + i,
			StartTime:  at,
			EndTime:    at.Add(time.Millisecond),
			Logs: []api.LogLine{
				{Level: api.Level("Info\x1b[31m"), Message: a.message, Timestamp: at},
				{Level: api.LevelError, Message: "second " + a.message, Timestamp: at},
			},
		})
	}
	return out
}

// TestAttackMessagesRenderSafely draws a tail of hostile console lines with
// colour on, at several sizes, in every mode that changes how a row is
// drawn (selected, wrapped, searched, timestamps off), and checks that every
// frame holds only colour sequences, fills its exact size and still shows
// the harmless words around each attack.
func TestAttackMessagesRenderSafely(t *testing.T) {
	st := uitest.WithColour(t)
	buf := model.NewLogBuffer(model.Limits{})
	if n := buf.AppendLive(attackRequests()); n != len(attackMessages) {
		t.Fatalf("the buffer kept %d of %d hostile requests", n, len(attackMessages))
	}

	modes := []struct {
		name string
		keys []tea.KeyMsg
	}{
		{"tail", nil},
		{"oldest selected", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("g")}}},
		{"wrapped", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("w")}}},
		{"no timestamps", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("t")}}},
		{"searched", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("/")},
			{Type: tea.KeyRunes, Runes: []rune("pwned")}, {Type: tea.KeyEnter}}},
	}
	sizes := [][2]int{{160, 40}, {80, 20}, {30, 6}, {1, 1}}
	for _, mode := range modes {
		for _, size := range sizes {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s_%dx%d", mode.name, w, h), func(t *testing.T) {
				m := New(st)
				m.SetBuffer("fn-1", "ivr-\x1b]0;x\x07handler", buf)
				m.SetNow(now)
				m.SetSize(w, h)
				m.Focus()
				for _, k := range mode.keys {
					m, _ = m.Update(k)
				}
				uitest.CheckFrame(t, m.View(), w, h)
				uitest.CheckFrame(t, theme.Box(st, m.Title(), m.View(), w+2, h+2, true), w+2, h+2)
			})
		}
	}

	t.Run("harmless words shown", func(t *testing.T) {
		m := New(st)
		m.SetBuffer("fn-1", "ivr-handler", buf)
		m.SetNow(now)
		m.SetSize(200, len(attackMessages)+4)
		m.Focus()
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
		view := m.View()
		if !strings.Contains(view, "\x1b[") {
			t.Fatal("no colour drawn: the frames above prove nothing about escapes")
		}
		plain := ansi.Strip(view)
		for _, a := range attackMessages {
			if !strings.Contains(plain, a.visible) {
				t.Errorf("%s: %q is not shown:\n%s", a.name, a.visible, plain)
			}
		}
	})
}

// TestAttackFunctionNamesInMergedTail pins functions whose names carry
// escape sequences: the merged tail names each function safely.
func TestAttackFunctionNamesInMergedTail(t *testing.T) {
	st := uitest.WithColour(t)
	var pinned []model.Pinned
	for i, name := range []string{"a\x1b]0;t\x07b", "\x1b[2Jclear", "bidi\u202eeman", "\xff\xfe"} {
		buf := model.NewLogBuffer(model.Limits{})
		reqs := attackRequests()
		for j := range reqs {
			reqs[j].ID = fmt.Sprintf("fn%d-%s", i, reqs[j].ID)
		}
		buf.AppendLive(reqs)
		pinned = append(pinned, model.Pinned{FunctionID: fmt.Sprintf("fn-%d", i),
			FunctionName: name, Buffer: buf})
	}

	m := New(st)
	if err := m.SetPinned(pinned); err != nil {
		t.Fatalf("SetPinned: %v", err)
	}
	m.SetNow(now)
	for _, size := range [][2]int{{140, 30}, {50, 10}} {
		w, h := size[0], size[1]
		m.SetSize(w, h)
		uitest.CheckFrame(t, m.View(), w, h)
		uitest.CheckFrame(t, theme.Box(st, m.Title(), m.View(), w+2, h+2, true), w+2, h+2)
	}
}
