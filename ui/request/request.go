// Package request is the pane that shows one request whole: method and URL,
// request headers and body, response status, headers and body (JSON
// pretty-printed, anything else shown safely), the console output with
// levels and times, execution time and memory, in a scrollable viewport.
//
// Everything is laid out once, when the request or the width changes, and
// what is laid out is capped: a 10 MiB body or 100,000 console lines cost
// no more than the caps, and the pane says how much it left out. Copying
// (J as JSON, C as cURL) is returned as a CopyRequestMsg for the root
// program, which holds the clipboard.
package request

import (
	"time"

	"github.com/charmbracelet/bubbles/viewport"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// CopyFormat is the form a request is copied in.
type CopyFormat string

// The copy formats.
const (
	CopyJSON CopyFormat = "json" // the request as the API sent it
	CopyCURL CopyFormat = "curl" // a cURL command that replays it
)

// CopyRequestMsg asks for Request to be copied to the clipboard in Format.
type CopyRequestMsg struct {
	FunctionID string
	Format     CopyFormat
	Request    api.Request
}

// CloseMsg says the user asked to leave the request (Esc). A parent that
// shows the pane over another may catch Esc itself instead.
type CloseMsg struct {
	FunctionID string
}

// Model is the pane that shows one request.
type Model struct {
	st      *theme.Styles
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	functionID string
	req        api.Request
	head       string // "POST /ice · 200", made once per request
	loaded     bool
	vp         viewport.Model
}

// New returns an empty pane.
func New(st *theme.Styles) Model {
	m := Model{st: st, vp: viewport.New(0, 0)}
	m.SetKeyMap(DefaultKeyMap())
	return m
}

// SetRequest shows req, a request of functionID, scrolled to the top.
func (m *Model) SetRequest(functionID string, req api.Request) {
	m.functionID, m.req, m.loaded = functionID, req, true
	m.head = heading(req)
	m.layOut()
	m.vp.GotoTop()
}

// Request returns the request shown and whether there is one.
func (m Model) Request() (api.Request, bool) { return m.req, m.loaded }

// SetSize sets the size View draws, in cells, and lays the request out
// again when the width changed.
func (m *Model) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	relayout := width != m.width
	m.width, m.height = width, height
	m.vp.Width, m.vp.Height = width, height
	if relayout {
		m.layOut()
	}
	m.vp.SetYOffset(m.vp.YOffset) // clamp to the new height
}

// SetNow sets the time whose location times are shown in.
func (m *Model) SetNow(now time.Time) {
	relayout := now.Location() != m.now.Location()
	m.now = now
	if relayout {
		m.layOut()
	}
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// KeyMap returns the pane's key bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Title returns the plain text for the pane's border, such as
// "Request · POST /ice · 200 · 3/120".
func (m Model) Title() string {
	if !m.loaded {
		return "Request"
	}

	title := "Request · " + m.head
	if total := m.vp.TotalLineCount(); total > m.height && m.height > 0 {
		title += " · " + lineCounter(m.vp.YOffset+1, total)
	}
	return title
}

// layOut renders the request into the viewport's lines at the current
// width.
func (m *Model) layOut() {
	if !m.loaded {
		m.vp.SetContent("")
		return
	}
	m.vp.SetContent(render(m.st, m.req, max(m.width, 1), m.location()))
}

// heading is the request's method, path and status for the title.
func heading(req api.Request) string {
	e := model.NewEntry(req)
	head := e.Method + " " + model.Truncate(e.Path, maxTitlePath)
	if e.StatusCode > 0 {
		head += " · " + statusText(e.StatusCode)
	}
	return head
}

func (m Model) location() *time.Location {
	if m.now.IsZero() {
		return time.UTC
	}
	return m.now.Location()
}
