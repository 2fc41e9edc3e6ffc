package model

import (
	"slices"
	"time"
)

// SpikeRule says how far above its median a bucket must stand to count as a
// spike: at least Factor times the median and at least MinAbove over it. The
// second floor keeps a quiet series (median 0 %, one bucket at 0.5 %) from
// reporting noise.
type SpikeRule struct {
	Factor   float64
	MinAbove float64
	// MinBuckets is how many known buckets a series needs before its median
	// means anything; shorter series report no spike.
	MinBuckets int
}

// DefaultSpikeRule returns the rule sinchtop uses for a kind of series:
// three times the median and 2 percentage points for error rates, three
// times the median and 250 ms for latencies, at least six buckets.
func DefaultSpikeRule(kind SeriesKind) SpikeRule {
	rule := SpikeRule{Factor: 3, MinBuckets: 6}
	switch kind {
	case SeriesErrorRate:
		rule.MinAbove = 2
	case SeriesAvgMs, SeriesP95Ms:
		rule.MinAbove = 250
	default:
		rule.MinAbove = 1
	}
	return rule
}

// Spike is a stretch of consecutive buckets standing far above their
// series' median: the time window to jump to in the request list.
type Spike struct {
	Kind SeriesKind
	// Start is the first spiking bucket's timestamp; End is where the last
	// one ends (its timestamp plus the series' step).
	Start, End time.Time
	// Peak is the highest value in the window, at PeakAt.
	Peak   float64
	PeakAt time.Time
	// Median is the series' median the spike was judged against.
	Median float64
}

// Spikes returns the windows of s that stand far above its median by rule,
// in time order. Unknown buckets break a window; a series with fewer than
// rule.MinBuckets known buckets has no spike.
func Spikes(s Series, rule SpikeRule) []Spike {
	median := s.Median()
	if !median.Known || countKnown(s) < max(rule.MinBuckets, 1) {
		return nil
	}
	limit := max(median.Value*rule.Factor, median.Value+rule.MinAbove)

	var spikes []Spike
	var open *Spike
	for _, p := range s.Points {
		if !p.Known || p.Value < limit {
			open = nil
			continue
		}
		if open == nil {
			spikes = append(spikes, Spike{
				Kind: s.Kind, Start: p.At, Peak: p.Value, PeakAt: p.At, Median: median.Value,
			})
			open = &spikes[len(spikes)-1]
		}
		open.End = p.At.Add(s.Step)
		if p.Value > open.Peak {
			open.Peak, open.PeakAt = p.Value, p.At
		}
	}
	return spikes
}

// Spikes returns the error-rate and p95 spikes of m by the default rules,
// ordered by start time (error spikes first on a tie).
func (m MetricSeries) Spikes() []Spike {
	spikes := Spikes(m.ErrorRate, DefaultSpikeRule(SeriesErrorRate))
	spikes = append(spikes, Spikes(m.P95Ms, DefaultSpikeRule(SeriesP95Ms))...)
	slices.SortStableFunc(spikes, func(a, b Spike) int { return a.Start.Compare(b.Start) })
	return spikes
}

func countKnown(s Series) int {
	n := 0
	for _, p := range s.Points {
		if p.Known {
			n++
		}
	}
	return n
}
