package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sinchtop/sinchtop/api"
)

// mergedNames lists rows as "source:ID".
func mergedNames(rows []MergedRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprintf("%d:%s", r.Source, r.Entry.Request.ID)
	}
	return out
}

// bruteMerge sorts every shown row of every buffer.
func bruteMerge(m *Merge) []MergedRow {
	var all []MergedRow
	for s := range m.pinned {
		for i := range m.pinned[s].Buffer.FilteredLen() {
			all = append(all, m.row(s, i))
		}
	}
	slices.SortStableFunc(all, func(a, b MergedRow) int {
		if c := a.Entry.Key().Compare(b.Entry.Key()); c != 0 {
			return c
		}
		return a.Source - b.Source
	})
	return all
}

func TestMergeOrdersAndTags(t *testing.T) {
	a := NewLogBuffer(Limits{})
	b := NewLogBuffer(Limits{})
	a.AppendLive(numberedRequests(1, 4, 6))
	b.AppendLive(numberedRequests(2, 4, 5))

	m, err := NewMerge(
		Pinned{FunctionID: "fa", FunctionName: "ivr\x1b[2J", Buffer: a},
		Pinned{FunctionID: "fb", FunctionName: "router", Buffer: b},
	)
	if err != nil {
		t.Fatal(err)
	}
	rows := m.Rows(0, 10)
	want := []string{"0:r1", "1:r2", "0:r4", "1:r4", "1:r5", "0:r6"}
	if got := mergedNames(rows); !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if rows[0].FunctionID != "fa" || rows[0].FunctionName != "ivr␛[2J" ||
		rows[1].FunctionName != "router" {
		t.Errorf("tags %q %q %q", rows[0].FunctionID, rows[0].FunctionName, rows[1].FunctionName)
	}
	if got := mergedNames(m.Bottom(2)); !slices.Equal(got, want[4:]) {
		t.Errorf("bottom %v, want %v", got, want[4:])
	}
	if got := mergedNames(m.Rows(-2, 3)); !slices.Equal(got, want[:1]) {
		t.Errorf("rows before the start %v", got)
	}
	if m.Rows(6, 1) != nil || m.Rows(2, 0) != nil {
		t.Error("rows past the end or of zero length should be nil")
	}
	if m.Index(rows[3]) != 3 || m.Index(MergedRow{}) != 0 {
		t.Errorf("Index gave %d for row 3", m.Index(rows[3]))
	}
	if len(m.Pinned()) != 2 {
		t.Errorf("Pinned gave %d", len(m.Pinned()))
	}
}

func TestMergeFollowsFilterAndPause(t *testing.T) {
	a := NewLogBuffer(Limits{})
	b := NewLogBuffer(Limits{})
	a.AppendLive([]api.Request{logRequest("a1", 1, logLine(api.LevelError, "x")), logRequest("a2", 3)})
	b.AppendLive([]api.Request{logRequest("b1", 2, logLine(api.LevelError, "y"))})
	m, _ := NewMerge(Pinned{FunctionID: "a", Buffer: a}, Pinned{FunctionID: "b", Buffer: b})

	a.SetFilter(LogFilter{MinLevel: api.LevelError})
	b.Pause()
	b.AppendLive(numberedRequests(9))
	if got := mergedNames(m.Rows(0, 10)); !slices.Equal(got, []string{"0:a1", "1:b1"}) {
		t.Errorf("rows %v", got)
	}
}

func TestNewMergeRejects(t *testing.T) {
	var six []Pinned
	for i := range 6 {
		six = append(six, Pinned{FunctionID: fmt.Sprint(i), Buffer: NewLogBuffer(Limits{})})
	}
	if _, err := NewMerge(six...); err == nil {
		t.Error("six pinned functions accepted")
	}
	if _, err := NewMerge(Pinned{FunctionID: "x"}); err == nil {
		t.Error("a nil buffer accepted")
	}
}

// TestMergeMatchesBruteForce compares every window of random merged views,
// with shared start times and IDs across functions, to a full sort.
func TestMergeMatchesBruteForce(t *testing.T) {
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 11))
		var pinned []Pinned
		for s := range 1 + rng.IntN(MaxPinned) {
			b := NewLogBuffer(Limits{})
			var reqs []api.Request
			for range rng.IntN(300) {
				n := rng.IntN(400)
				reqs = append(reqs, randomLogRequest(n))
			}
			b.AppendLive(reqs)
			if rng.IntN(3) == 0 {
				b.SetFilter(LogFilter{MinLevel: api.LevelWarning})
			}
			pinned = append(pinned, Pinned{FunctionID: fmt.Sprint(s), Buffer: b})
		}
		m, err := NewMerge(pinned...)
		if err != nil {
			t.Fatal(err)
		}

		want := mergedNames(bruteMerge(m))
		if m.Len() != len(want) {
			t.Fatalf("seed %d: Len %d, want %d", seed, m.Len(), len(want))
		}
		for start := range len(want) {
			n := 1 + rng.IntN(40)
			got := mergedNames(m.Rows(start, n))
			if !slices.Equal(got, want[start:min(start+n, len(want))]) {
				t.Fatalf("seed %d: Rows(%d, %d) = %v, want %v", seed, start, n, got,
					want[start:min(start+n, len(want))])
			}
			if i := m.Index(m.Rows(start, 1)[0]); i != start {
				t.Fatalf("seed %d: Index of row %d gave %d", seed, start, i)
			}
		}
	}
}

// BenchmarkMergeWindow reads a 40-row window of a merged view of five
// buffers of 20,000 requests each, at the bottom and in the middle.
func BenchmarkMergeWindow(b *testing.B) {
	var pinned []Pinned
	for s := range MaxPinned {
		buf := NewLogBuffer(Limits{MaxRequests: 20_000, MaxBytes: 1 << 40})
		reqs := make([]api.Request, 0, 20_000)
		for i := range 20_000 {
			r := logRequest(fmt.Sprintf("f%d-%d", s, i), i*MaxPinned+s)
			reqs = append(reqs, r)
		}
		buf.AppendLive(reqs)
		pinned = append(pinned, Pinned{FunctionID: fmt.Sprint(s), Buffer: buf})
	}
	m, _ := NewMerge(pinned...)

	b.Run("bottom", func(b *testing.B) {
		for range b.N {
			if len(m.Bottom(40)) != 40 {
				b.Fatal("short window")
			}
		}
	})
	b.Run("middle", func(b *testing.B) {
		for range b.N {
			if len(m.Rows(m.Len()/2, 40)) != 40 {
				b.Fatal("short window")
			}
		}
	})
}
