package notify

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/vt"
)

// board is a program that, once started, sets the title, rings and copies,
// and quits when the copy is reported.
type board struct {
	n      *Notifier
	copied CopiedMsg
}

func (b board) Init() tea.Cmd {
	return tea.Batch(b.n.Title("(1) ivr is Failed"), b.n.Bell(1),
		b.n.Copy("request as JSON", []byte(`{"id":"r1"}`)))
}

func (b board) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(CopiedMsg); ok {
		b.copied = m
		return b, tea.Quit
	}
	return b, nil
}

func (b board) View() string {
	return "ivr-handler  Failed\n" + b.copied.Text() + "\nsms-inbound  Running\n"
}

// TestSequencesBetweenFrames runs a real program in the alternate screen
// and replays everything it wrote in a terminal emulator: the title and bell
// arrive, the copy goes out whole, and the frames draw as if nothing else
// had been written.
func TestSequencesBetweenFrames(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	written := make(chan []byte)
	go func() {
		out, _ := io.ReadAll(r)
		written <- out
	}()

	n := New(w, Options{Terminal: true})
	p := tea.NewProgram(board{n: n}, tea.WithInput(nil), tea.WithOutput(w),
		tea.WithAltScreen(), tea.WithoutSignalHandler())
	final, err := p.Run()
	w.Close()
	out := <-written
	r.Close()
	if err != nil {
		t.Fatal(err)
	}

	clip, _ := Encoder{}.Clipboard([]byte(`{"id":"r1"}`))
	if !bytes.Contains(out, clip) {
		t.Errorf("the clipboard sequence %q is not in the output whole", clip)
	}

	// Replay up to leaving the alternate screen, where the last frame
	// still shows.
	inAlt, _, found := bytes.Cut(out, []byte("\x1b[?1049l"))
	if !found {
		t.Fatalf("the program never left the alternate screen: %q", out)
	}
	var titles []string
	bells := 0
	term := vt.NewEmulator(100, 4)
	term.SetCallbacks(vt.Callbacks{
		Title: func(s string) { titles = append(titles, s) },
		Bell:  func() { bells++ },
	})
	if _, err := term.Write(inAlt); err != nil {
		t.Fatal(err)
	}

	if len(titles) != 1 || titles[0] != "(1) ivr is Failed" || bells != 1 {
		t.Errorf("titles %q and %d bells, want one title and one bell", titles, bells)
	}
	screen := strings.Split(term.String(), "\n")
	// Bubble Tea erases the cursor's line, the last, as it stops.
	want := strings.Split(final.(board).View(), "\n")
	for i, line := range want[:len(want)-1] {
		if i >= len(screen) || strings.TrimRight(screen[i], " ") != line {
			t.Errorf("screen line %d = %q, want %q", i, screen[i], line)
		}
	}
}
