package request

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// attackRequest is a request whose every text field tries to act on the
// terminal, with a 10 MiB console line and 100,000 console lines.
func attackRequest() api.Request {
	attacks := []string{
		"cursor " + uitest.ClearScreen + "\x1b[5;5H moved",
		"clipboard " + uitest.ClipboardWrite + " written",
		"title " + uitest.TitleBEL + " and " + uitest.TitleST + " changed",
		"link \x1b]8;;https://evil.example/\x1b\\docs\x1b]8;;\x1b\\ here",
		"c1 " + uitest.EightBitCSI + " and dcs \x1bP+q\x1b\\ done",
		"bytes " + uitest.BadUTF8 + " and bidi " + uitest.BidiOverride + " and nul \x00 end",
		"return\rHIDDEN and bell\a and backspace\b\b",
	}
	req := api.Request{
		ID:              "req-\x1b[31m-" + strings.Repeat("0123456789", 20),
		HTTPMethod:      "POST\x1b]0;t\x07",
		URL:             "https://fn.example.com/" + attacks[1] + "?" + attacks[0],
		StatusCode:      599,
		ExecutionTimeMs: 812.4,
		MemoryUsedMB:    70,
		StartTime:       start,
		EndTime:         start.Add(812 * time.Millisecond),
		RequestHeaders:  map[string]string{},
		ResponseHeaders: map[string]string{"Content-Type": "text/plain\x1b[2J"},
		RequestBody:     `{"a":"` + strings.Join(attacks, `","`) + `","b":"\u001b]52;c;eA==\u0007"}`,
		ResponseBody:    strings.Join(attacks, "\n"),
	}
	for i, a := range attacks {
		req.RequestHeaders[fmt.Sprintf("X-Attack-%d\x1b[2J", i)] = a
	}

	req.Logs = make([]api.LogLine, 0, 100_000)
	req.Logs = append(req.Logs, api.LogLine{Level: api.LevelInfo,
		Message: uitest.HugeLine(), Timestamp: start})
	for i := len(req.Logs); i < 100_000; i++ {
		req.Logs = append(req.Logs, api.LogLine{
			Level:     []api.Level{api.LevelInfo, "Notice\x1b[31m", api.LevelError}[i%3],
			Message:   attacks[i%len(attacks)],
			Timestamp: start.Add(time.Duration(i) * time.Millisecond),
		})
	}
	return req
}

// TestAttackRequestRendersSafely shows the hostile request with colour on
// at several widths and scrolls through it to the end: every frame holds
// only colour sequences and fills its exact size, and the pane says what it
// left out of the 100,000 console lines.
func TestAttackRequestRendersSafely(t *testing.T) {
	st := uitest.WithColour(t)
	req := attackRequest()
	sizes := [][2]int{{120, 40}, {80, 24}, {33, 9}, {1, 1}}
	for _, size := range sizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := New(st)
			m.SetNow(start)
			m.SetSize(w, h)
			m.SetRequest("fn-1", req)
			m.Focus()

			seen := strings.Builder{}
			for step := 0; step < 40; step++ {
				uitest.CheckFrame(t, m.View(), w, h)
				seen.WriteString(ansi.Strip(m.View()))
				m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
			}
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
			uitest.CheckFrame(t, m.View(), w, h)
			seen.WriteString(ansi.Strip(m.View()))
			uitest.CheckFrame(t, theme.Box(st, m.Title(), m.View(), w+2, h+2, true), w+2, h+2)

			if w >= 80 && !strings.Contains(seen.String(), "more console lines not shown") {
				t.Errorf("scrolling to the end never said that console lines were left out")
			}
		})
	}
}

// TestAttackRequestKeepsItsRawForCopy copies the hostile request: the copy
// is the request as it came, for the clipboard command to encode safely.
func TestAttackRequestKeepsItsRawForCopy(t *testing.T) {
	req := attackRequest()
	m := New(uitest.WithColour(t))
	m.SetSize(80, 20)
	m.SetRequest("fn-1", req)
	m.Focus()

	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("J")})
	if cmd == nil {
		t.Fatal("J returned no command")
	}
	msg, ok := cmd().(CopyRequestMsg)
	if !ok {
		t.Fatalf("J returned %T, want CopyRequestMsg", cmd())
	}
	if msg.Request.ID != req.ID || len(msg.Request.Logs) != len(req.Logs) {
		t.Errorf("the copy lost parts of the request: id %q, %d console lines",
			msg.Request.ID, len(msg.Request.Logs))
	}
}
