package notify

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// checkGolden compares got byte for byte with testdata/name.golden, which
// holds it as one Go-quoted string so that every escape byte shows.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *uitest.Update {
		text := strconv.Quote(string(got)) + "\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	want, err := strconv.Unquote(strings.TrimSpace(string(text)))
	if err != nil {
		t.Fatalf("%s: not one quoted string: %v", path, err)
	}
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("%s:\n got %q\nwant %q", name, got, want)
	}
}

var muxes = []Mux{MuxNone, MuxTmux, MuxScreen}

func TestSequenceGoldens(t *testing.T) {
	sequences := []struct {
		name  string
		build func(Encoder) []byte
	}{
		{"bell", func(e Encoder) []byte { return e.Bell(2) }},
		{"title", func(e Encoder) []byte {
			return e.Title("(1) ivr-handler error rate 7.2% over 5m (limit 5%) · sinchtop")
		}},
		{"osc9", func(e Encoder) []byte {
			return e.Notification(DesktopOSC9, "sinchtop: alert", "ivr-handler is Failed")
		}},
		{"osc777", func(e Encoder) []byte {
			return e.Notification(DesktopOSC777, "sinchtop; alert", "ivr-handler is Failed")
		}},
		{"osc52", func(e Encoder) []byte {
			seq, err := e.Clipboard([]byte(`{"id":"req-1","statusCode":500}`))
			if err != nil {
				t.Fatal(err)
			}
			return seq
		}},
	}
	for _, s := range sequences {
		for _, mux := range muxes {
			name := s.name + "-" + mux.String()
			t.Run(name, func(t *testing.T) {
				checkGolden(t, name, s.build(Encoder{Mux: mux}))
			})
		}
	}
}

func TestMultiplexersHandleBellAndTitleThemselves(t *testing.T) {
	plain := Encoder{}
	for _, mux := range []Mux{MuxTmux, MuxScreen} {
		e := Encoder{Mux: mux}
		if !bytes.Equal(e.Bell(1), plain.Bell(1)) || !bytes.Equal(e.Title("x"), plain.Title("x")) {
			t.Errorf("%s: bell or title wrapped; the multiplexer should see them", mux)
		}
	}
}

func TestTmuxWrapDoublesEveryEscape(t *testing.T) {
	plain := Encoder{}.Notification(DesktopOSC9, "t", "b")
	wrapped := Encoder{Mux: MuxTmux}.Notification(DesktopOSC9, "t", "b")

	inner, ok := bytes.CutPrefix(wrapped, []byte("\x1bPtmux;"))
	inner, ok2 := bytes.CutSuffix(inner, []byte("\x1b\\"))
	if !ok || !ok2 {
		t.Fatalf("not a tmux passthrough: %q", wrapped)
	}
	if got := bytes.ReplaceAll(inner, []byte("\x1b\x1b"), []byte("\x1b")); !bytes.Equal(got, plain) {
		t.Errorf("unwrapped %q, want %q", got, plain)
	}
	if bytes.Count(inner, []byte("\x1b")) != 2*bytes.Count(plain, []byte("\x1b")) {
		t.Errorf("an ESC inside %q is not doubled", inner)
	}
}

func TestTmuxClipboardGoesPlainAndWrapped(t *testing.T) {
	plain, err := Encoder{}.Clipboard([]byte("hello"))
	if err != nil {
		t.Fatal(err)
	}
	both, err := Encoder{Mux: MuxTmux}.Clipboard([]byte("hello"))
	if err != nil {
		t.Fatal(err)
	}

	wrapped, ok := bytes.CutPrefix(both, plain)
	if !ok || !bytes.HasPrefix(wrapped, []byte("\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\a")) {
		t.Errorf("tmux clipboard %q: want the plain sequence, then it wrapped", both)
	}
}

func TestScreenCutsLongSequences(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 300) // 4000 bytes of base64
	seq, err := Encoder{Mux: MuxScreen}.Clipboard(data)
	if err != nil {
		t.Fatal(err)
	}

	var inner []byte
	rest := seq
	for len(rest) > 0 {
		piece, ok := bytes.CutPrefix(rest, []byte("\x1bP"))
		end := bytes.Index(piece, []byte("\x1b\\"))
		if !ok || end < 0 {
			t.Fatalf("not a run of screen DCS strings at %q", rest[:min(len(rest), 20)])
		}
		if end > screenChunk {
			t.Errorf("a DCS string carries %d bytes, more than %d", end, screenChunk)
		}
		if bytes.IndexByte(piece[1:end], 0x1b) >= 0 {
			t.Errorf("an ESC inside a DCS string would end it early: %q", piece[:end])
		}
		inner = append(inner, piece[:end]...)
		rest = piece[end+2:]
	}

	plain, _ := Encoder{}.Clipboard(data)
	if !bytes.Equal(inner, plain) {
		t.Error("the pieces do not join into the plain sequence")
	}
}

func TestClipboardRefusesTooMuch(t *testing.T) {
	if _, err := (Encoder{}).Clipboard(make([]byte, MaxClipboardBytes)); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	_, err := Encoder{}.Clipboard(make([]byte, MaxClipboardBytes+1))
	if err == nil || !strings.Contains(err.Error(), "export it to a file") {
		t.Errorf("over the limit: error %v, want one that says to export", err)
	}
}

func TestBellBounds(t *testing.T) {
	for count, want := range map[int]string{-1: "", 0: "", 1: "\a", 3: "\a\a\a", 99: "\a\a\a\a\a"} {
		if got := string(Encoder{}.Bell(count)); got != want {
			t.Errorf("Bell(%d) = %q, want %q", count, got, want)
		}
	}
}

func TestNotificationText(t *testing.T) {
	tests := []struct {
		method      Desktop
		title, body string
		want        string
	}{
		{DesktopOSC9, "sinchtop", "a;b", "\x1b]9;sinchtop: a;b\a"},
		{DesktopOSC9, "", "4;3;50", "\x1b]9;sinchtop 4;3;50\a"},
		{DesktopOSC777, "a;b", "c;d", "\x1b]777;notify;a,b;c;d\a"},
		{DesktopOff, "t", "b", ""},
		{Desktop("osc99"), "t", "b", ""},
	}
	for _, tt := range tests {
		got := string(Encoder{}.Notification(tt.method, tt.title, tt.body))
		if got != tt.want {
			t.Errorf("Notification(%s, %q, %q) = %q, want %q", tt.method, tt.title, tt.body,
				got, tt.want)
		}
	}
}

func TestTitleIsCut(t *testing.T) {
	got := Encoder{}.Title(strings.Repeat("x", 10_000))
	if n := utf8.RuneCount(got); n > titleCells+len("\x1b]0;\a") {
		t.Errorf("title of %d runes, want at most %d cells of text", n, titleCells)
	}
}

// hostile is text a function name or alert could carry to break out of the
// sequence it is put in.
var hostile = []string{
	"name\aafter-bel",
	"name\x1b\\after-st",
	"name\x1b]52;c;ZXZpbA==\a",
	"name\u009cafter-c1-st",
	"name\x9cafter-raw-c1",
	"name\u009b2Jafter-c1-csi",
	"name\x1bPtmux;\x1b\x1b]0;x\a\x1b\\",
	"name\x1b\x1b\\",
	"name\r\nnext",
	"name\u202eevil",
	"\xff\xfe",
}

func TestHostileTextStaysInside(t *testing.T) {
	for _, text := range hostile {
		for _, mux := range muxes {
			t.Run(fmt.Sprintf("%s/%q", mux, text), func(t *testing.T) {
				checkContained(t, Encoder{Mux: mux}, text)
			})
		}
	}
}

func FuzzHostileText(f *testing.F) {
	for _, text := range hostile {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, mux := range muxes {
			checkContained(t, Encoder{Mux: mux}, text)
		}
	})
}

// checkContained checks that text put in a title or notification stays
// the payload of one sequence: the plain sequence is its opening, a payload
// with no control byte, code point or terminator, and its BEL; a wrapped
// one unwraps to the plain one.
func checkContained(t *testing.T, e Encoder, text string) {
	t.Helper()
	plain := Encoder{}
	cases := []struct {
		opening string
		plain   []byte
		got     []byte
		wrapped bool
	}{
		{"\x1b]0;", plain.Title(text), e.Title(text), false},
		{"\x1b]9;", plain.Notification(DesktopOSC9, text, text),
			e.Notification(DesktopOSC9, text, text), true},
		{"\x1b]777;notify;", plain.Notification(DesktopOSC777, text, text),
			e.Notification(DesktopOSC777, text, text), true},
	}
	for _, c := range cases {
		payload, ok := bytes.CutPrefix(c.plain, []byte(c.opening))
		payload, ok2 := bytes.CutSuffix(payload, []byte("\a"))
		if !ok || !ok2 {
			t.Fatalf("%q is not %q…BEL", c.plain, c.opening)
		}
		checkPayload(t, payload)

		got := c.got
		if c.wrapped {
			got = unwrap(t, e.Mux, got)
		}
		if !bytes.Equal(got, c.plain) {
			t.Errorf("%s: %q does not unwrap to %q", e.Mux, c.got, c.plain)
		}
	}
}

func checkPayload(t *testing.T, payload []byte) {
	t.Helper()
	if !utf8.Valid(payload) {
		t.Errorf("payload %q is not valid UTF-8", payload)
	}
	for _, r := range string(payload) {
		if r < 0x20 || (r >= 0x7F && r <= 0x9F) {
			t.Errorf("payload %q carries control %U", payload, r)
		}
	}
}

// unwrap undoes the multiplexer's passthrough; it fails when the wrapped
// sequence holds anything the multiplexer would take as its end.
func unwrap(t *testing.T, mux Mux, seq []byte) []byte {
	t.Helper()
	switch mux {
	case MuxTmux:
		inner, ok := bytes.CutPrefix(seq, []byte("\x1bPtmux;"))
		inner, ok2 := bytes.CutSuffix(inner, []byte("\x1b\\"))
		if !ok || !ok2 || bytes.Contains(bytes.ReplaceAll(inner, []byte("\x1b\x1b"), nil),
			[]byte("\x1b")) {
			t.Fatalf("%q is not one tmux passthrough", seq)
		}
		return bytes.ReplaceAll(inner, []byte("\x1b\x1b"), []byte("\x1b"))
	case MuxScreen:
		inner, ok := bytes.CutPrefix(seq, []byte("\x1bP"))
		inner, ok2 := bytes.CutSuffix(inner, []byte("\x1b\\"))
		inner = bytes.ReplaceAll(inner, []byte("\x1b\\\x1bP"), nil)
		if !ok || !ok2 || bytes.Count(inner, []byte("\x1b")) != 1 {
			t.Fatalf("%q is not a run of screen DCS strings", seq)
		}
		return inner
	}
	return seq
}
