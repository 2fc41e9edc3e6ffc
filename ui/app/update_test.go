package app

import (
	"errors"
	"net/http"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
)

func keyRunes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	tabKey      = tea.KeyMsg{Type: tea.KeyTab}
	shiftTabKey = tea.KeyMsg{Type: tea.KeyShiftTab}
	escKey      = tea.KeyMsg{Type: tea.KeyEsc}
	ctrlC       = tea.KeyMsg{Type: tea.KeyCtrlC}
)

// quits reports whether cmd ends the program.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestKeys(t *testing.T) {
	fx := loadFixture(t)
	first := fx.Functions.Functions[0].ID
	cases := []struct {
		name  string
		msgs  []tea.Msg
		focus paneID
		level level
		help  bool
		quit  bool
	}{
		{"starts on the functions", nil, paneFunctions, levelOverview, false, false},
		{"tab cycles the panes", []tea.Msg{tabKey, tabKey}, paneMetrics, levelOverview,
			false, false},
		{"tab wraps around", []tea.Msg{tabKey, tabKey, tabKey, tabKey}, paneFunctions,
			levelOverview, false, false},
		{"shift+tab goes back", []tea.Msg{shiftTabKey}, paneBilling, levelOverview, false, false},
		{"? opens help", []tea.Msg{keyRunes("?")}, paneFunctions, levelOverview, true, false},
		{"esc closes help", []tea.Msg{keyRunes("?"), escKey}, paneFunctions, levelOverview, false,
			false},
		{"q in help closes it, not the program", []tea.Msg{keyRunes("?"), keyRunes("q")},
			paneFunctions, levelOverview, false, false},
		{"q quits from the top", []tea.Msg{keyRunes("q")}, paneFunctions, levelOverview,
			false, true},
		{"opening drills in", []tea.Msg{functions.OpenMsg{FunctionID: first}}, paneDetail,
			levelDetail, false, false},
		{"back comes up", []tea.Msg{functions.OpenMsg{FunctionID: first},
			detail.BackMsg{FunctionID: first}}, paneFunctions, levelOverview, false, false},
		{"q below the top does not quit", []tea.Msg{functions.OpenMsg{FunctionID: first},
			keyRunes("q")}, paneDetail, levelDetail, false, false},
		{"ctrl+c quits from help", []tea.Msg{keyRunes("?"), ctrlC}, paneFunctions, levelOverview,
			true, true},
		{"ctrl+c quits while typing a filter", []tea.Msg{keyRunes("/"), keyRunes("a"), ctrlC},
			paneFunctions, levelOverview, false, true},
		{"typed q goes to the filter", []tea.Msg{keyRunes("/"), keyRunes("q")}, paneFunctions,
			levelOverview, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := loaded(t, 120, 40)
			var cmd tea.Cmd
			for _, msg := range tc.msgs {
				var next tea.Model
				next, cmd = m.Update(msg)
				m = next.(Model)
			}
			if m.focus != tc.focus || m.level != tc.level {
				t.Errorf("focus %v level %v, want %v %v", m.focus.name(), m.level,
					tc.focus.name(), tc.level)
			}
			if m.overlay.Showing() != tc.help {
				t.Errorf("help showing %v, want %v", m.overlay.Showing(), tc.help)
			}
			if got := quits(cmd); got != tc.quit {
				t.Errorf("quit %v, want %v", got, tc.quit)
			}
		})
	}
}

func TestResizeStacksAndRestores(t *testing.T) {
	m := loaded(t, 120, 40)
	m = send(m, tea.WindowSizeMsg{Width: 70, Height: 18}, tabKey)
	if !m.stacked() || len(m.regions()) != 1 || m.regions()[0].pane != paneLogs {
		t.Fatalf("at 70×18 want the live pane alone, got %v", m.regions())
	}
	m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.stacked() || len(m.regions()) != 4 || m.focus != paneLogs {
		t.Fatalf("at 120×40 want four panes with the focus kept, got %v (focus %v)",
			m.regions(), m.focus.name())
	}
}

func TestFailedRefreshKeepsTheData(t *testing.T) {
	m := loaded(t, 120, 40)
	rows := m.functions.Table().Total()
	down := &api.Error{Endpoint: "GET /functions", StatusCode: http.StatusServiceUnavailable}
	m = send(m, functionsFetchedMsg{err: down})

	if got := m.functions.Table().Total(); got != rows {
		t.Fatalf("a failed refresh left %d functions of %d", got, rows)
	}
	fr := m.fresh.State(model.Source{Kind: model.SourceFunctions}, fixtureNow)
	if fr.State != model.SourceFailing || fr.Err != "server error (HTTP 503)" {
		t.Fatalf("the list's freshness is %v %q", fr.State, fr.Err)
	}
	if at, failing := m.plan.RetryAt(model.Fetch{Kind: model.FetchList}); !failing ||
		!at.After(fixtureNow) {
		t.Fatalf("the plan does not back off the list (retry at %v)", at)
	}
}

func TestRateLimitHoldsTheReadGroup(t *testing.T) {
	m := loaded(t, 120, 40)
	limited := &api.Error{StatusCode: http.StatusTooManyRequests, RetryAfter: 30 * time.Second}
	m = send(m, functionsFetchedMsg{err: limited})
	if due := m.plan.Due(fixtureNow.Add(29*time.Second), m.refreshInput()); len(due) != 0 {
		t.Fatalf("during Retry-After the plan wants %v", due)
	}
}

func TestStreamBatchesGoToTheirBuffer(t *testing.T) {
	m := loaded(t, 120, 40)
	id := m.focusedFunction()
	buf, _ := m.buffers.lookup(id)
	before := buf.Len()

	current, stale := &api.Stream{}, &api.Stream{}
	m.streams[id] = &streamHandle{stream: current}
	req := func(n int) api.Request {
		at := fixtureNow.Add(time.Duration(n) * time.Millisecond)
		return api.Request{ID: "live-" + string(rune('a'+n)), StartTime: at}
	}

	next, cmd := m.Update(streamBatchMsg{functionID: id, stream: current,
		requests: []api.Request{req(1), req(2), req(3)}})
	m = next.(Model)
	if got := buf.Len() - before; got != 3 {
		t.Fatalf("a batch of 3 added %d requests", got)
	}
	if cmd == nil {
		t.Fatal("the drain is not re-armed after a batch")
	}

	next, cmd = m.Update(streamBatchMsg{functionID: id, stream: stale,
		requests: []api.Request{req(4)}})
	m = next.(Model)
	if got := buf.Len() - before; got != 3 || cmd != nil {
		t.Fatalf("a batch from a replaced stream was taken (%d added, re-armed %v)",
			got, cmd != nil)
	}
	if fr := m.fresh.State(streamSource(id), fixtureNow); fr.State != model.SourceLive {
		t.Fatalf("the stream's freshness is %v after a batch", fr.State)
	}
}

func TestMouseFocusesAndSelects(t *testing.T) {
	m := loaded(t, 120, 40)
	var logs rect
	for _, r := range m.regions() {
		if r.pane == paneLogs {
			logs = r.rect
		}
	}
	click := tea.MouseMsg{X: logs.x + 3, Y: logs.y + 3, Button: tea.MouseButtonLeft,
		Action: tea.MouseActionPress}
	m = send(m, click)
	if m.focus != paneLogs {
		t.Fatalf("a click in the live pane focused %v", m.focus.name())
	}

	var list rect
	for _, r := range m.regions() {
		if r.pane == paneFunctions {
			list = r.rect
		}
	}
	row := tea.MouseMsg{X: 10, Y: list.y + 1 + 2, Button: tea.MouseButtonLeft,
		Action: tea.MouseActionPress}
	m = send(m, row) // the second row of the table, under the border and the heading
	if m.focus != paneFunctions || m.functions.Table().Cursor() != 1 {
		t.Fatalf("a click on the second row: focus %v cursor %d", m.focus.name(),
			m.functions.Table().Cursor())
	}
}

func TestPinMergesTheTail(t *testing.T) {
	m := loaded(t, 120, 40)
	first := m.focusedFunction()
	m = send(m, functions.PinMsg{FunctionID: first})
	t2 := m.functions.Table()
	m = selectFunction(m, t2.Row(t2.Cursor()+1).ID)

	if got := m.watched(); len(got) != 2 || got[0] != first {
		t.Fatalf("watched %v, want the pin then the selection", got)
	}
	if got := m.logs.FunctionIDs(); len(got) != 2 {
		t.Fatalf("the tail shows %v, want both functions merged", got)
	}
	m = send(m, functions.PinMsg{FunctionID: first})
	if got := m.watched(); len(got) != 1 {
		t.Fatalf("after unpinning, watched %v", got)
	}
}

func TestExplain(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&api.Error{StatusCode: 401}, "unauthorized: check the key ID and secret"},
		{&api.Error{StatusCode: 429}, "rate limited"},
		{&api.Error{StatusCode: 502}, "server error (HTTP 502)"},
		{errors.New("dial tcp: connection refused\x1b[2J"), "dial tcp: connection refused␛[2J"},
	}
	for _, tc := range cases {
		if got := explain(tc.err).Error(); got != tc.want {
			t.Errorf("explain(%v) = %q, want %q", tc.err, got, tc.want)
		}
		if !errors.Is(explain(tc.err), tc.err) {
			t.Errorf("explain(%v) does not wrap the error", tc.err)
		}
	}
}

func TestSettingsFrom(t *testing.T) {
	f := settings.Defaults()
	s := SettingsFrom(f)
	if s.Refresh.List != f.Refresh.Functions || s.Buffer.MaxRequests != f.Buffers.Requests ||
		s.Buffer.MaxBytes != int(f.Buffers.Bytes) {
		t.Fatalf("SettingsFrom(defaults) = %+v", s)
	}
}

// TestKeysReadTogetherActApart: a held-down key or tmux's send-keys can
// deliver "jj" in one message; it moves the selection twice, as two
// presses would, and a run typed into a filter still reaches the filter.
func TestKeysReadTogetherActApart(t *testing.T) {
	apart := send(loaded(t, 120, 40), keyRunes("j"), keyRunes("j"))
	together := send(loaded(t, 120, 40), keyRunes("jj"))
	if apart.functions.SelectedID() == loaded(t, 120, 40).functions.SelectedID() {
		t.Fatalf("two presses of j did not move the selection")
	}
	if together.functions.SelectedID() != apart.functions.SelectedID() {
		t.Errorf("\"jj\" selected %q, two presses of j %q", together.functions.SelectedID(),
			apart.functions.SelectedID())
	}

	typed := send(loaded(t, 120, 40), keyRunes("/"), keyRunes("sms"))
	if got := typed.functions.Table().Filter(); got != "sms" {
		t.Errorf("a run typed into the filter left it %q, want %q", got, "sms")
	}
}

// TestSettingsRebindRootKeys: a key rebound in the settings file works at
// the root, and the old key no longer does.
func TestSettingsRebindRootKeys(t *testing.T) {
	m := New(Options{
		ProjectID: "demo",
		Styles:    theme.New(theme.Options{Name: theme.NameNone}),
		Now:       func() time.Time { return fixtureNow },
		Settings:  Settings{Keys: map[string][]string{"global.help": {"h"}}},
	})
	m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})

	if send(m, keyRunes("?")).overlay.Showing() {
		t.Errorf("? still opens help after help was rebound to h")
	}
	if !send(m, keyRunes("h")).overlay.Showing() {
		t.Errorf("h, bound to global.help, does not open help")
	}
}

// TestEscapesReadTogetherGoBackTwice: Esc pressed twice quickly reaches the
// program as alt+esc, and leaves a request and the function's view both.
func TestEscapesReadTogetherGoBackTwice(t *testing.T) {
	fx := loadFixture(t)
	m := send(loaded(t, 120, 40), functions.OpenMsg{FunctionID: fx.Functions.Functions[0].ID})
	if m.level != levelDetail {
		t.Fatalf("opening a function left the level at %v", m.level)
	}
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc, Alt: true})
	m = send(next.(Model), backMsgs(cmd)...)
	if m.level != levelOverview {
		t.Errorf("alt+esc from the function's view left the level at %v, want the overview",
			m.level)
	}
}

// backMsgs runs cmd, a batch or one command, and returns the detail.BackMsg
// values it produces; other commands (fetches, ticks) are not run.
func backMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	var out []tea.Msg
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			out = append(out, backMsgs(c)...)
		}
	case detail.BackMsg:
		out = append(out, msg)
	}
	return out
}

// TestFailedFirstHistoryIsAskedAgain: a function whose first page of
// history failed asks again after a while while its list is empty, and not
// once requests have arrived; a page further back is left to scrolling.
func TestFailedFirstHistoryIsAskedAgain(t *testing.T) {
	client, err := api.NewClient(api.Config{APIURL: "http://127.0.0.1:1", ProjectID: "demo",
		AuthURL: "http://127.0.0.1:1/oauth2/token", KeyID: "k", KeySecret: "s"})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Client: client, ProjectID: "demo", Now: func() time.Time { return fixtureNow },
		Styles: theme.New(theme.Options{Name: theme.NameNone})})
	const id = "01JKXF00000000000001"
	buf := m.buffers.get(id, map[string]bool{id: true})
	failed := historyFetchedMsg{functionID: id, before: fixtureNow, err: errors.New("HTTP 500")}

	if m.scheduleHistoryRetry(failed) == nil {
		t.Errorf("a failed first page with an empty list is not asked for again")
	}
	back := failed
	back.until = fixtureNow.Add(-time.Hour)
	if m.scheduleHistoryRetry(back) != nil {
		t.Errorf("a failed page toward a window is retried by a timer, not by the paging")
	}
	if m.retryHistory(historyRetryMsg{functionID: id, before: fixtureNow}) == nil {
		t.Errorf("the retry asks for nothing while the list is still empty")
	}

	buf.AppendLive([]api.Request{{ID: "r1", StartTime: fixtureNow}})
	if m.scheduleHistoryRetry(failed) != nil || m.retryHistory(historyRetryMsg{
		functionID: id, before: fixtureNow}) != nil {
		t.Errorf("history is asked for again although requests are on screen")
	}
}
