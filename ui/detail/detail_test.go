package detail

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

var now = time.Date(2026, 2, 19, 14, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) { uitest.Main(m) }

func function() api.Function {
	return api.Function{
		ID: "fn-1", Name: "ivr-handler\x1b]0;owned\x07", Runtime: "node",
		Status: api.StatusRunning, UpdatedAt: now.Add(-3 * 24 * time.Hour),
	}
}

func status() api.FunctionStatus {
	return api.FunctionStatus{
		FunctionID: "fn-1", Status: api.StatusFailed,
		Error: "build failed: \x1b[31mnpm ERR!\x1b[0m missing script \"start\" \xff " +
			strings.Repeat("and a long tail ", 20),
		URL: "https://fn-01.functions.example.com\x1b]8;;https://evil.example\x07",
	}
}

// requests are a few requests a second apart, one with hostile text.
func requests(n int) []api.Request {
	out := make([]api.Request, n)
	for i := range out {
		start := now.Add(-time.Hour + time.Duration(i)*time.Second)
		out[i] = api.Request{
			ID: fmt.Sprintf("req-%03d", i), HTTPMethod: "POST",
			URL: "https://fn-01.functions.example.com/ice", StatusCode: []int{200, 500}[i%2],
			ExecutionTimeMs: float64(40 + i), MemoryUsedMB: 64, StartTime: start,
			EndTime: start.Add(40 * time.Millisecond),
			Logs: []api.LogLine{{Level: api.LevelInfo, Timestamp: start,
				Message: fmt.Sprintf("call %d \x1b]52;c;ZXZpbA==\x07", i)}},
			ResponseBody: `{"ok":true}`,
		}
	}
	return out
}

func metricsFixture() api.Metrics {
	m := api.Metrics{FunctionName: "ivr-handler", TimeRange: api.Range24h,
		Summary: api.MetricsSummary{TotalRequests: 1204, AvgResponseTime: 120, ErrorRate: 2.3,
			AvgMemory: 64, AvgCPUUsage: 45}}
	for i := range 24 {
		at := now.Add(time.Duration(i-24) * time.Hour)
		m.ResponseTimeSeries = append(m.ResponseTimeSeries, api.ResponseTimePoint{
			Timestamp: at, AverageResponseTime: float64(100 + 5*(i%5)),
			P95ResponseTime: float64(200 + 20*(i%4))})
		m.RequestVolumeSeries = append(m.RequestVolumeSeries,
			api.VolumePoint{Timestamp: at, TotalRequests: int64(40 + i)})
		m.ErrorRateSeries = append(m.ErrorRateSeries,
			api.ErrorRatePoint{Timestamp: at, ErrorRate: float64(i % 3)})
	}
	return m
}

func view(w, h int) Model {
	m := New(theme.New(theme.Options{Name: theme.NameNone}))
	m.SetNow(now)
	m.SetFunction(function())
	m.SetStatus(status())
	m.SetMetrics(metricsFixture())
	buf := model.NewLogBuffer(model.Limits{})
	buf.AppendLive(requests(12))
	m.SetBuffer(buf)
	m.SetStreamState(api.StreamState{Phase: api.PhaseLive})
	m.SetSize(w, h)
	m.Focus()
	return m
}

var (
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
	enter = tea.KeyMsg{Type: tea.KeyEnter}
)

func TestViewGolden(t *testing.T) {
	t.Run("wide_110x32", func(t *testing.T) {
		uitest.Golden(t, t.Name(), view(110, 32).View())
	})
	t.Run("compact_56x12", func(t *testing.T) {
		uitest.Golden(t, t.Name(), view(56, 12).View())
	})
	t.Run("request_over_80x24", func(t *testing.T) {
		m, _ := uitest.Press(view(80, 24), uitest.Runes("k"), enter)
		uitest.Golden(t, t.Name(), m.View())
	})
	t.Run("status_failing_70x20", func(t *testing.T) {
		m := view(70, 20)
		m.SetStatusError(errors.New("HTTP 503"), now.Add(9*time.Second))
		uitest.Golden(t, t.Name(), m.View())
	})
}

func TestViewEverySize(t *testing.T) {
	shown := []struct {
		name string
		keys []tea.KeyMsg
	}{{"function", nil}, {"request", []tea.KeyMsg{enter}}}
	for _, tc := range shown {
		t.Run(tc.name, func(t *testing.T) {
			uitest.EverySize(t, func(w, h int) string {
				m, _ := uitest.Press(view(w, h), tc.keys...)
				return m.View()
			})
		})
	}
}

func TestKeys(t *testing.T) {
	cases := []struct {
		name    string
		keys    []tea.KeyMsg
		want    tea.Msg // the last message, nil for none
		request bool    // a request is shown at the end
	}{
		{"esc goes back", []tea.KeyMsg{esc}, BackMsg{FunctionID: "fn-1"}, false},
		{"enter opens the request", []tea.KeyMsg{enter}, nil, true},
		{"esc closes the request", []tea.KeyMsg{enter, esc}, nil, false},
		{"J copies the request", []tea.KeyMsg{enter, uitest.Runes("J")},
			request.CopyRequestMsg{}, true},
		{"range keys reach the charts", []tea.KeyMsg{uitest.Runes("1")},
			metrics.RangeChangedMsg{FunctionID: "fn-1", Range: api.Range1h}, false},
		{"esc while searching cancels the search",
			[]tea.KeyMsg{uitest.Runes("/"), uitest.Runes("x"), esc}, nil, false},
		{"list keys reach the list", []tea.KeyMsg{uitest.Runes("g")},
			logs.NeedHistoryMsg{FunctionID: "fn-1", Before: now.Add(-time.Hour)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, msgs := uitest.Press(view(100, 30), tc.keys...)
			if m.ShowingRequest() != tc.request {
				t.Errorf("showing a request: %v, want %v", m.ShowingRequest(), tc.request)
			}
			if tc.want == nil {
				if len(msgs) != 0 {
					t.Errorf("messages %v", msgs)
				}
				return
			}
			if len(msgs) == 0 {
				t.Fatalf("no message, want %T", tc.want)
			}
			last := msgs[len(msgs)-1]
			if copyMsg, ok := last.(request.CopyRequestMsg); ok {
				if copyMsg.Format != request.CopyJSON || copyMsg.Request.ID != "req-011" {
					t.Errorf("copy message %+v", copyMsg)
				}
				return
			}
			if last != tc.want {
				t.Errorf("message %+v, want %+v", last, tc.want)
			}
		})
	}
}

func TestSwitchingFunctionDropsItsData(t *testing.T) {
	m, _ := uitest.Press(view(100, 30), enter)
	m.SetFunction(api.Function{ID: "fn-2", Name: "call-router"})
	if m.ShowingRequest() || m.hasStatus || m.logs.Buffer() != nil {
		t.Error("the previous function's request, status or buffer is still shown")
	}
	if m.Title() != "call-router" {
		t.Errorf("title %q", m.Title())
	}
	m.SetStatus(status()) // fn-1's status, late
	if m.hasStatus {
		t.Error("took the status of another function")
	}
}

func TestBlurred(t *testing.T) {
	m := view(100, 30)
	m.Blur()
	if _, msgs := uitest.Press(m, esc, enter); len(msgs) != 0 {
		t.Errorf("blurred view sent %v", msgs)
	}
}
