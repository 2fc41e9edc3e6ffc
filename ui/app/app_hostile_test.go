package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
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
		fn("fn-1", "title"+uitest.TitleBEL+"-handler", "Hibernating"),
		fn("fn-2", "clip"+uitest.ClipboardWrite+"-board", "Paused\x1b[31m"),
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
		"cursor " + uitest.ClearScreen + " moved",
		"clipboard " + uitest.ClipboardWrite + " written",
		"title " + uitest.TitleST + " changed",
		"c1 " + uitest.EightBitCSI + " and \xff\xfe bytes",
		uitest.HugeLine(),
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
	m := New(Options{
		ProjectID: "demo\x1b]0;t\x07",
		Profile:   "default",
		Styles:    uitest.WithColour(t),
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
			uitest.CheckFrame(t, view, w, h)
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
	uitest.CheckFrame(t, view, 120, 40)
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
			uitest.CheckFrame(t, m.View(), w, h)

			for i := range buf.Len() {
				opened := send(m, logs.OpenRequestMsg{FunctionID: "fn-1", Entry: buf.At(i)})
				uitest.CheckFrame(t, opened.View(), w, h)
				back := send(opened, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyEsc})
				uitest.CheckFrame(t, back.View(), w, h)
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
				uitest.CheckFrame(t, m.View(), w, h)
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
