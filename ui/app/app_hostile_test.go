package app

import (
	"errors"
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
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/logs"
)

// attackSizes are the terminal sizes the hostile dashboards are drawn at:
// the full overview, its smallest size, stacked panes and a tiny window.
var attackSizes = [][2]int{{120, 40}, {80, 20}, {60, 15}, {20, 5}}

// attackList is a function list whose names, runtimes and statuses try to
// act on the terminal, with statuses the API does not document.
func attackList() api.FunctionList {
	at := fixtureNow.Add(-time.Hour)
	fn := func(id, name string, status api.Status) api.Function {
		return api.Function{ID: id, Name: name, Runtime: "node\x1b[2J", Status: status,
			CreatedAt: at, UpdatedAt: at}
	}
	list := []api.Function{
		fn("fn-1", "title\x1b]0;pwned\x07-handler", "Hibernating"),
		fn("fn-2", "clip\x1b]52;c;ZWNobyBvd25lZA==\x07-board", "Paused\x1b[31m"),
		fn("fn-3", "link\x1b]8;;https://evil.example/\x1b\\-router\x1b]8;;\x1b\\", api.StatusRunning),
		fn("fn-4", "bytes\xff\xfe-and-bidi\u202eevil", api.StatusFailed),
		fn("fn-5", "long-"+strings.Repeat("n", 5000), api.StatusDeploying),
		fn("fn-6", "", ""),
	}
	return api.FunctionList{Functions: list, Total: len(list)}
}

// attackVisible are harmless parts of the list that must still show; the
// status column cuts "Hibernating" to its width.
var attackVisible = []string{"title", "clip", "link", "bytes", "Hibernati", "Paused"}

// attackRequests are requests whose every text tries to act on the
// terminal, with a 10 MiB console line among them.
func attackRequests() []api.Request {
	messages := []string{
		"cursor \x1b[2J\x1b[H moved",
		"clipboard \x1b]52;c;ZWNobyBvd25lZA==\x07 written",
		"title \x1b]2;pwned\x1b\\ changed",
		"c1 \u009b2J and \xff\xfe bytes",
		"huge " + strings.Repeat("x", 10<<20),
	}
	out := make([]api.Request, 0, len(messages))
	for i, msg := range messages {
		at := fixtureNow.Add(time.Duration(i-len(messages)) * time.Second)
		out = append(out, api.Request{
			ID:             fmt.Sprintf("attack-%d", i),
			HTTPMethod:     "POST",
			URL:            "https://fn.example.com/x\x1b]0;t\x07?" + msg[:min(len(msg), 30)],
			StatusCode:     200,
			StartTime:      at,
			EndTime:        at.Add(time.Millisecond),
			RequestHeaders: map[string]string{"X-\x1b[2J": msg[:min(len(msg), 60)]},
			ResponseBody:   msg[:min(len(msg), 200)],
			Logs:           []api.LogLine{{Level: "Info\x1b[31m", Message: msg, Timestamp: at}},
		})
	}
	return out
}

// attackDashboard is a dashboard drawn with colour on, holding the hostile
// list. Colour goes back off when the test ends.
func attackDashboard(t *testing.T, w, h int) Model {
	t.Helper()
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })

	m := New(Options{
		ProjectID: "demo\x1b]0;t\x07",
		Profile:   "default",
		Styles:    theme.New(theme.Options{Name: theme.NameDark}),
		Now:       func() time.Time { return fixtureNow },
	})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h},
		functionsFetchedMsg{list: attackList()})
}

// TestAttackOverviewRendersSafely draws the hostile list at every size:
// only colour sequences reach the terminal, every frame fills the screen,
// and undocumented statuses show as they came.
func TestAttackOverviewRendersSafely(t *testing.T) {
	for _, size := range attackSizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := attackDashboard(t, w, h)
			view := m.View()
			attackCheckFrame(t, view, w, h)
			if w < 120 {
				return
			}
			if !strings.Contains(view, "\x1b[") {
				t.Fatal("no colour drawn: the frame proves nothing about escapes")
			}
			plain := ansi.Strip(view)
			for _, text := range attackVisible {
				if !strings.Contains(plain, text) {
					t.Errorf("%q is not shown:\n%s", text, plain)
				}
			}
		})
	}
}

// TestAttackUndocumentedStatusShownWhole drills into the function with an
// undocumented status: its view shows the status word whole, as it came.
func TestAttackUndocumentedStatusShownWhole(t *testing.T) {
	m := send(attackDashboard(t, 120, 40), functions.OpenMsg{FunctionID: "fn-1"})
	view := m.View()
	attackCheckFrame(t, view, 120, 40)
	if plain := ansi.Strip(view); !strings.Contains(plain, "Hibernating") {
		t.Errorf("the function's view does not show its status whole:\n%s", plain)
	}
}

// TestAttackTailAndRequestRenderSafely puts hostile requests in the tail
// of the selected function, then opens each one whole.
func TestAttackTailAndRequestRenderSafely(t *testing.T) {
	for _, size := range attackSizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := selectFunction(attackDashboard(t, w, h), "fn-1")
			buf := m.buffers.get("fn-1", m.watchedSet())
			buf.PrependHistory(attackRequests())
			m = send(m, tea.KeyMsg{Type: tea.KeyTab}) // the tail's turn to draw its focus
			attackCheckFrame(t, m.View(), w, h)

			for i := range buf.Len() {
				opened := send(m, logs.OpenRequestMsg{FunctionID: "fn-1", Entry: buf.At(i)})
				attackCheckFrame(t, opened.View(), w, h)
				back := send(opened, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyEsc})
				attackCheckFrame(t, back.View(), w, h)
			}
		})
	}
}

// TestAttackErrorsKeepTheScreen fails every fetch with answers a proxy or a
// hostile server might give: the list stays on screen, the frame stays
// safe and whole, and the program goes on.
func TestAttackErrorsKeepTheScreen(t *testing.T) {
	html := errors.New("api: GET /functions: HTTP 200 answered with text/html: " +
		"<html><title>\x1b]0;Login\x07</title><body>\x1b[2JSign in</body></html>")
	failures := []error{
		html,
		&api.Error{Endpoint: "GET /functions\x1b[2J", StatusCode: 599, Code: "\x1b]52;c;eA==\x07",
			Message: "undocumented\x1b[31m status"},
		&api.Error{Endpoint: "GET /billing/current", StatusCode: 429, RetryAfter: time.Minute,
			Message: strings.Repeat("slow down ", 1000)},
		fmt.Errorf("decoding: \xff\xfe not JSON: %w", api.ErrNotJSON),
	}
	for _, size := range attackSizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := attackDashboard(t, w, h)
			before := m.functions.Table().Total()
			for _, err := range failures {
				m = send(m,
					functionsFetchedMsg{err: err},
					billingFetchedMsg{err: err},
					statusFetchedMsg{functionID: "fn-1", err: err},
					metricsFetchedMsg{functionID: "fn-1", rng: api.Range24h, err: err},
					historyFetchedMsg{functionID: "fn-1", err: err},
				)
				attackCheckFrame(t, m.View(), w, h)
			}
			if got := m.functions.Table().Total(); got != before {
				t.Errorf("after the failures the list holds %d functions, want %d", got, before)
			}
			if w >= 120 && !strings.Contains(ansi.Strip(m.View()), "Hibernati") {
				t.Errorf("the list left the screen after the failures:\n%s", ansi.Strip(m.View()))
			}
		})
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
