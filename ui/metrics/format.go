package metrics

import (
	"time"

	"github.com/sinchtop/sinchtop/model"
)

// formatAxisTime writes a time of the axis: the clock for ranges shorter
// than a day, the date and clock up to a week, the date beyond.
func formatAxisTime(t time.Time, span time.Duration) string {
	switch {
	case span < 24*time.Hour:
		return t.Format("15:04")
	case span <= 7*24*time.Hour:
		return t.Format("Jan 2 15:04")
	}
	return t.Format("Jan 2")
}

// formatSpike writes a spike for the range row: "errors 14:05 12%" or
// "p95 14:05 1.2s".
func formatSpike(s model.Spike, loc *time.Location, span time.Duration) string {
	layout := "15:04"
	if span > 24*time.Hour {
		layout = "Jan 2 15:04"
	}
	at := s.Start.In(loc).Format(layout)

	peak := model.FormatPercent(model.KnownFigure(s.Peak))
	if s.Kind == model.SeriesAvgMs || s.Kind == model.SeriesP95Ms {
		peak = model.FormatMs(model.KnownFigure(s.Peak))
	}
	return s.Kind.String() + " " + at + " " + peak
}

// lastBucketEnd returns the end of the newest bucket of any series, the zero
// time when there is none.
func lastBucketEnd(ms model.MetricSeries) time.Time {
	var end time.Time
	for _, s := range []model.Series{ms.Requests, ms.ErrorRate, ms.AvgMs, ms.P95Ms} {
		if n := s.Len(); n > 0 {
			if e := s.Points[n-1].At.Add(s.Step); e.After(end) {
				end = e
			}
		}
	}
	return end
}
