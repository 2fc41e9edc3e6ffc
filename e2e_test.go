package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api/sim"
)

// The terminal the end-to-end test drives, and how long it waits for the
// dashboard to draw what a step expects. The waits poll an external
// process; they decide nothing about correctness except "never came".
const (
	e2eWidth, e2eHeight     = 120, 40
	e2eNarrow, e2eShort     = 100, 30
	e2eStepTimeout          = 15 * time.Second
	e2ePollInterval         = 40 * time.Millisecond
	e2eBoxTop, e2eBoxBottom = "┌┏", "└┗"
	e2eBoxSide              = "│┃"
	e2eBoxRight             = "│┃┐┓┘┛"
)

// TestEndToEnd builds sinchtop, runs `sinchtop --demo` in a tmux terminal
// of a fixed size and uses it as an on-call engineer would: the overview
// lists every function, a filter narrows it, Enter drills in and opens a
// request, Esc goes back, two functions are pinned, a resize redraws at
// the new size, and q quits leaving the terminal as it was.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and drives it in tmux; skipped under -short")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("end-to-end: tmux is not installed (apt-get install -y tmux); skipped")
	}

	names := demoFunctionNames(t)
	bin := buildSinchtop(t)
	term := startTerminal(t, tmux, e2eWidth, e2eHeight)
	term.typeLine(t, shellQuote(bin)+` --demo; echo "sinchtop exited with $?"`)

	stem, target := uniqueStem(t, names)
	overview := term.waitFor(t, "the overview listing every function", func(s screen) bool {
		return s.box("Functions").containsAll(names)
	})
	overview.checkWhole(t, e2eWidth)

	if !t.Run("filter narrows the list", func(t *testing.T) {
		term.keys(t, "/")
		term.waitFor(t, "the filter prompt", func(s screen) bool {
			return s.box("Functions").typingFilter()
		})
		term.text(t, stem)
		s := term.waitFor(t, "only "+target+" left in the list", func(s screen) bool {
			list := s.box("Functions")
			return list.contains(target) && list.countOf(names) == 1
		})
		s.checkWhole(t, e2eWidth)
		term.keys(t, "Enter") // keep the filter
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("enter drills into the function", func(t *testing.T) {
		term.keys(t, "Enter")
		s := term.waitFor(t, "the drilled-in view of "+target+" with a request selected",
			func(s screen) bool {
				return s.box("Status") != nil && s.box("Live · "+target).contains("▸")
			})
		s.checkWhole(t, e2eWidth)
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("enter opens a request", func(t *testing.T) {
		term.keys(t, "Enter")
		s := term.waitFor(t, "one request shown whole", func(s screen) bool {
			req := s.box("Request ·")
			return req.contains("Response") && s.box("Status") == nil
		})
		s.checkWhole(t, e2eWidth)
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("esc goes back twice", func(t *testing.T) {
		term.keys(t, "Escape")
		term.waitFor(t, "the function's view again", func(s screen) bool {
			return s.box("Status") != nil && s.box("Request ·") == nil
		})
		term.keys(t, "Escape")
		term.waitFor(t, "the overview again", func(s screen) bool {
			return s.box("Functions") != nil && s.box("Status") == nil
		})
		term.keys(t, "/")
		term.waitFor(t, "the filter prompt", func(s screen) bool {
			return s.box("Functions").typingFilter()
		})
		term.keys(t, "Escape") // clear the filter
		term.waitFor(t, "every function listed again", func(s screen) bool {
			return s.box("Functions").containsAll(names)
		})
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("pin two functions", func(t *testing.T) {
		// One key at a time: keys that arrive in one read reach the
		// program as one message of several runes.
		term.keys(t, "p")
		term.waitFor(t, "one pinned row", func(s screen) bool {
			return s.box("Functions").pinnedRows() == 1
		})
		term.keys(t, "j")
		term.waitFor(t, "the cursor on a row not pinned", func(s screen) bool {
			row := s.box("Functions").selectedRow()
			return row != "" && !strings.Contains(row, "*")
		})
		term.keys(t, "p")
		s := term.waitFor(t, "two pinned rows and their merged tail", func(s screen) bool {
			return s.box("Functions").pinnedRows() == 2 && s.box("Live · 2 pinned") != nil
		})
		s.checkWhole(t, e2eWidth)
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("resize redraws at the new size", func(t *testing.T) {
		term.tmux(t, "resize-window", "-t", term.target, "-x", strconv.Itoa(e2eNarrow),
			"-y", strconv.Itoa(e2eShort))
		s := term.waitFor(t, "a redraw at 100x30", func(s screen) bool {
			top := s.boxTop("Functions")
			return len(s) == e2eShort && top >= 0 && ansi.StringWidth(s[top]) == e2eNarrow &&
				strings.Contains(s[e2eShort-1], "quit")
		})
		s.checkWhole(t, e2eNarrow)
	}) {
		return // the next steps start from where this one should have ended
	}

	if !t.Run("q quits and restores the terminal", func(t *testing.T) {
		term.keys(t, "q")
		term.waitFor(t, "the shell after sinchtop exited", func(s screen) bool {
			return s.containsLine("sinchtop exited with 0")
		})
		if alt := term.display(t, "#{alternate_on}"); alt != "0" {
			t.Errorf("alternate screen still on after quitting (alternate_on=%q)", alt)
		}
		if cursor := term.display(t, "#{cursor_flag}"); cursor != "1" {
			t.Errorf("cursor still hidden after quitting (cursor_flag=%q)", cursor)
		}
	}) {
		return // the next steps start from where this one should have ended
	}
}

// demoFunctionNames lists the functions the demo project is generated
// with, from the simulator itself, so the test follows its seed.
func demoFunctionNames(t *testing.T) []string {
	t.Helper()
	srv, err := sim.New(sim.DefaultConfig())
	if err != nil {
		t.Fatalf("simulator: %v", err)
	}
	defer srv.Close()

	var names []string
	for _, f := range srv.Functions() {
		names = append(names, f.Name)
	}
	if len(names) == 0 {
		t.Fatal("the demo project has no functions")
	}
	return names
}

// uniqueStem picks a function whose name's first word is in no other name,
// so that filtering by that word leaves exactly one row.
func uniqueStem(t *testing.T, names []string) (stem, name string) {
	t.Helper()
	for _, n := range names {
		stem, _, _ = strings.Cut(n, "-")
		count := 0
		for _, other := range names {
			if strings.Contains(other, stem) {
				count++
			}
		}
		if count == 1 {
			return stem, n
		}
	}
	t.Fatalf("no function name has a first word of its own: %q", names)
	return "", ""
}

// buildSinchtop builds the binary into a temporary folder.
func buildSinchtop(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build sinchtop: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "sinchtop")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// terminal is a tmux session on a private server, running a shell.
type terminal struct {
	bin    string
	socket string
	target string
	env    []string
}

// startTerminal starts a private tmux server with one w×h session running
// a shell in a fresh home, and kills the server when the test ends.
func startTerminal(t *testing.T, tmux string, w, h int) *terminal {
	t.Helper()
	home := t.TempDir()
	term := &terminal{
		bin:    tmux,
		socket: fmt.Sprintf("sinchtop-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()),
		target: "e2e",
		env: []string{
			"HOME=" + home,
			"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
			"XDG_STATE_HOME=" + filepath.Join(home, "state"),
			"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
			"PATH=" + os.Getenv("PATH"),
			"TERM=xterm-256color",
			"LANG=C.UTF-8",
			"PS1=$ ",
		},
	}
	term.tmux(t, "-f", "/dev/null", "new-session", "-d", "-s", term.target,
		"-x", strconv.Itoa(w), "-y", strconv.Itoa(h), "/bin/sh")
	var socketPath string
	t.Cleanup(func() {
		// The server may be gone already; its end is all that matters, and
		// tmux leaves the socket file behind.
		_ = exec.Command(term.bin, "-L", term.socket, "kill-server").Run()
		if socketPath != "" {
			_ = os.Remove(socketPath)
		}
	})
	socketPath = term.display(t, "#{socket_path}")
	return term
}

// tmux runs one tmux command on the private server and returns its output.
func (term *terminal) tmux(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(term.bin, append([]string{"-L", term.socket}, args...)...)
	cmd.Env = term.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends tmux key names ("Enter", "Escape", "j").
func (term *terminal) keys(t *testing.T, keys ...string) {
	t.Helper()
	term.tmux(t, append([]string{"send-keys", "-t", term.target}, keys...)...)
}

// text types text literally.
func (term *terminal) text(t *testing.T, s string) {
	t.Helper()
	term.tmux(t, "send-keys", "-t", term.target, "-l", s)
}

// typeLine types a shell command and runs it.
func (term *terminal) typeLine(t *testing.T, line string) {
	t.Helper()
	term.text(t, line)
	term.keys(t, "Enter")
}

// display reads a tmux format of the pane, e.g. "#{alternate_on}".
func (term *terminal) display(t *testing.T, format string) string {
	t.Helper()
	return strings.TrimSpace(term.tmux(t, "display-message", "-p", "-t", term.target, format))
}

// capture returns the screen as the terminal shows it, without colour.
func (term *terminal) capture(t *testing.T) screen {
	t.Helper()
	out := strings.TrimSuffix(term.tmux(t, "capture-pane", "-p", "-t", term.target), "\n")
	return screen(strings.Split(out, "\n"))
}

// waitFor polls the screen until ready says it shows what the step
// expects, and fails with the last screen (or the panic the program
// printed) when it does not come within e2eStepTimeout.
func (term *terminal) waitFor(t *testing.T, what string, ready func(screen) bool) screen {
	t.Helper()
	deadline := time.Now().Add(e2eStepTimeout)
	tick := time.NewTicker(e2ePollInterval)
	defer tick.Stop()

	for {
		s := term.capture(t)
		if ready(s) {
			return s
		}
		if s.containsLine("dashboard not built yet") {
			t.Fatalf("the root command does not open the dashboard: wire runDashboard "+
				"(ui/cli/dashboard.go) to app.Run\n%s", s)
		}
		if time.Now().After(deadline) {
			history := term.tmux(t, "capture-pane", "-p", "-t", term.target, "-S", "-200")
			t.Fatalf("waited %s for %s; the screen:\n%s\n--- with history:\n%s",
				e2eStepTimeout, what, s, history)
		}
		<-tick.C
	}
}

// screen is the captured lines of the terminal, trailing spaces trimmed.
type screen []string

func (s screen) String() string { return strings.Join(s, "\n") }

// containsLine reports whether any line holds text.
func (s screen) containsLine(text string) bool {
	for _, line := range s {
		if strings.Contains(line, text) {
			return true
		}
	}
	return false
}

// boxTop returns the index of the top border holding title, or -1.
func (s screen) boxTop(title string) int {
	for i, line := range s {
		if strings.ContainsAny(firstRune(line), e2eBoxTop) && strings.Contains(line, title) {
			return i
		}
	}
	return -1
}

// box returns the lines of the box whose top border holds title, from its
// top border to its bottom one, cut to the box's columns; nil when no
// box has that title.
func (s screen) box(title string) boxLines {
	top := s.boxTop(title)
	if top < 0 {
		return nil
	}
	border := []rune(s[top])
	start := strings.Index(s[top], title)
	left := len([]rune(s[top][:start]))
	for left > 0 && !strings.ContainsRune(e2eBoxTop, border[left]) {
		left--
	}

	var out boxLines
	for _, line := range s[top:] {
		cells := []rune(line)
		if left >= len(cells) {
			break
		}
		piece := string(cells[left:])
		out = append(out, piece)
		if strings.ContainsAny(firstRune(piece), e2eBoxBottom) {
			break
		}
	}
	return out
}

// checkWhole fails unless every line fits the width and every line that
// starts inside a box also ends on a box border, so that no escape
// sequence, wide character or miscounted cell broke the frame.
func (s screen) checkWhole(t *testing.T, width int) {
	t.Helper()
	for i, line := range s {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d cells wide on a %d-cell terminal: %q", i, w, width, line)
		}
		if !strings.ContainsAny(firstRune(line), e2eBoxSide) {
			continue
		}
		if !strings.ContainsAny(lastRune(line), e2eBoxRight) || ansi.StringWidth(line) != width {
			t.Errorf("line %d leaves its box open (%d cells): %q", i, ansi.StringWidth(line), line)
		}
	}
	if t.Failed() {
		t.Logf("the screen:\n%s", s)
	}
}

// boxLines is one box of the screen.
type boxLines []string

func (b boxLines) contains(text string) bool { return screen(b).containsLine(text) }

func (b boxLines) containsAll(texts []string) bool {
	if b == nil {
		return false
	}
	for _, text := range texts {
		if !b.contains(text) {
			return false
		}
	}
	return true
}

// countOf counts the texts that appear in the box.
func (b boxLines) countOf(texts []string) int {
	n := 0
	for _, text := range texts {
		if b.contains(text) {
			n++
		}
	}
	return n
}

// pinnedRows counts the functions list's rows marked pinned: a "*" in the
// marks before the status.
func (b boxLines) pinnedRows() int {
	n := 0
	for _, line := range b {
		cells := []rune(line)
		if len(cells) > 3 && strings.ContainsRune(string(cells[1:3]), '*') {
			n++
		}
	}
	return n
}

// typingFilter reports whether the box shows a filter being typed: a line
// starting with "/" and ending with the text cursor.
func (b boxLines) typingFilter() bool {
	for _, line := range b {
		cells := []rune(line)
		if len(cells) > 2 && cells[1] == '/' && strings.Contains(line, "█ ") {
			return true
		}
	}
	return false
}

// selectedRow returns the row the cursor ("▸") is on, "" when none.
func (b boxLines) selectedRow() string {
	for _, line := range b {
		cells := []rune(line)
		if len(cells) > 2 && cells[1] == '▸' {
			return line
		}
	}
	return ""
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func lastRune(s string) string {
	cells := []rune(s)
	if len(cells) == 0 {
		return ""
	}
	return string(cells[len(cells)-1])
}

// shellQuote quotes s for /bin/sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
