package request

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
)

// attackRequest is a request whose every text field tries to act on the
// terminal, with a 10 MiB console line and 100,000 console lines.
func attackRequest() api.Request {
	attacks := []string{
		"cursor \x1b[2J\x1b[H\x1b[5;5H moved",
		"clipboard \x1b]52;c;ZWNobyBvd25lZA==\x07 written",
		"title \x1b]0;pwned\x07 and \x1b]2;pwned\x1b\\ changed",
		"link \x1b]8;;https://evil.example/\x1b\\docs\x1b]8;;\x1b\\ here",
		"c1 \u009b2J and dcs \x1bP+q\x1b\\ done",
		"bytes \xff\xfe\xc3 and bidi \u202eevil\u202c and nul \x00 end",
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
		Message: "huge " + strings.Repeat("x", 10<<20), Timestamp: start})
	for i := len(req.Logs); i < 100_000; i++ {
		req.Logs = append(req.Logs, api.LogLine{
			Level:     []api.Level{api.LevelInfo, "Notice\x1b[31m", api.LevelError}[i%3],
			Message:   attacks[i%len(attacks)],
			Timestamp: start.Add(time.Duration(i) * time.Millisecond),
		})
	}
	return req
}

// withColour turns colour on for one test (TestMain turns it off) and
// returns a coloured theme: a sequence let through, or a colour sequence
// cut in half, shows only when colours are drawn.
func withColour(t *testing.T) *theme.Styles {
	t.Helper()
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	return theme.New(theme.Options{Name: theme.NameDark})
}

// TestAttackRequestRendersSafely shows the hostile request with colour on
// at several widths and scrolls through it to the end: every frame holds
// only colour sequences and fills its exact size, and the pane says what it
// left out of the 100,000 console lines.
func TestAttackRequestRendersSafely(t *testing.T) {
	st := withColour(t)
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
				attackCheckFrame(t, m.View(), w, h)
				seen.WriteString(ansi.Strip(m.View()))
				m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
			}
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
			attackCheckFrame(t, m.View(), w, h)
			seen.WriteString(ansi.Strip(m.View()))
			attackCheckFrame(t, theme.Box(st, m.Title(), m.View(), w+2, h+2, true), w+2, h+2)

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
	m := New(withColour(t))
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

// attackCheckFrame fails unless frame is exactly w×h cells of valid UTF-8
// whose only escape sequences set colours and attributes (SGR), with no
// other control character, no C1 control and no bidi override.
func attackCheckFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	if !utf8.ValidString(frame) {
		t.Fatalf("the frame is not valid UTF-8: %q", frame)
	}
	if at, seq := attackFirstUnsafe(frame); at >= 0 {
		t.Fatalf("unsafe sequence %q at byte %d of the frame:\n%q", seq, at, frame)
	}
	for _, r := range frame {
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("control rune %U in the frame:\n%q", r, frame)
		}
	}

	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, frame)
	}
	for i, line := range lines {
		if got := ansi.StringWidth(line); got != w {
			t.Fatalf("line %d is %d cells, want %d: %q", i, got, w, line)
		}
	}
}

// attackFirstUnsafe returns the offset and text of the first byte
// sequence a terminal would act on beyond colours (SGR: ESC [ params m)
// and line breaks, or -1.
func attackFirstUnsafe(s string) (int, string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
		case c == 0x1b:
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					i = j
					continue
				}
			}
			return i, s[i:min(len(s), i+12)]
		case c < 0x20 || c == 0x7f:
			return i, s[i : i+1]
		}
	}
	return -1, ""
}
