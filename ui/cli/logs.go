package cli

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// Bounds of --lines, and the API's largest page.
const (
	defaultLines = 50
	maxLines     = 10_000
	maxPageSize  = 1000
)

// logsOptions are the logs command's flags, as typed.
type logsOptions struct {
	since, until string
	level        string
	search       string
	status       string
	lines        int
	order        string
	follow       bool
	json         bool
}

// logsRequest is what the logs command was asked, checked.
type logsRequest struct {
	query  api.LogQuery // Start, End, Level, Search, StatusClass, Order
	lines  int
	follow bool
	json   bool
}

func (a *app) logsCommand() *cobra.Command {
	var o logsOptions
	cmd := &cobra.Command{
		Use:   "logs FUNCTION",
		Short: "Print a function's latest requests, and with --follow the live ones after them",
		Long: "Print a function's requests: the latest 50, newest first, unless the flags " +
			"say otherwise. With --follow the history is printed oldest first and the live " +
			"requests follow it as they happen, none missed and none twice, until " +
			"interrupted.\n\nTimes for --since and --until are durations back from now " +
			"(30m, 2h, 1d) or RFC 3339 timestamps (2026-12-03T15:00:00Z).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := o.check(a.env.clock.Now())
			if err != nil {
				return err
			}
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				return a.logs(ctx, s, args[0], req)
			})
		},
	}

	flags := cmd.Flags()
	flags.StringVar(&o.since, "since", "", "only requests from this time on (30m, 2h, 1d or RFC 3339)")
	flags.StringVar(&o.until, "until", "", "only requests before this time (30m, 2h, 1d or RFC 3339)")
	flags.StringVar(&o.level, "level", "",
		"only requests that logged at this level or above: debug, info, warning, error")
	flags.StringVar(&o.search, "search", "",
		"only requests whose URL, body or log messages contain this text (any case)")
	flags.StringVar(&o.status, "status", "", "only requests of this status class: "+
		"success (2xx), redirect (3xx), error (4xx and 5xx)")
	flags.IntVar(&o.lines, "lines", defaultLines, fmt.Sprintf("how many requests (1 to %d)", maxLines))
	flags.StringVar(&o.order, "order", "", "desc (newest first, the default) or asc (oldest first)")
	flags.BoolVar(&o.follow, "follow", false, "keep printing live requests after the history")
	flags.BoolVar(&o.json, "json", false, "print one JSON object per request, a line each")
	return cmd
}

// check turns the flags into a request, or a usage error naming the flag.
func (o logsOptions) check(now time.Time) (logsRequest, error) {
	r := logsRequest{lines: o.lines, follow: o.follow, json: o.json}
	var err error
	if r.query.Start, err = parseTimeFlag("--since", o.since, now); err != nil {
		return r, err
	}
	if r.query.End, err = parseTimeFlag("--until", o.until, now); err != nil {
		return r, err
	}
	if r.query.Level, err = parseLevel(o.level); err != nil {
		return r, err
	}
	r.query.StatusClass, err = oneOf("--status", o.status, "success", "redirect", "error")
	if err != nil {
		return r, err
	}
	if r.query.Order, err = oneOf("--order", o.order, "asc", "desc"); err != nil {
		return r, err
	}
	r.query.Search = o.search
	return r, r.checkCombinations()
}

// checkCombinations rejects flags that cannot go together.
func (r logsRequest) checkCombinations() error {
	q := r.query
	switch {
	case r.lines < 1 || r.lines > maxLines:
		return usageError("--lines must be 1 to %d, got %d", maxLines, r.lines)
	case !q.Start.IsZero() && !q.End.IsZero() && !q.Start.Before(q.End):
		return usageError("--since (%s) must be before --until (%s)",
			q.Start.Format(time.RFC3339), q.End.Format(time.RFC3339))
	case r.follow && !q.End.IsZero():
		return usageError("--follow cannot take --until: live requests have no end")
	case r.follow && q.Order == "desc":
		return usageError("--follow prints oldest first: leave out --order desc")
	}
	return nil
}

// parseTimeFlag reads a time given as a duration back from now (30m, 2h,
// 1d, 1w) or as an RFC 3339 timestamp. Empty gives the zero time.
func parseTimeFlag(flag, value string, now time.Time) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t, nil
	}

	d, err := parseAgo(value)
	if err != nil {
		return time.Time{}, usageError("%s %q: want a duration back from now "+
			"(30m, 2h, 1d) or an RFC 3339 time (2026-12-03T15:00:00Z)", flag, value)
	}
	return now.Add(-d), nil
}

// parseAgo reads a positive duration; d (days) and w (weeks) are allowed
// besides Go's units.
func parseAgo(s string) (time.Duration, error) {
	days := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if unit, ok := days[s[len(s)-1]]; ok {
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil || n <= 0 || n > 3650 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		return time.Duration(n) * unit, nil
	}

	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}

// parseLevel reads --level in any case and gives the API's spelling.
func parseLevel(value string) (api.Level, error) {
	if value == "" {
		return "", nil
	}
	for _, l := range []api.Level{api.LevelDebug, api.LevelInfo, api.LevelWarning, api.LevelError} {
		if strings.EqualFold(value, string(l)) {
			return l, nil
		}
	}
	return "", usageError("--level %q: want debug, info, warning or error", value)
}

// oneOf checks that value, in lower case, is one of allowed (or empty).
func oneOf(flag, value string, allowed ...string) (string, error) {
	lower := strings.ToLower(value)
	if value == "" || slices.Contains(allowed, lower) {
		return lower, nil
	}
	return "", usageError("%s %q: want %s", flag, value, strings.Join(allowed, " or "))
}

// logs prints the history and, with --follow, the live requests after it.
func (a *app) logs(ctx context.Context, s *session, arg string, r logsRequest) error {
	f, err := lookupFunction(ctx, s, arg)
	if err != nil {
		return err
	}

	asked := s.clock.Now()
	query := r.query
	if r.follow {
		query.Order = "desc" // the newest lines, printed oldest first
	}
	history, err := fetchHistory(ctx, s.client, f.ID, query, r.lines)
	if err != nil {
		return fmt.Errorf("logs of %s: %w", model.Sanitize(f.Name), err)
	}
	if r.follow {
		slices.Reverse(history)
	}

	p := a.printer(s, r.json)
	out := newRequestWriter(p, history)
	if err := out.header(); err != nil {
		return err
	}
	for _, req := range history {
		if err := out.request(req); err != nil {
			return err
		}
	}
	if !r.follow {
		return nil
	}
	since := followFrom(history, r.query.Start, asked)
	return a.follow(ctx, s, out, f, r.query, since, printedIDs(history, since))
}

// fetchHistory reads up to lines requests, a page of at most 1000 at a
// time.
func fetchHistory(ctx context.Context, c *api.Client, id string, q api.LogQuery,
	lines int) ([]api.Request, error) {
	q.PageSize = min(lines, maxPageSize)
	var requests []api.Request
	for q.Page = 1; len(requests) < lines; q.Page++ {
		page, err := c.Logs(ctx, id, q)
		if err != nil {
			return nil, err
		}
		requests = append(requests, page.Requests...)
		if len(page.Requests) < q.PageSize || q.Page >= page.Pagination.TotalPages {
			break
		}
	}
	return requests[:min(len(requests), lines)], nil
}

// requestWriter prints requests as table rows or JSON lines.
type requestWriter struct {
	p     *printer
	table *table
}

func newRequestWriter(p *printer, history []api.Request) *requestWriter {
	t := newTable(column{title: "TIME"}, column{title: "METHOD"},
		column{title: "STATUS", right: true}, column{title: "DURATION", right: true},
		column{title: "MEMORY", right: true}, column{title: "LEVEL"}, column{title: "PATH"},
		column{title: "MESSAGE"})
	w := &requestWriter{p: p, table: t}

	rows := make([][]cell, 0, len(history))
	for _, req := range history {
		rows = append(rows, w.row(model.NewEntry(req)))
	}
	t.fit(rows)
	return w
}

// header writes the table's header; JSON has none.
func (w *requestWriter) header() error {
	if w.p.json {
		return nil
	}
	return w.table.header(w.p)
}

// request writes one request.
func (w *requestWriter) request(req api.Request) error {
	if w.p.json {
		return w.p.rawLine(req.Raw, req)
	}
	return w.table.row(w.p, w.row(model.NewEntry(req)))
}

// row is a request's table row; NewEntry has made its text safe.
func (w *requestWriter) row(e *model.Entry) []cell {
	p := w.p
	level := strings.ToUpper(string(e.Level))
	if level == "" {
		level = model.UnknownText
	}
	return []cell{
		{text: p.time(e.Start, timeLayoutMilli)},
		{text: e.Method},
		{text: fmt.Sprint(e.StatusCode), style: p.style(p.styles.HTTPStatus(e.StatusCode)),
			styled: true},
		{text: model.FormatMs(model.KnownFigure(float64(e.Duration) / float64(time.Millisecond)))},
		{text: model.FormatMB(model.KnownFigure(e.MemoryMB))},
		{text: level, style: p.style(p.styles.Level(e.Level)), styled: e.Level != ""},
		{text: e.Path},
		{text: e.Summary},
	}
}
