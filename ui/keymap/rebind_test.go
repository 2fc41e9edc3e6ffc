package keymap

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/help"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
	"github.com/sinchtop/sinchtop/ui/keymap/bind"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// press builds a pane with set's keymap, sends it one key, and says what
// happened ("" for nothing).
type press func(t *testing.T, set Set, k tea.KeyMsg) string

// run returns the message of cmd, nil for none.
func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

func pressFunctions(t *testing.T, set Set, k tea.KeyMsg) string {
	m := functions.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Functions)
	m.Focus()
	m, _ = m.Update(k)
	if m.Typing() {
		return "typing a filter"
	}
	return ""
}

func pressLogs(t *testing.T, set Set, k tea.KeyMsg) string {
	m := logs.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Logs)
	m.Focus()
	m, _ = m.Update(k)
	if m.Typing() {
		return "typing a search"
	}
	return ""
}

func pressMetrics(t *testing.T, set Set, k tea.KeyMsg) string {
	m := metrics.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Metrics)
	m.SetFunction("f1", "ivr")
	m.Focus()
	_, cmd := m.Update(k)
	if msg, ok := run(cmd).(metrics.RangeChangedMsg); ok {
		return "range " + string(msg.Range)
	}
	return ""
}

func pressRequest(t *testing.T, set Set, k tea.KeyMsg) string {
	m := request.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Request)
	m.SetRequest("f1", api.Request{ID: "r1", HTTPMethod: "POST", URL: "/ice", StatusCode: 200,
		ResponseBody: strings.Repeat("line\n", 50)})
	m.SetSize(40, 6)
	m.Focus()

	before := m.View()
	m, cmd := m.Update(k)
	switch msg := run(cmd).(type) {
	case request.CopyRequestMsg:
		if msg.Format == request.CopyJSON {
			return "copy as JSON"
		}
		return "copy as cURL"
	case request.CloseMsg:
		return "close"
	}
	if m.View() != before {
		return "scrolled"
	}
	return ""
}

func pressDetail(t *testing.T, set Set, k tea.KeyMsg) string {
	m := detail.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Detail)
	m.SetFunction(api.Function{ID: "f1", Name: "ivr"})
	m.Focus()
	m, cmd := m.Update(k)
	if _, ok := run(cmd).(detail.BackMsg); ok {
		return "back"
	}
	if m.Range() != api.Range24h {
		return "range " + string(m.Range())
	}
	return ""
}

func pressBilling(t *testing.T, set Set, k tea.KeyMsg) string {
	m := billing.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Billing)
	b := api.Billing{Currency: "EUR", TotalCost: 100}
	for i := range 20 {
		b.Functions = append(b.Functions, api.FunctionCost{FunctionID: fmt.Sprint(i),
			FunctionName: fmt.Sprintf("fn-%02d", i), Cost: float64(20 - i)})
	}
	m.SetBilling(b)
	m.SetSize(40, 6)
	m.Focus()

	before := m.View()
	m, _ = m.Update(k)
	if m.View() != before {
		return "scrolled"
	}
	return ""
}

func pressHelp(t *testing.T, set Set, k tea.KeyMsg) string {
	m := help.New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(set.Help)
	m.ShowAll(true)
	m, _ = m.Update(k)
	if !m.Showing() {
		return "closed"
	}
	return ""
}

func pressGlobal(t *testing.T, set Set, k tea.KeyMsg) string {
	if key.Matches(k, set.Global.Refresh) {
		return "refresh"
	}
	return ""
}

// TestRebindingChangesThePane loads a settings file that rebinds an action,
// builds the set from it, and presses the new key and the old one in a pane
// built with the set: the new key acts, the old one no longer does, and
// help lists the new key.
func TestRebindingChangesThePane(t *testing.T) {
	tests := []struct {
		name, file     string
		newKey, oldKey string
		press          press
		happened       string
		help           func(Set) []key.Binding
		helpWant       key.Help
	}{
		{"functions filter", "functions.filter: [F]", "F", "/", pressFunctions,
			"typing a filter", func(s Set) []key.Binding { return s.Functions.ShortHelp() },
			key.Help{Key: "F", Desc: "filter"}},
		{"request list search", "logs.search: [S]", "S", "/", pressLogs, "typing a search",
			func(s Set) []key.Binding { return s.Logs.ShortHelp() },
			key.Help{Key: "S", Desc: "search"}},
		{"metrics range", "metrics.range1h: [h]", "h", "1", pressMetrics, "range 1h",
			func(s Set) []key.Binding { return s.Metrics.ShortHelp() },
			key.Help{Key: "h/2/3/4/5", Desc: "range"}},
		{"request copy", "request.copyJSON: [y]", "y", "J", pressRequest, "copy as JSON",
			func(s Set) []key.Binding { return s.Request.ShortHelp() },
			key.Help{Key: "y", Desc: "copy as JSON"}},
		{"request scroll", "request.down: [ctrl+n, n]", "ctrl+n", "j", pressRequest,
			"scrolled", func(s Set) []key.Binding { return s.Request.ShortHelp() },
			key.Help{Key: "ctrl+n/n", Desc: "down"}},
		{"request close", "request.back: [backspace]", "backspace", "esc", pressRequest,
			"close", func(s Set) []key.Binding { return s.Request.ShortHelp() },
			key.Help{Key: "⌫", Desc: "back"}},
		{"function's view back", "detail.back: [backspace]", "backspace", "esc",
			pressDetail, "back", func(s Set) []key.Binding { return s.Detail.ShortHelp() },
			key.Help{Key: "⌫", Desc: "back"}},
		{"function's view range", "metrics.range7d: [W]", "W", "4", pressDetail, "range 7d",
			func(s Set) []key.Binding { return s.Detail.Metrics.FullHelp()[0] },
			key.Help{Key: "W", Desc: "range 7d"}},
		{"billing scroll", "billing.down: [J]", "J", "j", pressBilling, "scrolled",
			func(s Set) []key.Binding { return s.Billing.ShortHelp() },
			key.Help{Key: "J", Desc: "scroll down"}},
		{"help close", "help.close: [x]", "x", "esc", pressHelp, "closed",
			func(s Set) []key.Binding { return s.Help.ShortHelp() },
			key.Help{Key: "x", Desc: "close help"}},
		{"global refresh", "global.refresh: [f5]", "f5", "ctrl+r", pressGlobal, "refresh",
			func(s Set) []key.Binding { return s.Global.FullHelp()[0] },
			key.Help{Key: "f5", Desc: "refresh all"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, problems := settings.Parse("config.yaml", []byte("keys:\n  "+tt.file+"\n"))
			if len(problems) != 0 {
				t.Fatalf("problems %q", problems)
			}
			rebound, defaults := Build(file.Keys), Default()

			if got := tt.press(t, defaults, msg(t, tt.oldKey)); got != tt.happened {
				t.Fatalf("by default %q did %q, want %q", tt.oldKey, got, tt.happened)
			}
			if got := tt.press(t, rebound, msg(t, tt.newKey)); got != tt.happened {
				t.Errorf("rebound, %q did %q, want %q", tt.newKey, got, tt.happened)
			}
			if got := tt.press(t, rebound, msg(t, tt.oldKey)); got != "" {
				t.Errorf("rebound, the old key %q still did %q", tt.oldKey, got)
			}
			if !hasHelp(tt.help(rebound), tt.helpWant) {
				t.Errorf("help %v does not list %+v", helps(tt.help(rebound)), tt.helpWant)
			}
		})
	}
}

func msg(t *testing.T, k string) tea.KeyMsg {
	t.Helper()
	m, ok := bind.Msg(k)
	if !ok {
		t.Fatalf("no key sends %q", k)
	}
	return m
}

func hasHelp(bs []key.Binding, h key.Help) bool {
	for _, b := range bs {
		if b.Help() == h {
			return true
		}
	}
	return false
}

func helps(bs []key.Binding) []key.Help {
	out := make([]key.Help, len(bs))
	for i, b := range bs {
		out[i] = b.Help()
	}
	return out
}

// TestHelpDrawsTheReboundKeys draws the footer and the overlay from
// rebound keymaps, as the root does, and finds the user's keys on screen.
func TestHelpDrawsTheReboundKeys(t *testing.T) {
	file, problems := settings.Parse("config.yaml",
		[]byte("keys:\n  logs.pause: [p]\n  functions.up: [i]\n  functions.down: [m]\n"+
			"  help.close: [x]\n  help.up: [ctrl+k]\n  help.down: [ctrl+j]\n"))
	if len(problems) != 0 {
		t.Fatalf("problems %q", problems)
	}
	set := Build(file.Keys)

	footer := help.New(theme.New(theme.Options{Name: "none"}))
	footer.SetShortHelp(set.Functions.ShortHelp())
	footer.SetSize(80, 1)
	if got := footer.View(); !strings.Contains(got, "i/m select") {
		t.Errorf("footer %q does not show the rebound up and down keys", got)
	}

	overlay := help.New(theme.New(theme.Options{Name: "none"}))
	var live []key.Binding
	for _, g := range set.Logs.FullHelp() {
		live = append(live, g...)
	}
	overlay.SetSections([]help.Section{{Title: "Live requests", Bindings: live}})
	overlay.ShowAll(true)
	overlay.SetSize(60, 30)
	view := overlay.View()
	if !regexp.MustCompile(`\bp +pause`).MatchString(view) ||
		strings.Contains(view, "space") {
		t.Errorf("overlay does not list p for pause instead of space:\n%s", view)
	}

	overlay.SetKeyMap(set.Help)
	overlay.SetSize(60, 8)
	if got := overlay.View(); !strings.Contains(got, "Keys · x to close · ctrl+k/ctrl+j scroll") {
		t.Errorf("overlay title does not name the rebound close and scroll keys:\n%s", got)
	}
}
