package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sinchtop/sinchtop/api"
)

// LogFilter chooses the requests a log view shows. The zero LogFilter
// shows every request.
type LogFilter struct {
	// MinLevel keeps requests whose most severe console line is at least
	// this severe (see LevelRank); "" keeps all, including requests that
	// wrote nothing.
	MinLevel api.Level
	// Class keeps requests of one status class; StatusAny keeps all.
	Class StatusClass
	// Search keeps requests whose ID, URL, request or response body or a
	// console message contains it, ignoring case; "" keeps all.
	Search string
	// Highlight makes Search mark the requests that match instead of
	// hiding the others; NextMatch and PrevMatch then move between them.
	Highlight bool
	// From and To keep requests that started at or after From and before
	// To; a zero time leaves that side open.
	From, To time.Time
}

// Equal reports whether f and o choose the same requests.
func (f LogFilter) Equal(o LogFilter) bool {
	return f.MinLevel == o.MinLevel && f.Class == o.Class && f.Search == o.Search &&
		f.Highlight == o.Highlight && f.From.Equal(o.From) && f.To.Equal(o.To)
}

// Matches reports whether the filter keeps e in a view.
func (f LogFilter) Matches(e *Entry) bool {
	if f.MinLevel != "" && e.rank < LevelRank(f.MinLevel) {
		return false
	}
	if f.Class != StatusAny && e.Class != f.Class {
		return false
	}
	if !f.From.IsZero() && e.Start.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !e.Start.Before(f.To) {
		return false
	}
	return f.Highlight || f.SearchMatches(e)
}

// SearchMatches reports whether e contains f.Search; it is true for every
// entry when Search is empty.
func (f LogFilter) SearchMatches(e *Entry) bool {
	q := f.Search
	if q == "" {
		return true
	}

	req := &e.Request
	if containsFold(req.URL, q) || containsFold(req.ID, q) ||
		containsFold(req.RequestBody, q) || containsFold(req.ResponseBody, q) {
		return true
	}
	for _, line := range req.Logs {
		if containsFold(line.Message, q) {
			return true
		}
	}
	return false
}

// MatchRanges returns the byte ranges [start, end) of s where query occurs,
// ignoring case, left to right and not overlapping: the places to highlight
// in a display string. It uses the same matching as LogFilter.Search. An
// empty query matches nowhere.
func MatchRanges(s, query string) [][2]int {
	if query == "" {
		return nil
	}

	var out [][2]int
	for from := 0; from < len(s); {
		start, end := indexFold(s, query, from)
		if start < 0 {
			break
		}
		out = append(out, [2]int{start, end})
		from = end
	}
	return out
}

func containsFold(s, query string) bool {
	start, _ := indexFold(s, query, 0)
	return start >= 0
}

// indexFold finds the first place at or after from where s holds query
// under simple Unicode case folding. It returns the match's byte range in
// s, or -1, -1.
func indexFold(s, query string, from int) (int, int) {
	if starts, n := startBytes(query); n > 0 {
		return indexFoldFrom(s, query, from, starts[:n])
	}

	for i := from; i < len(s); i++ {
		if !utf8.RuneStart(s[i]) {
			continue
		}
		if n, ok := foldPrefix(s[i:], query); ok {
			return i, i + n
		}
	}
	return -1, -1
}

// startBytes returns the n bytes a match of query can start with, when its
// first character is ASCII: that letter in both cases, and for K and S the
// first byte of the Kelvin sign or the long s, which fold to them. It
// returns n = 0 for a query starting with any other character.
func startBytes(query string) (starts [3]byte, n int) {
	c := query[0]
	if c >= utf8.RuneSelf {
		return starts, 0
	}

	starts[0], n = lowerASCII(c), 1
	if up := upperASCII(c); up != starts[0] {
		starts[n], n = up, n+1
	}
	switch starts[0] {
	case 'k':
		starts[n], n = "\u212A"[0], n+1
	case 's':
		starts[n], n = "\u017F"[0], n+1
	}
	return starts, n
}

// indexFoldFrom is indexFold where a match can start only with one of
// starts: strings.IndexByte finds those places fast, and each byte's
// cursor moves forward only, so the search stays linear.
func indexFoldFrom(s, query string, from int, starts []byte) (int, int) {
	next := func(c byte, at int) int {
		if at < len(s) {
			if j := strings.IndexByte(s[at:], c); j >= 0 {
				return at + j
			}
		}
		return len(s)
	}

	var cursors [3]int
	for k, c := range starts {
		cursors[k] = next(c, from)
	}
	for {
		k := 0
		for j := range starts {
			if cursors[j] < cursors[k] {
				k = j
			}
		}
		i := cursors[k]
		if i >= len(s) {
			return -1, -1
		}
		if n, ok := foldPrefix(s[i:], query); ok {
			return i, i + n
		}
		cursors[k] = next(starts[k], i+1)
	}
}

// foldPrefix reports whether s starts with query under simple case folding,
// and how many bytes of s the match spans.
func foldPrefix(s, query string) (int, bool) {
	i := 0
	for _, qr := range query {
		if i >= len(s) {
			return 0, false
		}
		sr, size := utf8.DecodeRuneInString(s[i:])
		if !equalFoldRune(sr, qr) {
			return 0, false
		}
		i += size
	}
	return i, true
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return lowerASCII(byte(a)) == lowerASCII(byte(b))
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
