package metrics

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// now is the fixed clock of every test.
var now = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) { uitest.Main(m) }

// fixture is an hour of 5-minute buckets with an error spike at 13:35 and a
// function name full of escape sequences.
func fixture() api.Metrics {
	m := api.Metrics{
		FunctionName: "ivr\x1b]52;c;ZXZpbA==\x07-handler\x1b[2J\xff",
		TimeRange:    api.Range1h,
		Summary: api.MetricsSummary{
			TotalRequests: 1204, AvgResponseTime: 120.5, ErrorRate: 2.3,
			AvgMemory: 64.2, AvgCPUUsage: 45.1,
		},
	}
	start := now.Add(-time.Hour)
	for i := range 12 {
		at := start.Add(time.Duration(i) * 5 * time.Minute)
		rate := 1.0
		if i == 7 {
			rate = 25
		}
		m.ResponseTimeSeries = append(m.ResponseTimeSeries, api.ResponseTimePoint{
			Timestamp: at, AverageResponseTime: float64(100 + 10*(i%4)),
			P95ResponseTime: float64(200 + 40*(i%3)),
		})
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: at, TotalRequests: int64(50 + 10*i)})
		m.ErrorRateSeries = append(m.ErrorRateSeries,
			api.ErrorRatePoint{Timestamp: at, ErrorRate: rate})
	}
	return m
}

// rangeFixture is a window of r up to now in buckets of step: a wave in
// every series and an error spike every 37 buckets.
func rangeFixture(r api.TimeRange, step time.Duration) api.Metrics {
	m := api.Metrics{TimeRange: r, Summary: api.MetricsSummary{
		TotalRequests: 99999, AvgResponseTime: 140, ErrorRate: 1.5,
	}}
	start := now.Add(-rangeDuration(r)).Truncate(step)
	for i := 0; start.Add(time.Duration(i) * step).Before(now); i++ {
		at := start.Add(time.Duration(i) * step)
		wave := math.Sin(float64(i) / 7)
		rate := 1 + wave
		if i%37 == 20 {
			rate = 30
		}
		m.ResponseTimeSeries = append(m.ResponseTimeSeries, api.ResponseTimePoint{
			Timestamp: at, AverageResponseTime: 120 + 40*wave,
			P95ResponseTime: 300 + 120*wave + float64(i%5)*20,
		})
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: at, TotalRequests: int64(500 + 300*wave)})
		m.ErrorRateSeries = append(m.ErrorRateSeries,
			api.ErrorRatePoint{Timestamp: at, ErrorRate: rate})
	}
	return m
}

// month is a pane of w×h showing 30 days in 6-hour buckets.
func month(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetFunction("fn-1", "ivr-handler")
	m.SetRange(api.Range30d)
	m.SetNow(now)
	m.SetSize(w, h)
	m.SetMetrics(rangeFixture(api.Range30d, 6*time.Hour))
	return m
}

func loaded(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetFunction("fn-1", "")
	m.SetRange(api.Range1h)
	m.SetNow(now)
	m.SetMetrics(fixture())
	m.SetSize(w, h)
	m.Focus()
	return m
}

func boxed(m Model, w, h int) string {
	return theme.Box(m.st, m.Title(), m.View(), w+2, h+2, m.focused)
}

func TestViewGolden(t *testing.T) {
	t.Run("loaded_70x14", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(loaded(70, 14), 70, 14))
	})
	t.Run("narrow_30x8", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(loaded(30, 8), 30, 8))
	})
	t.Run("stale_60x12", func(t *testing.T) {
		m := loaded(60, 12)
		m.SetError(errors.New("HTTP 503: \x1b[31mupstream\x1b[0m"), now.Add(12*time.Second))
		uitest.Golden(t, t.Name(), boxed(m, 60, 12))
	})
	t.Run("empty_50x10", func(t *testing.T) {
		m := loaded(50, 10)
		m.SetMetrics(api.Metrics{TimeRange: api.Range1h})
		uitest.Golden(t, t.Name(), boxed(m, 50, 10))
	})
	t.Run("month_90x20", func(t *testing.T) {
		uitest.Golden(t, t.Name(), boxed(month(90, 20), 90, 20))
	})
	t.Run("failing_50x6", func(t *testing.T) {
		m := New(theme.New(theme.Options{Name: theme.NameNone}))
		m.SetFunction("fn-1", "ivr-handler")
		m.SetNow(now)
		m.SetSize(50, 6)
		m.SetError(errors.New("rate limited"), now.Add(40*time.Second))
		uitest.Golden(t, t.Name(), boxed(m, 50, 6))
	})
}

func TestViewEverySize(t *testing.T) {
	uitest.EverySize(t, func(w, h int) string {
		m := loaded(w, h)
		m.SetError(errors.New("slow"), now.Add(time.Second))
		return m.View()
	})
}

// press types keys one character at a time and returns the messages the
// commands produced.
func press(m Model, keys string) (Model, []tea.Msg) {
	return uitest.Press(m, uitest.Keys(strings.Split(keys, "")...)...)
}

func TestRangeSwitching(t *testing.T) {
	cases := []struct {
		keys  string
		want  api.TimeRange
		msgs  int
		start api.TimeRange
	}{
		{"3", api.Range24h, 1, api.Range1h},
		{"5", api.Range30d, 1, api.Range1h},
		{"1", api.Range1h, 0, api.Range1h},
		{"]", api.Range4h, 1, api.Range1h},
		{"[", api.Range1h, 0, api.Range1h},
		{"]]]]]]", api.Range30d, 4, api.Range1h},
		{"9", api.Range1h, 0, api.Range1h},
	}
	for _, tc := range cases {
		t.Run(tc.keys, func(t *testing.T) {
			m, msgs := press(loaded(60, 12), tc.keys)
			if m.Range() != tc.want {
				t.Errorf("range %s, want %s", m.Range(), tc.want)
			}
			if len(msgs) != tc.msgs {
				t.Fatalf("%d messages, want %d: %v", len(msgs), tc.msgs, msgs)
			}
			if tc.msgs == 0 {
				return
			}
			last := msgs[len(msgs)-1].(RangeChangedMsg)
			if last != (RangeChangedMsg{FunctionID: "fn-1", Range: tc.want}) {
				t.Errorf("message %+v", last)
			}
		})
	}
}

func TestRangeSwitchDropsOldData(t *testing.T) {
	m, _ := press(loaded(60, 12), "2")
	if m.loaded || !m.series.Empty() {
		t.Fatal("data of the old range still shown after a switch")
	}

	m.SetMetrics(fixture()) // a late 1h answer
	if m.loaded {
		t.Error("a late answer for the old range was taken")
	}
	want := "Metrics · ivr␛]52;c;ZXZpbA==␇-handler␛[2J\uFFFD · 4h · loading"
	if got := m.Title(); got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

func TestKeysIgnoredWhenBlurred(t *testing.T) {
	m := loaded(60, 12)
	m.Blur()
	m, msgs := press(m, "5e")
	if m.Range() != api.Range1h || len(msgs) != 0 {
		t.Errorf("blurred pane acted: range %s, %d messages", m.Range(), len(msgs))
	}
}

func TestJumpToSpike(t *testing.T) {
	m := loaded(60, 12)
	if len(m.spikes) != 1 {
		t.Fatalf("%d spikes, want 1: %+v", len(m.spikes), m.spikes)
	}
	from := now.Add(-time.Hour + 35*time.Minute)

	_, msgs := press(m, "e")
	want := JumpToSpikeMsg{FunctionID: "fn-1", From: from, To: from.Add(5 * time.Minute),
		Kind: model.SeriesErrorRate}
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("messages %+v, want %+v", msgs, want)
	}
}

func TestJumpWithoutSpikes(t *testing.T) {
	m := loaded(60, 12)
	m.SetMetrics(api.Metrics{TimeRange: api.Range1h})
	if _, msgs := press(m, "e"); len(msgs) != 0 {
		t.Errorf("jump without spike sent %v", msgs)
	}
}

func TestColumns(t *testing.T) {
	s := model.NewMetricSeries(fixture()).Requests
	from := now.Add(-time.Hour)
	cases := []struct {
		n    int
		want string
	}{
		{1, "[105]"},
		{4, "[60 90 120 150]"},
		{24, "[50 50 60 60 70 70 80 80 90 90 100 100 110 110 120 120 130 130 140 140 150 150 160 160]"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			if got := fmt.Sprint(columns(s, from, now, tc.n)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// twoSpikes is the fixture with a second error spike, at 13:15.
func twoSpikes() api.Metrics {
	m := fixture()
	m.ErrorRateSeries[3].ErrorRate = 30
	return m
}

// axisRow returns the row of v holding the chart's time axis.
func axisRow(t *testing.T, v string) string {
	t.Helper()
	for _, row := range strings.Split(v, "\n") {
		if strings.Contains(row, "└") {
			return row
		}
	}
	t.Fatalf("no time axis in\n%s", v)
	return ""
}

func TestJumpMovesTheMark(t *testing.T) {
	m := loaded(70, 14)
	m.SetMetrics(twoSpikes())
	before := axisRow(t, m.View())
	next, other := strings.Index(before, "▲"), strings.Index(before, "△")
	if next < 0 || other < 0 || other > next {
		t.Fatalf("before the jump, want △ (13:15) then ▲ (13:35): %q", before)
	}

	m, msgs := press(m, "e")
	if len(msgs) != 1 || msgs[0].(JumpToSpikeMsg).From != now.Add(-25*time.Minute) {
		t.Fatalf("first jump %+v, want the newest spike", msgs)
	}
	after := axisRow(t, m.View())
	if strings.Index(after, "▲") != other || strings.Index(after, "△") != next {
		t.Errorf("after the jump ▲ and △ should swap:\n%s\n%s", before, after)
	}
}

func TestAverageAndP95ReadApartWithoutColour(t *testing.T) {
	v := loaded(70, 14).View()
	rows := strings.Split(v, "\n")[1:10] // the plot, under the summary
	var braille, lines int
	for _, row := range rows {
		for _, r := range []rune(row)[gutterWidth:] {
			switch {
			case r > 0x2800 && r <= 0x28FF:
				braille++
			case strings.ContainsRune("─╭╮╰╯│╴╶", r):
				lines++
			}
		}
	}
	if braille < 20 || lines < 20 {
		t.Errorf("want p95 in braille and the average in lines, got %d braille and %d line "+
			"cells:\n%s", braille, lines, v)
	}
	if !strings.Contains(v, legendP95) || !strings.Contains(v, legendAvg) {
		t.Errorf("no legend:\n%s", v)
	}
}

func TestSparkRow(t *testing.T) {
	m := loaded(40, 12)
	cases := []struct {
		name   string
		values []float64
		top    float64
		want   string
	}{
		{"scaled", []float64{10, 5, 2.5}, 10, "  req █▄▂"},
		{"known zero is the lowest bar, unknown is blank",
			[]float64{math.NaN(), 0, 10}, 10, "  req  ▁█"},
		{"nothing known", []float64{math.NaN(), math.NaN()}, 1, "  req –"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := m.sparkRow("req", tc.values, tc.top, gutterWidth, m.st.Metrics.Volume)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestChartWindow(t *testing.T) {
	cases := []struct {
		name  string
		rng   api.TimeRange
		width int
		now   time.Time
		to    time.Time
	}{
		{"on a step", api.Range1h, 70, now, now},
		{"rounded up to 30s", api.Range1h, 70, now.Add(time.Second), now.Add(30 * time.Second)},
		{"wider plot, finer step", api.Range1h, 400, now.Add(time.Second),
			now.Add(5 * time.Second)},
		{"30 days move by 6 hours", api.Range30d, 120, now.Add(time.Minute),
			now.Add(4 * time.Hour)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := New(theme.New(theme.Options{Name: theme.NameNone}))
			m.SetRange(tc.rng)
			m.SetSize(tc.width, 12)
			m.SetNow(tc.now)
			from, to := m.chartWindow()
			if !to.Equal(tc.to) || !from.Equal(tc.to.Add(-rangeDuration(tc.rng))) {
				t.Errorf("window %s – %s, want it to end at %s", from, to, tc.to)
			}
		})
	}
}

func TestRedrawOnlyWhenSomethingShownChanges(t *testing.T) {
	m := loaded(70, 14)
	m.SetNow(now.Add(5 * time.Second))
	first := &m.drawn.rows[0]

	m.SetNow(now.Add(25 * time.Second)) // within the same 30 s step
	if &m.drawn.rows[0] != first {
		t.Error("a tick within the window's step drew the charts again")
	}

	m.SetNow(now.Add(40 * time.Second))
	if &m.drawn.rows[0] == first {
		t.Error("the window moved a step and the charts were not drawn again")
	}
}

// TestViewMatchesAFreshDrawing checks that after any setter or key the
// view is the one drawn from scratch: no kept chart row is stale.
func TestViewMatchesAFreshDrawing(t *testing.T) {
	steps := []struct {
		name string
		do   func(*Model)
	}{
		{"resize", func(m *Model) { m.SetSize(50, 10) }},
		{"tick", func(m *Model) { m.SetNow(now.Add(3 * time.Minute)) }},
		{"error", func(m *Model) { m.SetError(errors.New("slow"), now.Add(time.Minute)) }},
		{"metrics", func(m *Model) { m.SetMetrics(twoSpikes()) }},
		{"jump", func(m *Model) { *m, _ = press(*m, "e") }},
		{"range", func(m *Model) { *m, _ = press(*m, "2") }},
		{"function", func(m *Model) { m.SetFunction("fn-2", "other") }},
		{"tiny", func(m *Model) { m.SetSize(3, 2) }},
	}
	m := loaded(70, 14)
	for _, step := range steps {
		step.do(&m)
		fresh := m
		fresh.drawn = drawing{}
		fresh.redraw()
		if got, want := m.View(), fresh.View(); got != want {
			t.Fatalf("after %s the view is stale:\n%s\nwant\n%s", step.name, got, want)
		}
	}
}

func TestLargeSizes(t *testing.T) {
	for _, size := range [][2]int{{16, 4}, {16, 60}, {300, 5}, {300, 100}} {
		m := month(size[0], size[1])
		got := m.View()
		if gw, gh := lipgloss.Width(got), lipgloss.Height(got); gw != size[0] || gh != size[1] {
			t.Errorf("%dx%d: view is %dx%d", size[0], size[1], gw, gh)
		}
	}
}

// BenchmarkMetricsView is a full-screen pane with 30 days of metrics, drawn
// once per frame.
func BenchmarkMetricsView(b *testing.B) {
	m := month(200, 60)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkMetricsTick is the same pane on a clock tick that leaves the
// chart window where it was: the rows around the charts are laid out anew.
func BenchmarkMetricsTick(b *testing.B) {
	m := month(200, 60)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.SetNow(now.Add(time.Duration(1+i%2) * time.Second))
		_ = m.View()
	}
}

// BenchmarkMetricsRedraw is the same pane taking a new answer: the charts
// are drawn anew.
func BenchmarkMetricsRedraw(b *testing.B) {
	m := month(200, 60)
	metrics := rangeFixture(api.Range30d, 6*time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		m.SetMetrics(metrics)
		_ = m.View()
	}
}

// TestBucketsFarApart draws an answer whose two buckets lie decades apart,
// so that its step spans the window many times over: the chart keeps to
// its window instead of joining dots across decades.
func TestBucketsFarApart(t *testing.T) {
	m := loaded(70, 14)
	old := time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)
	m.SetMetrics(api.Metrics{TimeRange: api.Range1h,
		ResponseTimeSeries: []api.ResponseTimePoint{
			{Timestamp: old, AverageResponseTime: 100, P95ResponseTime: 200},
			{Timestamp: now.Add(-time.Minute), AverageResponseTime: 100, P95ResponseTime: 200},
		},
		ErrorRateSeries: []api.ErrorRatePoint{
			{Timestamp: old, ErrorRate: 1}, {Timestamp: now.Add(-time.Minute), ErrorRate: 50},
		},
	})

	got := m.View()
	if gw, gh := lipgloss.Width(got), lipgloss.Height(got); gw != 70 || gh != 14 {
		t.Fatalf("view is %dx%d:\n%s", gw, gh, got)
	}
	if !strings.Contains(got, "no data in the last 1h") {
		t.Errorf("buckets centred outside the window were drawn:\n%s", got)
	}
}

// TestViewExactSizeInColour checks the size with the escape sequences of a
// colour theme in place, which ntcharts writes cell by cell.
func TestViewExactSizeInColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)

	for _, size := range [][2]int{{16, 4}, {40, 12}, {120, 30}} {
		m := New(theme.New(theme.Options{Name: theme.NameDark}))
		m.SetFunction("fn-1", "ivr-handler")
		m.SetRange(api.Range30d)
		m.SetNow(now)
		m.SetSize(size[0], size[1])
		m.SetMetrics(rangeFixture(api.Range30d, 6*time.Hour))
		got := m.View()
		if !strings.Contains(got, "\x1b[") {
			t.Fatalf("%dx%d: no colour drawn", size[0], size[1])
		}
		if gw, gh := lipgloss.Width(got), lipgloss.Height(got); gw != size[0] || gh != size[1] {
			t.Errorf("%dx%d: view is %dx%d", size[0], size[1], gw, gh)
		}
	}
}
