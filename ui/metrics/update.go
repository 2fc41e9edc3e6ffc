package metrics

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
)

// Update handles the pane's keys while it is focused: 1-5, [ and ] switch
// the range (returning RangeChangedMsg), e opens the next error spike
// (returning JumpToSpikeMsg).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	keyMsg, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}

	switch {
	case key.Matches(keyMsg, m.keys.PrevRange):
		return m.switchRange(rangeIndex(m.rng) - 1)
	case key.Matches(keyMsg, m.keys.NextRange):
		return m.switchRange(rangeIndex(m.rng) + 1)
	case key.Matches(keyMsg, m.keys.Spike):
		return m.jumpToSpike()
	}
	for i, b := range m.keys.Ranges {
		if key.Matches(keyMsg, b) {
			return m.switchRange(i)
		}
	}
	return m, nil
}

// switchRange moves to api.TimeRanges[i]; out of bounds or the current
// range does nothing.
func (m Model) switchRange(i int) (Model, tea.Cmd) {
	if i < 0 || i >= len(api.TimeRanges) || api.TimeRanges[i] == m.rng {
		return m, nil
	}

	m.SetRange(api.TimeRanges[i])
	msg := RangeChangedMsg{FunctionID: m.functionID, Range: m.rng}
	return m, func() tea.Msg { return msg }
}

// jumpToSpike asks for the requests of the current spike and moves the
// cursor to the one before it, newest first, wrapping round.
func (m Model) jumpToSpike() (Model, tea.Cmd) {
	if len(m.spikes) == 0 {
		return m, nil
	}
	if m.current < 0 || m.current >= len(m.spikes) {
		m.current = len(m.spikes) - 1
	}

	s := m.spikes[m.current]
	m.current--
	if m.current < 0 {
		m.current = len(m.spikes) - 1
	}
	m.redraw()
	msg := JumpToSpikeMsg{FunctionID: m.functionID, From: s.Start, To: s.End, Kind: s.Kind}
	return m, func() tea.Msg { return msg }
}

// rangeIndex returns r's place in api.TimeRanges, -1 when r is not there.
func rangeIndex(r api.TimeRange) int {
	for i, known := range api.TimeRanges {
		if known == r {
			return i
		}
	}
	return -1
}

// rangeDuration returns the span of r; an unknown range counts as 24h.
func rangeDuration(r api.TimeRange) time.Duration {
	switch r {
	case api.Range1h:
		return time.Hour
	case api.Range4h:
		return 4 * time.Hour
	case api.Range7d:
		return 7 * 24 * time.Hour
	case api.Range30d:
		return 30 * 24 * time.Hour
	}
	return 24 * time.Hour
}
