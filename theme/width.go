package theme

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width returns the cells s takes on screen, escape sequences not counted.
// It is ansi.StringWidth with a fast path for the text a dashboard draws
// most (ASCII, Latin, punctuation, arrows, box drawing, blocks, shapes,
// braille, control pictures), whose runes are one cell each and never join
// into wider clusters; anything else takes the full grapheme-aware path.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			end := csiEnd(s, i+2)
			if end < 0 {
				return ansi.StringWidth(s)
			}
			i = end // a style sequence takes no cells
			continue
		}
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return ansi.StringWidth(s) // another escape or a control
			}
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// csiEnd returns the index after the control sequence whose parameters
// start at i, or -1 when it does not end well.
func csiEnd(s string, i int) int {
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x3f:
			return -1
		}
	}
	return -1
}

// narrow reports whether r is one of the runes Width counts as one cell
// without looking at its neighbours. TestWidthMatchesANSI holds it to
// ansi.StringWidth rune by rune.
func narrow(r rune) bool {
	switch {
	case r >= 0xA0 && r < 0x300 && r != 0xAD: // Latin-1 and Latin extended, no soft hyphen
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, quotes, bullets, ellipsis
		return true
	case r >= 0x2030 && r <= 0x205E: // per mille, primes, more punctuation
		return true
	case r >= 0x2190 && r <= 0x21FF: // arrows
		return true
	case r >= 0x2400 && r <= 0x2426: // control pictures
		return true
	case r >= 0x2500 && r <= 0x25FF && r != 0x25FD && r != 0x25FE: // box drawing,
		return true // blocks, geometric shapes (less two emoji squares)
	case r >= 0x2800 && r <= 0x28FF: // braille
		return true
	case r == 0x23CE || r == 0x2713 || r == 0x2714 || r == 0x2716 || r == 0x2717:
		return true // ⏎ ✓ ✔ ✖ ✗
	}
	return false
}
