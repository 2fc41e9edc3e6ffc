package app

import (
	"cmp"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// handleFetch routes a fetch result to the panes, the refresh plan and the
// freshness tracker. A failure keeps the data on screen and says why.
func (m Model) handleFetch(msg tea.Msg) (Model, tea.Cmd) {
	now := m.now()
	before := m.focusedFunction()

	var cmd tea.Cmd
	switch msg := msg.(type) {
	case functionsFetchedMsg:
		cmd = m.onFunctions(now, msg)
	case statusFetchedMsg:
		m.onStatus(now, msg)
	case metricsFetchedMsg:
		m.onMetrics(now, msg)
	case billingFetchedMsg:
		m.onBilling(now, msg)
	case costsFetchedMsg:
		m.onCosts(now, msg)
	case historyFetchedMsg:
		cmd = m.onHistory(msg)
	case historyRetryMsg:
		cmd = m.retryHistory(msg)
	}
	m.refreshClock(now)
	return m, tea.Batch(cmd, m.afterSelection(before), m.evaluateAlerts(now))
}

// settle records a fetch's outcome in the plan and the tracker, and
// returns when a failed fetch is retried and the failure's short reason
// (nil on success).
func (m *Model) settle(f model.Fetch, src model.Source, now time.Time,
	err error) (time.Time, error) {
	if err == nil {
		m.plan.Succeeded(f, now)
		m.fresh.Succeeded(src, now)
		return time.Time{}, nil
	}
	err = explain(err)
	m.plan.Failed(f, now, failure(err, now))
	retryAt, _ := m.plan.RetryAt(f)
	m.fresh.Failed(src, now, err, retryAt)
	return retryAt, err
}

func (m *Model) onFunctions(now time.Time, msg functionsFetchedMsg) tea.Cmd {
	f := model.Fetch{Kind: model.FetchList}
	retryAt, err := m.settle(f, model.Source{Kind: model.SourceFunctions}, now, msg.err)
	if err != nil {
		m.functions.SetError(err.Error(), retryAt)
		return nil
	}

	known := m.knownIDs()
	if skipped := m.functions.SetFunctions(now, msg.list); skipped != nil {
		m.note(skipped.Error())
	}
	kept := m.knownIDs()
	ids := make([]string, 0, len(kept))
	for id := range kept {
		ids = append(ids, id)
	}
	for id := range known {
		if !kept[id] {
			m.plan.Forget(id)
			m.pins.Unpin(id)
		}
	}
	m.fresh.RetainFunctions(ids)
	m.functions.SetPinned(m.pins.IDs())
	m.layoutPanes()
	if m.level == levelDetail {
		if row, ok := m.functions.Table().Function(m.detailID); ok {
			m.detail.SetFunction(apiFunction(row))
		}
	}
	return m.openPending()
}

// knownIDs is the set of every function's ID in the table.
func (m Model) knownIDs() map[string]bool {
	t := m.functions.Table()
	set := make(map[string]bool, t.Total())
	for _, o := range t.Observations() {
		set[o.ID] = true
	}
	return set
}

// openPending drills into Options.Function once the list shows it.
func (m *Model) openPending() tea.Cmd {
	if m.pendingOpen == "" {
		return nil
	}
	for _, o := range m.functions.Table().Observations() {
		if o.ID == m.pendingOpen || o.Name == m.pendingOpen {
			m.pendingOpen = ""
			m.functions.Select(o.ID)
			return m.enterDetail(o.ID)
		}
	}
	m.note("no function named " + model.Truncate(model.Sanitize(m.pendingOpen), 40))
	m.pendingOpen = ""
	return nil
}

func (m *Model) onStatus(now time.Time, msg statusFetchedMsg) {
	f := model.Fetch{Kind: model.FetchStatus, FunctionID: msg.functionID}
	src := model.Source{Kind: model.SourceStatus, FunctionID: msg.functionID}
	retryAt, err := m.settle(f, src, now, msg.err)
	shown := m.level == levelDetail && m.detail.FunctionID() == msg.functionID
	switch {
	case err != nil && shown:
		m.detail.SetStatusError(err, retryAt)
	case err == nil:
		m.functions.SetStatus(now, msg.status)
		if shown {
			m.detail.SetStatus(msg.status)
		}
	}
}

func (m *Model) onMetrics(now time.Time, msg metricsFetchedMsg) {
	f := model.Fetch{Kind: model.FetchMetrics, FunctionID: msg.functionID, Range: msg.rng}
	src := model.Source{Kind: model.SourceMetrics, FunctionID: msg.functionID}
	retryAt, err := m.settle(f, src, now, msg.err)

	inPane := msg.functionID == m.metrics.FunctionID() && msg.rng == m.metrics.Range()
	inDetail := m.level == levelDetail && msg.functionID == m.detail.FunctionID() &&
		msg.rng == m.detail.Range()
	if err != nil {
		if inPane {
			m.metrics.SetError(err, retryAt)
		}
		if inDetail {
			m.detail.SetMetricsError(err, retryAt)
		}
		return
	}
	if msg.rng == api.Range1h {
		m.functions.SetMetrics(now, msg.functionID, msg.metrics)
	}
	if msg.functionID == m.focusedFunction() {
		m.recent.put(msg.functionID, msg.rng, msg.metrics)
	}
	if inPane {
		m.metrics.SetMetrics(msg.metrics)
	}
	if inDetail {
		m.detail.SetMetrics(msg.metrics)
	}
}

func (m *Model) onBilling(now time.Time, msg billingFetchedMsg) {
	f := model.Fetch{Kind: model.FetchBilling}
	retryAt, err := m.settle(f, model.Source{Kind: model.SourceBilling}, now, msg.err)
	if err != nil {
		m.billing.SetError(err, retryAt)
		return
	}
	m.functions.SetBilling(msg.billing)
	m.billing.SetBilling(msg.billing)
}

func (m *Model) onCosts(now time.Time, msg costsFetchedMsg) {
	f := model.Fetch{Kind: model.FetchCosts, FunctionID: msg.functionID}
	src := model.Source{Kind: model.SourceCosts, FunctionID: msg.functionID}
	if _, err := m.settle(f, src, now, msg.err); err == nil {
		m.functions.SetCosts(msg.costs)
		m.billing.SetCosts(msg.costs)
	}
}

// onHistory puts a page of older requests in its buffer and goes on paging
// back to a spike's window when one is asked for.
func (m *Model) onHistory(msg historyFetchedMsg) tea.Cmd {
	if msg.err != nil {
		err := explain(msg.err)
		m.logs.HistoryFailed(err)
		if m.detail.FunctionID() == msg.functionID {
			m.detail.HistoryFailed(err)
		}
		return tea.Batch(m.windowPageArrived(msg), m.scheduleHistoryRetry(msg))
	}
	buf, ok := m.buffers.lookup(msg.functionID)
	if !ok {
		return nil
	}
	buf.PrependHistory(msg.page.Requests)
	if len(msg.page.Requests) < historyPageSize {
		buf.MarkHistoryExhausted()
	}
	return m.windowPageArrived(msg)
}

// historyRetryDelay is how long a function whose first page of history
// failed waits before asking again. The budget keeps the retries in bounds;
// the delay keeps a failing server from being asked every frame.
const historyRetryDelay = 10 * time.Second

// historyRetryMsg asks again for a function's first page of history.
type historyRetryMsg struct {
	functionID string
	before     time.Time
}

// scheduleHistoryRetry retries a failed first page: without it, a quiet or
// Failed function whose history could not be read shows nothing until the
// user scrolls. Pages further back are asked for again by scrolling.
func (m *Model) scheduleHistoryRetry(msg historyFetchedMsg) tea.Cmd {
	buf, ok := m.buffers.lookup(msg.functionID)
	if !ok || buf.Len() > 0 || !msg.until.IsZero() {
		return nil
	}
	retry := historyRetryMsg{functionID: msg.functionID, before: msg.before}
	return m.tag(tea.Tick(historyRetryDelay, func(time.Time) tea.Msg { return retry }))
}

// retryHistory asks for the first page again if the function is still
// watched and its list still empty.
func (m *Model) retryHistory(msg historyRetryMsg) tea.Cmd {
	buf, ok := m.buffers.lookup(msg.functionID)
	if !ok || buf.Len() > 0 {
		return nil
	}
	return m.tag(historyCmd(m.ctx, m.opts.Client, msg.functionID, msg.before, time.Time{}))
}

// handleStream opens, drains, watches and closes streams.
func (m Model) handleStream(msg tea.Msg) (Model, tea.Cmd) {
	now := m.now()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case streamOpenedMsg:
		cmd = m.onStreamOpened(now, msg)
	case streamBatchMsg:
		cmd = m.onStreamBatch(now, msg)
	case streamStateMsg:
		cmd = m.onStreamState(now, msg)
	case streamClosedMsg:
		// The slot is free again: a watched function may take it.
		m.closing = max(m.closing-1, 0)
		cmd = m.reconcileStreams()
	case watchMsg:
		// The selection rested: fetch for it and open its stream. A pin
		// looked at counts as viewed, the last to offer for replacement.
		if msg.seq == m.watchSeq {
			m.pins.Touch(m.focusedFunction(), now)
			cmd = tea.Batch(m.runPlan(), m.reconcileStreams())
		}
	}
	m.refreshClock(now)
	return m, cmd
}

func streamSource(id string) model.Source {
	return model.Source{Kind: model.SourceStream, FunctionID: id}
}

func (m *Model) onStreamOpened(now time.Time, msg streamOpenedMsg) tea.Cmd {
	h, wanted := m.streams[msg.functionID]
	if msg.err != nil {
		err := explain(msg.err)
		retryAt := now.Add(reopenDelay)
		m.fresh.Failed(streamSource(msg.functionID), now, err, retryAt)
		if wanted {
			h.opening, h.retryAt = false, retryAt
		}
		return nil
	}
	if !wanted || h.stream != nil {
		// No longer watched (or a duplicate): give the slot back.
		return m.closeStream(msg.functionID, msg.stream)
	}
	h.stream, h.opening = msg.stream, false
	m.fresh.Succeeded(streamSource(msg.functionID), now)
	return tea.Batch(m.tag(drainCmd(msg.functionID, msg.stream)),
		m.tag(stateCmd(msg.functionID, msg.stream)))
}

// current reports whether s is the open stream of the function.
func (m Model) current(id string, s *api.Stream) (*streamHandle, bool) {
	h, ok := m.streams[id]
	return h, ok && h.stream == s
}

func (m *Model) onStreamBatch(now time.Time, msg streamBatchMsg) tea.Cmd {
	h, ok := m.current(msg.functionID, msg.stream)
	if !ok {
		return nil
	}
	if buf, ok := m.buffers.lookup(msg.functionID); ok && len(msg.requests) > 0 {
		buf.AppendLive(msg.requests)
		m.fresh.Succeeded(streamSource(msg.functionID), now)
	}
	if msg.closed {
		m.streamEnded(now, msg.functionID, h)
		return nil
	}
	return m.tag(drainCmd(msg.functionID, msg.stream))
}

func (m *Model) onStreamState(now time.Time, msg streamStateMsg) tea.Cmd {
	h, ok := m.current(msg.functionID, msg.stream)
	if !ok {
		return nil
	}
	h.state, h.hasState = msg.state, true
	m.logs.SetFunctionStreamState(msg.functionID, msg.state)
	if m.detail.FunctionID() == msg.functionID {
		m.detail.SetStreamState(msg.state)
	}

	src := streamSource(msg.functionID)
	switch msg.state.Phase {
	case api.PhaseLive:
		m.fresh.Succeeded(src, now)
	case api.PhaseReconnecting:
		m.fresh.Failed(src, now, explain(cmp.Or(msg.state.Err, errStreamLost)), msg.state.NextTry)
	}
	if msg.closed {
		m.streamEnded(now, msg.functionID, h)
		return nil
	}
	return m.tag(stateCmd(msg.functionID, msg.stream))
}

// streamEnded forgets a stream that ended on its own; the next tick opens
// it again after a pause if the function is still watched.
func (m *Model) streamEnded(now time.Time, id string, h *streamHandle) {
	if h.stream == nil {
		return
	}
	err := h.stream.Err()
	h.stream, h.retryAt = nil, now.Add(reopenDelay)
	m.fresh.Failed(streamSource(id), now, explain(cmp.Or(err, errStreamLost)), h.retryAt)
}
