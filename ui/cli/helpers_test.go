package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// update is the shared -update flag, which also rewrites generated files
// other than goldens.
var update = uitest.Update

// testStart is the fixed time every test's clock reads.
var testStart = time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC)

// testEnv returns an environment with a temporary home and working folder,
// no variables, a manual clock at testStart, UTC, no terminal, and a demo
// that reports the vendor's function URLs, which do not depend on the
// simulator's random port as its own would.
func testEnv(t *testing.T) (*environment, *clock.Manual) {
	t.Helper()
	clk := clock.NewManual(testStart)
	return &environment{
		vars:     map[string]string{},
		home:     t.TempDir(),
		workDir:  t.TempDir(),
		clock:    clk,
		location: time.UTC,
		seed:     demoSeed,
		terminal: func(io.Writer) (int, bool) { return 0, false },

		demoFunctionURLs: sim.FunctionURLsVendor,
	}, clk
}

// onTerminal makes env's stdout a terminal of the given width.
func onTerminal(env *environment, width int) {
	env.terminal = func(io.Writer) (int, bool) { return width, true }
}

// result is one run of the command line.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs the command line in env and returns what it wrote and its
// exit code.
func runCLI(t *testing.T, env *environment, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), env, args, &stdout, &stderr)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// writeFile writes content to path, making its folder.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// lines splits output into its lines, without the last newline.
func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
