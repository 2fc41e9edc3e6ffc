package uitest

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

// CheckFrame fails unless frame is valid UTF-8 whose only escape sequences
// set colours and attributes (SGR), with no other control character, no C1
// control and no bidi override, and is exactly w×h cells as CheckSize says.
func CheckFrame(t testing.TB, frame string, w, h int) {
	t.Helper()
	if problem := frameProblem(frame, w, h); problem != "" {
		t.Fatal(problem)
	}
}

// frameProblem says how frame fails CheckFrame, or "".
func frameProblem(frame string, w, h int) string {
	if !utf8.ValidString(frame) {
		return fmt.Sprintf("the frame is not valid UTF-8: %q", frame)
	}
	if at, seq := FirstUnsafe(frame); at >= 0 {
		return fmt.Sprintf("unsafe sequence %q at byte %d of the frame:\n%q", seq, at, frame)
	}
	for _, r := range frame {
		if controlRune(r) {
			return fmt.Sprintf("control rune %U in the frame:\n%q", r, frame)
		}
	}
	return sizeProblem(frame, w, h)
}

// controlRune reports whether r is a C1 control or a bidi embedding,
// override or isolate.
func controlRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// FirstUnsafe returns the offset and text of the first byte sequence in s
// a terminal would act on beyond colours (SGR: ESC [ params m) and line
// breaks, or -1 and "" when there is none.
func FirstUnsafe(s string) (int, string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
		case c == 0x1b:
			if end := sgrEnd(s, i); end > i {
				i = end
				continue
			}
			return i, s[i:min(len(s), i+12)]
		case c < 0x20 || c == 0x7f:
			return i, s[i : i+1]
		}
	}
	return -1, ""
}

// sgrEnd returns the offset of the final 'm' of the SGR sequence that
// starts at s[i], or i when none starts there.
func sgrEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) || s[j] != '[' {
		return i
	}
	j++
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
		j++
	}
	if j < len(s) && s[j] == 'm' {
		return j
	}
	return i
}
