package sim

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// One-valued query parameters, checked strictly. Each parser returns a
// *paramError naming the parameter.

// single returns the value of name; given twice, it is an error.
func single(q url.Values, name string) (string, bool, *paramError) {
	vals, ok := q[name]
	if !ok {
		return "", false, nil
	}
	if len(vals) > 1 {
		return "", false, &paramError{name, fmt.Sprintf("%s must be given once, got %d values",
			name, len(vals))}
	}
	return vals[0], true, nil
}

func parseTimeParam(q url.Values, name string) (time.Time, bool, *paramError) {
	raw, ok, perr := single(q, name)
	if perr != nil || !ok {
		return time.Time{}, false, perr
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return time.Time{}, false, &paramError{name, fmt.Sprintf(
			"%s must be an RFC 3339 time such as 2026-02-19T14:30:00Z, got %q", name, raw)}
	}
	return t, true, nil
}

func parseIntParam(q url.Values, name string, def, lo, hi int) (int, *paramError) {
	raw, ok, perr := single(q, name)
	if perr != nil || !ok {
		return def, perr
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		if hi == maxPage {
			return 0, &paramError{name, fmt.Sprintf("%s must be an integer >= %d, got %q",
				name, lo, raw)}
		}
		return 0, &paramError{name, fmt.Sprintf("%s must be %d..%d, got %q", name, lo, hi, raw)}
	}
	return n, nil
}

// maxPage keeps page × pageSize far from overflowing.
const maxPage = 1 << 31

// parseChoice returns the index of the value of name among choices, or def
// when it is absent.
func parseChoice(q url.Values, name string, def int, choices ...string) (int, *paramError) {
	raw, ok, perr := single(q, name)
	if perr != nil || !ok {
		return def, perr
	}
	for i, c := range choices {
		if raw == c {
			return i, nil
		}
	}
	return 0, &paramError{name, fmt.Sprintf("%s must be one of %v, got %q", name, choices, raw)}
}

// parseLevel returns the minimum console level asked for (levelNone if
// absent).
func parseLevel(q url.Values) (uint8, *paramError) {
	i, perr := parseChoice(q, "level", -1, "debug", "info", "warning", "error")
	if perr != nil {
		return 0, perr
	}
	return uint8(i + 1), nil
}

// parseLogQuery validates the historical logs parameters against a view.
func parseLogQuery(q url.Values, v view) (logQuery, *paramError) {
	lq := logQuery{hi: v.visibleEnd()}
	end, hasEnd, perr := parseTimeParam(q, "endTime")
	if perr != nil {
		return lq, perr
	}
	if hasEnd {
		lq.hi = ceilMs(end)
	}
	start, hasStart, perr := parseTimeParam(q, "startTime")
	if perr != nil {
		return lq, perr
	}
	lq.lo = lq.hi - int64(24*time.Hour/time.Millisecond)
	if hasStart {
		lq.lo = ceilMs(start)
	}
	if hasStart && hasEnd && start.After(end) {
		return lq, &paramError{"startTime", "startTime must not be after endTime"}
	}

	if lq.filter.minLevel, perr = parseLevel(q); perr != nil {
		return lq, perr
	}
	status, perr := parseChoice(q, "status", -1, "success", "redirect", "error")
	if perr != nil {
		return lq, perr
	}
	if status >= 0 {
		lq.filter.classes = 1 << status
	}
	search, _, perr := single(q, "search")
	if perr != nil {
		return lq, perr
	}
	lq.search = strings.ToLower(search)

	if lq.page, perr = parseIntParam(q, "page", 1, 1, maxPage); perr != nil {
		return lq, perr
	}
	if lq.size, perr = parseIntParam(q, "pageSize", 100, 1, 1000); perr != nil {
		return lq, perr
	}
	order, perr := parseChoice(q, "order", 1, "asc", "desc")
	lq.desc = order == 1
	return lq, perr
}
