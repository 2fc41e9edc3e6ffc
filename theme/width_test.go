package theme

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWidthMatchesANSI checks every rune the fast path counts as one cell
// against the full measure, alone and after an ASCII letter.
func TestWidthMatchesANSI(t *testing.T) {
	for r := rune(0x20); r < 0x3000; r++ {
		if r == 0x7f || !(r < 0x80 || narrow(r)) {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r), string(r) + string(r)} {
			if got, want := Width(s), ansi.StringWidth(s); got != want {
				t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
			}
		}
	}
}

func TestWidthFallsBack(t *testing.T) {
	cases := []string{"\x1b[1mbold\x1b[0m", "\x1b[38;2;1;2;3m● ok\x1b[m", "\x1b[", "\x1b[1",
		"\x1b]8;;x\x07y", "日本語", "e\u0301", "👍🏽", "a\tb", "✖ Failed"}
	for _, s := range cases {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	line := "┃  ● Running    call-router   csharp   ▇████▇▇▇▇▇█▇▆▇▇▇▇▇▅    2.8   384ms   96MB ┃"
	for b.Loop() {
		Width(line)
	}
}
