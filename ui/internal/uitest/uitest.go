// Package uitest holds what the tests of the ui panes share: golden files
// rewritten with -update, a colour profile that is off unless a test turns
// it on, the sweep that draws a pane at every small size, and the check that
// a frame is safe to hand to a terminal. Only _test.go files import it.
package uitest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/theme"
)

// Update is the -update flag, registered once for every test binary that
// imports this package. Golden reads it; a test that keeps another
// generated file up to date may read it too. Tests never set it.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Main runs a package's tests with colour off, so that goldens hold plain
// text whatever terminal runs them. Call it from TestMain.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// WithColour turns colour on until t ends and returns a coloured theme: a
// sequence let through by mistake, or a colour sequence cut in half, shows
// only when colours are drawn.
func WithColour(t testing.TB) *theme.Styles {
	t.Helper()
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	return theme.New(theme.Options{Name: theme.NameDark})
}

// Golden compares got with testdata/name.golden, or writes that file when
// the tests run with -update. A name may hold slashes, as t.Name() does.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (rewrite it with -update if the change is meant):\n"+
			"--- got\n%s\n--- want\n%s", path, got, want)
	}
}
