package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/export"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
	"github.com/sinchtop/sinchtop/ui/notify"
	"github.com/sinchtop/sinchtop/ui/request"
)

// terminal is what a Notifier wrote, as a terminal would receive it.
type terminal struct{ bytes.Buffer }

var oscPattern = regexp.MustCompile("\x1b\\][^\a]*\a")

// bells counts the BELs that ring: those outside OSC sequences.
func (t *terminal) bells() int {
	return strings.Count(oscPattern.ReplaceAllString(t.String(), ""), "\a")
}

// titles returns the titles set, in order.
func (t *terminal) titles() []string {
	var out []string
	for _, seq := range oscPattern.FindAllString(t.String(), -1) {
		if text, ok := strings.CutPrefix(seq, "\x1b]0;"); ok {
			out = append(out, strings.TrimSuffix(text, "\a"))
		}
	}
	return out
}

// runAll runs cmd and every command it batches, here and in order, and
// returns their messages. Tests call it only where no timer is among them.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runAll(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// step sends msg and returns the model and its command.
func step(m Model, msg tea.Msg) (Model, tea.Cmd) {
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// onCall is a dashboard on a manual clock whose notifier writes to term.
func onCall(t *testing.T, clk *clock.Manual, opts Options) (Model, *terminal) {
	t.Helper()
	term := &terminal{}
	opts.ProjectID = "demo"
	opts.Styles = theme.New(theme.Options{Name: theme.NameNone})
	opts.Now = clk.Now
	if opts.Notifier == nil {
		opts.Notifier = notify.New(term, notify.Options{Terminal: true})
	}
	m := New(opts)
	return send(m, tea.WindowSizeMsg{Width: 120, Height: 40}), term
}

// project is a function list whose functions have the given statuses.
func project(statuses ...api.Status) functionsFetchedMsg {
	names := []string{"ivr-handler", "sms-responder", "fax-relay"}
	var list api.FunctionList
	for i, s := range statuses {
		list.Functions = append(list.Functions, api.Function{ID: "f" + names[i][:3],
			Name: names[i], Runtime: "node", Status: s})
	}
	list.Total = len(list.Functions)
	return functionsFetchedMsg{list: list}
}

func TestAlertFiresOnceAcknowledgeClearsAndFiresAgain(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	m, term := onCall(t, clk, Options{Notify: settings.Notify{Bell: true}})
	m = send(m, project(api.StatusRunning, api.StatusRunning))
	clk.Advance(time.Minute) // past the quiet start

	m, cmd := step(m, project(api.StatusFailed, api.StatusRunning))
	runAll(cmd)
	if term.bells() != 1 || len(term.titles()) != 1 {
		t.Fatalf("firing wrote %d bells and titles %q, want one of each", term.bells(),
			term.titles())
	}
	if got := term.titles()[0]; got != "(1) ivr-handler is Failed · sinchtop · demo" {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(term.String(), "\x1b[22;0t") {
		t.Error("the terminal's own title was not saved before the first title")
	}
	v := m.View()
	if !strings.Contains(v, "✖ 1 alert (a list · A acknowledge): ivr-handler is Failed") ||
		!strings.Contains(strings.Split(v, "\n")[0], "✖ 1 alert") {
		t.Fatalf("no banner or header count:\n%s", v)
	}

	term.Reset()
	m, cmd = step(m, project(api.StatusFailed, api.StatusRunning))
	runAll(cmd)
	if term.Len() != 0 {
		t.Fatalf("the same alert, judged again, wrote %q", term.String())
	}

	m, cmd = step(m, keyRunes("A"))
	runAll(cmd)
	if term.bells() != 0 || len(term.titles()) != 1 ||
		term.titles()[0] != "sinchtop · demo (1 acknowledged)" {
		t.Fatalf("acknowledging wrote %d bells, titles %q", term.bells(), term.titles())
	}
	if strings.Contains(m.View(), "✖ 1 alert (") {
		t.Fatal("the banner stays after acknowledging")
	}

	term.Reset()
	m = send(m, project(api.StatusRunning, api.StatusRunning))
	clk.Advance(model.DefaultClearAfter + time.Second)
	m, cmd = step(m, project(api.StatusRunning, api.StatusRunning))
	runAll(cmd)
	if len(m.alerts.Active()) != 0 || term.bells() != 0 ||
		strings.Join(term.titles(), "|") != "sinchtop · demo" {
		t.Fatalf("clearing: %d active, %d bells, titles %q", len(m.alerts.Active()),
			term.bells(), term.titles())
	}

	term.Reset()
	clk.Advance(time.Second)
	m, cmd = step(m, project(api.StatusFailed, api.StatusRunning))
	runAll(cmd)
	if term.bells() != 1 || m.alerts.Unacknowledged() != 1 {
		t.Fatalf("firing again: %d bells, %d unacknowledged", term.bells(),
			m.alerts.Unacknowledged())
	}
}

// TestLaunchRingsOnce: what is already wrong at start rings once in all;
// what goes wrong later rings each time.
func TestLaunchRingsOnce(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	m, term := onCall(t, clk, Options{Notify: settings.Notify{Bell: true}})

	m, cmd := step(m, project(api.StatusFailed, api.StatusStopped, api.StatusRunning))
	runAll(cmd)
	clk.Advance(10 * time.Second)
	m, cmd = step(m, project(api.StatusFailed, api.StatusStopped, api.StatusFailed))
	runAll(cmd)
	if got := term.bells(); got != 1 {
		t.Fatalf("three alerts at launch rang %d times, want once", got)
	}

	clk.Advance(launchQuiet)
	m, cmd = step(m, project(api.StatusRunning, api.StatusStopped, api.StatusFailed))
	runAll(cmd)
	clk.Advance(model.DefaultClearAfter + time.Second)
	m = send(m, project(api.StatusRunning, api.StatusStopped, api.StatusFailed))
	term.Reset()
	_, cmd = step(m, project(api.StatusFailed, api.StatusStopped, api.StatusFailed))
	runAll(cmd)
	if got := term.bells(); got != 1 {
		t.Fatalf("a failure after the start rang %d times, want once", got)
	}
}

func TestBellOffStillSetsTheTitle(t *testing.T) {
	clk := clock.NewManual(fixtureNow.Add(-time.Hour))
	m, term := onCall(t, clk, Options{Notify: settings.Notify{Bell: false}})
	clk.Advance(time.Hour)
	_, cmd := step(m, project(api.StatusFailed))
	runAll(cmd)
	if term.bells() != 0 || len(term.titles()) != 1 {
		t.Fatalf("bell off: %d bells, titles %q", term.bells(), term.titles())
	}
}

func TestAlertListAcknowledgesTheSelected(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	m, _ := onCall(t, clk, Options{})
	m = send(m, project(api.StatusFailed, api.StatusStopped, api.StatusRunning), keyRunes("a"))
	if !m.alertList.open || !strings.Contains(m.View(), "Alerts · 2 firing") {
		t.Fatalf("a did not open the alert list:\n%s", m.View())
	}

	m = send(m, keyRunes("j"), tea.KeyMsg{Type: tea.KeyEnter})
	active := m.alerts.Active()
	if m.alerts.Unacknowledged() != 1 || !active[1].Acknowledged() {
		t.Fatalf("enter on the second row: %d unacknowledged, %+v", m.alerts.Unacknowledged(),
			active)
	}

	m = send(m, project(api.StatusRunning, api.StatusStopped, api.StatusRunning))
	clk.Advance(model.DefaultClearAfter + time.Second)
	m = send(m, project(api.StatusRunning, api.StatusStopped, api.StatusRunning))
	rows := m.alertRows()
	if len(rows) != 2 || rows[0].cleared || !rows[1].cleared {
		t.Fatalf("after one cleared, rows %+v", rows)
	}
	v := m.View()
	for _, want := range []string{"✓ acked", "○ cleared", "sms-responder is Stopped",
		"ivr-handler is Running"} {
		if !strings.Contains(v, want) {
			t.Errorf("the list lacks %q:\n%s", want, v)
		}
	}
	uitest.CheckSize(t, "alert list", v, 120, 40)
	if m = send(m, escKey); m.alertList.open {
		t.Fatal("esc left the list open")
	}
}

func TestStatusLineExpires(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	m, _ := onCall(t, clk, Options{})
	m = send(m, keyRunes("A"))
	if m.status.text != "no alert to acknowledge" {
		t.Fatalf("status %q", m.status.text)
	}
	clk.Advance(statusFor - time.Second)
	if m = send(m, tickMsg{seq: m.tickSeq}); m.status.text == "" {
		t.Fatal("the note expired early")
	}
	clk.Advance(time.Second)
	if m = send(m, tickMsg{seq: m.tickSeq}); m.status.text != "" {
		t.Fatalf("the note %q outlived its time", m.status.text)
	}
}

func TestCopyGoesToTheTerminal(t *testing.T) {
	req := api.Request{ID: "req-1", HTTPMethod: "POST", URL: "https://fn.example/ice", StatusCode: 500,
		StartTime: fixtureNow}
	cases := []struct {
		name     string
		terminal bool
		want     string
	}{
		{"sent", true, "request as a cURL command sent to the terminal's clipboard (OSC 52; " +
			"your terminal may ignore it)"},
		{"no terminal", false, "could not copy request as a cURL command: the output is " +
			"not a terminal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			term := &terminal{}
			n := notify.New(term, notify.Options{Terminal: tc.terminal})
			m, _ := onCall(t, clock.NewManual(fixtureNow), Options{Notifier: n})
			m, cmd := step(m, request.CopyRequestMsg{FunctionID: "f1",
				Format: request.CopyCURL, Request: req})
			m = send(m, runAll(cmd)...)
			if m.status.text != tc.want {
				t.Fatalf("status %q, want %q", m.status.text, tc.want)
			}
			if !tc.terminal {
				if term.Len() != 0 {
					t.Fatalf("wrote %q with no terminal", term.String())
				}
				return
			}
			payload := strings.TrimSuffix(strings.TrimPrefix(term.String(), "\x1b]52;c;"), "\a")
			data, err := base64.StdEncoding.DecodeString(payload)
			if err != nil || string(data) != model.CurlCommand(req) {
				t.Fatalf("OSC 52 carried %q (%v), want the cURL command", data, err)
			}
		})
	}
}

func TestExportWritesFilesThatReadBack(t *testing.T) {
	dir := t.TempDir()
	m := loaded(t, 120, 40)
	m.opts.ExportDir = dir
	id := m.focusedFunction()
	buf, _ := m.buffers.lookup(id)
	f := buf.Filter()
	f.Class = model.StatusSuccess
	buf.SetFilter(f)
	want := buf.FilteredLen()
	if want == 0 || want == buf.Len() {
		t.Fatalf("the filter keeps %d of %d: pick another", want, buf.Len())
	}

	m, cmd := step(m, keyRunes("x"))
	msgs := runAll(cmd)
	m = send(m, msgs...)
	exported := msgs[0].(export.ExportedMsg)
	if exported.Err != nil || filepath.Dir(exported.Path) != dir {
		t.Fatalf("export: %+v", exported)
	}
	file, err := os.Open(exported.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	reqs, err := model.ReadJSONL(file)
	if err != nil || len(reqs) != want {
		t.Fatalf("read back %d requests (%v), want the %d the view shows", len(reqs), err, want)
	}
	for _, r := range reqs {
		if r.StatusCode >= 300 {
			t.Fatalf("a request the filter hides was exported: %d", r.StatusCode)
		}
	}
	if !strings.Contains(m.status.text, "exported "+plural(want, "request")+" to "+dir) {
		t.Errorf("status %q does not say where", m.status.text)
	}

	m, cmd = step(m, keyRunes("X"))
	msgs = runAll(cmd)
	m = send(m, msgs...)
	screen := msgs[0].(export.ExportedMsg)
	text, err := os.ReadFile(screen.Path)
	if err != nil || !strings.Contains(string(text), "Functions 10") ||
		strings.Contains(string(text), "\x1b") {
		t.Fatalf("the screen file (%v):\n%s", err, text)
	}
	if !strings.Contains(m.status.text, "exported the screen to "+dir) {
		t.Errorf("status %q", m.status.text)
	}
}

func TestSixthPinAsksToReplace(t *testing.T) {
	m := loaded(t, 120, 40)
	table := m.functions.Table()
	var ids []string
	for i := range table.Len() {
		ids = append(ids, table.Row(i).ID)
	}
	for _, id := range ids[:5] {
		m = send(m, functions.PinMsg{FunctionID: id})
	}
	m = send(m, functions.PinMsg{FunctionID: ids[5]})
	p := m.status.prompt
	if p == nil || p.functionID != ids[5] || p.replace != ids[0] {
		t.Fatalf("the sixth pin: prompt %+v, want to replace the first", p)
	}
	for _, want := range []string{"[y/n] ", "limit of 5 log streams", "replace",
		"viewed longest ago"} {
		if !strings.Contains(m.status.text, want) {
			t.Errorf("the question %q does not say %q", m.status.text, want)
		}
	}

	kept := send(m, keyRunes("n"))
	if kept.status.prompt != nil || kept.pins.Has(ids[5]) || !kept.pins.Has(ids[0]) {
		t.Fatal("n changed the pins")
	}

	m = send(m, keyRunes("y"))
	if m.status.prompt != nil || !m.pins.Has(ids[5]) || m.pins.Has(ids[0]) || m.pins.Len() != 5 {
		t.Fatalf("y: pins %v", m.pins.IDs())
	}
	if got := m.logs.FunctionIDs(); len(got) != 5 {
		t.Fatalf("the tail merges %v, want the five pins", got)
	}
	if w := m.watched(); len(w) != 5 {
		t.Fatalf("watched %v: more streams than the API allows", w)
	}
}

func TestProfileSwitch(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	target := &api.Client{}
	switchTo := func(_ context.Context, name string) (*api.Client, string, error) {
		if name == "broken" {
			return nil, "", errors.New("secretCommand of profile broken: exit status 1")
		}
		return target, "prod-project", nil
	}
	m, _ := onCall(t, clk, Options{Profiles: []string{"prod", "broken"},
		SwitchProfile: switchTo, Profile: "prod"})
	m = send(m, project(api.StatusFailed, api.StatusRunning))
	stale := projectMsg{gen: m.gen, msg: project(api.StatusRunning)}

	m = send(m, keyRunes("P"))
	if !m.profileList.open || !strings.Contains(m.View(), "prod  (current)") {
		t.Fatalf("P did not list the profiles:\n%s", m.View())
	}
	m, cmd := step(send(m, keyRunes("k")), tea.KeyMsg{Type: tea.KeyEnter}) // up to "broken"
	m = send(m, runAll(cmd)...)
	if m.opts.ProjectID != "demo" || m.functions.Table().Total() != 2 ||
		!strings.Contains(m.status.text, "could not switch to profile broken: secretCommand") {
		t.Fatalf("a failed switch: project %q, %d functions, status %q", m.opts.ProjectID,
			m.functions.Table().Total(), m.status.text)
	}

	m = send(m, keyRunes("P"))
	m, cmd = step(m, tea.KeyMsg{Type: tea.KeyEnter}) // the list opens on the current one
	m = send(m, runAll(cmd)...)
	if m.opts.ProjectID != "prod-project" || m.opts.Client != target ||
		m.functions.Table().Total() != 0 || len(m.alerts.Active()) != 0 {
		t.Fatalf("after the switch: project %q, %d functions, %d alerts", m.opts.ProjectID,
			m.functions.Table().Total(), len(m.alerts.Active()))
	}
	if m = send(m, stale); m.functions.Table().Total() != 0 {
		t.Fatal("a result of the project left behind was shown")
	}
	if !strings.Contains(m.header.View(), "prod-project") {
		t.Errorf("the header still names the old project: %q", m.header.View())
	}
}

func TestDemoHasNoProfiles(t *testing.T) {
	m, _ := onCall(t, clock.NewManual(fixtureNow), Options{NoProfiles: "no profiles in --demo"})
	if m = send(m, keyRunes("P")); m.profileList.open || m.status.text != "no profiles in --demo" {
		t.Fatalf("P in the demo: open %v, status %q", m.profileList.open, m.status.text)
	}
}

// TestDesktopNotification: with notifications on, the alerts found at
// launch make one notification, and a later alert one more.
func TestDesktopNotification(t *testing.T) {
	clk := clock.NewManual(fixtureNow)
	term := &terminal{}
	n := notify.New(term, notify.Options{Terminal: true, Desktop: notify.DesktopOSC9})
	m, _ := onCall(t, clk, Options{Notifier: n, Notify: settings.Notify{Desktop: true}})

	m, cmd := step(m, project(api.StatusFailed, api.StatusStopped, api.StatusRunning))
	runAll(cmd)
	clk.Advance(launchQuiet)
	_, cmd = step(m, project(api.StatusFailed, api.StatusStopped, api.StatusFailed))
	runAll(cmd)

	var notes []string
	for _, seq := range oscPattern.FindAllString(term.String(), -1) {
		if text, ok := strings.CutPrefix(seq, "\x1b]9;"); ok {
			notes = append(notes, strings.TrimSuffix(text, "\a"))
		}
	}
	want := []string{
		"sinchtop: 2 alerts: ivr-handler is Failed (+1 more)",
		"sinchtop: alert: fax-relay is Failed",
	}
	if strings.Join(notes, "|") != strings.Join(want, "|") {
		t.Fatalf("notifications %q, want %q", notes, want)
	}
}
