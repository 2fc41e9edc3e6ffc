package metrics

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the fixed clock of every test.
var now = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func golden(t *testing.T, got string) {
	t.Helper()
	path := filepath.Join("testdata", t.Name()+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("View differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

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
		golden(t, boxed(loaded(70, 14), 70, 14))
	})
	t.Run("narrow_30x8", func(t *testing.T) {
		golden(t, boxed(loaded(30, 8), 30, 8))
	})
	t.Run("stale_60x12", func(t *testing.T) {
		m := loaded(60, 12)
		m.SetError(errors.New("HTTP 503: \x1b[31mupstream\x1b[0m"), now.Add(12*time.Second))
		golden(t, boxed(m, 60, 12))
	})
	t.Run("empty_50x10", func(t *testing.T) {
		m := loaded(50, 10)
		m.SetMetrics(api.Metrics{TimeRange: api.Range1h})
		golden(t, boxed(m, 50, 10))
	})
	t.Run("failing_50x6", func(t *testing.T) {
		m := New(theme.New(theme.Options{Name: theme.NameNone}))
		m.SetFunction("fn-1", "ivr-handler")
		m.SetNow(now)
		m.SetSize(50, 6)
		m.SetError(errors.New("rate limited"), now.Add(40*time.Second))
		golden(t, boxed(m, 50, 6))
	})
}

func TestViewEverySize(t *testing.T) {
	for w := 0; w <= 40; w++ {
		for h := 0; h <= 12; h++ {
			m := loaded(w, h)
			m.SetError(errors.New("slow"), now.Add(time.Second))
			got := m.View()
			if w == 0 || h == 0 {
				if got != "" {
					t.Fatalf("%dx%d: want empty view, got %q", w, h, got)
				}
				continue
			}
			if gw, gh := lipgloss.Width(got), lipgloss.Height(got); gw != w || gh != h {
				t.Fatalf("%dx%d: view is %dx%d:\n%s", w, h, gw, gh, got)
			}
		}
	}
}

func press(m Model, keys string) (Model, []tea.Msg) {
	var msgs []tea.Msg
	for _, r := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		if cmd != nil {
			msgs = append(msgs, cmd())
		}
	}
	return m, msgs
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
		{1, "[1260]"},
		{4, "[180 270 360 450]"},
		{24, "[50 50 60 60 70 70 80 80 90 90 100 100 110 110 120 120 130 130 140 140 150 150 160 160]"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			if got := fmt.Sprint(columns(s, from, now, tc.n, aggSum)); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
