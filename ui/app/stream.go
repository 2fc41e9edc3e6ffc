package app

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// Stream batching: a drain command waits for the first request, then
// gathers what else arrives within one frame, up to a cap, and hands the
// lot over as one message.
const (
	frameWindow  = 16 * time.Millisecond
	maxBatch     = 1024
	streamReplay = 30 * time.Second // a new stream replays this much, so the tail has no gap
	reopenDelay  = 5 * time.Second  // before opening a stream again after a refusal
	watchDelay   = 250 * time.Millisecond
)

// streamHandle is one open (or opening) stream of a watched function.
type streamHandle struct {
	stream   *api.Stream // nil while opening
	opening  bool
	retryAt  time.Time // after a refusal, not before this
	state    api.StreamState
	hasState bool
}

// streamOpenedMsg reports the end of an attempt to open a stream.
type streamOpenedMsg struct {
	functionID string
	stream     *api.Stream
	err        error
}

// streamBatchMsg is the requests that arrived on one stream in one frame.
// closed says the stream's channel closed after them.
type streamBatchMsg struct {
	functionID string
	stream     *api.Stream
	requests   []api.Request
	closed     bool
}

// streamStateMsg is a change of one stream's health.
type streamStateMsg struct {
	functionID string
	stream     *api.Stream
	state      api.StreamState
	closed     bool
}

// streamClosedMsg says a stream the dashboard closed has released its slot.
type streamClosedMsg struct{ functionID string }

// watchMsg asks to reconcile the open streams with what is on screen; seq
// drops the ones a later selection made stale.
type watchMsg struct{ seq int }

// openStreamCmd opens a stream in a command: opening connects to the API.
func openStreamCmd(ctx context.Context, client *api.Client, id string, since time.Time) tea.Cmd {
	return func() tea.Msg {
		s, err := client.Stream(ctx, id, api.StreamOptions{Since: since})
		return streamOpenedMsg{id, s, err}
	}
}

// drainCmd waits for the stream's next requests and returns them as one
// batch. The root re-arms it after each batch while the stream is current.
func drainCmd(id string, s *api.Stream) tea.Cmd {
	return func() tea.Msg {
		first, ok := <-s.Requests()
		if !ok {
			return streamBatchMsg{functionID: id, stream: s, closed: true}
		}
		batch := []api.Request{first}
		timer := time.NewTimer(frameWindow)
		defer timer.Stop()
		for len(batch) < maxBatch {
			select {
			case r, ok := <-s.Requests():
				if !ok {
					return streamBatchMsg{id, s, batch, true}
				}
				batch = append(batch, r)
			case <-timer.C:
				return streamBatchMsg{id, s, batch, false}
			}
		}
		return streamBatchMsg{id, s, batch, false}
	}
}

// stateCmd waits for the stream's next state.
func stateCmd(id string, s *api.Stream) tea.Cmd {
	return func() tea.Msg {
		st, ok := <-s.States()
		if !ok {
			return streamStateMsg{functionID: id, stream: s, state: s.State(), closed: true}
		}
		return streamStateMsg{id, s, st, st.Phase == api.PhaseClosed}
	}
}

// closeStreamCmd closes a stream in a command: Close waits for its
// goroutines to end.
func closeStreamCmd(id string, s *api.Stream) tea.Cmd {
	return func() tea.Msg {
		s.Close()
		return streamClosedMsg{id}
	}
}

// closeStream closes a stream of the current project in a command and
// counts its slot as taken until streamClosedMsg says it is given back, so
// that a stream opened in its place is not refused for the API's limit.
func (m *Model) closeStream(id string, s *api.Stream) tea.Cmd {
	m.closing++
	return m.tag(closeStreamCmd(id, s))
}

// watchAfter reconciles the streams after a short pause, so that moving
// quickly through the list does not open a stream per row passed.
func watchAfter(seq int) tea.Cmd {
	return tea.Tick(watchDelay, func(time.Time) tea.Msg { return watchMsg{seq} })
}

// watched returns the functions whose streams should be open: the pinned
// ones and the one on screen, at most model.MaxPinned (the API's stream
// limit), the one on screen first to get a slot.
func (m Model) watched() []string {
	return m.pins.Watched(m.focusedFunction())
}

// reconcileStreams opens the streams of watched functions that have none
// and closes those of functions no longer watched.
func (m *Model) reconcileStreams() tea.Cmd {
	if m.opts.Client == nil {
		return nil
	}
	want := map[string]bool{}
	for _, id := range m.watched() {
		want[id] = true
	}

	var cmds []tea.Cmd
	for id, h := range m.streams {
		if want[id] {
			continue
		}
		delete(m.streams, id)
		m.fresh.Forget(streamSource(id))
		if h.stream != nil {
			cmds = append(cmds, m.closeStream(id, h.stream))
		}
	}
	now := m.now()
	for id := range want {
		cmds = append(cmds, m.openIfDue(id, now))
	}
	return tea.Batch(cmds...)
}

// openIfDue opens the function's stream unless one is open, opening, or
// waiting out a refusal; the first time it also asks for the history
// before the stream's replay.
func (m *Model) openIfDue(id string, now time.Time) tea.Cmd {
	h, ok := m.streams[id]
	if ok && (h.stream != nil || h.opening || now.Before(h.retryAt)) {
		return nil
	}
	if len(m.streams)+m.closing >= model.MaxPinned && !ok {
		return nil // every slot is taken or not yet given back: streamClosedMsg retries
	}
	m.streams[id] = &streamHandle{opening: true}

	// The stream replays from since; the first page of history ends there,
	// so that the two do not overlap (a page the stream already delivered
	// whole would read as the end of the history).
	buf := m.buffers.get(id, m.watchedSet())
	since := now.Add(-streamReplay)
	cmds := []tea.Cmd{m.tag(openStreamCmd(m.ctx, m.opts.Client, id, since))}
	if buf.Len() == 0 {
		cmds = append(cmds, m.tag(historyCmd(m.ctx, m.opts.Client, id, since, time.Time{})))
	}
	return tea.Batch(cmds...)
}

func (m Model) watchedSet() map[string]bool {
	set := map[string]bool{}
	for _, id := range m.watched() {
		set[id] = true
	}
	return set
}

// closeAllStreams closes every stream; Run calls it after the program ends.
func (m Model) closeAllStreams() {
	for _, h := range m.streams {
		if h.stream != nil {
			h.stream.Close()
		}
	}
}
