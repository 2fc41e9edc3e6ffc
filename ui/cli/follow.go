package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// followFrom is the time the live stream starts after: just before the
// newest request printed, so that a request sharing its millisecond is not
// missed (the repeats are dropped by ID); with no history, just before the
// window's start, or before the history was asked for.
func followFrom(history []api.Request, start, asked time.Time) time.Time {
	base := asked
	switch {
	case len(history) > 0:
		base = history[len(history)-1].StartTime
	case !start.IsZero():
		base = start
	}
	return base.Add(-time.Millisecond)
}

// follow prints the live requests of f that match q and start after since,
// until ctx ends, dropping those in printed.
func (a *app) follow(ctx context.Context, s *session, out *requestWriter, f api.Function,
	q api.LogQuery, since time.Time, printed map[string]bool) error {
	stream, err := s.client.Stream(ctx, f.ID, api.StreamOptions{Since: since, Level: q.Level})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("stream of %s: %w", model.Sanitize(f.Name), err)
	}
	defer stream.Close()

	states, last := stream.States(), api.PhaseConnecting
	for {
		select {
		case <-ctx.Done():
			return nil

		case req, ok := <-stream.Requests():
			if !ok {
				return streamEnded(ctx, stream)
			}
			if printed[req.ID] || !matches(req, q) {
				continue
			}
			if err := out.request(req); err != nil {
				return err
			}

		case st, ok := <-states:
			if !ok {
				states = nil
				continue
			}
			last = a.reportStream(st, last)
		}
	}
}

// streamEnded says why a stream closed, which is no failure when ctx ended.
func streamEnded(ctx context.Context, stream *api.Stream) error {
	if ctx.Err() != nil || stream.Err() == nil {
		return nil
	}
	return fmt.Errorf("stream of %s ended: %w", model.Sanitize(stream.FunctionID()), stream.Err())
}

// reportStream tells on stderr when the stream is lost and when it is back.
func (a *app) reportStream(st api.StreamState, last api.Phase) api.Phase {
	switch {
	case st.Phase == api.PhaseReconnecting && last != api.PhaseReconnecting:
		reason := ""
		if st.Err != nil {
			reason = ": " + model.Sanitize(st.Err.Error())
		}
		fmt.Fprintf(a.stderr, "sinchtop: stream lost%s; reconnecting\n", reason)
	case st.Phase == api.PhaseLive && last == api.PhaseReconnecting:
		fmt.Fprintln(a.stderr, "sinchtop: stream back; no request missed")
	}
	return st.Phase
}

// printedIDs returns the IDs of the history's requests that started after
// since: the only ones the stream can deliver again.
func printedIDs(history []api.Request, since time.Time) map[string]bool {
	ids := map[string]bool{}
	for _, req := range history {
		if req.StartTime.After(since) {
			ids[req.ID] = true
		}
	}
	return ids
}

// matches applies the filters the stream endpoint does not take (search and
// status class) and, as a check, the level, as the logs endpoint does.
func matches(req api.Request, q api.LogQuery) bool {
	if q.Level != "" && !hasLevel(req, q.Level) {
		return false
	}
	if q.StatusClass != "" && model.ClassOf(req.StatusCode).String() != q.StatusClass {
		return false
	}
	return q.Search == "" || contains(req, q.Search)
}

// hasLevel reports whether req logged a line at level or above.
func hasLevel(req api.Request, level api.Level) bool {
	for _, line := range req.Logs {
		if model.LevelRank(line.Level) >= model.LevelRank(level) {
			return true
		}
	}
	return false
}

// contains reports whether req's URL, request body or a log message holds
// search, ignoring case.
func contains(req api.Request, search string) bool {
	search = strings.ToLower(search)
	if strings.Contains(strings.ToLower(req.URL), search) ||
		strings.Contains(strings.ToLower(req.RequestBody), search) {
		return true
	}
	for _, line := range req.Logs {
		if strings.Contains(strings.ToLower(line.Message), search) {
			return true
		}
	}
	return false
}
