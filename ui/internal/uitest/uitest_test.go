package uitest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestFirstUnsafe(t *testing.T) {
	cases := []struct {
		name string
		in   string
		at   int
	}{
		{"plain lines", "plain\ntext", -1},
		{"colours", "\x1b[31mred\x1b[0m \x1b[38;5;196mx\x1b[m", -1},
		{"colour with colons", "\x1b[38:2:1:2:3mx", -1},
		{"cursor move", "ab\x1b[2J", 2},
		{"escape at the end", "ab\x1b", 2},
		{"unfinished colour", "ab\x1b[31", 2},
		{"carriage return", "a\rb", 1},
		{"delete", "a\x7f", 1},
		{"tab", "a\tb", 1},
	}
	for _, tc := range cases {
		if at, seq := FirstUnsafe(tc.in); at != tc.at {
			t.Errorf("%s: FirstUnsafe(%q) = %d %q, want %d", tc.name, tc.in, at, seq, tc.at)
		}
	}
}

func TestFrameProblem(t *testing.T) {
	cases := []struct {
		name  string
		frame string
		want  string // part of the problem, "" for none
	}{
		{"exact", "ab\n\x1b[1mcd\x1b[0m", ""},
		{"too few lines", "ab", "1 lines, want 2"},
		{"short line", "ab\nc", "line 1 is 1 cells"},
		{"wide rune counts twice", "日\nab", ""},
		{"not UTF-8", "a" + BadUTF8[:1] + "\nab", "not valid UTF-8"},
		{"C1 control", "a" + EightBitCSI[:2] + "\nab", "control rune U+009B"},
		{"bidi isolate", "\u2066a\nab", "control rune U+2066"},
	}
	for _, tc := range cases {
		got := frameProblem(tc.frame, 2, 2)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problem %q, want one holding %q", tc.name, got, tc.want)
		}
	}
}

func TestHostilePiecesAreCaught(t *testing.T) {
	for _, piece := range []string{ClearScreen, ClipboardWrite, TitleBEL, TitleST, EightBitCSI,
		BadUTF8, BidiOverride} {
		if frameProblem(piece, len(piece), 1) == "" {
			t.Errorf("%q passed as a safe frame", piece)
		}
	}
	if huge := HugeLine(); len(huge) < 10<<20 || !strings.HasPrefix(huge, "huge ") {
		t.Errorf("HugeLine is %d bytes starting %q", len(huge), huge[:min(len(huge), 8)])
	}
}

func TestSizeProblem(t *testing.T) {
	cases := []struct {
		name string
		s    string
		w, h int
		want string
	}{
		{"exact", "ab\ncd", 2, 2, ""},
		{"no room draws nothing", "", 0, 5, ""},
		{"no room but drawn", "x", 3, 0, "want nothing"},
		{"one line short", "ab\nc", 2, 2, "line 1 is 1 cells"},
		{"too many lines", "ab\ncd\nef", 2, 2, "3 lines, want 2"},
	}
	for _, tc := range cases {
		got := sizeProblem(tc.s, tc.w, tc.h)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problem %q, want one holding %q", tc.name, got, tc.want)
		}
	}
}

func TestEverySizeDrawsEverySize(t *testing.T) {
	seen := 0
	EverySize(t, func(w, h int) string {
		seen++
		if w == 0 || h == 0 {
			return ""
		}
		return strings.TrimSuffix(strings.Repeat(strings.Repeat("x", w)+"\n", h), "\n")
	})
	if want := (SweepWidth + 1) * (SweepHeight + 1); seen != want {
		t.Errorf("drew %d sizes, want %d", seen, want)
	}
}

func TestGoldenMatches(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "testdata", "case", "one.golden")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("frame\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	Golden(t, "case/one", "frame\n")
}

func TestKey(t *testing.T) {
	cases := []struct {
		name string
		want string
	}{
		{"up", "up"}, {"pgdown", "pgdown"}, {"esc", "esc"}, {"backspace", "backspace"},
		{" ", " "}, {"g", "g"}, {"pwned", "pwned"}, {"Up", "Up"},
	}
	for _, tc := range cases {
		if got := Key(tc.name).String(); got != tc.want {
			t.Errorf("Key(%q) is %q, want %q", tc.name, got, tc.want)
		}
	}
	if k := Key("down"); k.Type != tea.KeyDown {
		t.Errorf("Key(down) has type %v", k.Type)
	}
}

// counter is a pane that counts the keys it is sent and answers every
// second one with a command.
type counter struct{ keys []string }

func (c counter) Update(msg tea.Msg) (counter, tea.Cmd) {
	c.keys = append(c.keys, msg.(tea.KeyMsg).String())
	if len(c.keys)%2 == 1 {
		return c, nil
	}
	n := len(c.keys)
	return c, func() tea.Msg { return n }
}

func TestPress(t *testing.T) {
	c, msgs := Press(counter{}, Keys("a", "enter", "esc")...)
	if got := strings.Join(c.keys, ","); got != "a,enter,esc" {
		t.Errorf("the pane was sent %s", got)
	}
	if len(msgs) != 1 || msgs[0] != 2 {
		t.Errorf("messages %v, want the one of the second key", msgs)
	}
}
