package logs

import (
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

// pinnedPane shows three functions whose requests interleave: function k
// has requests k, k+3, k+6, … of the fixture, under IDs of its own.
func pinnedPane(w, h, n int) (Model, []*model.LogBuffer) {
	names := []string{"ivr-handler", "call-router", "fax\x1b[31m-relay"}
	var pinned []model.Pinned
	var bufs []*model.LogBuffer
	for k, name := range names {
		buf := model.NewLogBuffer(model.Limits{})
		for i := k; i < n; i += len(names) {
			req := request(i)
			req.ID = fmt.Sprintf("fn%d-%03d", k, i)
			buf.AppendLive([]api.Request{req})
		}
		bufs = append(bufs, buf)
		pinned = append(pinned, model.Pinned{FunctionID: fmt.Sprintf("fn-%d", k),
			FunctionName: name, Buffer: buf})
	}

	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	if err := m.SetPinned(pinned); err != nil {
		panic(err)
	}
	for k := range names {
		phase := api.PhaseLive
		if k == 2 {
			phase = api.PhaseReconnecting
		}
		m.SetFunctionStreamState(fmt.Sprintf("fn-%d", k), api.StreamState{Phase: phase})
	}
	m.SetNow(now)
	m.SetSize(w, h)
	m.Focus()
	return m, bufs
}

func TestMergedGolden(t *testing.T) {
	t.Run("pinned_110x10", func(t *testing.T) {
		m, _ := pinnedPane(110, 10, 30)
		uitest.Golden(t, t.Name(), boxed(m, 110, 10))
	})
	t.Run("pinned_search_110x8", func(t *testing.T) {
		m, _ := pinnedPane(110, 8, 30)
		m, _ = press(m, append(typed("dice"), "N")...)
		uitest.Golden(t, t.Name(), boxed(m, 110, 8))
	})
}

func TestMergedOrderAndOpen(t *testing.T) {
	m, _ := pinnedPane(110, 10, 12)
	if m.rows() != 12 || m.FunctionID() != "" || len(m.FunctionIDs()) != 3 {
		t.Fatalf("rows %d, function %q, functions %v", m.rows(), m.FunctionID(), m.FunctionIDs())
	}

	// Newest first going up: request 11 (fn-2), 10 (fn-1), 9 (fn-0).
	for _, want := range []string{"fn2-011", "fn1-010", "fn0-009"} {
		if got := selected(m).ID; got != want {
			t.Fatalf("selected %s, want %s", got, want)
		}
		m, _ = press(m, "k")
	}

	_, msgs := press(m, "enter")
	open := msgs[0].(OpenRequestMsg)
	if open.FunctionID != "fn-2" || open.Entry.ID != "fn2-008" {
		t.Errorf("opened %s of %s", open.Entry.ID, open.FunctionID)
	}
}

func TestMergedSearchAcrossFunctions(t *testing.T) {
	// "dice" is in requests 2, 7, 12, 17, 22, 27: functions 2, 1, 0, 2, 1, 0.
	m, _ := pinnedPane(110, 10, 30)
	m, _ = press(m, typed("dice")...)
	want := []string{"fn0-027", "fn1-022", "fn2-017", "fn0-012", "fn1-007", "fn2-002", "fn2-002"}
	for i, id := range want {
		if got := selected(m).ID; got != id {
			t.Fatalf("match %d: selected %s, want %s", i, got, id)
		}
		m, _ = press(m, "N")
	}
	m, _ = press(m, "n", "n")
	if got := selected(m).ID; got != "fn0-012" {
		t.Errorf("n n from the first match: %s", got)
	}
}

func TestMergedFiltersAndPauseApplyToAll(t *testing.T) {
	m, bufs := pinnedPane(110, 10, 30)
	m, _ = press(m, "s", " ")
	for k, b := range bufs {
		if b.Filter().Class != model.StatusError || !b.Paused() {
			t.Errorf("buffer %d: filter %+v, paused %v", k, b.Filter(), b.Paused())
		}
	}
	bufs[1].AppendLive([]api.Request{request(40)})
	bufs[2].AppendLive([]api.Request{request(41), request(42)})
	if title := m.Title(); !strings.Contains(title, "paused, 3 arrived") {
		t.Errorf("title %q", title)
	}
}

func TestMergedHistoryForEachFunction(t *testing.T) {
	m, _ := pinnedPane(110, 10, 9)
	_, msgs := press(m, "g")
	if len(msgs) != 1 {
		t.Fatalf("messages %v", msgs)
	}
	batch, ok := msgs[0].(tea.BatchMsg)
	if !ok || len(batch) != 3 {
		t.Fatalf("want a batch of three history asks, got %#v", msgs[0])
	}
	for k, cmd := range batch {
		got := cmd().(NeedHistoryMsg)
		want := NeedHistoryMsg{FunctionID: fmt.Sprintf("fn-%d", k),
			Before: base.Add(time.Duration(k) * time.Second)}
		if got != want {
			t.Errorf("ask %d: %+v, want %+v", k, got, want)
		}
	}
}

func TestTooManyPinned(t *testing.T) {
	var pinned []model.Pinned
	for k := range model.MaxPinned + 1 {
		pinned = append(pinned, model.Pinned{FunctionID: fmt.Sprint(k),
			Buffer: model.NewLogBuffer(model.Limits{})})
	}
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	if err := m.SetPinned(pinned); err == nil {
		t.Error("six pinned functions accepted")
	}
}
