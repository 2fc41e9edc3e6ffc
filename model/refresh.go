package model

import (
	"cmp"
	"slices"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// FetchKind names a kind of polled fetch.
type FetchKind int

// The fetches a refresh plan schedules. All of them count in the API's
// "read" limit group; historical logs and streams are asked for by the user
// and by the live tail, never by the plan.
const (
	FetchList    FetchKind = iota // the functions list, which carries every status
	FetchStatus                   // one function's status (error, URL)
	FetchMetrics                  // one function's metrics over one range
	FetchBilling                  // the project's billing so far this month
	FetchCosts                    // one function's cost breakdown
)

// String names the kind as logs and the header say it.
func (k FetchKind) String() string {
	switch k {
	case FetchList:
		return "functions"
	case FetchStatus:
		return "status"
	case FetchMetrics:
		return "metrics"
	case FetchBilling:
		return "billing"
	case FetchCosts:
		return "costs"
	}
	return "unknown"
}

// Fetch is one fetch a refresh plan says is due. FunctionID is empty for
// the list and billing; Range is set only for metrics.
type Fetch struct {
	Kind       FetchKind
	FunctionID string
	Range      api.TimeRange
}

// BudgetUse is how much of one limit group's window is used: Used requests
// of Limit in the current sliding window.
type BudgetUse struct {
	Used  int
	Limit int
}

// RefreshInput is what is on screen and how much of the budget is used,
// the facts a plan decides from besides its own record of past fetches.
type RefreshInput struct {
	// Read is the read group's use (list, status, metrics, billing, costs).
	Read BudgetUse
	// Visible lists the IDs of the functions whose rows are on screen; their
	// 1h metrics draw the table's sparklines and figures.
	Visible []string
	// Focused is the function the user is looking at; empty for none.
	Focused string
	// FocusedRange is the metrics pane's range for Focused; empty means 24h.
	FocusedRange api.TimeRange
	// Detail says Focused is drilled into, so its status (error, URL) is on
	// screen too. Its cost breakdown is fetched either way.
	Detail bool
}

// RefreshIntervals says how often each kind of data is fetched when all
// goes well.
type RefreshIntervals struct {
	List    time.Duration // the functions list
	Metrics time.Duration // 1h metrics of each visible function
	Focused time.Duration // metrics and status of the focused function
	Billing time.Duration // billing and the focused function's costs
}

// DefaultRefreshIntervals returns the intervals used where none are set.
func DefaultRefreshIntervals() RefreshIntervals {
	return RefreshIntervals{
		List:    15 * time.Second,
		Metrics: time.Minute,
		Focused: 5 * time.Second,
		Billing: 5 * time.Minute,
	}
}

// The plan's shares of a limit group's window and its pacing.
const (
	// backgroundShare is the part of a window the plan ever uses, so that
	// the user's own actions (history pages, a range change) find room.
	backgroundShare = 0.8
	// softShare is the use past which the plan slows down: the table's
	// metrics stop and the other intervals double.
	softShare = 0.6
	// maxPerDecision bounds the fetches one decision starts, so the first
	// screen fills over a few seconds rather than in one burst.
	maxPerDecision = 8
	// firstRetry and maxRetry bound the exponential backoff after errors.
	firstRetry = 5 * time.Second
	maxRetry   = 5 * time.Minute
	// outageAfter is how many failures in a row, across all fetches, make
	// the plan probe with the list alone until one succeeds.
	outageAfter = 3
	// minWake is the shortest wait NextDue ever asks for.
	minWake = time.Second
)

// FetchFailure says what is known about a failed fetch.
type FetchFailure struct {
	// RetryAt is the server's Retry-After, when it sent one; zero otherwise.
	RetryAt time.Time
	// RateLimited says the server answered 429: the whole group waits until
	// RetryAt, not only this fetch.
	RateLimited bool
}

// fetchRecord is what the plan remembers of one fetch.
type fetchRecord struct {
	last     time.Time // when it last succeeded
	retryAt  time.Time // not before this, after a failure
	failures int       // failures in a row
	inFlight bool
}

// RefreshPlan decides which polled fetches are due. It keeps the time of
// each fetch's last success and its failures; Due itself changes nothing.
// The caller reports each fetch it starts and how it ends. A plan is not
// safe for concurrent use: the UI's event loop owns it.
type RefreshPlan struct {
	intervals   RefreshIntervals
	records     map[Fetch]*fetchRecord
	inFlight    int
	failRun     int       // failures in a row across every fetch
	pausedUntil time.Time // a 429's Retry-After for the whole group
}

// NewRefreshPlan returns a plan with the given intervals; a zero interval
// takes its default.
func NewRefreshPlan(iv RefreshIntervals) *RefreshPlan {
	def := DefaultRefreshIntervals()
	iv.List = cmp.Or(iv.List, def.List)
	iv.Metrics = cmp.Or(iv.Metrics, def.Metrics)
	iv.Focused = cmp.Or(iv.Focused, def.Focused)
	iv.Billing = cmp.Or(iv.Billing, def.Billing)
	return &RefreshPlan{intervals: iv, records: map[Fetch]*fetchRecord{}}
}

// candidate is a fetch the screen wants, its interval and its tier: lower
// tiers go first and only tier tableTier is held to the soft share.
type candidate struct {
	fetch    Fetch
	interval time.Duration
	tier     int
}

const tableTier = 3

// wanted lists every fetch the screen wants, each once, at its shortest
// interval, in priority order; during an outage, only the list that probes
// for its end.
func (p *RefreshPlan) wanted(in RefreshInput) []candidate {
	iv := p.intervals
	out := []candidate{{Fetch{Kind: FetchList}, iv.List, 0}}
	if p.failRun >= outageAfter {
		return out
	}
	if in.Focused != "" {
		r := cmp.Or(in.FocusedRange, api.Range24h)
		out = append(out, candidate{Fetch{FetchMetrics, in.Focused, r}, iv.Focused, 1})
		if in.Detail {
			out = append(out, candidate{Fetch{FetchStatus, in.Focused, ""}, iv.Focused, 1})
		}
		out = append(out, candidate{Fetch{FetchCosts, in.Focused, ""}, iv.Billing, 2})
	}
	out = append(out, candidate{Fetch{Kind: FetchBilling}, iv.Billing, 2})

	for _, id := range in.Visible {
		f := Fetch{FetchMetrics, id, api.Range1h}
		if id == in.Focused && f.Range == cmp.Or(in.FocusedRange, api.Range24h) {
			continue // the focused fetch already covers it, more often
		}
		out = append(out, candidate{f, iv.Metrics, tableTier})
	}
	return out
}

// Due returns the fetches to start now, most important first: the list,
// then the focused function, then billing, then the visible functions'
// metrics, least recently fetched first. It keeps background work under 80%
// of the read window (60% for the table's metrics), doubles intervals past
// 60%, backs off exponentially after errors, honours a 429's Retry-After
// for the whole group, and probes with the list alone during an outage.
func (p *RefreshPlan) Due(now time.Time, in RefreshInput) []Fetch {
	if now.Before(p.pausedUntil) || in.Read.Limit <= 0 {
		return nil
	}

	used := in.Read.Used + p.inFlight
	hardRoom := int(float64(in.Read.Limit)*backgroundShare) - used
	softRoom := int(float64(in.Read.Limit)*softShare) - used
	stretch := time.Duration(1)
	if softRoom <= 0 {
		stretch = 2
	}

	var due []candidate
	for _, c := range p.wanted(in) {
		interval := c.interval
		if c.tier > 0 {
			interval *= stretch
		}
		if p.isDue(c.fetch, interval, now) {
			due = append(due, c)
		}
	}
	slices.SortStableFunc(due, func(a, b candidate) int {
		if a.tier != b.tier {
			return cmp.Compare(a.tier, b.tier)
		}
		return p.lastOf(a.fetch).Compare(p.lastOf(b.fetch))
	})

	var out []Fetch
	for _, c := range due {
		if len(out) == maxPerDecision || hardRoom <= 0 {
			break
		}
		if c.tier == tableTier && softRoom <= 0 {
			break
		}
		out = append(out, c.fetch)
		hardRoom--
		softRoom--
	}
	return out
}

func (p *RefreshPlan) isDue(f Fetch, interval time.Duration, now time.Time) bool {
	at, ok := p.dueAt(f, interval)
	return ok && !now.Before(at)
}

func (p *RefreshPlan) lastOf(f Fetch) time.Time {
	if r, ok := p.records[f]; ok {
		return r.last
	}
	return time.Time{}
}

// NextDue returns when Due may next have work, at least a second after
// now, so that an idle dashboard wakes no more than once a second. It
// ignores the budget: when the budget is what holds work back, that is a
// second away.
func (p *RefreshPlan) NextDue(now time.Time, in RefreshInput) time.Time {
	next := now.Add(maxRetry)
	if now.Before(p.pausedUntil) {
		next = p.pausedUntil
	} else {
		for _, c := range p.wanted(in) {
			if at, ok := p.dueAt(c.fetch, c.interval); ok {
				next = minTime(next, at)
			}
		}
	}
	return maxTime(next, now.Add(minWake))
}

// dueAt returns when f falls due; false while it is in flight.
func (p *RefreshPlan) dueAt(f Fetch, interval time.Duration) (time.Time, bool) {
	r, ok := p.records[f]
	if !ok {
		return time.Time{}, true
	}
	if r.inFlight {
		return time.Time{}, false
	}
	at := r.retryAt
	if !r.last.IsZero() {
		at = maxTime(at, r.last.Add(interval))
	}
	return at, true
}

// Started records that f was started at now; it is not due again until it
// ends.
func (p *RefreshPlan) Started(f Fetch, _ time.Time) {
	r := p.record(f)
	if !r.inFlight {
		r.inFlight = true
		p.inFlight++
	}
}

// Succeeded records that f ended well at now.
func (p *RefreshPlan) Succeeded(f Fetch, now time.Time) {
	r := p.finish(f)
	r.last = now
	r.failures = 0
	r.retryAt = time.Time{}
	p.failRun = 0
}

// Failed records that f failed at now. It is retried after an exponential
// backoff (5 s doubling up to 5 min) or the server's Retry-After, whichever
// is later; a rate-limited failure holds back the whole group.
func (p *RefreshPlan) Failed(f Fetch, now time.Time, why FetchFailure) {
	r := p.finish(f)
	r.failures++
	p.failRun++

	backoff := firstRetry << min(r.failures-1, 16)
	r.retryAt = maxTime(now.Add(min(backoff, maxRetry)), why.RetryAt)
	if why.RateLimited {
		p.pausedUntil = maxTime(p.pausedUntil, maxTime(why.RetryAt, now.Add(firstRetry)))
	}
}

// RetryAt reports when f is next tried after its failures, and whether it
// is failing at all.
func (p *RefreshPlan) RetryAt(f Fetch) (time.Time, bool) {
	r, ok := p.records[f]
	if !ok || r.failures == 0 {
		return time.Time{}, false
	}
	return maxTime(r.retryAt, p.pausedUntil), true
}

// Forget drops what the plan remembers of a function's fetches, for a
// function that is gone, so the records stay bounded by the project.
func (p *RefreshPlan) Forget(functionID string) {
	for f, r := range p.records {
		if f.FunctionID == functionID && !r.inFlight {
			delete(p.records, f)
		}
	}
}

// Reset makes every fetch due at once, failing ones included (the user asked
// to refresh everything). A 429's Retry-After still holds, and the budget
// shares and the outage probe still apply.
func (p *RefreshPlan) Reset() {
	for _, r := range p.records {
		r.last = time.Time{}
		r.retryAt = time.Time{}
	}
}

func (p *RefreshPlan) record(f Fetch) *fetchRecord {
	r, ok := p.records[f]
	if !ok {
		r = &fetchRecord{}
		p.records[f] = r
	}
	return r
}

func (p *RefreshPlan) finish(f Fetch) *fetchRecord {
	r := p.record(f)
	if r.inFlight {
		r.inFlight = false
		p.inFlight--
	}
	return r
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
