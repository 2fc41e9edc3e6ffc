package model

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sinchtop/sinchtop/api"
)

func TestMatchRanges(t *testing.T) {
	tests := []struct {
		name, s, query string
		want           [][2]int
	}{
		{"empty query", "abc", "", nil},
		{"none", "abc", "x", nil},
		{"ascii fold", "Upstream TIMEOUT here", "timeout", [][2]int{{9, 16}}},
		{"several", "ab ab AB", "ab", [][2]int{{0, 2}, {3, 5}, {6, 8}}},
		{"no overlap", "aaaa", "aa", [][2]int{{0, 2}, {2, 4}}},
		{"unicode fold", "Café CAFÉ", "café", [][2]int{{0, 5}, {6, 11}}},
		{"kelvin sign", "5\u212A", "k", [][2]int{{1, 4}}},
		{"query longer", "ab", "abc", nil},
		{"after wide runes", "日本 ICE", "ice", [][2]int{{7, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchRanges(tt.s, tt.query); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MatchRanges(%q, %q) = %v, want %v", tt.s, tt.query, got, tt.want)
			}
		})
	}
}

func TestLogFilterMatches(t *testing.T) {
	info := logRequest("info-1", 10, logLine(api.LevelInfo, "ICE: call from +15551234567"))
	warn := logRequest("warn-1", 20, logLine(api.LevelInfo, "ok"), logLine("WARN", "slow"))
	quiet := logRequest("quiet-1", 30)
	quiet.StatusCode = 302
	failed := logRequest("err-1", 40, logLine(api.LevelError, "upstream timeout"))
	failed.StatusCode = 500
	failed.RequestBody = `{"callid":"Abc-123"}`
	failed.URL = "https://fn/dice"

	entries := map[string]*Entry{}
	for _, r := range []api.Request{info, warn, quiet, failed} {
		entries[r.ID] = NewEntry(r)
	}

	tests := []struct {
		name   string
		filter LogFilter
		want   []string
	}{
		{"zero keeps all", LogFilter{}, []string{"info-1", "warn-1", "quiet-1", "err-1"}},
		{"min warning", LogFilter{MinLevel: api.LevelWarning}, []string{"warn-1", "err-1"}},
		{"min debug drops silent", LogFilter{MinLevel: api.LevelDebug},
			[]string{"info-1", "warn-1", "err-1"}},
		{"errors", LogFilter{Class: StatusError}, []string{"err-1"}},
		{"redirects", LogFilter{Class: StatusRedirect}, []string{"quiet-1"}},
		{"search console", LogFilter{Search: "TIMEOUT"}, []string{"err-1"}},
		{"search body", LogFilter{Search: "abc-123"}, []string{"err-1"}},
		{"search url", LogFilter{Search: "/DICE"}, []string{"err-1"}},
		{"search id", LogFilter{Search: "quiet"}, []string{"quiet-1"}},
		{"highlight keeps all", LogFilter{Search: "timeout", Highlight: true},
			[]string{"info-1", "warn-1", "quiet-1", "err-1"}},
		{"window", LogFilter{From: logAt(20), To: logAt(40)}, []string{"warn-1", "quiet-1"}},
		{"combined", LogFilter{MinLevel: api.LevelInfo, Class: StatusSuccess, Search: "slow"},
			[]string{"warn-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, id := range []string{"info-1", "warn-1", "quiet-1", "err-1"} {
				if tt.filter.Matches(entries[id]) {
					got = append(got, id)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("kept %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLogFilterEqual(t *testing.T) {
	a := LogFilter{Search: "x", From: logAt(1)}
	b := LogFilter{Search: "x", From: logAt(1).In(time.FixedZone("x", 3600))}
	if !a.Equal(b) {
		t.Error("the same instant in another zone should be equal")
	}
	if a.Equal(LogFilter{Search: "x"}) {
		t.Error("filters with different windows should differ")
	}
}

// TestStartBytes checks the fast search's premise: a rune that folds to an
// ASCII letter starts with one of that letter's start bytes.
func TestStartBytes(t *testing.T) {
	for c := rune(1); c < utf8.RuneSelf; c++ {
		all, n := startBytes(string(c))
		if n == 0 {
			t.Fatalf("no start bytes for %q", c)
		}
		starts := all[:n]
		for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
			if first := string(r)[0]; !bytes.Contains(starts, []byte{first}) {
				t.Errorf("%U folds to %q but its first byte %#x is not among %q", r, c, first, starts)
			}
		}
	}
	if _, n := startBytes("é"); n != 0 {
		t.Error("a non-ASCII first character has no fast path")
	}
}

// TestSearchAgreesWithLowerCase compares the folding search with the
// obvious strings.Contains over lower-cased text on random inputs.
func TestSearchAgreesWithLowerCase(t *testing.T) {
	alphabet := []string{"a", "B", "e", "E", "k", "\u212A", "s", "ſ", "é", "É", " ", "x", "日"}
	rng := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return sb.String()
	}
	for range 20000 {
		s, q := word(rng.IntN(12)), word(1+rng.IntN(3))
		got := containsFold(s, q)
		want := strings.Contains(foldString(s), foldString(q))
		if got != want {
			t.Fatalf("containsFold(%q, %q) = %v, want %v", s, q, got, want)
		}
		for _, r := range MatchRanges(s, q) {
			if !strings.EqualFold(s[r[0]:r[1]], q) {
				t.Fatalf("MatchRanges(%q, %q) marked %q", s, q, s[r[0]:r[1]])
			}
		}
	}
}

// foldString maps every rune to the smallest rune of its fold orbit.
func foldString(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}
