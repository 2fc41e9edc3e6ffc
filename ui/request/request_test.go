package request

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

var start = time.Date(2026, 2, 19, 13, 0, 1, 0, time.UTC)

func TestMain(m *testing.M) { uitest.Main(m) }

// fixture is a request whose every text field tries something on the
// terminal: escape sequences, a clipboard write (OSC 52), a title change,
// invalid UTF-8, bidi overrides and a long line.
func fixture() api.Request {
	return api.Request{
		ID:              "req-\x1b[31m000001",
		HTTPMethod:      "POST",
		URL:             "https://fn-01.functions.example.com/ice?caller=%2B1555\x1b]0;owned\x07",
		StatusCode:      500,
		ExecutionTimeMs: 812.4,
		MemoryUsedMB:    70,
		StartTime:       start,
		EndTime:         start.Add(812 * time.Millisecond),
		RequestHeaders: map[string]string{
			"Content-Type": "application/json",
			"X-Evil":       "\x1b]52;c;ZXZpbA==\x07",
		},
		RequestBody: `{"event":"ice","cli":"+15551234567","note":"\u001b[2J","n":[1,2.5,true,null]}`,
		ResponseHeaders: map[string]string{
			"Content-Type": "text/plain",
		},
		ResponseBody: "upstream timed out \x1b[31mred\x1b[0m\n\xff\xfe bad bytes\n\u202eevil\u202c " +
			strings.Repeat("long ", 30),
		Logs: []api.LogLine{
			{Level: api.LevelInfo, Message: "ICE: call from +15551234567", Timestamp: start},
			{Level: api.LevelWarning, Message: "retrying\nsecond line\tafter tab",
				Timestamp: start.Add(10 * time.Millisecond)},
			{Level: api.LevelError, Message: "\x1b]52;c;ZXZpbA==\x07 upstream failed",
				Timestamp: start.Add(800 * time.Millisecond)},
			{Level: "Notice", Message: "a level the API does not document"},
		},
	}
}

// huge is a request with a 10 MiB body and 100,000 console lines.
func huge() api.Request {
	req := fixture()
	req.ResponseBody = strings.Repeat("0123456789abcdef", 10<<20/16)
	req.RequestBody = "[" + strings.Repeat(`{"k":"v"},`, 100_000) + `{"k":"v"}]`
	req.Logs = make([]api.LogLine, 100_000)
	for i := range req.Logs {
		req.Logs[i] = api.LogLine{Level: api.LevelInfo, Message: "line", Timestamp: start}
	}
	return req
}

func pane(w, h int, req api.Request) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetNow(start)
	m.SetSize(w, h)
	m.SetRequest("fn-1", req)
	m.Focus()
	return m
}

func boxed(m Model, w, h int) string {
	return theme.Box(m.st, m.Title(), m.View(), w+2, h+2, m.focused)
}

func TestViewGolden(t *testing.T) {
	t.Run("whole_80x40", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(pane(80, 40, fixture()), 80, 40))
	})
	t.Run("bottom_60x12", func(t *testing.T) {
		m, _ := uitest.Press(pane(60, 12, fixture()), uitest.Runes("G"))
		uitest.Golden(t, t.Name(), boxed(m, 60, 12))
	})
	t.Run("huge_bottom_70x8", func(t *testing.T) {
		m, _ := uitest.Press(pane(70, 8, huge()), uitest.Runes("G"))
		uitest.Golden(t, t.Name(), boxed(m, 70, 8))
	})
	t.Run("huge_bodies_70x14", func(t *testing.T) {
		m := pane(70, 14, huge())
		lines := strings.Split(render(m.st, m.req, 70, time.UTC), "\n")
		at := -1
		for i, line := range lines {
			if strings.Contains(line, "cut at") && at < 0 {
				at = i
			}
		}
		if at < 0 {
			t.Fatal("no cut notice after the 1 MB request body")
		}
		m.vp.SetYOffset(at - 8) // the end of the request body, the response's start
		uitest.Golden(t, t.Name(), boxed(m, 70, 14))
	})
	t.Run("empty_40x4", func(t *testing.T) {
		m := New(theme.New(theme.Options{Name: theme.NameNone}))
		m.SetSize(40, 4)
		uitest.Golden(t, t.Name(), boxed(m, 40, 4))
	})
}

func TestHugeRequestIsBounded(t *testing.T) {
	m := pane(80, 20, huge())
	limit := 2*maxBodyLines + maxConsoleLines + 100
	if n := m.vp.TotalLineCount(); n > limit {
		t.Errorf("laid out %d lines, want at most %d", n, limit)
	}
}

func TestKeys(t *testing.T) {
	req := fixture()
	cases := []struct {
		name string
		key  tea.KeyMsg
		want tea.Msg
	}{
		{"J copies JSON", uitest.Runes("J"), CopyRequestMsg{FunctionID: "fn-1", Format: CopyJSON}},
		{"C copies cURL", uitest.Runes("C"), CopyRequestMsg{FunctionID: "fn-1", Format: CopyCURL}},
		{"esc closes", tea.KeyMsg{Type: tea.KeyEsc}, CloseMsg{FunctionID: "fn-1"}},
		{"j scrolls", uitest.Runes("j"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, msgs := uitest.Press(pane(60, 10, req), tc.key)
			if tc.want == nil {
				if len(msgs) != 0 {
					t.Errorf("messages %v", msgs)
				}
				return
			}
			if len(msgs) != 1 {
				t.Fatalf("messages %v", msgs)
			}
			if got, ok := msgs[0].(CopyRequestMsg); ok {
				want := tc.want.(CopyRequestMsg)
				if got.Format != want.Format || got.FunctionID != want.FunctionID ||
					got.Request.ID != req.ID {
					t.Errorf("message %+v", got)
				}
				return
			}
			if msgs[0] != tc.want {
				t.Errorf("message %+v, want %+v", msgs[0], tc.want)
			}
		})
	}
}

func TestScrolling(t *testing.T) {
	m := pane(60, 10, fixture())
	m, _ = uitest.Press(m, uitest.Runes("j"), uitest.Runes("j"), tea.KeyMsg{Type: tea.KeyPgDown})
	if got := m.vp.YOffset; got != 12 {
		t.Errorf("offset %d after j j pgdown, want 12", got)
	}
	m, _ = uitest.Press(m, uitest.Runes("g"))
	if !m.vp.AtTop() {
		t.Error("g did not go to the top")
	}
	m, _ = uitest.Press(m, uitest.Runes("G"))
	if !m.vp.AtBottom() {
		t.Error("G did not go to the bottom")
	}

	m.SetSize(30, 10) // narrower: laid out again, offset kept in range
	if m.vp.YOffset > m.vp.TotalLineCount() {
		t.Errorf("offset %d past %d lines", m.vp.YOffset, m.vp.TotalLineCount())
	}
}

func TestIgnoresKeysWhenBlurredOrEmpty(t *testing.T) {
	m := pane(60, 10, fixture())
	m.Blur()
	if _, msgs := uitest.Press(m, uitest.Runes("J")); len(msgs) != 0 {
		t.Errorf("blurred pane copied: %v", msgs)
	}

	empty := New(theme.New(theme.Options{Name: theme.NameNone}))
	empty.Focus()
	if _, msgs := uitest.Press(empty, uitest.Runes("J"), uitest.Runes("C")); len(msgs) != 0 {
		t.Errorf("empty pane copied: %v", msgs)
	}
}

func TestViewEverySize(t *testing.T) {
	uitest.EverySize(t, func(w, h int) string {
		m, _ := uitest.Press(pane(w, h, fixture()), uitest.Runes("G"))
		return m.View()
	})
}

func BenchmarkSetHugeRequest(b *testing.B) {
	req := huge()
	m := pane(120, 40, fixture())
	b.ReportAllocs()
	for b.Loop() {
		m.SetRequest("fn-1", req)
	}
}

func TestNarrowHugeRequestIsBounded(t *testing.T) {
	m := pane(3, 5, huge())
	if n := m.vp.TotalLineCount(); n > maxLines {
		t.Errorf("laid out %d lines at width 3, want at most %d", n, maxLines)
	}
	m, _ = uitest.Press(m, uitest.Runes("G"))
	if !strings.Contains(strings.Join(strings.Fields(m.vp.View()), ""), "…") {
		t.Errorf("the last line does not say the layout was cut:\n%s", m.vp.View())
	}
}

// sgr matches one whole colour or attribute sequence.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// TestWrapKeepsColourSequencesWhole lays the fixture out in colour at every
// width from 1 to 90 cells: a line may end in the middle of the text, never
// in the middle of a colour sequence, and no line is wider than the pane.
func TestWrapKeepsColourSequencesWhole(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	st := theme.New(theme.Options{Name: theme.NameDark})

	for width := 1; width <= 90; width++ {
		for i, line := range strings.Split(render(st, fixture(), width, time.UTC), "\n") {
			if rest := sgr.ReplaceAllString(line, ""); strings.ContainsRune(rest, '\x1b') {
				t.Fatalf("width %d, line %d holds a broken sequence: %q", width, i, line)
			}
			if got := ansi.StringWidth(line); got > width {
				t.Fatalf("width %d, line %d is %d cells: %q", width, i, got, line)
			}
		}
	}
}
