package logs

import (
	"fmt"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// maxReasonCells bounds the error text the title quotes.
const maxReasonCells = 40

// Title returns the plain text for the pane's border: the function, the
// stream's state and how many requests are kept, as in
// "Live · ivr-handler · ● live · 1,204 kept". TitleParts gives the two
// halves for a border that puts the state on the right.
func (m Model) Title() string {
	heading, status := m.TitleParts()
	if status == "" {
		return heading
	}
	return heading + " · " + status
}

// TitleParts returns the title's heading ("Live · ivr-handler") and its
// status ("❚❚ paused, 12 arrived · ● live · 1,204 kept").
func (m Model) TitleParts() (heading, status string) {
	heading = "Live"
	if m.functionName != "" {
		heading += " · " + m.functionName
	}
	if m.buf == nil {
		return heading, ""
	}

	status = m.streamText()
	if m.buf.Paused() {
		paused := fmt.Sprintf("❚❚ paused, %s arrived",
			model.FormatCount(int64(m.buf.ArrivedWhilePaused())))
		status = join(paused, status)
	}
	kept := model.FormatCount(int64(m.buf.Len())) + " kept"
	if !m.filter().Equal(model.LogFilter{}) {
		kept = model.FormatCount(int64(m.rows())) + " shown of " + kept
	}
	return heading, join(status, kept)
}

// streamText says how the live stream is: "◌ connecting", "● live",
// "↻ reconnecting #3 in 4s: EOF", "■ closed: …".
func (m Model) streamText() string {
	if !m.hasStream {
		return ""
	}

	s := m.stream
	switch s.Phase {
	case api.PhaseConnecting:
		return "◌ connecting"
	case api.PhaseLive:
		return "● live"
	case api.PhaseReconnecting:
		text := fmt.Sprintf("↻ reconnecting #%d", max(s.Attempt, 1))
		if wait := s.NextTry.Sub(m.now); !s.NextTry.IsZero() && wait > 0 {
			text += " in " + wait.Round(time.Second).String()
		}
		return text + reason(s.Err)
	case api.PhaseClosed:
		return "■ closed" + reason(s.Err)
	}
	return model.Sanitize(s.Phase.String())
}

func reason(err error) string {
	if err == nil {
		return ""
	}
	return ": " + model.Truncate(model.Sanitize(err.Error()), maxReasonCells)
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " · " + b
}
