package model

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "GET /ice 200", "GET /ice 200"},
		{"empty", "", ""},
		{"unicode kept", "café 日本 ✓", "café 日本 ✓"},
		{"tab", "a\tb", "a b"},
		{"newline", "a\nb", "a⏎b"},
		{"crlf", "a\r\nb", "a␍⏎b"},
		{"line separator", "a\u2028b", "a⏎b"},
		{"nul and bell", "a\x00\x07", "a␀␇"},
		{"cursor movement", "\x1b[2J\x1b[H", "␛[2J␛[H"},
		{"osc 52 clipboard", "\x1b]52;c;cm0gLXJm\x07", "␛]52;c;cm0gLXJm␇"},
		{"osc title", "\x1b]0;pwned\x1b\\", "␛]0;pwned␛\\"},
		{"osc 8 hyperlink", "\x1b]8;;http://x\x1b\\t\x1b]8;;\x1b\\", "␛]8;;http://x␛\\t␛]8;;␛\\"},
		{"del", "a\x7fb", "a␡b"},
		{"c1 csi", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"c1 range ends", "\u0080\u009f", "\uFFFD\uFFFD"},
		{"raw c1 byte", "a\x9bb", "a\uFFFDb"},
		{"invalid utf8", "a\xff\xfeb", "a\uFFFD\uFFFDb"},
		{"truncated rune", "a\xe6\x97", "a\uFFFD\uFFFD"},
		{"bidi override", "abc\u202Edcba", "abc\uFFFDdcba"},
		{"bidi isolate", "\u2066x\u2069", "\uFFFDx\uFFFD"},
		{"bidi marks", "\u200Ex\u200F\u061C", "\uFFFDx\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeBlock(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"keeps newlines", "a\nb\n", "a\nb\n"},
		{"crlf becomes lf", "a\r\nb", "a\nb"},
		{"lone cr shown", "a\rb", "a␍b"},
		{"tab to stop", "\tx", "    x"},
		{"tab after text", "ab\tx", "ab  x"},
		{"tab after wide", "日\tx", "日  x"},
		{"tab resets per line", "abc\n\tx", "abc\n    x"},
		{"escape shown", "\x1b[31mred\x1b[0m\n", "␛[31mred␛[0m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeBlock(tt.in); got != tt.want {
				t.Errorf("SanitizeBlock(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeLimit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "hello", 5, "hello"},
		{"cut", "hello world", 5, "hello …[+6 bytes]"},
		{"zero", "abc", 0, " …[+3 bytes]"},
		{"negative", "abc", -1, " …[+3 bytes]"},
		{"no split rune", "ab日本", 4, "ab …[+6 bytes]"},
		{"cut escape", "a\x1b[2Jxyz", 4, "a␛[2 …[+4 bytes]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeLimit(tt.in, tt.max); got != tt.want {
				t.Errorf("SanitizeLimit(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}

	if got := SanitizeBlockLimit("a\nb\ncdef", 4); got != "a\nb\n …[+4 bytes]" {
		t.Errorf("SanitizeBlockLimit = %q", got)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"fits", "hello", 5, "hello"},
		{"cut", "hello", 4, "hel…"},
		{"one", "hello", 1, "…"},
		{"zero", "hello", 0, ""},
		{"negative", "hello", -3, ""},
		{"wide runes", "日本語", 4, "日…"},
		{"wide no half", "日本語", 3, "日…"},
		{"empty", "", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.width)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
			if w := runewidth.StringWidth(got); w > max(tt.width, 0) {
				t.Errorf("Truncate(%q, %d) is %d cells wide", tt.in, tt.width, w)
			}
		})
	}
}

func TestSanitizeLargeInputCost(t *testing.T) {
	huge := strings.Repeat("x", 10<<20)
	got := SanitizeLimit(huge, 200)
	if len(got) > 250 {
		t.Fatalf("SanitizeLimit kept %d bytes of a 10 MiB line", len(got))
	}
}

// FuzzSanitize checks that no input survives sanitizing with a byte a
// terminal would act on, and that sanitizing is idempotent.
func FuzzSanitize(f *testing.F) {
	f.Add("plain text")
	f.Add("\x1b[2J\x1b[1;1H")
	f.Add("\x1b]52;c;Y2xpcA==\x07")
	f.Fuzz(func(t *testing.T, s string) {
		line := Sanitize(s)
		checkSanitized(t, "Sanitize", line, false)
		if again := Sanitize(line); again != line {
			t.Errorf("Sanitize not idempotent: %q then %q", line, again)
		}

		block := SanitizeBlock(s)
		checkSanitized(t, "SanitizeBlock", block, true)
		if again := SanitizeBlock(block); again != block {
			t.Errorf("SanitizeBlock not idempotent: %q then %q", block, again)
		}

		checkSanitized(t, "SanitizeLimit", SanitizeLimit(s, 7), false)
		checkSanitized(t, "Truncate", Truncate(line, 5), false)
	})
}

func checkSanitized(t *testing.T, fn, s string, block bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s gave invalid UTF-8: %q", fn, s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && !(block && c == '\n')) || c == 0x7F {
			t.Fatalf("%s left byte %#x at %d in %q", fn, c, i, s)
		}
	}
	for _, r := range s {
		if isC1(r) || isBidiControl(r) || r == '\t' {
			t.Fatalf("%s left rune %U in %q", fn, r, s)
		}
	}
}
