package model

import (
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
// s, or -1, -1. The first byte of query filters candidates cheaply when
// both it and the candidate are ASCII.
func indexFold(s, query string, from int) (int, int) {
	q0 := query[0]
	q0ASCII := q0 < utf8.RuneSelf
	for i := from; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && q0ASCII && lowerASCII(c) != lowerASCII(q0) {
			continue
		}
		if !utf8.RuneStart(c) {
			continue
		}
		if n, ok := foldPrefix(s[i:], query); ok {
			return i, i + n
		}
	}
	return -1, -1
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

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
