package cli

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
)

// demoSeed picks the demo project the simulator generates.
const demoSeed = 1

// environment is everything the command line reads from the process: its
// variables, folders, clock, time zone and terminal. Tests build their own,
// so that they need no real home, terminal or wall clock.
type environment struct {
	vars     map[string]string
	home     string
	workDir  string
	clock    clock.Clock
	location *time.Location
	seed     int64 // the demo simulator's seed

	// demoFunctionURLs chooses the function URLs the demo simulator
	// reports (sim.FunctionURLsSelf or sim.FunctionURLsVendor): its own,
	// so that a request copied as cURL runs, or the vendor's, which stay
	// the same whatever port it listens on.
	demoFunctionURLs string

	// terminal reports whether w is a terminal, and its width in cells
	// (0 when unknown).
	terminal func(w io.Writer) (width int, ok bool)
}

// processEnvironment reads the environment of this process. A home or
// working folder that cannot be found is left empty; the files under it are
// then not found either, which the messages say.
func processEnvironment() *environment {
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	work, err := os.Getwd()
	if err != nil {
		work = ""
	}

	return &environment{
		vars:     environVars(os.Environ()),
		home:     home,
		workDir:  work,
		clock:    clock.Real{},
		location: time.Local,
		seed:     demoSeed,
		terminal: fileTerminal,

		demoFunctionURLs: sim.FunctionURLsSelf,
	}
}

// environVars turns "NAME=value" pairs into a map.
func environVars(pairs []string) map[string]string {
	vars := make(map[string]string, len(pairs))
	for _, pair := range pairs {
		if name, value, ok := strings.Cut(pair, "="); ok {
			vars[name] = value
		}
	}
	return vars
}

// fileTerminal reports whether w is a terminal device, and its width.
func fileTerminal(w io.Writer) (int, bool) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0, false
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0, true
	}
	return width, true
}

// termenvEnviron lets termenv read the environment's variables instead of
// the process's.
type termenvEnviron map[string]string

// Environ returns the variables as "NAME=value" pairs.
func (e termenvEnviron) Environ() []string {
	pairs := make([]string, 0, len(e))
	for name, value := range e {
		pairs = append(pairs, name+"="+value)
	}
	return pairs
}

// Getenv returns one variable.
func (e termenvEnviron) Getenv(name string) string { return e[name] }
