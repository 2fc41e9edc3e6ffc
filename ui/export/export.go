// Package export writes what the dashboard shows to files: the requests of
// a log view, after its filters, as JSON Lines, and the screen as plain
// text. Files are created new, never overwritten, readable by their owner
// only, in the directory asked (the current one by default) and named
// sinchtop-<function>-<YYYYMMDD-HHMMSS>.jsonl or
// sinchtop-screen-<YYYYMMDD-HHMMSS>.txt, with "-2", "-3"… added when a name
// is taken. The export functions do I/O: the app runs them inside commands
// (RequestsCmd, ScreenCmd), never in Update or View.
package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/model"
)

// Bounds on file names.
const (
	// maxNameBytes caps the function name's part of a file name.
	maxNameBytes = 64
	// maxAttempts is how many numbered names are tried when a name is taken.
	maxAttempts = 100
	// stampLayout is the time in a file name.
	stampLayout = "20060102-150405"
)

// ExportRequests writes the requests of entries, in the order given, as
// JSON Lines (see model.WriteJSONL) to a new file in dir named for the
// function and now, and returns the file's path. An empty dir is the
// current directory. Nothing is left behind when writing fails. Entries are
// never changed, so the slice may be read on any goroutine.
func ExportRequests(dir, functionName string, entries []*model.Entry,
	now time.Time) (string, error) {
	if len(entries) == 0 {
		return "", errors.New("no requests to export: the view is empty")
	}

	name := "sinchtop-" + safeName(functionName) + "-" + now.Format(stampLayout)
	return create(dir, name, ".jsonl", func(w io.Writer) error {
		return model.WriteJSONL(w, entries)
	})
}

// ExportScreen writes screen, a rendered view, as plain text to a new file
// in dir named for now, and returns the file's path. Every escape sequence
// and control character is removed except line breaks and tabs, as are
// spaces at line ends. An empty dir is the current directory.
func ExportScreen(dir, screen string, now time.Time) (string, error) {
	name := "sinchtop-screen-" + now.Format(stampLayout)
	return create(dir, name, ".txt", func(w io.Writer) error {
		_, err := io.WriteString(w, plainText(screen))
		return err
	})
}

// plainText returns s with every ANSI escape sequence stripped, every other
// control character but newline and tab removed (C1 included), invalid
// UTF-8 shown as U+FFFD, spaces at line ends trimmed, and a final newline.
func plainText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || (r >= 0x7F && r <= 0x9F):
			return -1
		}
		return r
	}, ansi.Strip(s))

	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// safeName turns a function name, which comes from the API, into a part of
// a file name: ASCII letters, digits, '.', '_' and '-' are kept, every run
// of anything else becomes one '-', dots and dashes at either end are
// dropped (so no "..", no hidden file, no path), and the result is cut to
// 64 bytes. A name with nothing left is "function".
func safeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if b.Len() >= maxNameBytes {
			break
		}
		switch {
		case r < 0x80 && (isAlnum(byte(r)) || r == '.' || r == '_' || r == '-'):
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}

	safe := strings.Trim(b.String(), ".-")
	if safe == "" {
		return "function"
	}
	return safe
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// create writes a new file in dir named base+ext, or base-2+ext and so on
// when that is taken, with write, and returns its path, absolute when it
// can be known. The file is created exclusively with mode 0600 and removed
// again when write or close fails.
func create(dir, base, ext string, write func(io.Writer) error) (string, error) {
	if dir == "" {
		dir = "."
	}

	f, path, err := createNew(dir, base, ext)
	if err != nil {
		return "", err
	}

	err = write(f)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = os.Remove(path) // the write error is the one to report
		return "", fmt.Errorf("export: writing %s: %w", path, err)
	}

	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}

func createNew(dir, base, ext string) (*os.File, string, error) {
	for i := 1; i <= maxAttempts; i++ {
		name := base + ext
		if i > 1 {
			name = base + "-" + strconv.Itoa(i) + ext
		}
		path := filepath.Join(dir, name)

		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", fmt.Errorf("export: creating %s: %w", path, err)
		}
	}
	return nil, "", fmt.Errorf("export: %s%s and %d numbered names are taken in %s",
		base, ext, maxAttempts-1, dir)
}
