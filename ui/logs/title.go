package logs

import (
	"fmt"
	"strings"
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

// TitleParts returns the title's heading ("Live · ivr-handler", or
// "Live · 3 pinned" for a merged list) and its status
// ("❚❚ paused, 12 arrived · ● live · 1,204 kept").
func (m Model) TitleParts() (heading, status string) {
	switch {
	case len(m.pins) == 0:
		return "Live", ""
	case m.merged:
		heading = fmt.Sprintf("Live · %d pinned", len(m.pins))
	default:
		heading = "Live · " + m.pins[0].FunctionName
	}

	held, arrived := 0, 0
	for _, p := range m.pins {
		held += p.Buffer.Len()
		arrived += p.Buffer.ArrivedWhilePaused()
	}
	status = m.streamsText()
	if m.pins[0].Buffer.Paused() {
		paused := "❚❚ paused, " + model.FormatCount(int64(arrived)) + " arrived"
		status = join(paused, status)
	}
	kept := model.FormatCount(int64(held)) + " kept"
	if !m.filter().Equal(model.LogFilter{}) {
		kept = model.FormatCount(int64(m.rows())) + " shown of " + kept
	}
	return heading, join(status, kept)
}

// streamsText says how the live streams are: one stream's state in full,
// several as counts by phase ("● 2 live · ↻ 1 reconnecting").
func (m Model) streamsText() string {
	if !m.merged {
		if !m.pins[0].hasStream {
			return ""
		}
		return m.streamText(m.pins[0].stream)
	}

	counts := map[api.Phase]int{}
	for _, p := range m.pins {
		if p.hasStream {
			counts[p.stream.Phase]++
		}
	}
	var parts []string
	for _, ph := range []api.Phase{api.PhaseLive, api.PhaseConnecting, api.PhaseReconnecting,
		api.PhaseClosed} {
		if n := counts[ph]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d %s", phaseSymbol(ph), n, ph))
		}
	}
	return strings.Join(parts, " · ")
}

// streamText says how one stream is: "◌ connecting", "● live",
// "↻ reconnecting #3 in 4s: EOF", "■ closed: …".
func (m Model) streamText(s api.StreamState) string {
	switch s.Phase {
	case api.PhaseConnecting, api.PhaseLive:
		return phaseSymbol(s.Phase) + " " + s.Phase.String()
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

func phaseSymbol(p api.Phase) string {
	switch p {
	case api.PhaseConnecting:
		return "◌"
	case api.PhaseLive:
		return "●"
	case api.PhaseReconnecting:
		return "↻"
	}
	return "■"
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
