package app

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/export"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/notify"
	"github.com/sinchtop/sinchtop/ui/request"
)

// tickMsg is the once-a-second clock: it redraws relative times and runs
// the refresh plan. seq drops the ticks of a replaced chain.
type tickMsg struct {
	seq int
	at  time.Time
}

// Update routes each family of messages to its handler.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.handleResize(msg)
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case tickMsg:
		return m.handleTick(msg)
	case budgetMsg:
		m.budget = msg.snapshot
		m.refreshClock(m.now())
		return m, nil
	case projectMsg:
		return m.handleProjectMsg(msg)
	case functionsFetchedMsg, statusFetchedMsg, metricsFetchedMsg, billingFetchedMsg,
		costsFetchedMsg, historyFetchedMsg, historyRetryMsg:
		return m.handleFetch(msg)
	case streamOpenedMsg, streamBatchMsg, streamStateMsg, streamClosedMsg, watchMsg:
		return m.handleStream(msg)
	case functions.OpenMsg, functions.PinMsg, logs.OpenRequestMsg, logs.NeedHistoryMsg,
		metrics.RangeChangedMsg, metrics.JumpToSpikeMsg, detail.BackMsg,
		request.CopyRequestMsg:
		return m.handleIntent(msg)
	case notify.CopiedMsg, notify.WriteFailedMsg, export.ExportedMsg, profileSwitchedMsg:
		return m.handleResult(msg)
	}
	return m, nil
}

// handleResult tells the outcome of a copy, a write to the terminal, an
// export or a profile switch in the status line.
func (m Model) handleResult(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case notify.CopiedMsg:
		m.note(msg.Text())
	case notify.WriteFailedMsg:
		m.note("could not write the " + msg.What + " to the terminal: " + msg.Err.Error())
	case export.ExportedMsg:
		m.onExported(msg)
	case profileSwitchedMsg:
		return m.onProfileSwitched(msg)
	}
	return m, nil
}

// handleResize lays the panes out for the new size at once.
func (m Model) handleResize(msg tea.WindowSizeMsg) (Model, tea.Cmd) {
	m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
	m.layoutPanes()
	return m, m.runPlan()
}

// handleKeyRunes handles keys that arrived in one read, as a held-down key
// or tmux's send-keys deliver them ("jjj"): one at a time, as if typed
// apart, so that no keymap has to match a run of letters.
func (m Model) handleKeyRunes(runes []rune) (Model, tea.Cmd) {
	cmds := make([]tea.Cmd, 0, len(runes))
	for _, r := range runes {
		var cmd tea.Cmd
		m, cmd = m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// handleKey: ctrl+c always quits; the help overlay and a pane taking text
// get every other key; then the global keys; the rest go to the focused
// pane.
func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		return m.handleKeyRunes(msg.Runes)
	}
	if msg.Type == tea.KeyEsc && msg.Alt {
		// Two Escs read together arrive as alt+esc: go back twice.
		m, first := m.handleKey(tea.KeyMsg{Type: tea.KeyEsc})
		m, second := m.handleKey(tea.KeyMsg{Type: tea.KeyEsc})
		return m, tea.Batch(first, second)
	}
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit()
	}
	if m.status.prompt != nil {
		next, cmd, taken := m.answerPrompt(msg)
		if taken {
			return next, cmd
		}
		m = next
	}
	switch {
	case m.overlay.Showing():
		m.overlay, _ = m.overlay.Update(msg)
		m.updateHelp()
		return m, nil
	case m.alertList.open:
		return m.handleAlertListKey(msg)
	case m.profileList.open:
		return m.handleProfileListKey(msg)
	case m.typing():
		return m.routeKey(msg)
	}
	return m.handleGlobalKey(msg)
}

// handleGlobalKey acts on the keys that work everywhere and hands the rest
// to the focused pane.
func (m Model) handleGlobalKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Help):
		m.overlay.ShowAll(true)
		m.layoutPanes()
		m.updateHelp()
	case key.Matches(msg, m.keys.Quit) && m.level == levelOverview:
		return m.quit()
	case key.Matches(msg, m.keys.Quit, m.keys.Back) && m.level == levelDetail:
		// The function's view goes back one level itself: from a request
		// to its list, from the list to the overview (detail.BackMsg).
		var cmd tea.Cmd
		m.detail, cmd = m.detail.GoBack()
		m.updateHelp()
		return m, cmd
	case key.Matches(msg, m.keys.Back):
		return m, nil
	case key.Matches(msg, m.keys.NextPane):
		m.cycleFocus(1)
	case key.Matches(msg, m.keys.PrevPane):
		m.cycleFocus(-1)
	case key.Matches(msg, m.keys.Refresh):
		m.plan.Reset()
		return m, m.runPlan()
	case key.Matches(msg, m.keys.Alerts):
		m.alertList = listCursor{open: true}
		m.updateHelp()
	case key.Matches(msg, m.keys.AcknowledgeAll):
		return m, m.acknowledgeAll()
	case key.Matches(msg, m.keys.ExportRequests):
		return m, m.exportRequests()
	case key.Matches(msg, m.keys.ExportScreen):
		return m, m.exportScreen()
	case key.Matches(msg, m.keys.Profiles):
		m.openProfiles()
	default:
		return m.routeKey(msg)
	}
	return m, nil
}

func (m Model) quit() (Model, tea.Cmd) {
	m.quitting = true
	return m, tea.Quit
}

// routeKey hands a key (or a mouse event made relative) to the focused
// pane, then follows a change of the selected function.
func (m Model) routeKey(msg tea.Msg) (Model, tea.Cmd) {
	return m.routeTo(m.focus, msg)
}

func (m Model) routeTo(p paneID, msg tea.Msg) (Model, tea.Cmd) {
	before := m.focusedFunction()
	var cmd tea.Cmd
	switch p {
	case paneFunctions:
		m.functions, cmd = m.functions.Update(msg)
	case paneLogs:
		m.logs, cmd = m.logs.Update(msg)
	case paneMetrics:
		m.metrics, cmd = m.metrics.Update(msg)
	case paneBilling:
		m.billing, cmd = m.billing.Update(msg)
	case paneDetail:
		m.detail, cmd = m.detail.Update(msg)
	}
	m.updateHelp()
	return m, tea.Batch(cmd, m.afterSelection(before))
}

// handleMouse focuses the clicked pane and hands it the event in its own
// coordinates; the wheel scrolls the pane under the pointer.
func (m Model) handleMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.overlay.Showing() || m.alertList.open || m.profileList.open {
		return m, nil
	}
	for _, r := range m.regions() {
		if !r.rect.contains(msg.X, msg.Y) {
			continue
		}
		press := msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress
		if press && r.pane != m.focus {
			m.setFocus(r.pane)
		}
		msg.X -= r.rect.x + 1
		msg.Y -= r.rect.y + 1
		return m.routeTo(r.pane, msg)
	}
	return m, nil
}

// handleTick redraws the clock and relative times, runs the plan, retries
// refused streams, and arms the next tick.
func (m Model) handleTick(msg tickMsg) (Model, tea.Cmd) {
	if msg.seq != m.tickSeq {
		return m, nil
	}
	now := m.now()
	m.refreshClock(now)
	m.expireStatus(now)
	return m, tea.Batch(m.runPlan(), m.reconcileStreams(), m.tick(), m.snapshotBudget(),
		m.evaluateAlerts(now))
}

// tick arms the next clock tick on the next whole second.
func (m Model) tick() tea.Cmd {
	seq := m.tickSeq
	return tea.Every(time.Second, func(t time.Time) tea.Msg { return tickMsg{seq, t} })
}

// refreshClock hands now to everything that draws relative times.
func (m *Model) refreshClock(now time.Time) {
	m.clock = now
	m.header.SetNow(now)
	m.header.SetFreshness(m.fresh.All(now))
	table := m.functions.Table()
	m.header.SetNames(func(id string) string {
		row, _ := table.Function(id)
		return row.Name
	})
	if m.budget.Read.Limit > 0 {
		m.header.SetBudget(m.budget)
	}
	m.functions.SetNow(now)
	m.logs.SetNow(now)
	m.metrics.SetNow(now)
	m.billing.SetNow(now)
	m.detail.SetNow(now)
}

// focusedFunction is the function the user looks at: the selected row in
// the overview, the drilled-in function below it.
func (m Model) focusedFunction() string {
	if m.level == levelOverview {
		return m.functions.SelectedID()
	}
	return m.detailID
}

// refreshInput is what the refresh plan decides from.
func (m Model) refreshInput() model.RefreshInput {
	read := model.BudgetUse{Used: m.budget.Read.Used, Limit: m.budget.Read.Limit}
	if read.Limit == 0 {
		read.Limit = api.DefaultLimits().Read
	}
	in := model.RefreshInput{
		Read:         read,
		Focused:      m.focusedFunction(),
		FocusedRange: m.metrics.Range(),
		Detail:       m.level != levelOverview,
	}
	if in.Detail {
		in.FocusedRange = m.detail.Range()
	}
	if m.level == levelOverview && !m.overlay.Showing() {
		in.Visible = m.functions.VisibleIDs()
	}
	return in
}

// runPlan starts the fetches the plan says are due.
func (m *Model) runPlan() tea.Cmd {
	if m.opts.Client == nil {
		return nil
	}
	now := m.now()
	in := m.refreshInput()
	var cmds []tea.Cmd
	for _, f := range m.plan.Due(now, in) {
		m.plan.Started(f, now)
		cmds = append(cmds, m.tag(fetchCmd(m.ctx, m.opts.Client, f, in.Focused)))
	}
	return tea.Batch(cmds...)
}

// afterSelection follows a change of the function on screen: the panes
// switch to it at once; its fetches and stream start once the selection
// rests (watchMsg), so that moving through the list costs no calls.
func (m *Model) afterSelection(before string) tea.Cmd {
	id := m.focusedFunction()
	if id == before {
		return nil
	}
	m.showFunction(id)
	m.watchSeq++
	return watchAfter(m.watchSeq)
}

// showFunction points the panes at the function on screen: in the
// overview the requests pane shows it merged with the pinned functions.
func (m *Model) showFunction(id string) {
	keep := m.watchedSet()
	row, _ := m.functions.Table().Function(id)
	if m.level == levelDetail {
		m.detail.SetFunction(apiFunction(row))
		m.detail.SetBuffer(m.buffers.get(id, keep))
		if row.URL != "" || row.StatusError != "" {
			m.detail.SetStatus(api.FunctionStatus{FunctionID: id, Status: row.Status,
				Error: row.StatusError, URL: row.URL})
		}
		if mt, ok := m.recent.get(id, m.detail.Range()); ok {
			m.detail.SetMetrics(mt)
		}
		if h, ok := m.streams[id]; ok && h.hasState {
			m.detail.SetStreamState(h.state)
		}
		return
	}

	m.metrics.SetFunction(id, row.Name)
	if mt, ok := m.recent.get(id, m.metrics.Range()); ok {
		m.metrics.SetMetrics(mt)
	}
	m.billing.SetFocusedFunction(id)
	var pinned []model.Pinned
	for _, w := range m.watched() {
		r, _ := m.functions.Table().Function(w)
		pinned = append(pinned, model.Pinned{FunctionID: w, FunctionName: r.Name,
			Buffer: m.buffers.get(w, keep)})
	}
	if len(pinned) == 0 {
		m.logs.SetBuffer("", "", nil)
	} else if err := m.logs.SetPinned(pinned); err != nil {
		m.note(err.Error())
	}
	for _, w := range m.watched() {
		if h, ok := m.streams[w]; ok && h.hasState {
			m.logs.SetFunctionStreamState(w, h.state)
		}
	}
}

// apiFunction is a table row as the list endpoint gave it.
func apiFunction(r model.FunctionRow) api.Function {
	return api.Function{ID: r.ID, Name: r.Name, Runtime: r.Runtime, Status: r.Status,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}
