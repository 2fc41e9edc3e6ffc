// Package logs is the request list: the live tail of one function, or of up
// to five pinned functions merged in time order, each in its own colour
// with its name in a column. Each request is one line (time, method, path,
// status, duration, memory, level and its most severe console line),
// coloured by level and status class.
//
// The rows come from model.LogBuffers that the root program owns and
// fills; the pane draws only the rows on screen, so its cost does not grow
// with the buffers. At the bottom the list follows new requests; once the
// user scrolls up it stays on the rows they read and says how many arrived
// below. Filters (level, status class, search, time window) and pause live
// in the buffers, so they stay with a function when the pane shows another.
//
// The pane does no I/O: opening a request and fetching older history are
// returned as messages (OpenRequestMsg, NeedHistoryMsg).
package logs

import (
	"slices"
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
// that started before Before, to go into its buffer with PrependHistory.
// When Until is set the pane shows a time window starting there, and the
// root should keep paging back until the buffer reaches Until or cannot
// take more (LogBuffer.CanPageBack).
type NeedHistoryMsg struct {
	FunctionID string
	Before     time.Time
	Until      time.Time
}

// pin is one function the list shows, with what the pane knows of it.
type pin struct {
	model.Pinned
	stream    api.StreamState
	hasStream bool
	historyAt time.Time // Before of the page asked for and not yet seen
}

// Model is the request list.
type Model struct {
	st      *theme.Styles
	paint   painters
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	pins   []pin // never changed in place: Model is copied by value
	merge  *model.Merge
	merged bool // more than one function: rows carry their function's name

	// follow keeps the newest row selected and in view. When it is off the
	// reader's place is held by rows (a function and a request), which
	// survive history being prepended and old rows being evicted.
	follow  bool
	cursor  model.MergedRow
	top     model.MergedRow
	seen    model.MergedRow // the newest row when follow was left
	hasSeen bool

	wrap          bool
	hideTime      bool
	alwaysFilters bool // show the filter line even when no filter is on
	search        searchInput
	historyErr    string
}

// New returns a pane with no buffer, following and showing timestamps.
func New(st *theme.Styles) Model {
	return Model{st: st, paint: newPainters(st), keys: DefaultKeyMap(), follow: true}
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
// fills it. A nil buf shows nothing.
func (m *Model) SetBuffer(functionID, functionName string, buf *model.LogBuffer) {
	if buf == nil {
		m.setPins(nil)
		return
	}
	m.setPins([]model.Pinned{{FunctionID: functionID, FunctionName: functionName, Buffer: buf}})
}

// SetPinned shows the requests of up to model.MaxPinned functions merged in
// time order. The filter of the first buffer is given to all of them, so
// that the list reads as one; filter and pause keys then change them all.
func (m *Model) SetPinned(pinned []model.Pinned) error {
	if _, err := model.NewMerge(pinned...); err != nil {
		return err
	}
	if len(pinned) > 1 {
		f := pinned[0].Buffer.Filter()
		for _, p := range pinned[1:] {
			p.Buffer.SetFilter(f)
		}
	}
	m.setPins(pinned)
	return nil
}

// setPins shows pinned, which NewMerge accepts. Showing other functions or
// buffers starts following again and forgets streams and pending pages.
func (m *Model) setPins(pinned []model.Pinned) {
	same := len(pinned) == len(m.pins)
	for i := 0; same && i < len(pinned); i++ {
		same = pinned[i].FunctionID == m.pins[i].FunctionID && pinned[i].Buffer == m.pins[i].Buffer
	}

	pins := make([]pin, len(pinned))
	for i, p := range pinned {
		p.FunctionName = model.Sanitize(p.FunctionName)
		pins[i] = pin{Pinned: p}
		if same {
			pins[i] = m.pins[i]
			pins[i].FunctionName = p.FunctionName
		}
	}
	if !same {
		m.follow, m.hasSeen, m.historyErr = true, false, ""
	}

	m.pins = pins
	m.merged = len(pins) > 1
	m.merge = nil
	if len(pinned) > 0 {
		m.merge, _ = model.NewMerge(pinned...) // checked by the callers
	}
}

// FunctionID returns the ID of the function the pane shows; "" when it
// shows none or several.
func (m Model) FunctionID() string {
	if len(m.pins) != 1 {
		return ""
	}
	return m.pins[0].FunctionID
}

// FunctionIDs returns the IDs of the functions the pane shows.
func (m Model) FunctionIDs() []string {
	ids := make([]string, len(m.pins))
	for i, p := range m.pins {
		ids[i] = p.FunctionID
	}
	return ids
}

// Buffer returns the buffer of the function the pane shows; nil when it
// shows none or several.
func (m Model) Buffer() *model.LogBuffer {
	if len(m.pins) != 1 {
		return nil
	}
	return m.pins[0].Buffer
}

// SetStreamState records the health of the live stream of the function the
// pane shows, which the title tells.
func (m *Model) SetStreamState(s api.StreamState) {
	if len(m.pins) == 1 {
		m.SetFunctionStreamState(m.pins[0].FunctionID, s)
	}
}

// SetFunctionStreamState records the health of one pinned function's live
// stream.
func (m *Model) SetFunctionStreamState(functionID string, s api.StreamState) {
	m.updatePin(functionID, func(p *pin) { p.stream, p.hasStream = s, true })
}

// HistoryFailed records that a page asked for with NeedHistoryMsg could not
// be fetched; scrolling to the top asks again.
func (m *Model) HistoryFailed(err error) {
	pins := slices.Clone(m.pins)
	for i := range pins {
		pins[i].historyAt = time.Time{}
	}
	m.pins = pins
	if err != nil {
		m.historyErr = model.Sanitize(err.Error())
	}
}

// updatePin changes the pin of functionID in a copy of the pins.
func (m *Model) updatePin(functionID string, change func(*pin)) {
	pins := slices.Clone(m.pins)
	for i := range pins {
		if pins[i].FunctionID == functionID {
			change(&pins[i])
		}
	}
	m.pins = pins
}

// ShowWindow narrows the list to requests that started in [from, to), to
// errors only when errorsOnly, and selects the newest of them. It returns
// NeedHistoryMsg commands for the buffers that do not reach back to from.
func (m *Model) ShowWindow(from, to time.Time, errorsOnly bool) tea.Cmd {
	if len(m.pins) == 0 {
		return nil
	}

	f := m.filter()
	f.From, f.To = from, to
	if errorsOnly {
		f.Class = model.StatusError
	}
	m.setFilter(f)
	m.follow, m.hasSeen = true, false

	next, cmd := m.askHistory(from, func(b *model.LogBuffer) bool {
		oldest := b.OldestStart()
		return !oldest.IsZero() && oldest.After(from)
	})
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
	return m.selectedRow().Entry
}

// Following reports whether the pane keeps the newest request in view.
func (m Model) Following() bool { return m.follow }
