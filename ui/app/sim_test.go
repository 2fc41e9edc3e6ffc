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
	"github.com/sinchtop/sinchtop/ui/metrics"
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
	client, cfg := simClient(t, clk)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := startDashboard(t, ctx, client, cfg.ProjectID, clk)

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

// TestSpikeJumpPagesBackToTheWindow jumps to a spike a quarter of an hour
// back, against the simulator: the function's view opens with the window
// and the error filter set, and the root pages history back, a page at a
// time, until the buffer reaches the window's start.
func TestSpikeJumpPagesBackToTheWindow(t *testing.T) {
	d, clk := simDashboard(t)
	d.until("the function list", func(m Model) bool { return m.functions.Table().Total() > 0 })
	var id string // a busy function, not yet watched: its first page comes with the jump
	for _, o := range d.m.functions.Table().Observations() {
		if o.Name == "ivr-handler" {
			id = o.ID
		}
	}

	from := clk.Now().Add(-15 * time.Minute)
	to := from.Add(5 * time.Minute)
	next, cmd := d.m.Update(metrics.JumpToSpikeMsg{FunctionID: id, From: from, To: to,
		Kind: model.SeriesErrorRate})
	d.m = next.(Model)
	d.run(cmd)

	buf, ok := d.m.buffers.lookup(id)
	if !ok {
		t.Fatal("the jump made no buffer for the function")
	}
	f := buf.Filter()
	if d.m.level != levelDetail || d.m.detailID != id || !f.From.Equal(from) ||
		!f.To.Equal(to) || f.Class != model.StatusError {
		t.Fatalf("after the jump: level %v function %q filter %+v", d.m.level, d.m.detailID, f)
	}
	d.until("the window paged back to", func(m Model) bool {
		_, paging := m.windows[id]
		return !paging
	})
	if buf.Len() < 3*historyPageSize {
		t.Fatalf("%d requests held: the window did not need paging; jump further back (%q)",
			buf.Len(), d.m.status.text)
	}
	if oldest := buf.OldestStart(); oldest.After(from) {
		t.Fatalf("paging stopped at %v, after the window's start %v (status %q)", oldest, from,
			d.m.status.text)
	}
	for i := range buf.FilteredLen() {
		e := buf.FilteredAt(i)
		if e.Request.StartTime.Before(from) || !e.Request.StartTime.Before(to) ||
			e.Request.StatusCode < 400 {
			t.Fatalf("the view shows %v %d, outside the window or not an error",
				e.Request.StartTime, e.Request.StatusCode)
		}
	}
}

// simDashboard runs a dashboard against a new simulator on a manual clock,
// sized 120×40, until the test ends.
func simDashboard(t *testing.T) (*driver, *clock.Manual) {
	clk := clock.NewManual(fixtureNow)
	client, cfg := simClient(t, clk)
	ctx, cancel := context.WithCancel(context.Background())
	d := startDashboard(t, ctx, client, cfg.ProjectID, clk)
	t.Cleanup(func() {
		cancel()
		d.m.closeAllStreams()
	})
	return d, clk
}

// simClient starts a simulator on clk and returns a client of it with the
// simulator's settings. The simulator stops when the test has ended.
func simClient(t *testing.T, clk *clock.Manual) (*api.Client, sim.Config) {
	t.Helper()
	cfg := sim.DefaultConfig()
	cfg.Clock = clk
	srv, err := sim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })

	client, err := api.NewClient(api.Config{
		APIURL: srv.URL, AuthURL: srv.TokenURL, ProjectID: cfg.ProjectID,
		KeyID: cfg.KeyID, KeySecret: cfg.KeySecret, Clock: clk,
	})
	if err != nil {
		t.Fatal(err)
	}
	return client, cfg
}

// startDashboard runs a dashboard of client on ctx, sized 120×40: when it
// returns, the dashboard's first commands are running.
func startDashboard(t *testing.T, ctx context.Context, client *api.Client, projectID string,
	clk *clock.Manual) *driver {
	m := New(Options{Client: client, ProjectID: projectID, Context: ctx, Now: clk.Now,
		Styles: theme.New(theme.Options{Name: theme.NameNone})})
	d := &driver{t: t, ctx: ctx, m: m, msgs: make(chan tea.Msg, 256)}
	d.run(m.Init())
	next, cmd := d.m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.m = next.(Model)
	d.run(cmd)
	return d
}
