package app

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// driver runs a dashboard the way Bubble Tea does: every command in its
// own goroutine, every message through Update, one at a time.
type driver struct {
	t    *testing.T
	ctx  context.Context
	m    Model
	msgs chan tea.Msg
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				d.run(c)
			}
			return
		}
		if msg == nil {
			return
		}
		select {
		case d.msgs <- msg:
		case <-d.ctx.Done():
		}
	}()
}

// until delivers messages until cond holds, failing after a generous
// deadline: the wait is for the work to happen, not a guess at its speed.
func (d *driver) until(what string, cond func(Model) bool) {
	d.t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond(d.m) {
		select {
		case msg := <-d.msgs:
			next, cmd := d.m.Update(msg)
			d.m = next.(Model)
			d.run(cmd)
		case <-deadline:
			d.t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// TestDashboardAgainstSimulator runs the dashboard against the simulator
// over real HTTP on a manual clock: the plan's first fetches fill the
// table, the charts and billing; the selected function's stream and
// history fill its tail; quitting closes the stream and frees its slot.
func TestDashboardAgainstSimulator(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	cfg := sim.DefaultConfig()
	cfg.Clock = clk
	srv, err := sim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client, err := api.NewClient(api.Config{
		APIURL: srv.URL, AuthURL: srv.TokenURL, ProjectID: cfg.ProjectID,
		KeyID: cfg.KeyID, KeySecret: cfg.KeySecret, Clock: clk,
	})
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := New(Options{Client: client, ProjectID: cfg.ProjectID, Context: ctx, Now: clk.Now,
		Styles: theme.New(theme.Options{Name: theme.NameNone})})
	d := &driver{t: t, ctx: ctx, m: m, msgs: make(chan tea.Msg, 256)}
	d.run(m.Init())
	next, cmd := d.m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.m = next.(Model)
	d.run(cmd)

	d.until("the function list", func(m Model) bool { return m.functions.Table().Total() > 0 })
	id := d.m.focusedFunction()
	d.until("the selected function's charts and tail", func(m Model) bool {
		_, charts := m.recent.get(id, m.metrics.Range())
		buf, ok := m.buffers.lookup(id)
		h := m.streams[id]
		return charts && ok && buf.Len() > 0 && h != nil && h.stream != nil
	})
	d.until("billing and every visible row's figures", func(m Model) bool {
		billing := m.fresh.State(model.Source{Kind: model.SourceBilling}, clk.Now())
		for _, vid := range m.functions.VisibleIDs() {
			if row, _ := m.functions.Table().Function(vid); row.MetricsAt.IsZero() {
				return false
			}
		}
		return billing.State == model.SourceLive
	})
	if got := client.Budget().Snapshot().Streams.Open; got != 1 {
		t.Fatalf("%d streams open, want the selected function's alone", got)
	}
	if v := d.m.View(); len(v) == 0 {
		t.Fatal("nothing drawn")
	}

	cancel() // as Run does when the program ends
	d.m.closeAllStreams()
	if got := client.Budget().Snapshot().Streams.Open; got != 0 {
		t.Fatalf("%d streams still open after closing", got)
	}
}
