package uitest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// The sweep of EverySize: every width and height up to these.
const (
	SweepWidth  = 40
	SweepHeight = 12
)

// EverySize draws render at every size from 0×0 to SweepWidth×SweepHeight
// and fails unless a size with no room draws nothing and every other size
// draws exactly that many cells. A panic fails the test as any panic does.
func EverySize(t testing.TB, render func(w, h int) string) {
	t.Helper()
	for w := 0; w <= SweepWidth; w++ {
		for h := 0; h <= SweepHeight; h++ {
			CheckSize(t, fmt.Sprintf("%d×%d", w, h), render(w, h), w, h)
		}
	}
}

// CheckSize fails unless s is exactly w×h cells, or empty when w or h is
// 0; where names the drawing in the failure.
func CheckSize(t testing.TB, where, s string, w, h int) {
	t.Helper()
	if problem := sizeProblem(s, w, h); problem != "" {
		t.Fatalf("%s: %s", where, problem)
	}
}

// sizeProblem says how s fails to be exactly w×h cells, or "".
func sizeProblem(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		if s != "" {
			return fmt.Sprintf("want nothing, got %q", s)
		}
		return ""
	}

	lines := strings.Split(s, "\n")
	if len(lines) != h {
		return fmt.Sprintf("%d lines, want %d:\n%s", len(lines), h, s)
	}
	for i, line := range lines {
		if got := lipgloss.Width(line); got != w {
			return fmt.Sprintf("line %d is %d cells, want %d: %q", i, got, w, line)
		}
	}
	return ""
}
