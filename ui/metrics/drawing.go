package metrics

import "time"

// drawing is the pane as last drawn. Every setter that changes what the
// pane shows ends with redraw, and View returns the drawing as it is. The
// chart rows cost a few milliseconds at full screen with ntcharts, so they
// are kept apart and drawn again only when something they show has
// changed; the rows around them are laid out anew each time.
type drawing struct {
	key   drawKey
	valid bool // rows were drawn for key
	rows  []string
	view  string
}

// drawKey is everything the chart rows depend on.
type drawKey struct {
	width, height int
	lay           layout
	from, to      time.Time
	loc           *time.Location
	data          int // Model.data: bumped on each change of metrics
	current       int // the spike e opens next, marked ▲
}

// windowSteps are the round steps the end of the chart window moves by.
var windowSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second,
	30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute,
	15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour,
	6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// redraw brings the drawing up to date with the model.
func (m *Model) redraw() {
	lay := m.layout()
	key := m.drawKey(lay)
	if !m.drawn.valid || key != m.drawn.key {
		m.drawn.key, m.drawn.valid = key, true
		m.drawn.rows = m.drawCharts(lay, key.from, key.to)
	}
	m.drawn.view = m.compose(lay, m.drawn.rows)
}

// drawKey returns what the chart rows of lay would be drawn from now.
func (m Model) drawKey(lay layout) drawKey {
	from, to := m.chartWindow()
	return drawKey{
		width: m.width, height: m.height, lay: lay,
		from: from, to: to, loc: m.location(),
		data: m.data, current: m.current,
	}
}

// chartWindow is the span the charts cover: the range up to now, its end
// rounded up to a round step about one braille dot of the plot wide. The
// plot then moves a dot at a time instead of being drawn anew every tick.
func (m Model) chartWindow() (from, to time.Time) {
	span := rangeDuration(m.rng)
	dot := span / time.Duration(2*max(m.width-gutterWidth, 1))
	step := windowSteps[len(windowSteps)-1]
	for _, s := range windowSteps {
		if s >= dot {
			step = s
			break
		}
	}

	end := m.summaryEnd()
	to = end.Truncate(step)
	if to.Before(end) {
		to = to.Add(step)
	}
	return to.Add(-span), to
}
