package model

import (
	"cmp"
	"slices"
	"time"
)

// SourceKind is a kind of data the dashboard fetches or streams.
type SourceKind int

// The data sources. Those after SourceBilling belong to one function.
const (
	SourceFunctions SourceKind = iota // the function list
	SourceBilling                     // the current billing period
	SourceStatus                      // one function's status endpoint
	SourceMetrics                     // one function's metrics
	SourceCosts                       // one function's cost breakdown
	SourceStream                      // one function's live log stream
)

// String returns the source kind's name as the header says it.
func (k SourceKind) String() string {
	switch k {
	case SourceFunctions:
		return "functions"
	case SourceBilling:
		return "billing"
	case SourceStatus:
		return "status"
	case SourceMetrics:
		return "metrics"
	case SourceCosts:
		return "costs"
	case SourceStream:
		return "stream"
	}
	return "unknown"
}

// Source names one data source: a kind and, for the per-function kinds, the
// function's ID.
type Source struct {
	Kind       SourceKind
	FunctionID string
}

// SourceState is how fresh a source's data is.
type SourceState int

// The states of a source, from best to worst for the header.
const (
	SourceLive    SourceState = iota // the last attempt succeeded recently, or the stream is open
	SourceWaiting                    // nothing has been attempted yet
	SourceStale                      // the last attempt succeeded, but too long ago
	SourceFailing                    // the last attempt failed
)

// String returns the state's word: "live", "waiting", "stale", "failing".
func (s SourceState) String() string {
	switch s {
	case SourceLive:
		return "live"
	case SourceWaiting:
		return "waiting"
	case SourceStale:
		return "stale"
	case SourceFailing:
		return "failing"
	}
	return "unknown"
}

// Freshness is one source's state as of a given time, for the header.
type Freshness struct {
	Source Source
	State  SourceState
	// Since is when the current state began: the last success for live, the
	// moment the data passed its age limit for stale, the first failure of
	// the current run for failing. Zero while waiting.
	Since time.Time
	// LastSuccess is when data last arrived; zero if it never did.
	LastSuccess time.Time
	// Err is the last failure's message, sanitized, and Failures the failures in a row;
	// both are cleared by a success.
	Err      string
	Failures int
	// RetryAt is when the next attempt is due after a failure; zero when
	// nobody said.
	RetryAt time.Time
}

// FreshnessPolicy says after how long without a success each kind of source
// turns stale. Zero means never: an open stream is live however quiet its
// function is.
type FreshnessPolicy struct {
	Functions time.Duration `yaml:"functions"`
	Billing   time.Duration `yaml:"billing"`
	Status    time.Duration `yaml:"status"`
	Metrics   time.Duration `yaml:"metrics"`
	Costs     time.Duration `yaml:"costs"`
	Stream    time.Duration `yaml:"stream"`
}

// DefaultFreshnessPolicy returns limits of about three poll intervals of
// the cadence sinchtop is built for (list every 10 s, metrics every minute,
// billing every five): one late or lost answer does not turn a source stale.
func DefaultFreshnessPolicy() FreshnessPolicy {
	return FreshnessPolicy{
		Functions: 30 * time.Second,
		Billing:   15 * time.Minute,
		Status:    30 * time.Second,
		Metrics:   3 * time.Minute,
		Costs:     15 * time.Minute,
	}
}

func (p FreshnessPolicy) limit(kind SourceKind) time.Duration {
	switch kind {
	case SourceFunctions:
		return p.Functions
	case SourceBilling:
		return p.Billing
	case SourceStatus:
		return p.Status
	case SourceMetrics:
		return p.Metrics
	case SourceCosts:
		return p.Costs
	case SourceStream:
		return p.Stream
	}
	return 0
}

// FreshnessTracker records the outcome of every fetch and stream so that the
// header can tell how fresh each piece of data is. It keeps only what it is
// told; a function's sources are dropped with RetainFunctions when the
// function leaves the list. Times are always given, never read from a clock.
type FreshnessTracker struct {
	policy  FreshnessPolicy
	sources map[Source]*Freshness
}

// NewFreshnessTracker returns a tracker judging staleness by policy.
func NewFreshnessTracker(policy FreshnessPolicy) *FreshnessTracker {
	return &FreshnessTracker{policy: policy, sources: make(map[Source]*Freshness)}
}

// Succeeded records that src delivered data at at: a fetch answered, a
// stream connected or sent an event.
func (f *FreshnessTracker) Succeeded(src Source, at time.Time) {
	rec := f.record(src)
	rec.LastSuccess = at
	rec.Err, rec.Failures, rec.RetryAt = "", 0, time.Time{}
}

// Failed records that an attempt of src failed at at with err, and that the
// next attempt is due at retryAt (zero when unknown). For a stream this
// means it is down.
func (f *FreshnessTracker) Failed(src Source, at time.Time, err error, retryAt time.Time) {
	rec := f.record(src)
	if rec.Failures == 0 {
		rec.Since = at
	}
	rec.Failures++
	rec.Err = "failed"
	if err != nil {
		rec.Err = SanitizeLimit(err.Error(), maxErrorText)
	}
	rec.RetryAt = retryAt
}

// Forget drops a source: a stream closed on purpose, a pane closed.
func (f *FreshnessTracker) Forget(src Source) { delete(f.sources, src) }

// RetainFunctions drops the per-function sources of every function whose
// ID is not in ids.
func (f *FreshnessTracker) RetainFunctions(ids []string) {
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	for src := range f.sources {
		if src.Kind > SourceBilling && !keep[src.FunctionID] {
			delete(f.sources, src)
		}
	}
}

// State returns src's freshness at now; waiting when nothing was recorded.
func (f *FreshnessTracker) State(src Source, now time.Time) Freshness {
	rec, ok := f.sources[src]
	if !ok {
		return Freshness{Source: src, State: SourceWaiting}
	}

	out := *rec
	limit := f.policy.limit(src.Kind)
	switch {
	case rec.Failures > 0:
		out.State = SourceFailing
	case limit > 0 && now.Sub(rec.LastSuccess) > limit:
		out.State, out.Since = SourceStale, rec.LastSuccess.Add(limit)
	default:
		out.State, out.Since = SourceLive, rec.LastSuccess
	}
	return out
}

// All returns the freshness of every recorded source at now, ordered by
// kind and function ID.
func (f *FreshnessTracker) All(now time.Time) []Freshness {
	out := make([]Freshness, 0, len(f.sources))
	for src := range f.sources {
		out = append(out, f.State(src, now))
	}
	slices.SortFunc(out, func(a, b Freshness) int {
		if c := cmp.Compare(a.Source.Kind, b.Source.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Source.FunctionID, b.Source.FunctionID)
	})
	return out
}

// Worst returns the least fresh source at now, the one the header should
// speak of: failing before stale before waiting before live, and among
// equals the one in that state the longest. With nothing recorded it is a
// waiting function list.
func (f *FreshnessTracker) Worst(now time.Time) Freshness {
	worst := Freshness{Source: Source{Kind: SourceFunctions}, State: SourceWaiting}
	first := true
	for _, fr := range f.All(now) {
		if first || fr.State > worst.State ||
			(fr.State == worst.State && fr.Since.Before(worst.Since)) {
			worst, first = fr, false
		}
	}
	return worst
}

// Streams returns, for each stream recorded, since when it has been down
// (zero while it is open or still connecting for the first time), for the
// stream-down alert.
func (f *FreshnessTracker) Streams(now time.Time) []StreamObservation {
	var out []StreamObservation
	for _, fr := range f.All(now) {
		if fr.Source.Kind != SourceStream {
			continue
		}
		obs := StreamObservation{FunctionID: fr.Source.FunctionID}
		if fr.State == SourceFailing {
			obs.DownSince = fr.Since
		}
		out = append(out, obs)
	}
	return out
}

// maxErrorText bounds the error message kept per source: a server can put
// a whole page in an error.
const maxErrorText = 300

func (f *FreshnessTracker) record(src Source) *Freshness {
	rec, ok := f.sources[src]
	if !ok {
		rec = &Freshness{Source: src}
		f.sources[src] = rec
	}
	return rec
}
