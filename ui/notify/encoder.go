package notify

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/model"
)

// The pieces of the sequences. OSC strings end with BEL rather than ST
// (ESC \): every terminal that knows these sequences accepts BEL, and GNU
// screen would take an ST inside its own DCS as the end of that DCS.
const (
	bel = "\a"
	osc = "\x1b]"
	csi = "\x1b["
)

// Bounds on what one call sends.
const (
	// MaxBells is the most bells one Bell rings, however many alerts fire
	// at once.
	MaxBells = 5

	// MaxClipboardBytes is the most data one clipboard copy sends, before
	// base64. Terminals and tmux drop larger OSC 52 writes or stall on
	// them; export the data to a file instead.
	MaxClipboardBytes = 100 << 10

	// screenChunk is the longest piece of a sequence one GNU screen DCS
	// carries; screen drops strings over 768 bytes.
	screenChunk = 512
)

// Widths, in cells, that text is cut to, and the input bytes read for it.
const (
	titleCells   = 120
	summaryCells = 60 // a notification's title
	bodyCells    = 300
	textMaxBytes = 4 << 10
)

// Mux is the terminal multiplexer sinchtop runs in, if any.
type Mux int

// The multiplexers the Encoder knows.
const (
	MuxNone Mux = iota
	MuxTmux
	MuxScreen
)

// String names the multiplexer.
func (m Mux) String() string {
	switch m {
	case MuxTmux:
		return "tmux"
	case MuxScreen:
		return "screen"
	}
	return "none"
}

// DetectMux tells the multiplexer from the environment: tmux sets $TMUX,
// GNU screen sets $STY. $TERM does not tell them apart (tmux often runs as
// "screen-256color"), so it is not read.
func DetectMux(getenv func(string) string) Mux {
	switch {
	case getenv("TMUX") != "":
		return MuxTmux
	case getenv("STY") != "":
		return MuxScreen
	}
	return MuxNone
}

// Encoder builds the bytes of each sequence for one multiplexer. It does no
// I/O; its zero value encodes for a terminal with no multiplexer.
type Encoder struct {
	Mux Mux
}

// Bell returns count BEL characters, at most MaxBells; none for a count of
// zero or less. Multiplexers handle the bell themselves, so it is never
// wrapped.
func (e Encoder) Bell(count int) []byte {
	return []byte(strings.Repeat(bel, min(max(count, 0), MaxBells)))
}

// Title returns OSC 0, which sets the window title and the icon or tab name,
// with text made safe and cut to 120 cells. tmux and screen keep the title
// per pane, so it is never wrapped.
func (e Encoder) Title(text string) []byte {
	return []byte(osc + "0;" + safeText(text, titleCells) + bel)
}

// SaveTitle returns XTWINOPS 22, which pushes the window and icon titles on
// the terminal's title stack, for RestoreTitle to pop on exit. Terminals
// without a title stack ignore both.
func (e Encoder) SaveTitle() []byte {
	return []byte(csi + "22;0t")
}

// RestoreTitle returns XTWINOPS 23, which pops the titles SaveTitle pushed.
func (e Encoder) RestoreTitle() []byte {
	return []byte(csi + "23;0t")
}

// Notification returns a desktop notification by method, or nil when
// method is DesktopOff or unknown. title and body are made safe and cut.
func (e Encoder) Notification(method Desktop, title, body string) []byte {
	var seq string
	switch method {
	case DesktopOSC9:
		seq = osc9(title, body)
	case DesktopOSC777:
		seq = osc777(title, body)
	default:
		return nil
	}
	return []byte(e.passthrough(seq))
}

// osc9 builds OSC 9 (iTerm2, WezTerm, kitty, Ghostty), which has a single
// text: "title: body". ConEmu and Windows Terminal read OSC 9 followed by a
// number and ';' as other commands, so a text starting with a digit is
// prefixed.
func osc9(title, body string) string {
	text := safeText(body, bodyCells)
	if t := safeText(title, summaryCells); t != "" {
		text = t + ": " + text
	}
	if text != "" && text[0] >= '0' && text[0] <= '9' {
		text = "sinchtop " + text
	}
	return osc + "9;" + text + bel
}

// osc777 builds OSC 777 notify (urxvt, foot, Ghostty): the title ends at
// the first ';', so a ';' in it becomes ','; the body runs to the end.
func osc777(title, body string) string {
	safeTitle := strings.ReplaceAll(safeText(title, summaryCells), ";", ",")
	return osc + "777;notify;" + safeTitle + ";" + safeText(body, bodyCells) + bel
}

// Clipboard returns OSC 52 setting the clipboard ("c") to data, encoded as
// base64. Inside tmux it is sent twice, plain for tmux's set-clipboard and
// wrapped for passthrough (see the package comment). Data over
// MaxClipboardBytes is an error.
func (e Encoder) Clipboard(data []byte) ([]byte, error) {
	if len(data) > MaxClipboardBytes {
		return nil, fmt.Errorf("%d bytes is more than the %d KiB a terminal clipboard "+
			"takes; export it to a file instead", len(data), MaxClipboardBytes>>10)
	}

	seq := osc + "52;c;" + base64.StdEncoding.EncodeToString(data) + bel
	if e.Mux == MuxTmux {
		return []byte(seq + e.passthrough(seq)), nil
	}
	return []byte(e.passthrough(seq)), nil
}

// passthrough wraps seq so that the multiplexer hands it to the terminal
// unread.
func (e Encoder) passthrough(seq string) string {
	switch e.Mux {
	case MuxTmux:
		return ansi.TmuxPassthrough(seq)
	case MuxScreen:
		return ansi.ScreenPassthrough(seq, screenChunk)
	}
	return seq
}

// safeText makes untrusted text safe inside an OSC string: sanitized (no
// control shows as itself), then stripped of every code point that could
// end the string, and cut to cells display cells. The strip is a second
// guard: after Sanitize it finds nothing.
func safeText(s string, cells int) string {
	s = model.SanitizeLimit(s, textMaxBytes)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7F && r <= 0x9F) {
			return -1
		}
		return r
	}, s)
	return model.Truncate(s, cells)
}
