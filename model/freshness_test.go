package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var freshNow = time.Date(2026, 2, 19, 16, 0, 0, 0, time.UTC)

func TestFreshnessStates(t *testing.T) {
	list := Source{Kind: SourceFunctions}
	policy := FreshnessPolicy{Functions: 30 * time.Second}
	boom := errors.New("503 Service Unavailable")

	tests := []struct {
		name   string
		record func(*FreshnessTracker)
		at     time.Duration // after freshNow
		want   Freshness
	}{
		{
			name:   "never tried",
			record: func(*FreshnessTracker) {},
			want:   Freshness{Source: list, State: SourceWaiting},
		},
		{
			name:   "fresh success",
			record: func(f *FreshnessTracker) { f.Succeeded(list, freshNow) },
			at:     30 * time.Second,
			want: Freshness{Source: list, State: SourceLive, Since: freshNow,
				LastSuccess: freshNow},
		},
		{
			name:   "success too long ago",
			record: func(f *FreshnessTracker) { f.Succeeded(list, freshNow) },
			at:     31 * time.Second,
			want: Freshness{Source: list, State: SourceStale,
				Since: freshNow.Add(30 * time.Second), LastSuccess: freshNow},
		},
		{
			name: "failing twice, since the first failure",
			record: func(f *FreshnessTracker) {
				f.Succeeded(list, freshNow)
				f.Failed(list, freshNow.Add(10*time.Second), boom, time.Time{})
				f.Failed(list, freshNow.Add(20*time.Second), boom, freshNow.Add(40*time.Second))
			},
			at: 25 * time.Second,
			want: Freshness{Source: list, State: SourceFailing,
				Since: freshNow.Add(10 * time.Second), LastSuccess: freshNow,
				Err: boom.Error(), Failures: 2, RetryAt: freshNow.Add(40 * time.Second)},
		},
		{
			name: "a success ends the failing run",
			record: func(f *FreshnessTracker) {
				f.Failed(list, freshNow, boom, freshNow.Add(5*time.Second))
				f.Succeeded(list, freshNow.Add(5*time.Second))
			},
			at: 6 * time.Second,
			want: Freshness{Source: list, State: SourceLive, Since: freshNow.Add(5 * time.Second),
				LastSuccess: freshNow.Add(5 * time.Second)},
		},
		{
			name:   "failure without an error",
			record: func(f *FreshnessTracker) { f.Failed(list, freshNow, nil, time.Time{}) },
			want: Freshness{Source: list, State: SourceFailing, Since: freshNow,
				Err: "failed", Failures: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFreshnessTracker(policy)
			tt.record(f)
			if got := f.State(list, freshNow.Add(tt.at)); got != tt.want {
				t.Errorf("state = %+v\nwant    %+v", got, tt.want)
			}
		})
	}
}

func TestFreshnessOpenStreamNeverGoesStale(t *testing.T) {
	f := NewFreshnessTracker(DefaultFreshnessPolicy())
	stream := Source{Kind: SourceStream, FunctionID: "1"}
	f.Succeeded(stream, freshNow)

	if got := f.State(stream, freshNow.Add(24*time.Hour)); got.State != SourceLive {
		t.Errorf("a quiet open stream is %s, want live", got.State)
	}
}

func TestFreshnessWorst(t *testing.T) {
	f := NewFreshnessTracker(DefaultFreshnessPolicy())
	if got := f.Worst(freshNow); got.State != SourceWaiting || got.Source.Kind != SourceFunctions {
		t.Errorf("nothing recorded: worst = %+v, want a waiting function list", got)
	}

	f.Succeeded(Source{Kind: SourceFunctions}, freshNow)
	f.Succeeded(Source{Kind: SourceMetrics, FunctionID: "a"}, freshNow.Add(-10*time.Minute))
	f.Succeeded(Source{Kind: SourceMetrics, FunctionID: "b"}, freshNow.Add(-20*time.Minute))
	if got := f.Worst(freshNow); got.State != SourceStale || got.Source.FunctionID != "b" {
		t.Errorf("worst = %+v, want the metrics of b, stale the longest", got)
	}

	f.Failed(Source{Kind: SourceStream, FunctionID: "a"}, freshNow, errors.New("EOF"), time.Time{})
	if got := f.Worst(freshNow); got.State != SourceFailing || got.Source.Kind != SourceStream {
		t.Errorf("worst = %+v, want the failing stream", got)
	}
}

func TestFreshnessStreamsAndRetain(t *testing.T) {
	f := NewFreshnessTracker(DefaultFreshnessPolicy())
	up := Source{Kind: SourceStream, FunctionID: "up"}
	down := Source{Kind: SourceStream, FunctionID: "down"}
	f.Succeeded(up, freshNow)
	f.Succeeded(down, freshNow)
	f.Failed(down, freshNow.Add(time.Minute), errors.New("reset"), freshNow.Add(2*time.Minute))
	f.Failed(down, freshNow.Add(2*time.Minute), errors.New("reset"), freshNow.Add(4*time.Minute))
	f.Succeeded(Source{Kind: SourceMetrics, FunctionID: "down"}, freshNow)
	f.Succeeded(Source{Kind: SourceBilling}, freshNow)

	streams := f.Streams(freshNow.Add(3 * time.Minute))
	want := []StreamObservation{
		{FunctionID: "down", DownSince: freshNow.Add(time.Minute)},
		{FunctionID: "up"},
	}
	if len(streams) != 2 || streams[0] != want[0] || streams[1] != want[1] {
		t.Errorf("streams = %+v, want %+v", streams, want)
	}

	f.RetainFunctions([]string{"up"})
	all := f.All(freshNow)
	if len(all) != 2 || all[0].Source.Kind != SourceBilling || all[1].Source != up {
		t.Errorf("after retain: %+v, want billing and the stream of up", all)
	}

	f.Forget(up)
	if got := f.State(up, freshNow); got.State != SourceWaiting {
		t.Errorf("forgotten stream is %s", got.State)
	}
}

func TestFreshnessErrorIsSafeAndBounded(t *testing.T) {
	f := NewFreshnessTracker(DefaultFreshnessPolicy())
	src := Source{Kind: SourceBilling}
	f.Failed(src, freshNow, errors.New("bad \x1b[31m"+strings.Repeat("x", 5000)), time.Time{})

	got := f.State(src, freshNow).Err
	if strings.Contains(got, "\x1b") || len(got) > maxErrorText+64 {
		t.Errorf("error kept %d bytes, escape kept: %v", len(got), strings.Contains(got, "\x1b"))
	}
}

func TestSourceNames(t *testing.T) {
	for kind, want := range map[SourceKind]string{
		SourceFunctions: "functions", SourceBilling: "billing", SourceStatus: "status",
		SourceMetrics: "metrics", SourceCosts: "costs", SourceStream: "stream",
	} {
		if kind.String() != want {
			t.Errorf("%d = %q, want %q", kind, kind.String(), want)
		}
	}
	for state, want := range map[SourceState]string{
		SourceLive: "live", SourceWaiting: "waiting",
		SourceStale: "stale", SourceFailing: "failing",
	} {
		if state.String() != want {
			t.Errorf("%d = %q, want %q", state, state.String(), want)
		}
	}
}
