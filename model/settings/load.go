package settings

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxFileSize bounds the settings file read.
const maxFileSize = 1 << 20

// Problem is one thing wrong in the settings file.
type Problem struct {
	// Path is the settings file.
	Path string
	// Line is the line of the wrong value, from 1.
	Line int
	// Field is the dotted name of the wrong field ("alerts.p95.thresholdMs"),
	// empty when the file as a whole is wrong.
	Field string
	// Message says what is wrong and what is wanted.
	Message string
}

// String writes the problem as "path:line: field: message".
func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.Path, p.Line, p.Field, p.Message)
}

// Error is String, so that a Problem can travel as an error.
func (p Problem) Error() string { return p.String() }

// Load reads the settings file at path. A missing file gives the defaults
// and no problems. Each wrong value in the file gives a Problem and keeps
// its default while the rest of the file applies; a file that is not YAML
// at all gives one Problem and the defaults. The error is for a file that
// exists but cannot be read, and comes with the defaults too.
func Load(path string) (File, []Problem, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil, nil
	}
	if err != nil {
		return Defaults(), nil, fmt.Errorf("read settings: %w", err)
	}
	defer f.Close()

	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return Defaults(), nil, fmt.Errorf("read settings %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return Defaults(), []Problem{{Path: path, Line: 1,
			Message: fmt.Sprintf("file is larger than %d bytes", maxFileSize)}}, nil
	}

	file, problems := Parse(path, data)
	return file, problems, nil
}

// Parse reads settings from data, the content of the file at path (used in
// messages only), as Load does.
func Parse(path string, data []byte) (File, []Problem) {
	if p, bad := badBytes(path, data); bad {
		return Defaults(), []Problem{p}
	}

	var doc yaml.Node
	if p, bad := unmarshal(path, data, &doc); bad {
		return Defaults(), []Problem{p}
	}

	file := Defaults()
	if len(doc.Content) == 0 {
		return file, nil // empty, or only comments
	}

	d := newDecoder(path)
	d.decode(doc.Content[0], "", reflect.ValueOf(&file).Elem())
	check(d, &file)
	return file, d.finish()
}

// unmarshal parses data into doc, turning an error (or a panic of the YAML
// library on input it cannot handle) into a Problem with a line.
func unmarshal(path string, data []byte, doc *yaml.Node) (p Problem, bad bool) {
	defer func() {
		if r := recover(); r != nil {
			p, bad = Problem{Path: path, Line: 1, Message: "not valid YAML"}, true
		}
	}()

	err := yaml.Unmarshal(data, doc)
	if err == nil {
		return Problem{}, false
	}
	return syntaxProblem(path, err), true
}

// lineInError finds the "line N" that the YAML library puts in messages.
var lineInError = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxProblem turns a YAML parse error into a Problem.
func syntaxProblem(path string, err error) Problem {
	msg := err.Error()
	line := 1
	if m := lineInError.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			line = n
		}
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return Problem{Path: path, Line: line, Message: "not valid YAML: " + msg}
}

// badBytes finds invalid UTF-8 and control characters, which the YAML
// library rejects without saying where.
func badBytes(path string, data []byte) (Problem, bool) {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return Problem{Path: path, Line: line, Message: "not valid UTF-8"}, true
		case isBreak(data, i):
			line++
		case r == '\uFEFF' && i > 0:
			return Problem{Path: path, Line: line,
				Message: "byte order mark inside the file"}, true
		case r < 0x20 && r != '\t' && r != '\r' && r != '\n', r == 0x7F:
			return Problem{Path: path, Line: line,
				Message: fmt.Sprintf("control character %U is not allowed", r)}, true
		}
		i += size
	}
	return Problem{}, false
}

// isBreak reports whether a line ends at data[i], counting lines as the
// YAML library does: LF, CR not followed by LF, NEL, LS and PS.
func isBreak(data []byte, i int) bool {
	switch {
	case data[i] == '\n':
		return true
	case data[i] == '\r':
		return i+1 == len(data) || data[i+1] != '\n'
	}
	r, _ := utf8.DecodeRune(data[i:])
	return r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// countLines counts the lines of data as the YAML library does.
func countLines(data []byte) int {
	lines := 1
	for i := range data {
		if isBreak(data, i) {
			lines++
		}
	}
	return lines
}
