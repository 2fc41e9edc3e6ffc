package logs

import (
	"testing"

	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

func TestStatusPainterFollowsTheTheme(t *testing.T) {
	st := uitest.WithColour(t)
	p := newPainters(st)
	for _, code := range []int{-1, 0, 99, 100, 199, 200, 204, 301, 399, 404, 499, 500, 503, 599, 600} {
		got := p.statusOf(code).Paint("x")
		if want := st.HTTPStatus(code).Render("x"); got != want {
			t.Errorf("status %d painted %q, want %q", code, got, want)
		}
	}
}
