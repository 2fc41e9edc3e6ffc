package logs

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// now is the fixed clock of every test; requests start at base.
var (
	now  = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)
	base = now.Add(-time.Hour)
)

func TestMain(m *testing.M) { uitest.Main(m) }

// hostile are console lines and paths that try to act on the terminal.
var hostile = []struct{ path, message string }{
	{"/ice", "ICE: call from +15551234567"},
	{"/ace\x1b[2J", "\x1b]52;c;ZXZpbA==\x07clipboard write"},
	{"/dice", "title \x1b]0;owned\x07 and \x1b[31mred\x1b[0m"},
	{"/pie\xff\xfe", "invalid \xff\xfe utf-8 and bidi \u202eevil\u202c"},
	{"/huge", strings.Repeat("A very long line. ", 6000)},
}

// request returns the i-th fixture request: a second apart from base, with
// statuses, levels and hostile text in turn.
func request(i int) api.Request {
	h := hostile[i%len(hostile)]
	levels := []api.Level{api.LevelInfo, api.LevelWarning, api.LevelError, api.LevelDebug}
	codes := []int{200, 302, 500, 404, 201}
	start := base.Add(time.Duration(i) * time.Second)
	req := api.Request{
		ID:              fmt.Sprintf("req-%06d", i),
		HTTPMethod:      []string{"POST", "GET", "OPTIONS"}[i%3],
		URL:             "https://fn-01.functions.example.com" + h.path + "?q=1",
		StatusCode:      codes[i%len(codes)],
		ExecutionTimeMs: float64(10 + (i*37)%900),
		MemoryUsedMB:    float64(60 + i%8),
		StartTime:       start,
		EndTime:         start.Add(40 * time.Millisecond),
	}
	if i%7 != 6 {
		level := levels[i%len(levels)]
		req.Logs = []api.LogLine{{Level: level, Message: h.message, Timestamp: start}}
	}
	return req
}

func requests(from, to int) []api.Request {
	out := make([]api.Request, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, request(i))
	}
	return out
}

// pane returns a focused pane over a buffer holding requests [0, n).
func pane(w, h, n int) Model {
	buf := model.NewLogBuffer(model.Limits{})
	buf.AppendLive(requests(0, n))
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetBuffer("fn-1", "ivr-handler", buf)
	m.SetStreamState(api.StreamState{Phase: api.PhaseLive})
	m.SetNow(now)
	m.SetSize(w, h)
	m.Focus()
	return m
}

func boxed(m Model, w, h int) string {
	return theme.Box(m.st, m.Title(), m.View(), w+2, h+2, m.focused)
}

// press sends keys, each a name uitest.Key knows or typed text, and
// returns the messages the commands produced.
func press(m Model, keys ...string) (Model, []tea.Msg) {
	return uitest.Press(m, uitest.Keys(keys...)...)
}

func typed(s string) []string {
	keys := []string{"/"}
	for _, r := range s {
		keys = append(keys, string(r))
	}
	return append(keys, "enter")
}

func selected(m Model) *model.Entry { return m.Selected() }

func TestViewGolden(t *testing.T) {
	t.Run("following_100x12", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(pane(100, 12, 30), 100, 12))
	})
	t.Run("scrolled_up_new_below_100x10", func(t *testing.T) {
		m, _ := press(pane(100, 10, 30), "k", "k", "k", "k", "k", "k", "k", "k", "k", "k")
		m.Buffer().AppendLive(requests(30, 35))
		uitest.Golden(t, t.Name(), boxed(m, 100, 10))
	})
	t.Run("paused_100x8", func(t *testing.T) {
		m, _ := press(pane(100, 8, 30), " ")
		m.Buffer().AppendLive(requests(30, 42))
		uitest.Golden(t, t.Name(), boxed(m, 100, 8))
	})
	t.Run("search_and_filters_100x10", func(t *testing.T) {
		m, _ := press(pane(100, 10, 30), append(typed("ace"), "l")...)
		uitest.Golden(t, t.Name(), boxed(m, 100, 10))
	})
	t.Run("typing_search_60x6", func(t *testing.T) {
		m, _ := press(pane(60, 6, 30), "/", "\x1b", "i", "c")
		uitest.Golden(t, t.Name(), boxed(m, 60, 6))
	})
	t.Run("wrap_80x14", func(t *testing.T) {
		m, _ := press(pane(80, 14, 10), "w")
		uitest.Golden(t, t.Name(), boxed(m, 80, 14))
	})
	t.Run("no_timestamps_narrow_40x8", func(t *testing.T) {
		m, _ := press(pane(40, 8, 30), "t")
		uitest.Golden(t, t.Name(), boxed(m, 40, 8))
	})
	t.Run("reconnecting_empty_70x4", func(t *testing.T) {
		m := pane(70, 4, 0)
		m.SetStreamState(api.StreamState{Phase: api.PhaseReconnecting, Attempt: 3,
			NextTry: now.Add(4 * time.Second), Err: errors.New("unexpected EOF\x1b[2J")})
		uitest.Golden(t, t.Name(), boxed(m, 70, 4))
	})
	t.Run("filtered_empty_70x4", func(t *testing.T) {
		m := pane(70, 4, 3)
		m.SetStreamState(api.StreamState{Phase: api.PhaseClosed, Err: errors.New("HTTP 404")})
		m, _ = press(m, "s", "s", "s")
		uitest.Golden(t, t.Name(), boxed(m, 70, 4))
	})
}

func TestViewEverySize(t *testing.T) {
	modes := []struct {
		name string
		keys []string
	}{{"tail", nil}, {"wrapped_selected", []string{"w", "k", "k"}}, {"search", []string{"/", "x"}}}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			uitest.EverySize(t, func(w, h int) string {
				m, _ := press(pane(w, h, 12), mode.keys...)
				m.Buffer().AppendLive(requests(12, 14))
				return m.View()
			})
		})
	}
}
