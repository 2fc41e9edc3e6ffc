package cli

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

func (a *app) metricsCommand() *cobra.Command {
	var (
		window  string
		jsonOut bool
	)
	cmd := &cobra.Command{
		Use:   "metrics FUNCTION",
		Short: "Print a function's request count, response times and error rate over a range",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := api.TimeRange(window)
			if !slices.Contains(api.TimeRanges, r) {
				return usageError("--range %q: want 1h, 4h, 24h, 7d or 30d", window)
			}
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				f, err := lookupFunction(ctx, s, args[0])
				if err != nil {
					return err
				}
				m, err := s.client.Metrics(ctx, f.ID, r)
				if err != nil {
					return fmt.Errorf("metrics of %s: %w", model.Sanitize(f.Name), err)
				}
				return printMetrics(a.printer(s, jsonOut), f, m)
			})
		},
	}
	cmd.Flags().StringVar(&window, "range", string(api.Range24h), "the window: 1h, 4h, 24h, 7d or 30d")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the metrics as one JSON object")
	return cmd
}

// metricsLine is the JSON form of the metrics command's answer.
type metricsLine struct {
	FunctionID string `json:"functionId"`
	api.Metrics
}

// printMetrics writes the summary, then the series bucket by bucket.
func printMetrics(p *printer, f api.Function, m api.Metrics) error {
	if p.json {
		return p.jsonLine(metricsLine{FunctionID: f.ID, Metrics: m})
	}

	sum := m.Summary
	err := printFields(p, [][2]cell{
		{plain("FUNCTION"), plain(f.Name)},
		{plain("ID"), plain(f.ID)},
		{plain("RANGE"), plain(string(m.TimeRange))},
		{plain("REQUESTS"), plain(model.FormatCount(sum.TotalRequests))},
		{plain("AVG RESPONSE"), plain(model.FormatMs(model.KnownFigure(sum.AvgResponseTime)))},
		{plain("ERROR RATE"), plain(model.FormatPercent(model.KnownFigure(sum.ErrorRate)))},
		{plain("AVG MEMORY"), plain(model.FormatMB(model.KnownFigure(sum.AvgMemory)))},
		{plain("AVG CPU"), plain(model.FormatPercent(model.KnownFigure(sum.AvgCPUUsage)))},
	})
	if err != nil {
		return err
	}

	rows := seriesRows(p, m)
	if len(rows) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(p.out); err != nil {
		return err
	}
	t := newTable(column{title: "TIME"}, column{title: "REQUESTS", right: true},
		column{title: "AVG", right: true}, column{title: "P95", right: true},
		column{title: "ERRORS", right: true})
	return t.print(p, rows)
}

// bucket is one time bucket of the three series.
type bucket struct {
	requests, avg, p95, errors model.Figure
}

// seriesRows joins the three series by timestamp, oldest first; a bucket
// missing from a series shows as unknown.
func seriesRows(p *printer, m api.Metrics) [][]cell {
	buckets := map[time.Time]*bucket{}
	at := func(t time.Time) *bucket {
		t = t.UTC()
		if buckets[t] == nil {
			buckets[t] = &bucket{}
		}
		return buckets[t]
	}
	for _, pt := range m.RequestVolumeSeries {
		at(pt.Timestamp).requests = model.KnownFigure(float64(pt.TotalRequests))
	}
	for _, pt := range m.ResponseTimeSeries {
		b := at(pt.Timestamp)
		b.avg, b.p95 = model.KnownFigure(pt.AverageResponseTime), model.KnownFigure(pt.P95ResponseTime)
	}
	for _, pt := range m.ErrorRateSeries {
		at(pt.Timestamp).errors = model.KnownFigure(pt.ErrorRate)
	}

	times := make([]time.Time, 0, len(buckets))
	for t := range buckets {
		times = append(times, t)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })

	rows := make([][]cell, 0, len(times))
	for _, t := range times {
		b := buckets[t]
		rows = append(rows, []cell{
			{text: p.time(t, timeLayout)},
			{text: model.FormatCountFigure(b.requests)},
			{text: model.FormatMs(b.avg)},
			{text: model.FormatMs(b.p95)},
			{text: model.FormatPercent(b.errors)},
		})
	}
	return rows
}
