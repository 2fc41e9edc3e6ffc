package model

import (
	"math"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// Caps on the display text an Entry keeps, in bytes of input read. A row
// never shows more than a terminal line, and a hostile 10 MiB console line
// must not cost 10 MiB per frame.
const (
	summaryMaxBytes = 512
	pathMaxBytes    = 512
	fieldMaxBytes   = 64 // method, level, ID
)

// entryOverhead estimates the bytes an Entry costs beyond its strings: the
// Entry and api.Request structs, the buffer's index slots and its dedup map
// record. TestEntryOverheadCoversStruct keeps it honest.
const entryOverhead = 640

// Per-item overheads the cost estimate adds for a request's parts.
const (
	lineOverhead   = 64 // one api.LogLine in its slice, plus its level string
	headerOverhead = 64 // one map slot
	stringOverhead = 16 // allocation rounding of one string
)

// StatusClass is an HTTP status code's class as the logs endpoint filters
// it: success (2xx), redirect (3xx), error (4xx and 5xx), and other for
// anything else, such as a missing code.
type StatusClass uint8

// The status classes. StatusAny matches every class in a filter.
const (
	StatusAny StatusClass = iota
	StatusSuccess
	StatusRedirect
	StatusError
	StatusOther
)

// String names the class as the logs endpoint's status parameter does.
func (c StatusClass) String() string {
	switch c {
	case StatusSuccess:
		return "success"
	case StatusRedirect:
		return "redirect"
	case StatusError:
		return "error"
	case StatusOther:
		return "other"
	}
	return "any"
}

// ClassOf returns the class of an HTTP status code.
func ClassOf(code int) StatusClass {
	switch {
	case code >= 200 && code < 300:
		return StatusSuccess
	case code >= 300 && code < 400:
		return StatusRedirect
	case code >= 400 && code < 600:
		return StatusError
	}
	return StatusOther
}

// LevelRank orders console levels by severity: 0 debug, 1 info, 2 warning,
// 3 error. Common spellings are recognised in any case ("WARN", "fatal");
// any other non-empty level ranks as info, so it shows unless a filter asks
// for warnings or worse. The empty level, a request without console output,
// ranks -1.
func LevelRank(l api.Level) int {
	switch l {
	case "":
		return -1
	case api.LevelDebug:
		return 0
	case api.LevelInfo:
		return 1
	case api.LevelWarning:
		return 2
	case api.LevelError:
		return 3
	}
	return otherLevelRank(string(l))
}

// otherLevelRank ranks the other common level names, in any case.
func otherLevelRank(l string) int {
	spellings := [...]struct {
		name string
		rank int
	}{
		{"trace", 0}, {"verbose", 0}, {"warn", 2}, {"err", 3}, {"fatal", 3},
		{"critical", 3}, {"crit", 3}, {"alert", 3}, {"emergency", 3}, {"panic", 3},
		{"severe", 3}, {"debug", 0}, {"warning", 2}, {"error", 3},
	}
	for _, s := range spellings {
		if strings.EqualFold(l, s.name) {
			return s.rank
		}
	}
	return 1
}

// EntryKey orders entries: by start time, then by request ID.
type EntryKey struct {
	Start time.Time
	ID    string
}

// Compare returns -1, 0 or +1 as k sorts before, with or after o.
func (k EntryKey) Compare(o EntryKey) int {
	if c := k.Start.Compare(o.Start); c != 0 {
		return c
	}
	return strings.Compare(k.ID, o.ID)
}

// Entry is one request prepared for display once, on the way in: every
// string field is sanitized and capped, so drawing a row costs no more than
// copying it. An Entry is never changed after NewEntry, so it may be read
// from any goroutine, for example by an export command.
type Entry struct {
	// ID is the request's ID, sanitized for display.
	ID string
	// Start is when the request started.
	Start time.Time
	// Method is the HTTP method, sanitized.
	Method string
	// Path is the URL's path only, sanitized; "/" when the URL has none.
	Path string
	// StatusCode is the HTTP status the function answered with.
	StatusCode int
	// Class is StatusCode's class.
	Class StatusClass
	// Duration is the execution time.
	Duration time.Duration
	// MemoryMB is the memory the request used, in MB.
	MemoryMB float64
	// Level is the level of the most severe console line, as the API spelt
	// it (sanitized), or "" when the function wrote nothing.
	Level api.Level
	// Summary is the message of the first console line at Level, sanitized
	// and capped, for the one-line row.
	Summary string
	// Request is the request as decoded; Request.Raw keeps the original
	// JSON for copy and export. Its text is untrusted: sanitize before
	// drawing it.
	Request api.Request
	// Cost is the estimated number of bytes the entry holds in memory.
	Cost int

	key  EntryKey
	rank int
}

// NewEntry prepares req for display. It keeps req, including its Raw JSON,
// which the caller must not change afterwards.
func NewEntry(req api.Request) *Entry {
	e := &Entry{
		ID:         SanitizeLimit(req.ID, fieldMaxBytes),
		Start:      req.StartTime,
		Method:     SanitizeLimit(req.HTTPMethod, fieldMaxBytes),
		Path:       SanitizeLimit(urlPath(req.URL), pathMaxBytes),
		StatusCode: req.StatusCode,
		Class:      ClassOf(req.StatusCode),
		Duration:   milliseconds(req.ExecutionTimeMs),
		MemoryMB:   req.MemoryUsedMB,
		Request:    req,
		key:        EntryKey{Start: req.StartTime, ID: req.ID},
		rank:       -1,
	}

	e.summarize(req.Logs)
	e.Cost = e.estimateCost()
	return e
}

// Key returns the entry's place in time order.
func (e *Entry) Key() EntryKey {
	return e.key
}

// LevelRank returns the severity rank of the entry's Level (see LevelRank).
func (e *Entry) LevelRank() int {
	return e.rank
}

// summarize picks the most severe console line, the first one at that rank.
func (e *Entry) summarize(lines []api.LogLine) {
	best := -1
	for i, line := range lines {
		if r := LevelRank(line.Level); r > e.rank {
			e.rank = r
			best = i
		}
	}
	if best < 0 {
		return
	}

	e.Level = api.Level(SanitizeLimit(string(lines[best].Level), fieldMaxBytes))
	e.Summary = SanitizeLimit(lines[best].Message, summaryMaxBytes)
}

// estimateCost adds up what the entry holds. The decoded text of a
// request is no longer than its raw JSON, which escapes it and adds field
// names, so with Raw present its text counts as len(Raw) once more, without
// walking the header maps; without Raw each field is counted.
func (e *Entry) estimateCost() int {
	req := &e.Request
	n := entryOverhead + len(req.Raw)
	n += lineOverhead * len(req.Logs)
	n += headerOverhead * (len(req.RequestHeaders) + len(req.ResponseHeaders))
	n += textCost(e.ID) + textCost(e.Method) + textCost(e.Path)
	n += textCost(string(e.Level)) + textCost(e.Summary)
	if len(req.Raw) > 0 {
		return n + len(req.Raw)
	}

	n += textCost(req.ID) + textCost(req.HTTPMethod) + textCost(req.URL)
	n += textCost(req.RequestBody) + textCost(req.ResponseBody)
	for _, line := range req.Logs {
		n += len(line.Level) + textCost(line.Message)
	}
	for k, v := range req.RequestHeaders {
		n += textCost(k) + textCost(v)
	}
	for k, v := range req.ResponseHeaders {
		n += textCost(k) + textCost(v)
	}
	return n
}

func textCost(s string) int {
	if s == "" {
		return 0
	}
	return len(s) + stringOverhead
}

// urlPath returns the path of an absolute URL or of a bare path, without
// query or fragment; "/" when there is none. It does not decode or
// validate: the text is for display, and a URL that does not parse still
// shows.
func urlPath(raw string) string {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw = raw[:i]
	}
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[:i]
	}

	rest, hasAuthority := strings.CutPrefix(raw, "//")
	if i := strings.Index(raw, "://"); i >= 0 {
		rest, hasAuthority = raw[i+3:], true
	}
	if hasAuthority {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return "/"
		}
		raw = rest[i:]
	}

	if raw == "" {
		return "/"
	}
	return raw
}

// milliseconds converts the API's execution time, clamping values a
// Duration cannot hold.
func milliseconds(ms float64) time.Duration {
	switch {
	case math.IsNaN(ms) || ms <= 0:
		return 0
	case ms >= float64(math.MaxInt64/int64(time.Millisecond)):
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(ms * float64(time.Millisecond))
}
