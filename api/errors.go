package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Sentinel errors, matched with errors.Is against an *Error (by its HTTP
// status) and against the errors this package builds around one.
var (
	// ErrUnauthorized: the API or the token endpoint refused the credentials.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: the credentials are good but lack access (HTTP 403).
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound: the project or function does not exist (HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrRateLimited: the API answered 429, or a local limit refused the call.
	ErrRateLimited = errors.New("rate limited")
	// ErrServer: the API failed (HTTP 5xx).
	ErrServer = errors.New("server error")
	// ErrBadRequest: the API rejected a parameter (HTTP 400 and other 4xx).
	ErrBadRequest = errors.New("bad request")
	// ErrNotJSON: an answer that should be JSON was something else, such as
	// the HTML of a proxy or login page.
	ErrNotJSON = errors.New("answer is not JSON")
	// ErrTooLarge: an answer exceeded the size this client accepts.
	ErrTooLarge = errors.New("answer too large")
	// ErrStreamLimit: every stream slot of the project is taken.
	ErrStreamLimit = errors.New("stream limit reached")
)

// Error is an error answer of the API.
type Error struct {
	// Endpoint names the call, method and path below the project, such as
	// "GET /functions/01J.../status".
	Endpoint string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the API's error code ("not_found", "invalid_parameter") or,
	// for problem answers, the problem type.
	Code string
	// Parameter names the rejected query parameter of a 400, when given.
	Parameter string
	// Message is the API's explanation, stripped of control characters and
	// shortened. It never contains the key secret or the token.
	Message string
	// RetryAfter is how long the API asked to wait (429 and some 5xx).
	RetryAfter time.Duration
}

// Error describes the answer in one line.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "api: %s: HTTP %d", e.Endpoint, e.StatusCode)
	if e.Code != "" && !strings.Contains(e.Code, "://") { // a problem type URL says little
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Is matches the sentinel errors by HTTP status.
func (e *Error) Is(target error) bool {
	code := e.StatusCode
	switch target {
	case ErrUnauthorized:
		return code == http.StatusUnauthorized
	case ErrForbidden:
		return code == http.StatusForbidden
	case ErrNotFound:
		return code == http.StatusNotFound
	case ErrRateLimited:
		return code == http.StatusTooManyRequests
	case ErrServer:
		return code >= 500
	case ErrBadRequest:
		return code >= 400 && code < 500 && !knownClientStatus(code)
	}
	return false
}

// knownClientStatus reports the 4xx codes that have a sentinel of their own.
func knownClientStatus(code int) bool {
	switch code {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound,
		http.StatusTooManyRequests:
		return true
	}
	return false
}

// maxMessage bounds how much of an API's explanation an error carries.
const maxMessage = 300

// cleanText makes untrusted text fit for one line of an error message:
// control characters become spaces, runs of spaces collapse and the result
// is cut to maxMessage runes.
func cleanText(s string) string {
	var b strings.Builder
	space, n := false, 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		if n == maxMessage {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// contentTypeText names an answer's Content-Type, untrusted, for an error
// message.
func contentTypeText(contentType string) string {
	if contentType == "" {
		return "no content type"
	}
	return cleanText(contentType)
}

// maxRetryAfter bounds a server's Retry-After: a stray value of hours must
// not freeze a dashboard.
const maxRetryAfter = 15 * time.Minute

// parseRetryAfter reads a Retry-After header, whole seconds or an HTTP date,
// relative to now. It returns zero when the header is absent or unreadable.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}

	var d time.Duration
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		d = time.Duration(min(max(secs, 0), int64(maxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(value); err == nil {
		d = at.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}
