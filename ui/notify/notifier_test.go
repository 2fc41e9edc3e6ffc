package notify

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// recorder keeps every Write as one piece, so a test can tell a sequence
// that went out whole from one that was split. It takes no lock: the
// Notifier must not write to it from two goroutines at once, and the race
// detector reports it if it does.
type recorder struct {
	writes [][]byte
	err    error
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	r.writes = append(r.writes, bytes.Clone(p))
	return len(p), nil
}

func (r *recorder) all() []byte {
	return bytes.Join(r.writes, nil)
}

func newTerminal(t *testing.T, opts Options) (*Notifier, *recorder) {
	t.Helper()
	out := &recorder{}
	opts.Terminal = true
	return New(out, opts), out
}

// run runs cmd the way Bubble Tea does, expanding batches.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var msgs []tea.Msg
		for _, c := range batch {
			msgs = append(msgs, run(c)...)
		}
		return msgs
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

func TestCopyIsSentButUncertain(t *testing.T) {
	n, out := newTerminal(t, Options{Mux: MuxTmux})

	msgs := run(n.Copy("request as JSON", []byte(`{"id":"r1"}`)))
	want := CopiedMsg{What: "request as JSON", Uncertain: true}
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("messages %v, want %v", msgs, want)
	}

	seq, _ := Encoder{Mux: MuxTmux}.Clipboard([]byte(`{"id":"r1"}`))
	if !bytes.Equal(out.all(), seq) || len(out.writes) != 1 {
		t.Errorf("wrote %q in %d writes, want %q in one", out.all(), len(out.writes), seq)
	}

	text := msgs[0].(CopiedMsg).Text()
	wantText := "request as JSON sent to the terminal's clipboard " +
		"(OSC 52; your terminal may ignore it)"
	if text != wantText {
		t.Errorf("Text() = %q, want %q", text, wantText)
	}
}

func TestCopyFailuresAreErrors(t *testing.T) {
	broken := errors.New("EIO")
	tests := []struct {
		name     string
		terminal bool
		writeErr error
		data     []byte
		wantErr  string
	}{
		{"write fails", true, broken, []byte("x"), "writing to the terminal: EIO"},
		{"not a terminal", false, nil, []byte("x"), "not a terminal"},
		{"too large", true, nil, make([]byte, MaxClipboardBytes+1), "export it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &recorder{err: tt.writeErr}
			n := New(out, Options{Terminal: tt.terminal})

			msgs := run(n.Copy("cURL command", tt.data))
			if len(msgs) != 1 {
				t.Fatalf("messages %v, want one CopiedMsg", msgs)
			}
			msg := msgs[0].(CopiedMsg)
			if msg.Err == nil || !strings.Contains(msg.Err.Error(), tt.wantErr) || msg.Uncertain {
				t.Errorf("CopiedMsg %+v, want an error containing %q", msg, tt.wantErr)
			}
			if !strings.HasPrefix(msg.Text(), "could not copy cURL command: ") {
				t.Errorf("Text() = %q claims a copy", msg.Text())
			}
			if len(out.writes) != 0 {
				t.Errorf("wrote %q", out.all())
			}
		})
	}
}

func TestNothingIsWrittenToOtherOutput(t *testing.T) {
	out := &recorder{}
	n := New(out, Options{Desktop: DesktopOSC9})

	cmds := []tea.Cmd{n.Bell(1), n.Title("x"), n.SaveTitle(), n.Notify("t", "b")}
	for i, cmd := range cmds {
		if cmd != nil {
			t.Errorf("command %d is not nil without a terminal", i)
		}
	}
	if err := n.RestoreTitle(); err != nil || len(out.writes) != 0 {
		t.Errorf("RestoreTitle: %v, wrote %q", err, out.all())
	}
}

func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()

	if IsTerminal(w) || IsTerminal(&bytes.Buffer{}) {
		t.Error("a pipe or a buffer taken for a terminal")
	}
}

func TestWriteFailuresAreReported(t *testing.T) {
	out := &recorder{err: errors.New("EPIPE")}
	n := New(out, Options{Terminal: true, Desktop: DesktopOSC777})

	for what, cmd := range map[string]tea.Cmd{
		"bell": n.Bell(1), "title": n.Title("x"), "notification": n.Notify("t", "b"),
	} {
		msgs := run(cmd)
		want := WriteFailedMsg{What: what, Err: out.err}
		if len(msgs) != 1 || msgs[0] != want {
			t.Errorf("%s: messages %v, want %v", what, msgs, want)
		}
	}
}

func TestNotifyFollowsTheSetting(t *testing.T) {
	off, _ := newTerminal(t, Options{})
	if off.Notify("t", "b") != nil || off.Desktop() != DesktopOff {
		t.Error("notifications sent with the setting left empty")
	}

	n, out := newTerminal(t, Options{Desktop: DesktopOSC777})
	if msgs := run(n.Notify("", "body")); len(msgs) != 0 {
		t.Errorf("messages %v after a good write", msgs)
	}
	if got, want := string(out.all()), "\x1b]777;notify;sinchtop;body\a"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestConcurrentWritesStayWhole(t *testing.T) {
	n, out := newTerminal(t, Options{Mux: MuxTmux, Desktop: DesktopOSC9})
	cmds := []tea.Cmd{
		n.Bell(2), n.Title("title"), n.Notify("t", "b"), n.Copy("x", []byte("data")),
	}
	var wantWrites [][]byte
	wantWrites = append(wantWrites, n.enc.Bell(2), n.enc.Title("title"),
		n.enc.Notification(DesktopOSC9, "t", "b"))
	clip, _ := n.enc.Clipboard([]byte("data"))
	wantWrites = append(wantWrites, clip)

	var wg sync.WaitGroup
	for range 20 {
		for _, cmd := range cmds {
			wg.Go(func() { cmd() })
		}
	}
	wg.Wait()

	for _, w := range out.writes {
		if !containsBytes(wantWrites, w) {
			t.Fatalf("write %q is not one whole sequence", w)
		}
	}
	if len(out.writes) != 20*len(cmds) {
		t.Errorf("%d writes, want %d", len(out.writes), 20*len(cmds))
	}
}

func containsBytes(list [][]byte, b []byte) bool {
	for _, x := range list {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}

func TestDetect(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	muxCases := map[Mux]map[string]string{
		MuxNone:   {"TERM": "screen-256color"},
		MuxTmux:   {"TMUX": "/tmp/tmux-1000/default,1,0", "STY": "1.pts"},
		MuxScreen: {"STY": "1234.pts-0.host"},
	}
	for want, vars := range muxCases {
		if got := DetectMux(env(vars)); got != want {
			t.Errorf("DetectMux(%v) = %s, want %s", vars, got, want)
		}
	}
	if DetectDesktop(env(map[string]string{"TERM": "foot-extra"})) != DesktopOSC777 ||
		DetectDesktop(env(map[string]string{"TERM": "xterm-kitty"})) != DesktopOSC9 {
		t.Error("DetectDesktop picks the wrong sequence")
	}
}

func alert(name string, rule model.AlertRule, acked bool) model.Alert {
	a := model.Alert{FunctionName: name, Rule: rule, Status: "Failed", Value: 7.2,
		Threshold: 5, Window: 5 * time.Minute}
	if acked {
		a.AckedAt = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	}
	return a
}

func TestAlertsRingOncePerFiredAlert(t *testing.T) {
	n, out := newTerminal(t, Options{Desktop: DesktopOSC9})
	events := []model.AlertEvent{
		{Kind: model.AlertFired, Alert: alert("ivr", model.RuleStatus, false)},
		{Kind: model.AlertCleared, Alert: alert("sms", model.RuleStatus, false)},
		{Kind: model.AlertFired, Alert: alert("sms", model.RuleErrorRate, false)},
	}

	if msgs := run(n.Alerts(events, true)); len(msgs) != 0 {
		t.Errorf("messages %v after good writes", msgs)
	}
	got := string(out.all())
	want := "\a\a" + "\x1b]9;sinchtop: 2 alerts: ivr is Failed (+1 more)\a"
	if got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}

	if n.Alerts(events[1:2], true) != nil {
		t.Error("a cleared alert is told")
	}
	quiet, _ := newTerminal(t, Options{})
	if quiet.Alerts(events, false) != nil {
		t.Error("told with the bell and notifications off")
	}
}

func TestTitleText(t *testing.T) {
	failed := alert("ivr", model.RuleStatus, false)
	acked := alert("sms", model.RuleStatus, true)
	tests := []struct {
		base   string
		active []model.Alert
		want   string
	}{
		{"", nil, "sinchtop"},
		{"sinchtop · prod", nil, "sinchtop · prod"},
		{"", []model.Alert{acked, failed}, "(1) ivr is Failed · sinchtop"},
		{"", []model.Alert{failed, failed}, "(2) ivr is Failed · sinchtop"},
		{"", []model.Alert{acked}, "sinchtop (1 acknowledged)"},
	}
	for _, tt := range tests {
		if got := TitleText(tt.base, tt.active); got != tt.want {
			t.Errorf("TitleText(%q, %d alerts) = %q, want %q", tt.base, len(tt.active), got,
				tt.want)
		}
	}
}
