package model

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// The visible stand-ins for characters a terminal would act on.
const (
	newlineMark = "⏎"      // a line break in single-line text
	delMark     = "␡"      // DEL (0x7F)
	badMark     = "\uFFFD" // invalid UTF-8, C1 controls, bidi controls
	cutMark     = "…"      // text cut to fit

	// controlPictures is U+2400, the picture of NUL; the picture of C0
	// control c is controlPictures+c (ESC shows as "␛").
	controlPictures = 0x2400

	// tabWidth is the tab stop spacing SanitizeBlock expands tabs to.
	tabWidth = 4
)

// Sanitize returns s as one line that is safe to draw: no byte of the result
// is one a terminal would interpret. Every C0 control shows as its Unicode
// control picture (ESC as "␛", so no escape sequence survives: CSI, OSC with
// clipboard writes, hyperlinks or titles, DCS and the rest), DEL as "␡", a
// newline as "⏎", a tab as a space; C1 controls, bidi embedding, override
// and isolate characters and invalid UTF-8 bytes show as U+FFFD. Sanitize is
// idempotent and returns s itself when s is already safe.
func Sanitize(s string) string {
	return sanitize(s, false)
}

// SanitizeBlock is Sanitize for multi-line text such as bodies: it keeps
// line breaks as "\n" (a CR LF pair becomes one "\n", a lone CR shows as
// "␍") and expands tabs to spaces at stops every 4 cells.
func SanitizeBlock(s string) string {
	return sanitize(s, true)
}

// SanitizeLimit is Sanitize over at most maxBytes bytes of s: the rest is
// not read but counted, and the result ends with " …[+N bytes]" when bytes
// were cut. Its cost is bounded by maxBytes, however long s is. A maxBytes
// below zero counts as zero.
func SanitizeLimit(s string, maxBytes int) string {
	return sanitizeLimit(s, maxBytes, false)
}

// SanitizeBlockLimit is SanitizeBlock over at most maxBytes bytes of s, with
// the same cut mark as SanitizeLimit.
func SanitizeBlockLimit(s string, maxBytes int) string {
	return sanitizeLimit(s, maxBytes, true)
}

// Truncate cuts s to at most width display cells, ending a cut with "…".
// It never splits a grapheme cluster. A width of zero or less gives "".
// s should already be sanitized: widths of control characters are
// meaningless.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return runewidth.Truncate(s, width, cutMark)
}

func sanitizeLimit(s string, maxBytes int, block bool) string {
	maxBytes = max(maxBytes, 0)
	if len(s) <= maxBytes {
		return sanitize(s, block)
	}

	cut := runeBoundary(s, maxBytes)
	rest := len(s) - cut
	return sanitize(s[:cut], block) + " " + cutMark + "[+" + strconv.Itoa(rest) + " bytes]"
}

// runeBoundary moves i back to the start of the rune it falls in, so a cut
// does not turn a valid character into an invalid byte. It steps back at
// most utf8.UTFMax-1 bytes.
func runeBoundary(s string, i int) int {
	for back := 0; back < utf8.UTFMax-1 && i > 0 && !utf8.RuneStart(s[i]); back++ {
		i--
	}
	return i
}

func sanitize(s string, block bool) string {
	if isSafe(s) {
		return s
	}

	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	col := 0 // display column, kept for tab expansion in block mode
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(badMark)
			col++
		case r == '\t':
			col += writeTab(&b, col, block)
		case r == '\r' && block && i < len(s) && s[i] == '\n':
			// The '\n' that follows ends the line.
		case r == '\n' || r == '\u2028' || r == '\u2029':
			col = writeNewline(&b, col, block)
		case r < 0x20:
			b.WriteRune(controlPictures + r)
			col++
		case r == 0x7F:
			b.WriteString(delMark)
			col++
		case isC1(r) || isBidiControl(r):
			b.WriteString(badMark)
			col++
		default:
			b.WriteRune(r)
			col += runewidth.RuneWidth(r)
		}
	}
	return b.String()
}

// isSafe reports whether s is printable ASCII only, the common case, which
// needs no copy.
func isSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

func writeTab(b *strings.Builder, col int, block bool) int {
	if !block {
		b.WriteByte(' ')
		return 1
	}
	n := tabWidth - col%tabWidth
	b.WriteString(strings.Repeat(" ", n))
	return n
}

func writeNewline(b *strings.Builder, col int, block bool) int {
	if block {
		b.WriteByte('\n')
		return 0
	}
	b.WriteString(newlineMark)
	return col + 1
}

func isC1(r rune) bool {
	return r >= 0x80 && r <= 0x9F
}

// isBidiControl reports the characters that reorder the text around them:
// the embeddings and overrides U+202A..U+202E, the isolates U+2066..U+2069
// and the marks LRM, RLM and ALM.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}
