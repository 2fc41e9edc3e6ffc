// Package logs is the request list of one function: a live tail where each
// request is one line (time, method, path, status, duration, memory, level
// and its most severe console line), coloured by level and status class.
//
// The rows come from a model.LogBuffer that the root program owns and
// fills; the pane draws only the rows on screen, so its cost does not grow
// with the buffer. At the bottom the list follows new requests; once the
// user scrolls up it stays on the rows they read and says how many arrived
// below. Filters (level, status class, search, time window) and pause live
// in the buffer, so they stay with the function when the pane shows
// another one.
//
// The pane does no I/O: opening a request and fetching older history are
// returned as messages (OpenRequestMsg, NeedHistoryMsg).
package logs

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// OpenRequestMsg asks to show one request whole: the user pressed Enter on
// its row.
type OpenRequestMsg struct {
	FunctionID string
	Entry      *model.Entry
}

// NeedHistoryMsg asks for older history of FunctionID: a page of requests
// that started before Before, to go into the buffer with PrependHistory.
// When Until is set, the pane wants history back to Until (the start of a
// time window it shows) and asks again after each page until the buffer
// reaches it.
type NeedHistoryMsg struct {
	FunctionID string
	Before     time.Time
	Until      time.Time
}

// Model is the request list of one function.
type Model struct {
	st      *theme.Styles
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	functionID   string
	functionName string
	buf          *model.LogBuffer
	stream       api.StreamState
	hasStream    bool

	// follow keeps the newest row selected and in view. When it is off the
	// reader's place is held by keys, which survive history being
	// prepended and old rows being evicted.
	follow    bool
	cursorKey model.EntryKey
	topKey    model.EntryKey
	seenKey   model.EntryKey // the newest row when follow was left
	hasSeen   bool

	wrap          bool
	hideTime      bool
	alwaysFilters bool // show the filter line even when no filter is on
	search        searchInput
	historyAt     time.Time // Before of the history asked for and not yet seen
	historyErr    string
}

// New returns a pane with no buffer, following and showing timestamps.
func New(st *theme.Styles) Model {
	return Model{st: st, keys: DefaultKeyMap(), follow: true}
}

// SetSize sets the size View draws, in cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
}

// SetNow sets the time the pane draws against (retry countdowns); times are
// shown in now's location.
func (m *Model) SetNow(now time.Time) { m.now = now }

// SetBuffer shows the requests of one function. The pane reads buf and
// changes its filter and pause when the user asks; the caller owns it and
// fills it. Showing another function resets the scroll position to follow
// and forgets the stream state.
func (m *Model) SetBuffer(functionID, functionName string, buf *model.LogBuffer) {
	if functionID != m.functionID || buf != m.buf {
		m.follow, m.hasSeen = true, false
		m.hasStream, m.stream = false, api.StreamState{}
		m.historyAt, m.historyErr = time.Time{}, ""
	}
	m.functionID, m.functionName, m.buf = functionID, model.Sanitize(functionName), buf
}

// FunctionID returns the ID of the function the pane shows.
func (m Model) FunctionID() string { return m.functionID }

// Buffer returns the buffer the pane shows, nil before SetBuffer.
func (m Model) Buffer() *model.LogBuffer { return m.buf }

// SetStreamState records the health of the function's live stream, which
// the title shows.
func (m *Model) SetStreamState(s api.StreamState) {
	m.stream, m.hasStream = s, true
}

// HistoryFailed records that the page asked for with NeedHistoryMsg could
// not be fetched; scrolling to the top asks again.
func (m *Model) HistoryFailed(err error) {
	m.historyAt = time.Time{}
	if err != nil {
		m.historyErr = model.Sanitize(err.Error())
	}
}

// ShowWindow narrows the list to requests that started in [from, to), to
// errors only when errorsOnly, and selects the newest of them. It returns a
// NeedHistoryMsg command when the buffer does not reach back to from.
func (m *Model) ShowWindow(from, to time.Time, errorsOnly bool) tea.Cmd {
	if m.buf == nil {
		return nil
	}

	f := m.buf.Filter()
	f.From, f.To = from, to
	if errorsOnly {
		f.Class = model.StatusError
	}
	m.buf.SetFilter(f)
	m.follow, m.hasSeen = true, false

	if oldest := m.buf.OldestStart(); oldest.IsZero() || !oldest.After(from) {
		return nil
	}
	next, cmd := m.askHistory(from)
	*m = next
	return cmd
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away and ends a search being typed.
func (m *Model) Blur() {
	m.focused = false
	m.search.cancel()
}

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Typing reports whether the pane is taking text (a search being typed), in
// which case its parent should pass it every key, Esc included.
func (m Model) Typing() bool { return m.search.active }

// KeyMap returns the pane's key bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// SetFilterLine makes the pane show its filter line always (true) or only
// while a filter or search is on (false, the default).
func (m *Model) SetFilterLine(always bool) { m.alwaysFilters = always }

// Selected returns the selected request, nil when the list is empty.
func (m Model) Selected() *model.Entry {
	f := m.frame()
	if f.cursor < 0 {
		return nil
	}
	return m.buf.FilteredAt(f.cursor)
}

// Following reports whether the pane keeps the newest request in view.
func (m Model) Following() bool { return m.follow }
