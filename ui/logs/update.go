package logs

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// wheelStep is how many rows one notch of the mouse wheel scrolls.
const wheelStep = 3

// levelCycle is the order the level key steps through minimum levels.
var levelCycle = []api.Level{"", api.LevelInfo, api.LevelWarning, api.LevelError}

// classCycle is the order the status key steps through status classes:
// errors first, the class an on-call engineer wants most.
var classCycle = []model.StatusClass{
	model.StatusAny, model.StatusError, model.StatusSuccess, model.StatusRedirect,
}

// Update handles keys and the mouse wheel while the pane is focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}

	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.search.active {
			return m.updateSearch(msg)
		}
		return m.updateKey(msg)
	case tea.MouseMsg:
		return m.updateMouse(msg)
	}
	return m, nil
}

func (m Model) updateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if model, cmd, ok := m.updateMove(msg); ok {
		return model, cmd
	}

	switch {
	case key.Matches(msg, m.keys.Open):
		return m, m.open()
	case key.Matches(msg, m.keys.Pause):
		m.togglePause()
	case key.Matches(msg, m.keys.Level):
		m.cycleLevel()
	case key.Matches(msg, m.keys.Status):
		m.cycleClass()
	case key.Matches(msg, m.keys.Search):
		m.search.start(m.filter().Search)
	case key.Matches(msg, m.keys.OnlyMatch):
		m.toggleOnlyMatches()
	case key.Matches(msg, m.keys.NextMatch):
		return m.jumpMatch(true)
	case key.Matches(msg, m.keys.PrevMatch):
		return m.jumpMatch(false)
	case key.Matches(msg, m.keys.Clear):
		m.setFilter(model.LogFilter{})
	case key.Matches(msg, m.keys.Wrap):
		m.wrap = !m.wrap
	case key.Matches(msg, m.keys.Timestamps):
		m.hideTime = !m.hideTime
	}
	return m, nil
}

// updateMove handles the keys that move the selection; ok is false for any
// other key.
func (m Model) updateMove(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	f := m.frame()
	var next Model
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, m.keys.Up):
		next, cmd = m.moveCursor(f, f.cursor-1)
	case key.Matches(msg, m.keys.Down):
		next, cmd = m.moveCursor(f, f.cursor+1)
	case key.Matches(msg, m.keys.PageUp):
		next, cmd = m.moveCursor(f, f.cursor-max(f.body, 1))
	case key.Matches(msg, m.keys.PageDown):
		next, cmd = m.moveCursor(f, f.cursor+max(f.body, 1))
	case key.Matches(msg, m.keys.Top):
		next, cmd = m.moveCursor(f, -1)
	case key.Matches(msg, m.keys.Bottom):
		m.follow, m.hasSeen = true, false
		return m, nil, true
	default:
		return m, nil, false
	}
	return next, cmd, true
}

func (m Model) updateMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if msg.Action != tea.MouseActionPress {
		return m, nil
	}

	f := m.frame()
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.moveCursor(f, f.cursor-wheelStep)
	case tea.MouseButtonWheelDown:
		return m.moveCursor(f, f.cursor+wheelStep)
	}
	return m, nil
}

// updateSearch edits the search being typed. Enter applies it and selects
// the newest match at or above the selection; Esc drops it and keeps the
// search that was in force. A new search marks matches among all requests;
// f then hides the others.
func (m Model) updateSearch(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Accept):
		f := m.filter()
		query := m.search.text()
		switch {
		case query == "":
			f.Highlight = false
		case f.Search == "":
			f.Highlight = true
		}
		f.Search = query
		m.search.cancel()
		m.setFilter(f)
		return m.firstMatch()
	case key.Matches(msg, m.keys.Cancel):
		m.search.cancel()
	default:
		m.search.edit(msg)
	}
	return m, nil
}

// open asks for the selected request to be shown whole.
func (m Model) open() tea.Cmd {
	row := m.selectedRow()
	if row.Entry == nil {
		return nil
	}

	msg := OpenRequestMsg{FunctionID: row.FunctionID, Entry: row.Entry}
	return func() tea.Msg { return msg }
}

// togglePause pauses every buffer shown, or resumes them all when the first
// is paused.
func (m *Model) togglePause() {
	if len(m.pins) == 0 {
		return
	}
	resume := m.pins[0].Buffer.Paused()
	for _, p := range m.pins {
		if resume {
			p.Buffer.Resume()
		} else {
			p.Buffer.Pause()
		}
	}
}

func (m *Model) cycleLevel() {
	f := m.filter()
	f.MinLevel = levelCycle[(levelIndex(f.MinLevel)+1)%len(levelCycle)]
	m.setFilter(f)
}

func (m *Model) cycleClass() {
	f := m.filter()
	i := 0
	for j, c := range classCycle {
		if c == f.Class {
			i = j
		}
	}
	f.Class = classCycle[(i+1)%len(classCycle)]
	m.setFilter(f)
}

// toggleOnlyMatches switches a search between marking the requests that
// match and hiding those that do not.
func (m *Model) toggleOnlyMatches() {
	f := m.filter()
	if f.Search == "" {
		return
	}
	f.Highlight = !f.Highlight
	m.setFilter(f)
}

// filter returns the filter in force, the first buffer's: the pane gives
// every buffer it shows the same one.
func (m Model) filter() model.LogFilter {
	if len(m.pins) == 0 {
		return model.LogFilter{}
	}
	return m.pins[0].Buffer.Filter()
}

// setFilter gives every buffer shown the filter. The selection is held by
// row, so it stays on the same request when that still shows and moves to
// the nearest newer one otherwise.
func (m *Model) setFilter(f model.LogFilter) {
	for _, p := range m.pins {
		p.Buffer.SetFilter(f)
	}
}

func levelIndex(l api.Level) int {
	for i, c := range levelCycle {
		if c == l {
			return i
		}
	}
	return 0
}
