package notify

import (
	"errors"
	"fmt"
	"io"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"github.com/sinchtop/sinchtop/model"
)

// ErrNotTerminal is the error of a copy when the output is not a terminal.
var ErrNotTerminal = errors.New("the output is not a terminal")

// CopiedMsg reports a clipboard copy. Uncertain is true when the data was
// sent to the terminal (OSC 52), which never confirms it; Err is set when it
// was not sent at all. A copy is never reported as certainly done.
type CopiedMsg struct {
	// What names what was copied, for example "request as JSON".
	What string
	// Err is why nothing was copied.
	Err error
	// Uncertain is true when the data went out but the terminal may have
	// ignored it.
	Uncertain bool
}

// Text says what happened in one line for the status line, with What
// sanitized.
func (m CopiedMsg) Text() string {
	what := model.Sanitize(m.What)
	switch {
	case m.Err != nil:
		return "could not copy " + what + ": " + model.Sanitize(m.Err.Error())
	case m.Uncertain:
		return what + " sent to the terminal's clipboard (OSC 52; your terminal may ignore it)"
	}
	return what + " copied"
}

// WriteFailedMsg reports a bell, title or notification that could not be
// written to the terminal.
type WriteFailedMsg struct {
	// What is "bell", "title" or "notification".
	What string
	Err  error
}

// Options configure a Notifier.
type Options struct {
	// Terminal says whether the output is a terminal (see IsTerminal).
	// When it is not, nothing is written.
	Terminal bool
	// Mux is the multiplexer to wrap sequences for (see DetectMux).
	Mux Mux
	// Desktop is how desktop notifications are sent; "" is off.
	Desktop Desktop
}

// Notifier writes the Encoder's sequences to the program's output inside
// Bubble Tea commands. It does not change after New, so its commands may be
// built in Update and run on any goroutine; its own writes never overlap.
type Notifier struct {
	out      io.Writer
	mu       *sync.Mutex
	enc      Encoder
	desktop  Desktop
	terminal bool
}

// New returns a Notifier writing to out, which should be the *os.File the
// program renders to (see the package comment).
func New(out io.Writer, opts Options) *Notifier {
	desktop := opts.Desktop
	if desktop == "" {
		desktop = DesktopOff
	}
	return &Notifier{out: out, mu: new(sync.Mutex), enc: Encoder{Mux: opts.Mux},
		desktop: desktop, terminal: opts.Terminal}
}

// IsTerminal reports whether out is a terminal: a file whose descriptor is
// a TTY.
func IsTerminal(out io.Writer) bool {
	f, ok := out.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// Terminal reports whether the Notifier writes at all.
func (n *Notifier) Terminal() bool {
	return n.terminal
}

// Desktop returns how desktop notifications are sent.
func (n *Notifier) Desktop() Desktop {
	return n.desktop
}

// Bell rings the bell count times, at most MaxBells: once per alert that
// fired. It returns nil when there is nothing to ring or no terminal.
func (n *Notifier) Bell(count int) tea.Cmd {
	return n.send("bell", n.enc.Bell(count))
}

// Title sets the window or tab title to text, made safe (see Encoder.Title).
func (n *Notifier) Title(text string) tea.Cmd {
	return n.send("title", n.enc.Title(text))
}

// SaveTitle pushes the terminal's own title so that RestoreTitle can put
// it back on exit. Send it once, from Init.
func (n *Notifier) SaveTitle() tea.Cmd {
	return n.send("title", n.enc.SaveTitle())
}

// RestoreTitle writes the sequence that pops the title SaveTitle pushed. It
// writes directly, so call it after the program has ended, not from a
// command.
func (n *Notifier) RestoreTitle() error {
	if !n.terminal {
		return nil
	}
	return n.write(n.enc.RestoreTitle())
}

// Notify sends a desktop notification, or returns nil when notifications
// are off or there is no terminal. An empty title is "sinchtop".
func (n *Notifier) Notify(title, body string) tea.Cmd {
	if title == "" {
		title = "sinchtop"
	}
	return n.send("notification", n.enc.Notification(n.desktop, title, body))
}

// Copy sends data to the terminal's clipboard (OSC 52) and reports the
// outcome as a CopiedMsg naming what: uncertain when sent, an error when
// there is no terminal, the data is too large or the write fails.
func (n *Notifier) Copy(what string, data []byte) tea.Cmd {
	seq, err := n.enc.Clipboard(data)
	if err == nil && !n.terminal {
		err = ErrNotTerminal
	}
	if err != nil {
		return func() tea.Msg { return CopiedMsg{What: what, Err: err} }
	}

	return func() tea.Msg {
		if err := n.write(seq); err != nil {
			return CopiedMsg{What: what, Err: fmt.Errorf("writing to the terminal: %w", err)}
		}
		return CopiedMsg{What: what, Uncertain: true}
	}
}

// send returns a command that writes seq, reporting a failure as a
// WriteFailedMsg; nil when seq is empty or there is no terminal.
func (n *Notifier) send(what string, seq []byte) tea.Cmd {
	if len(seq) == 0 || !n.terminal {
		return nil
	}
	return func() tea.Msg {
		if err := n.write(seq); err != nil {
			return WriteFailedMsg{What: what, Err: err}
		}
		return nil
	}
}

// write sends seq in one Write, so it never lands inside a frame (see the
// package comment) nor inside another of the Notifier's sequences.
func (n *Notifier) write(seq []byte) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	_, err := n.out.Write(seq)
	return err
}
