package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sinchtop/sinchtop/api"
)

// heldIDs lists the IDs of the buffer's requests, oldest first.
func heldIDs(b *LogBuffer) []string {
	out := make([]string, b.Len())
	for i := range out {
		out[i] = b.At(i).Request.ID
	}
	return out
}

// shownIDs lists the IDs of the rows the view shows, oldest first.
func shownIDs(b *LogBuffer) []string {
	out := make([]string, b.FilteredLen())
	for i := range out {
		out[i] = b.FilteredAt(i).Request.ID
	}
	return out
}

// numberedRequests returns requests "rN" started N milliseconds after logEpoch.
func numberedRequests(ns ...int) []api.Request {
	out := make([]api.Request, len(ns))
	for i, n := range ns {
		out[i] = logRequest(fmt.Sprintf("r%d", n), n)
	}
	return out
}

func reqNames(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("r%d", n)
	}
	return out
}

func TestAppendLiveOrdersAndDedups(t *testing.T) {
	tests := []struct {
		name    string
		batches [][]int
		added   []int
		want    []int
	}{
		{"in order", [][]int{{1, 2, 3}}, []int{3}, []int{1, 2, 3}},
		{"batch out of order", [][]int{{3, 1, 2}}, []int{3}, []int{1, 2, 3}},
		{"duplicates in batch", [][]int{{1, 1, 2}}, []int{2}, []int{1, 2}},
		{"repeat across batches", [][]int{{1, 2}, {2, 3}}, []int{2, 1}, []int{1, 2, 3}},
		{"late arrival", [][]int{{1, 5}, {3, 6}}, []int{2, 2}, []int{1, 3, 5, 6}},
		{"empty batch", [][]int{{}, {1}}, []int{0, 1}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewLogBuffer(Limits{})
			for i, batch := range tt.batches {
				if got := b.AppendLive(numberedRequests(batch...)); got != tt.added[i] {
					t.Errorf("batch %d added %d, want %d", i, got, tt.added[i])
				}
			}
			if got := heldIDs(b); !reflect.DeepEqual(got, reqNames(tt.want...)) {
				t.Errorf("held %v, want %v", got, reqNames(tt.want...))
			}
		})
	}
}

func TestEqualStartTimesOrderByID(t *testing.T) {
	b := NewLogBuffer(Limits{})
	b.AppendLive([]api.Request{logRequest("b", 1), logRequest("c", 1), logRequest("a", 1)})
	if got := heldIDs(b); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("held %v, want a b c", got)
	}
}

func TestHistoryMeetsLiveWithoutGapOrRepeat(t *testing.T) {
	b := NewLogBuffer(Limits{})
	b.AppendLive(numberedRequests(50, 51, 52, 53))

	// The first page reaches into what the stream already delivered.
	if got := b.PrependHistory(numberedRequests(53, 52, 51, 50, 49, 48)); got != 2 {
		t.Errorf("first page added %d, want 2", got)
	}
	if got := b.PrependHistory(numberedRequests(48, 47, 46)); got != 2 {
		t.Errorf("second page added %d, want 2", got)
	}
	if !b.OldestStart().Equal(logAt(46)) || !b.NewestStart().Equal(logAt(53)) {
		t.Errorf("oldest %v newest %v", b.OldestStart(), b.NewestStart())
	}
	want := reqNames(46, 47, 48, 49, 50, 51, 52, 53)
	if got := heldIDs(b); !reflect.DeepEqual(got, want) {
		t.Errorf("held %v, want %v", got, want)
	}
	if b.HistoryExhausted() {
		t.Error("history exhausted after pages that added older requests")
	}
}

func TestHistoryExhaustion(t *testing.T) {
	tests := []struct {
		name string
		page []int
		want bool
	}{
		{"empty page", nil, true},
		{"only repeats", []int{10, 11}, true},
		{"only newer", []int{12}, true},
		{"older", []int{9}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewLogBuffer(Limits{})
			b.AppendLive(numberedRequests(10, 11))
			b.PrependHistory(numberedRequests(tt.page...))
			if got := b.HistoryExhausted(); got != tt.want {
				t.Errorf("exhausted = %v, want %v", got, tt.want)
			}
			if b.CanPageBack() == tt.want {
				t.Errorf("CanPageBack = %v with exhausted %v", b.CanPageBack(), tt.want)
			}
		})
	}

	b := NewLogBuffer(Limits{})
	b.MarkHistoryExhausted()
	if !b.HistoryExhausted() || b.CanPageBack() {
		t.Error("MarkHistoryExhausted did not stop paging")
	}
}

func TestEvictionByCount(t *testing.T) {
	b := NewLogBuffer(Limits{MaxRequests: 3})
	b.MarkHistoryExhausted()
	b.AppendLive(numberedRequests(1, 2, 3, 4, 5))

	if got := heldIDs(b); !reflect.DeepEqual(got, reqNames(3, 4, 5)) {
		t.Errorf("held %v, want r3 r4 r5", got)
	}
	if b.Evicted() != 2 || b.HistoryExhausted() {
		t.Errorf("evicted %d, exhausted %v; want 2, false", b.Evicted(), b.HistoryExhausted())
	}
	if b.CanPageBack() {
		t.Error("a full buffer offers to page back")
	}

	// Evicted requests may come back: they are no longer known by ID.
	b2 := NewLogBuffer(Limits{MaxRequests: 4})
	b2.AppendLive(numberedRequests(1, 2, 3, 4, 5))
	if got := b2.PrependHistory(numberedRequests(1)); got != 1 {
		t.Errorf("re-fetching an evicted request added %d, want 1", got)
	}
	if got := heldIDs(b2); !reflect.DeepEqual(got, reqNames(2, 3, 4, 5)) {
		t.Errorf("held %v: the re-fetched oldest should be evicted again", got)
	}
}

func TestEvictionByBytes(t *testing.T) {
	one := NewEntry(logRequest("r1", 1)).Cost
	b := NewLogBuffer(Limits{MaxBytes: 2*one + one/2})
	b.AppendLive(numberedRequests(1, 2, 3, 4))

	if got := heldIDs(b); !reflect.DeepEqual(got, reqNames(3, 4)) {
		t.Errorf("held %v, want r3 r4", got)
	}
	if b.Bytes() != 2*one || b.Bytes() > b.Limits().MaxBytes {
		t.Errorf("bytes %d, want %d within %d", b.Bytes(), 2*one, b.Limits().MaxBytes)
	}

	huge := logRequest("huge", 9)
	huge.ResponseBody = string(make([]byte, 10*one))
	b.AppendLive([]api.Request{huge})
	if got := heldIDs(b); !reflect.DeepEqual(got, []string{"huge"}) {
		t.Errorf("held %v: the newest request must stay even when too large", got)
	}
}

func TestLimitsDefaults(t *testing.T) {
	got := NewLogBuffer(Limits{MaxRequests: -1}).Limits()
	if got != (Limits{DefaultMaxRequests, DefaultMaxBytes}) {
		t.Errorf("limits %+v", got)
	}
}

func TestPauseFreezesView(t *testing.T) {
	b := NewLogBuffer(Limits{})
	b.AppendLive(numberedRequests(10, 20, 30))
	b.Pause()
	b.Pause()

	if got := b.AppendLive(numberedRequests(30, 40, 50)); got != 2 {
		t.Fatalf("added %d, want 2", got)
	}
	if got := shownIDs(b); !reflect.DeepEqual(got, reqNames(10, 20, 30)) {
		t.Errorf("paused view %v, want the rows at pause", got)
	}
	if b.ArrivedWhilePaused() != 2 || b.Len() != 5 || !b.Paused() {
		t.Errorf("arrived %d, len %d", b.ArrivedWhilePaused(), b.Len())
	}

	// History shows at once: it goes above the reader, never under.
	b.PrependHistory(numberedRequests(5))
	b.AppendLive(numberedRequests(25))
	if got := shownIDs(b); !reflect.DeepEqual(got, reqNames(5, 10, 20, 25, 30)) {
		t.Errorf("paused view %v after history and a late arrival", got)
	}
	if b.ArrivedWhilePaused() != 3 {
		t.Errorf("arrived %d, want 3", b.ArrivedWhilePaused())
	}

	b.Resume()
	if got := shownIDs(b); !reflect.DeepEqual(got, reqNames(5, 10, 20, 25, 30, 40, 50)) {
		t.Errorf("resumed view %v", got)
	}
	if b.ArrivedWhilePaused() != 0 || b.Paused() {
		t.Errorf("after resume: arrived %d paused %v", b.ArrivedWhilePaused(), b.Paused())
	}
}

func TestPauseEmptyBuffer(t *testing.T) {
	b := NewLogBuffer(Limits{})
	b.Pause()
	b.AppendLive(numberedRequests(10))
	if b.FilteredLen() != 0 {
		t.Errorf("live arrival shown while paused on an empty buffer")
	}
	b.PrependHistory(numberedRequests(1, 2))
	if got := shownIDs(b); !reflect.DeepEqual(got, reqNames(1, 2)) {
		t.Errorf("paused view %v, want the history page", got)
	}
	if got := b.FilteredEntries(); len(got) != 2 {
		t.Errorf("FilteredEntries gave %d, want the 2 shown", len(got))
	}
}

func TestReaderAnchorSurvivesHistoryAndEviction(t *testing.T) {
	b := NewLogBuffer(Limits{MaxRequests: 6})
	b.AppendLive(numberedRequests(10, 20, 30, 40))
	anchor := b.FilteredAt(2).Key() // the reader's top row: r30

	b.PrependHistory(numberedRequests(5, 6))
	if e := b.FilteredAt(b.FilteredIndex(anchor)); e.Request.ID != "r30" {
		t.Errorf("after history the anchor finds %s", e.Request.ID)
	}
	b.AppendLive(numberedRequests(50, 60, 70))
	if e := b.FilteredAt(b.FilteredIndex(anchor)); e.Request.ID != "r30" {
		t.Errorf("after eviction the anchor finds %s", e.Request.ID)
	}
	b.AppendLive(numberedRequests(80, 90, 95))
	if i := b.FilteredIndex(anchor); b.FilteredAt(i).Request.ID != "r50" {
		t.Errorf("an evicted anchor should find the next row, found %s", b.FilteredAt(i).Request.ID)
	}
	if i := b.FilteredIndex(EntryKey{Start: logAt(1000)}); i != b.FilteredLen() {
		t.Errorf("a key past the end gave %d, want %d", i, b.FilteredLen())
	}
}

func TestFilterViewAndMatches(t *testing.T) {
	b := NewLogBuffer(Limits{})
	reqs := []api.Request{
		logRequest("a", 1, logLine(api.LevelInfo, "hello")),
		logRequest("b", 2, logLine(api.LevelError, "Timeout upstream")),
		logRequest("c", 3, logLine(api.LevelInfo, "fine")),
		logRequest("d", 4, logLine(api.LevelWarning, "timeout retry")),
	}
	b.AppendLive(reqs[:2])
	b.SetFilter(LogFilter{Search: "timeout", Highlight: true})
	b.AppendLive(reqs[2:])

	if got := shownIDs(b); !reflect.DeepEqual(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("highlight view %v", got)
	}
	steps := []struct {
		name     string
		got, exp int
	}{
		{"first", b.NextMatch(-1), 1},
		{"next", b.NextMatch(1), 3},
		{"none after last", b.NextMatch(3), -1},
		{"prev from end", b.PrevMatch(b.FilteredLen()), 3},
		{"prev", b.PrevMatch(3), 1},
		{"none before first", b.PrevMatch(1), -1},
	}
	for _, s := range steps {
		if s.got != s.exp {
			t.Errorf("%s: got %d, want %d", s.name, s.got, s.exp)
		}
	}
	if b.FilteredMatch(0) || !b.FilteredMatch(1) {
		t.Error("FilteredMatch disagrees with the search")
	}

	b.SetFilter(LogFilter{Search: "timeout"})
	if got := shownIDs(b); !reflect.DeepEqual(got, []string{"b", "d"}) {
		t.Errorf("search view %v", got)
	}
	b.SetFilter(LogFilter{MinLevel: api.LevelWarning, Search: "TIMEOUT"})
	if got := b.Filter().MinLevel; got != api.LevelWarning {
		t.Errorf("Filter() = %v", got)
	}
	if b.NextMatch(-1) != 0 {
		t.Error("with a search filter every row matches")
	}
	b.SetFilter(LogFilter{})
	if b.NextMatch(-1) != -1 {
		t.Error("without a search no row matches")
	}
}

// refBuffer is the obvious, slow model of a LogBuffer that the property
// test compares against: a sorted slice, rescanned for every question.
type refBuffer struct {
	limits  Limits
	entries []*Entry
	bytes   int

	paused    bool
	hasFrozen bool
	frozen    EntryKey
}

func (r *refBuffer) pause() {
	if r.paused {
		return
	}
	r.paused, r.hasFrozen = true, len(r.entries) > 0
	if r.hasFrozen {
		r.frozen = r.entries[len(r.entries)-1].Key()
	}
}

// history raises the paused boundary over every request a page will add.
func (r *refBuffer) history(reqs []api.Request) {
	for _, req := range reqs {
		e := NewEntry(req)
		held := slices.ContainsFunc(r.entries, func(x *Entry) bool { return x.Request.ID == req.ID })
		if r.paused && !held && (!r.hasFrozen || e.Key().Compare(r.frozen) > 0) {
			r.frozen, r.hasFrozen = e.Key(), true
		}
	}
}

func (r *refBuffer) shown(e *Entry) bool {
	return !r.paused || (r.hasFrozen && e.Key().Compare(r.frozen) <= 0)
}

func (r *refBuffer) add(reqs []api.Request) {
	for _, req := range reqs {
		held := slices.ContainsFunc(r.entries, func(e *Entry) bool {
			return e.Request.ID == req.ID
		})
		if held {
			continue
		}
		e := NewEntry(req)
		i, _ := slices.BinarySearchFunc(r.entries, e, func(x, y *Entry) int {
			return x.Key().Compare(y.Key())
		})
		r.entries = slices.Insert(r.entries, i, e)
		r.bytes += e.Cost
	}
	for len(r.entries) > 1 &&
		(len(r.entries) > r.limits.MaxRequests || r.bytes > r.limits.MaxBytes) {
		r.bytes -= r.entries[0].Cost
		r.entries = r.entries[1:]
	}
}

// randomLogRequest returns request "rN": its content depends on N alone, as
// a request's does on its ID.
func randomLogRequest(n int) api.Request {
	rng := rand.New(rand.NewPCG(uint64(n), 99))
	levels := []api.Level{api.LevelDebug, api.LevelInfo, api.LevelWarning, api.LevelError, "Notice"}
	words := []string{"ok", "timeout", "TIMEOUT again", "retry", "call"}
	var lines []api.LogLine
	for range rng.IntN(4) {
		lines = append(lines, logLine(levels[rng.IntN(len(levels))], words[rng.IntN(len(words))]))
	}
	req := logRequest(fmt.Sprintf("r%d", n), n, lines...)
	req.StatusCode = []int{200, 204, 302, 404, 500}[rng.IntN(5)]
	return req
}

var propertyFilters = []LogFilter{
	{},
	{MinLevel: api.LevelWarning},
	{Class: StatusError},
	{Search: "timeout"},
	{Search: "timeout", Highlight: true},
	{From: logAt(200), To: logAt(600)},
	{MinLevel: api.LevelInfo, Class: StatusSuccess, Search: "call", Highlight: true},
}

// TestViewIncrementalEqualsRescan drives buffers with random live batches,
// history pages, filters and small bounds, and checks after every step that
// the held requests match the slow model and that the incrementally kept
// view equals a full rescan.
func TestViewIncrementalEqualsRescan(t *testing.T) {
	evicted := 0
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 7))
		limits := Limits{MaxRequests: 5 + rng.IntN(60), MaxBytes: 3000 + rng.IntN(60000)}
		b := NewLogBuffer(limits)
		ref := &refBuffer{limits: b.Limits()}
		newest, oldest := 500, 500

		for step := range 200 {
			var reqs []api.Request
			switch op := rng.IntN(12); {
			case op == 10:
				b.Pause()
				ref.pause()
			case op == 11:
				b.Resume()
				ref.paused = false
			case op < 6:
				for range rng.IntN(12) {
					reqs = append(reqs, randomLogRequest(newest-rng.IntN(8)))
					newest += rng.IntN(3)
				}
				b.AppendLive(reqs)
			case op < 8:
				for range rng.IntN(12) {
					reqs = append(reqs, randomLogRequest(oldest+rng.IntN(5)))
					oldest -= rng.IntN(3)
				}
				ref.history(reqs)
				b.PrependHistory(reqs)
			default:
				b.SetFilter(propertyFilters[rng.IntN(len(propertyFilters))])
			}
			ref.add(reqs)
			checkAgainstRef(t, fmt.Sprintf("seed %d step %d", seed, step), b, ref)
		}
		evicted += b.Evicted()
	}
	if evicted == 0 {
		t.Error("the random steps never evicted: the bounds are too loose to test")
	}
}

func checkAgainstRef(t *testing.T, where string, b *LogBuffer, ref *refBuffer) {
	t.Helper()
	var want, wantView []string
	var wantMatch []bool
	f := b.Filter()
	for _, e := range ref.entries {
		want = append(want, e.Request.ID)
		if f.Matches(e) && ref.shown(e) {
			wantView = append(wantView, e.Request.ID)
			wantMatch = append(wantMatch, f.Search != "" && f.SearchMatches(e))
		}
	}
	if got := heldIDs(b); !slices.Equal(got, want) {
		t.Fatalf("%s: held %v, want %v", where, got, want)
	}
	if b.Bytes() != ref.bytes {
		t.Fatalf("%s: bytes %d, want %d", where, b.Bytes(), ref.bytes)
	}
	if got := shownIDs(b); !slices.Equal(got, wantView) {
		t.Fatalf("%s: view %v, want %v", where, got, wantView)
	}
	for i, m := range wantMatch {
		if b.FilteredMatch(i) != m {
			t.Fatalf("%s: row %d match %v, want %v", where, i, !m, m)
		}
	}
}

func TestLogDeque(t *testing.T) {
	var d logDeque[int]
	var ref []int
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		switch op := rng.IntN(4); {
		case op < 3:
			i := rng.IntN(len(ref) + 1)
			v := rng.Int()
			d.Insert(i, v)
			ref = slices.Insert(ref, i, v)
		case len(ref) > 0:
			if got := d.PopFront(); got != ref[0] {
				t.Fatalf("PopFront %d, want %d", got, ref[0])
			}
			ref = ref[1:]
		}
		if d.Len() != len(ref) {
			t.Fatalf("len %d, want %d", d.Len(), len(ref))
		}
	}
	for i, v := range ref {
		if d.At(i) != v {
			t.Fatalf("At(%d) = %d, want %d", i, d.At(i), v)
		}
	}
}
