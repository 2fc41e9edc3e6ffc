package logs

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

func TestPauseCountsArrivals(t *testing.T) {
	m, _ := press(pane(100, 10, 20), " ")
	m.Buffer().AppendLive(requests(20, 27))

	if got := m.rows(); got != 20 {
		t.Errorf("paused view shows %d rows, want the 20 held at pause", got)
	}
	if title := m.Title(); !strings.Contains(title, "paused, 7 arrived") {
		t.Errorf("title %q does not count 7 arrivals", title)
	}

	m, _ = press(m, " ")
	if got := m.rows(); got != 27 || m.Buffer().Paused() {
		t.Errorf("after resume: %d rows, paused %v", got, m.Buffer().Paused())
	}
	if got := selected(m).ID; got != "req-000026" {
		t.Errorf("after resume the newest should be selected, got %s", got)
	}
}

func TestFollowAndScrolledUp(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		following bool
		selected  string
		below     int
	}{
		{"at the bottom it follows", nil, true, "req-000024", 0},
		{"scrolled up it stays", []string{"k", "k"}, false, "req-000017", 5},
		{"back down follows again", []string{"k", "j"}, true, "req-000024", 0},
		{"G jumps back", []string{"pgup", "G"}, true, "req-000024", 0},
		{"end jumps back", []string{"g", "end"}, true, "req-000024", 0},
		{"g goes to the oldest", []string{"g"}, false, "req-000000", 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := press(pane(100, 10, 20), tc.keys...)
			m.Buffer().AppendLive(requests(20, 25))

			if m.Following() != tc.following {
				t.Errorf("following %v, want %v", m.Following(), tc.following)
			}
			if got := selected(m).ID; got != tc.selected {
				t.Errorf("selected %s, want %s", got, tc.selected)
			}
			if got := m.newBelow(); got != tc.below {
				t.Errorf("%d new below, want %d", got, tc.below)
			}
		})
	}
}

func TestScrolledUpRowsDoNotMove(t *testing.T) {
	m, _ := press(pane(100, 6, 50), "pgup")
	before := m.View()

	m.Buffer().AppendLive(requests(50, 60))
	m.Buffer().PrependHistory(nil)
	after := m.View()

	// Everything but the "new below" line is the same.
	beforeLines := strings.Split(before, "\n")
	afterLines := strings.Split(after, "\n")
	for i := 0; i < len(afterLines)-1; i++ {
		if beforeLines[i] != afterLines[i] {
			t.Fatalf("line %d moved:\n%s\nbecame\n%s", i, before, after)
		}
	}
	if !strings.Contains(afterLines[len(afterLines)-1], "10 new below") {
		t.Errorf("last line %q", afterLines[len(afterLines)-1])
	}
}

func TestHistoryPrependedAboveTheReader(t *testing.T) {
	buf := model.NewLogBuffer(model.Limits{})
	buf.AppendLive(requests(100, 120))
	m := pane(100, 6, 0)
	m.SetBuffer("fn-1", "ivr-handler", buf)
	m, _ = press(m, "k", "k")
	want := selected(m).ID

	buf.PrependHistory(requests(50, 100))
	if got := selected(m).ID; got != want {
		t.Errorf("selection moved from %s to %s when history arrived", want, got)
	}
}

func TestNeedHistory(t *testing.T) {
	buf := model.NewLogBuffer(model.Limits{})
	buf.AppendLive(requests(100, 104))
	m := pane(100, 10, 0)
	m.SetBuffer("fn-1", "ivr-handler", buf)

	m, msgs := press(m, "k")
	want := NeedHistoryMsg{FunctionID: "fn-1", Before: request(100).StartTime}
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("messages %v, want %v", msgs, want)
	}
	if !strings.Contains(m.View(), "loading older requests") {
		t.Error("no loading line while the page is asked for")
	}

	m, msgs = press(m, "k", "g")
	if len(msgs) != 0 {
		t.Fatalf("asked again for the same page: %v", msgs)
	}

	buf.PrependHistory(requests(90, 100))
	m, msgs = press(m, "g")
	want.Before = request(90).StartTime
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("after a page: messages %v, want %v", msgs, want)
	}

	m.HistoryFailed(errors.New("HTTP 429"))
	if !strings.Contains(m.View(), "older history failed: HTTP 429") {
		t.Error("history failure not shown")
	}
	if _, msgs = press(m, "g"); len(msgs) != 1 {
		t.Errorf("after a failure the page should be asked again, got %v", msgs)
	}

	buf.PrependHistory(nil) // nothing older: history exhausted
	if _, msgs = press(m, "j", "g"); len(msgs) != 0 {
		t.Errorf("asked for history past its end: %v", msgs)
	}
}

func TestSearchNextPrev(t *testing.T) {
	// "dice" is in the path of requests 2, 7, 12, 17 (every fifth).
	m, _ := press(pane(100, 10, 20), typed("DICE")...)
	steps := []struct {
		key  string
		want string
	}{
		{"", "req-000017"},
		{"N", "req-000012"},
		{"N", "req-000007"},
		{"n", "req-000012"},
		{"N", "req-000007"},
		{"N", "req-000002"},
		{"N", "req-000002"},
		{"n", "req-000007"},
	}
	for i, s := range steps {
		if s.key != "" {
			m, _ = press(m, s.key)
		}
		if got := selected(m).ID; got != s.want {
			t.Fatalf("step %d (%q): selected %s, want %s", i, s.key, got, s.want)
		}
	}

	if m.rows() != 20 {
		t.Errorf("a search marks rows, it should not hide them: %d rows", m.rows())
	}
	m, _ = press(m, "f")
	if m.rows() != 4 {
		t.Errorf("only matches: %d rows, want 4", m.rows())
	}
}

func TestSearchEditing(t *testing.T) {
	m, _ := press(pane(100, 10, 20), typed("ice")...)

	m, _ = press(m, "/", "backspace", "backspace", "backspace", "d", "i", "esc")
	if got := m.filter().Search; got != "ice" {
		t.Errorf("esc kept %q, want the search in force, ice", got)
	}
	if m.Typing() {
		t.Error("still typing after esc")
	}

	m, _ = press(m, "/", "backspace", "backspace", "backspace", "enter")
	if f := m.filter(); f.Search != "" || f.Highlight {
		t.Errorf("an empty search should clear it: %+v", f)
	}
}

func TestFilters(t *testing.T) {
	cases := []struct {
		keys  []string
		level api.Level
		class model.StatusClass
	}{
		{[]string{"l"}, api.LevelInfo, model.StatusAny},
		{[]string{"l", "l"}, api.LevelWarning, model.StatusAny},
		{[]string{"l", "l", "l"}, api.LevelError, model.StatusAny},
		{[]string{"l", "l", "l", "l"}, "", model.StatusAny},
		{[]string{"s"}, "", model.StatusError},
		{[]string{"s", "s"}, "", model.StatusSuccess},
		{[]string{"s", "s", "s", "s"}, "", model.StatusAny},
		{[]string{"l", "s", "c"}, "", model.StatusAny},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.keys, ""), func(t *testing.T) {
			m, _ := press(pane(100, 10, 20), tc.keys...)
			f := m.filter()
			if f.MinLevel != tc.level || f.Class != tc.class {
				t.Errorf("filter %+v, want level %q class %v", f, tc.level, tc.class)
			}
			for i := range m.rows() {
				e := m.Buffer().FilteredAt(i)
				if tc.class == model.StatusError && e.Class != model.StatusError {
					t.Errorf("row %s with status %d passed the error filter", e.ID, e.StatusCode)
				}
			}
		})
	}
}

func TestOpenRequest(t *testing.T) {
	m, msgs := press(pane(100, 10, 20), "k", "enter")
	if len(msgs) != 1 {
		t.Fatalf("messages %v", msgs)
	}
	open, ok := msgs[0].(OpenRequestMsg)
	if !ok || open.FunctionID != "fn-1" || open.Entry.ID != "req-000018" {
		t.Errorf("message %+v", msgs[0])
	}

	empty := pane(100, 10, 0)
	if _, msgs = press(empty, "enter"); len(msgs) != 0 {
		t.Errorf("enter on an empty list sent %v", msgs)
	}
	_ = m
}

func TestMouseWheel(t *testing.T) {
	m := pane(100, 10, 20)
	m, _ = m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	if got := selected(m).ID; got != "req-000016" {
		t.Errorf("wheel up selected %s", got)
	}
	m, _ = m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if !m.Following() {
		t.Error("wheel back down should follow again")
	}
}

func TestBlurredIgnoresKeys(t *testing.T) {
	m := pane(100, 10, 20)
	m.Blur()
	m, msgs := press(m, "k", " ", "l", "enter")
	if !m.Following() || m.Buffer().Paused() || m.filter().MinLevel != "" || len(msgs) != 0 {
		t.Error("a blurred pane acted on keys")
	}
}

func TestShowWindow(t *testing.T) {
	m := pane(100, 10, 20)
	from, to := base.Add(5*time.Second), base.Add(10*time.Second)
	if cmd := m.ShowWindow(from, to, true); cmd != nil {
		t.Errorf("window inside the buffer asked for history: %v", cmd())
	}
	for i := range m.rows() {
		e := m.Buffer().FilteredAt(i)
		if e.Start.Before(from) || !e.Start.Before(to) || e.Class != model.StatusError {
			t.Errorf("row %s outside the window or not an error", e.ID)
		}
	}
	if m.rows() != 2 {
		t.Errorf("%d rows, want 2 (requests 7 and 8)", m.rows())
	}

	cmd := m.ShowWindow(base.Add(-time.Hour), base, false)
	if cmd == nil {
		t.Fatal("window before the buffer asked for no history")
	}
	want := NeedHistoryMsg{FunctionID: "fn-1", Before: base, Until: base.Add(-time.Hour)}
	if got := cmd(); got != want {
		t.Errorf("message %+v, want %+v", got, want)
	}
}

func TestTitleStreamStates(t *testing.T) {
	cases := []struct {
		state api.StreamState
		want  string
	}{
		{api.StreamState{Phase: api.PhaseConnecting}, "◌ connecting · 3 kept"},
		{api.StreamState{Phase: api.PhaseLive}, "● live · 3 kept"},
		{api.StreamState{Phase: api.PhaseReconnecting, Attempt: 2, NextTry: now.Add(4 * time.Second),
			Err: errors.New("EOF")}, "↻ reconnecting #2 in 4s: EOF · 3 kept"},
		{api.StreamState{Phase: api.PhaseClosed, Err: errors.New("HTTP 404: not \x1b[1mfound")},
			"■ closed: HTTP 404: not ␛[1mfound · 3 kept"},
	}
	for _, tc := range cases {
		t.Run(tc.state.Phase.String(), func(t *testing.T) {
			m := pane(100, 10, 3)
			m.SetStreamState(tc.state)
			if _, status := m.TitleParts(); status != tc.want {
				t.Errorf("status %q, want %q", status, tc.want)
			}
		})
	}
}

func BenchmarkLogsView(b *testing.B) {
	buf := model.NewLogBuffer(model.Limits{MaxRequests: 100_000, MaxBytes: 1 << 40})
	for i := 0; i < 100_000; i += 1000 {
		buf.AppendLive(requests(i, i+1000))
	}
	m := pane(200, 60, 0)
	m.SetBuffer("fn-1", "ivr-handler", buf)
	if buf.Len() != 100_000 {
		b.Fatalf("buffer holds %d", buf.Len())
	}

	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
