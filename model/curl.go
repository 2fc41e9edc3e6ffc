package model

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sinchtop/sinchtop/api"
)

// CurlCommand returns a POSIX shell command that replays req with curl (the
// C key): its method, headers, body and URL. Every argument is single
// quoted, so no value can end its quoting, and the command is one line of
// printable text, safe to draw and to paste into a terminal: a body with
// control characters is piped through printf's %b escapes instead of being
// quoted raw. The URL is passed with --url and globbing off, so it is
// never read as an option or a pattern. Headers are copied as sent,
// Authorization included: the command replays the request exactly.
func CurlCommand(req api.Request) string {
	args := []string{"curl", "--globoff"}
	if m := strings.TrimSpace(req.HTTPMethod); m != "" {
		args = append(args, "-X", shellQuote(headerText(m)))
	}

	names := make([]string, 0, len(req.RequestHeaders))
	for name := range req.RequestHeaders {
		if !setByCurl(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		h := headerText(name) + ": " + headerText(req.RequestHeaders[name])
		args = append(args, "-H", shellQuote(h))
	}

	pipe := ""
	switch body := req.RequestBody; {
	case body == "":
	case printableText(body):
		args = append(args, "--data-raw", shellQuote(body))
	default:
		pipe = "printf '%b' " + shellQuote(printfEscape(body)) + " | "
		args = append(args, "--data-binary", "@-")
	}

	args = append(args, "--url", shellQuote(urlText(req.URL)))
	return pipe + strings.Join(args, " ")
}

// setByCurl reports the request headers a replay must not copy: curl sets
// them from the command itself.
func setByCurl(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Content-Length", "Transfer-Encoding", "Connection", "Host":
		return true
	}
	return false
}

// shellQuote quotes s for a POSIX shell: inside single quotes nothing is
// special, and a single quote is written as '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printableText reports whether s is valid UTF-8 with nothing Sanitize
// would change: no control characters, no bidi controls.
func printableText(s string) bool {
	return Sanitize(s) == s && !strings.ContainsRune(s, '\uFFFD') && utf8.ValidString(s)
}

// printfEscape writes s for printf's %b: a backslash doubled, and every
// byte a terminal could act on, or that is not valid printable UTF-8, as a
// \0nnn octal escape.
func printfEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == utf8.RuneError && size <= 1, r < 0x20, r == 0x7F, isC1(r), isBidiControl(r),
			r == '\u2028', r == '\u2029':
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, `\0%03o`, c)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// headerText makes a header name or value printable. HTTP forbids control
// characters in them, so none of a real request's are lost.
func headerText(s string) string {
	return Sanitize(s)
}

// urlText percent-encodes every byte of a URL that is not printable ASCII
// or part of valid printable UTF-8, so the URL means the same to the server
// and holds nothing a terminal would act on.
func urlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r <= ' ' || r == 0x7F || isC1(r) ||
			isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
