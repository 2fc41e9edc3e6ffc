package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

var planStart = time.Date(2025, 12, 3, 16, 0, 0, 0, time.UTC)

// window is a sliding 60 s request counter, the way the API counts.
type window struct{ at []time.Time }

func (w *window) add(t time.Time) { w.at = append(w.at, t) }

func (w *window) count(now time.Time) int {
	cut := now.Add(-time.Minute)
	for len(w.at) > 0 && !w.at[0].After(cut) {
		w.at = w.at[1:]
	}
	return len(w.at)
}

func functionIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("fn-%03d", i)
	}
	return ids
}

type pending struct {
	fetch Fetch
	done  time.Time
}

// simulation drives a plan for a span of time against a simulated server
// that counts requests the way the API does.
type simulation struct {
	plan       *RefreshPlan
	ids        []string
	visible    int
	all        window // plan's requests plus the user's
	background window // the plan's requests alone
	maxAll     int
	maxBack    int
	inFlight   []pending
	lastOK     map[Fetch]time.Time
	worstGap   map[FetchKind]time.Duration
	okCount    map[Fetch]int
	down       func(now time.Time) bool
	rng        *rand.Rand
	userPerMin int
	tick       time.Duration
}

func newSimulation(functions, visible int) *simulation {
	return &simulation{
		plan:     NewRefreshPlan(DefaultRefreshIntervals()),
		ids:      functionIDs(functions),
		visible:  visible,
		lastOK:   map[Fetch]time.Time{},
		worstGap: map[FetchKind]time.Duration{},
		okCount:  map[Fetch]int{},
		down:     func(time.Time) bool { return false },
		rng:      rand.New(rand.NewPCG(1, 2)),
		tick:     250 * time.Millisecond,
	}
}

func (s *simulation) input(now time.Time) RefreshInput {
	minute := int(now.Sub(planStart) / time.Minute)
	first := (minute / 7 * 13) % (len(s.ids) - s.visible + 1) // the user scrolls now and then
	focused := s.ids[(minute/3)%len(s.ids)]
	return RefreshInput{
		Read:         BudgetUse{Used: s.all.count(now), Limit: 100},
		Visible:      s.ids[first : first+s.visible],
		Focused:      focused,
		FocusedRange: api.TimeRanges[minute%len(api.TimeRanges)],
		Detail:       minute%10 >= 6,
	}
}

func (s *simulation) step(now time.Time) {
	s.finish(now)
	if s.rng.Float64() < float64(s.userPerMin)*s.tick.Minutes() { // the user's own reads
		s.all.add(now)
	}

	for _, f := range s.plan.Due(now, s.input(now)) {
		s.plan.Started(f, now)
		s.all.add(now)
		s.background.add(now)
		latency := time.Duration(50+s.rng.IntN(900)) * time.Millisecond
		s.inFlight = append(s.inFlight, pending{f, now.Add(latency)})
	}
	s.maxAll = max(s.maxAll, s.all.count(now))
	s.maxBack = max(s.maxBack, s.background.count(now))
}

func (s *simulation) finish(now time.Time) {
	kept := s.inFlight[:0]
	for _, p := range s.inFlight {
		if p.done.After(now) {
			kept = append(kept, p)
			continue
		}
		if s.down(now) || s.rng.IntN(100) < 3 {
			s.plan.Failed(p.fetch, now, FetchFailure{})
			continue
		}
		s.plan.Succeeded(p.fetch, now)
		if last, ok := s.lastOK[p.fetch]; ok && p.fetch.FunctionID == "" {
			s.worstGap[p.fetch.Kind] = max(s.worstGap[p.fetch.Kind], now.Sub(last))
		}
		s.lastOK[p.fetch] = now
		s.okCount[p.fetch]++
	}
	s.inFlight = kept
}

func (s *simulation) run(span, tick time.Duration) {
	s.tick = tick
	for now := planStart; now.Before(planStart.Add(span)); now = now.Add(tick) {
		s.step(now)
	}
}

// TestRefreshPlanHourWith200Functions simulates an hour of decisions with
// 200 functions, a user who scrolls, changes focus and range and drills in,
// makes reads of their own, and meets random failures: no 60 s window ever
// passes the read limit, and the plan's own share stays at or under 80 %.
func TestRefreshPlanHourWith200Functions(t *testing.T) {
	for _, visible := range []int{40, 200} {
		t.Run(fmt.Sprintf("visible=%d", visible), func(t *testing.T) {
			s := newSimulation(200, visible)
			s.userPerMin = 20
			s.run(time.Hour, time.Second)

			t.Logf("max reads per 60 s: %d (plan %d); worst gaps %v",
				s.maxAll, s.maxBack, s.worstGap)
			if s.maxAll >= 100 {
				t.Errorf("a 60 s window held %d reads; the limit is 100", s.maxAll)
			}
			if s.maxBack > 80 {
				t.Errorf("the plan made %d reads in a 60 s window; its share is 80", s.maxBack)
			}
			if gap := s.worstGap[FetchList]; gap > 45*time.Second {
				t.Errorf("the list went %v without a refresh", gap)
			}
			if gap := s.worstGap[FetchBilling]; gap > 15*time.Minute {
				t.Errorf("billing went %v without a refresh", gap)
			}
		})
	}
}

// TestRefreshPlanReachesEveryVisibleFunction checks fairness: with 200
// rows on screen, every function's table metrics are fetched within the
// hour, however the budget is shared.
func TestRefreshPlanReachesEveryVisibleFunction(t *testing.T) {
	s := newSimulation(200, 200)
	s.run(time.Hour, 500*time.Millisecond)

	for _, id := range s.ids {
		if s.okCount[Fetch{FetchMetrics, id, api.Range1h}] == 0 {
			t.Fatalf("%s's 1h metrics were never fetched in an hour", id)
		}
	}
}

// TestRefreshPlanOutageBacksOff runs five minutes of a server that fails
// everything: after the first failures the plan probes with the list alone,
// at a falling rate.
func TestRefreshPlanOutageBacksOff(t *testing.T) {
	s := newSimulation(200, 40)
	downFrom, downTo := planStart.Add(5*time.Minute), planStart.Add(15*time.Minute)
	s.down = func(now time.Time) bool { return !now.Before(downFrom) && now.Before(downTo) }

	var duringLastMinutes int
	for now := planStart; now.Before(downTo); now = now.Add(250 * time.Millisecond) {
		before := len(s.background.at)
		s.step(now)
		if now.After(downTo.Add(-5 * time.Minute)) {
			duringLastMinutes += len(s.background.at) - before
		}
	}
	if duringLastMinutes > 10 {
		t.Errorf("%d requests in the last 5 minutes of an outage; want a few probes",
			duringLastMinutes)
	}

	recovered := downTo.Add(6 * time.Minute)
	for now := downTo; now.Before(recovered); now = now.Add(250 * time.Millisecond) {
		s.step(now)
	}
	if last := s.lastOK[Fetch{Kind: FetchList}]; last.Before(downTo) {
		t.Errorf("the list never refreshed within 6 minutes of the server's return")
	}
	if last := s.lastOK[Fetch{Kind: FetchBilling}]; last.Before(downTo) {
		t.Errorf("billing never refreshed within 6 minutes of the server's return")
	}
}

func TestRefreshPlanBudgetShares(t *testing.T) {
	ids := functionIDs(20)
	cases := []struct {
		name     string
		used     int
		wantList bool
		wantMax  int // most fetches in one decision
		wantRows bool
	}{
		{"idle budget fills a decision", 0, true, maxPerDecision, true},
		{"past the soft share no table metrics", 61, true, 4, false},
		{"at the background share nothing", 80, false, 0, false},
		{"a few slots left", 77, true, 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := NewRefreshPlan(RefreshIntervals{})
			in := RefreshInput{Read: BudgetUse{tc.used, 100}, Visible: ids, Focused: ids[0]}
			due := p.Due(planStart, in)

			if len(due) > tc.wantMax {
				t.Errorf("%d fetches due, want at most %d: %v", len(due), tc.wantMax, due)
			}
			gotList, gotRows := false, false
			for _, f := range due {
				gotList = gotList || f.Kind == FetchList
				gotRows = gotRows || (f.Kind == FetchMetrics && f.Range == api.Range1h)
			}
			if gotList != tc.wantList || gotRows != tc.wantRows {
				t.Errorf("list due %v (want %v), table metrics due %v (want %v): %v",
					gotList, tc.wantList, gotRows, tc.wantRows, due)
			}
		})
	}
}

func TestRefreshPlanOrderAndIntervals(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	in := RefreshInput{Read: BudgetUse{0, 100}, Visible: []string{"a", "b"}, Focused: "b",
		FocusedRange: api.Range1h, Detail: true}

	due := p.Due(planStart, in)
	want := []Fetch{
		{Kind: FetchList},
		{FetchMetrics, "b", api.Range1h},
		{FetchStatus, "b", ""},
		{FetchCosts, "b", ""},
		{Kind: FetchBilling},
		{FetchMetrics, "a", api.Range1h},
	}
	if fmt.Sprint(due) != fmt.Sprint(want) {
		t.Fatalf("due = %v\nwant %v (the focused 1h fetch covers its row)", due, want)
	}
	for _, f := range due {
		p.Started(f, planStart)
		p.Succeeded(f, planStart)
	}

	at := func(d time.Duration) []Fetch { return p.Due(planStart.Add(d), in) }
	if got := at(4 * time.Second); len(got) != 0 {
		t.Errorf("4 s later: %v due, want nothing", got)
	}
	if got := at(5 * time.Second); len(got) != 2 || got[0].FunctionID != "b" {
		t.Errorf("5 s later: %v due, want the focused function's metrics and status", got)
	}
	if got := at(15 * time.Second); len(got) != 3 || got[0].Kind != FetchList {
		t.Errorf("15 s later: %v due, want the list first", got)
	}
}

func TestRefreshPlanInFlightIsNotDueAgain(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	in := RefreshInput{Read: BudgetUse{0, 100}}
	list := Fetch{Kind: FetchList}

	p.Started(list, planStart)
	for _, f := range p.Due(planStart.Add(time.Minute), in) {
		if f == list {
			t.Fatal("the list is due again while in flight")
		}
	}
}

func TestRefreshPlanBackoff(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	f := Fetch{FetchMetrics, "a", api.Range1h}
	now := planStart
	wantGaps := []time.Duration{5, 10, 20, 40, 80, 160, 300, 300}
	for i, gap := range wantGaps {
		p.Started(f, now)
		p.Failed(f, now, FetchFailure{})
		at, failing := p.RetryAt(f)
		if !failing || at.Sub(now) != gap*time.Second {
			t.Fatalf("failure %d: retry in %v (failing %v), want %v", i+1, at.Sub(now),
				failing, gap*time.Second)
		}
		now = at
	}

	p.Started(f, now)
	p.Succeeded(f, now)
	if _, failing := p.RetryAt(f); failing {
		t.Fatal("still failing after a success")
	}
}

func TestRefreshPlanRateLimitHoldsTheGroup(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	in := RefreshInput{Read: BudgetUse{0, 100}, Visible: []string{"a"}}
	list := Fetch{Kind: FetchList}
	retryAt := planStart.Add(30 * time.Second)

	p.Started(list, planStart)
	p.Failed(list, planStart, FetchFailure{RetryAt: retryAt, RateLimited: true})

	if got := p.Due(planStart.Add(29*time.Second), in); len(got) != 0 {
		t.Errorf("during Retry-After: %v due, want nothing", got)
	}
	if next := p.NextDue(planStart, in); !next.Equal(retryAt) {
		t.Errorf("NextDue = %v, want the Retry-After %v", next, retryAt)
	}
	if got := p.Due(retryAt, in); len(got) == 0 || got[0] != list {
		t.Errorf("after Retry-After: %v due, want the list first", got)
	}
}

func TestRefreshPlanNextDueNeverUnderASecond(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	in := RefreshInput{Read: BudgetUse{0, 100}, Visible: []string{"a"}}
	if next := p.NextDue(planStart, in); next.Sub(planStart) != time.Second {
		t.Errorf("with work due now, NextDue is %v away, want 1s", next.Sub(planStart))
	}

	for _, f := range p.Due(planStart, in) {
		p.Started(f, planStart)
		p.Succeeded(f, planStart)
	}
	if next := p.NextDue(planStart, in); next.Sub(planStart) != 15*time.Second {
		t.Errorf("after every fetch, NextDue is %v away, want the list's 15s", next.Sub(planStart))
	}
}

func TestRefreshPlanForgetAndReset(t *testing.T) {
	p := NewRefreshPlan(RefreshIntervals{})
	in := RefreshInput{Read: BudgetUse{0, 100}, Visible: []string{"a"}}
	for _, f := range p.Due(planStart, in) {
		p.Started(f, planStart)
		p.Succeeded(f, planStart)
	}

	p.Forget("a")
	if _, ok := p.records[Fetch{FetchMetrics, "a", api.Range1h}]; ok {
		t.Error("Forget kept the function's record")
	}

	p.Reset()
	if got := p.Due(planStart.Add(time.Second), in); len(got) != 3 {
		t.Errorf("after Reset: %v due, want list, billing and a's metrics", got)
	}
}
