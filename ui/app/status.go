package app

import (
	"strconv"
	"time"

	"github.com/sinchtop/sinchtop/model"
)

// statusFor is how long a note stays in the status line.
const statusFor = 6 * time.Second

// statusMaxBytes bounds a note's text; the footer cuts it to the width.
const statusMaxBytes = 400

// statusLine is the footer's transient note: the result of a copy, an
// export, a pin or a profile switch. A note expires on the tick after its
// time; a question waits for its answer.
type statusLine struct {
	text   string
	until  time.Time // when a note expires
	sticky bool      // a note of work under way, which its result replaces
	prompt *pinPrompt
}

// pinPrompt is the question asked when a sixth function is pinned: replace
// the least recently viewed pin with it?
type pinPrompt struct {
	functionID string // the function to pin
	replace    string // the pin to give up
}

// note shows text in the status line for statusFor. The text is made safe
// to draw here, whatever its source.
func (m *Model) note(text string) {
	m.status = statusLine{text: model.SanitizeLimit(text, statusMaxBytes),
		until: m.now().Add(statusFor)}
	m.footer.SetMessage(m.status.text)
}

// ask shows a question that stays until the user answers it.
func (m *Model) ask(text string, p *pinPrompt) {
	m.status = statusLine{text: model.SanitizeLimit(text, statusMaxBytes), prompt: p}
	m.footer.SetMessage(m.status.text)
	m.updateHelp()
}

// clearStatus empties the status line.
func (m *Model) clearStatus() {
	m.status = statusLine{}
	m.footer.SetMessage("")
	m.updateHelp()
}

// expireStatus clears a note whose time has passed; questions stay.
func (m *Model) expireStatus(now time.Time) {
	s := m.status
	if s.prompt == nil && !s.sticky && s.text != "" && !now.Before(s.until) {
		m.clearStatus()
	}
}

// plural writes a count and a noun, with an s unless the count is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
