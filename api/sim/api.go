package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rate limit groups.
const (
	groupRead   = "read"
	groupLogs   = "logs"
	groupStream = "stream"
)

// route is a parsed API path.
type route struct {
	project  string
	function string // "" for project-wide endpoints
	endpoint string // functions, status, logs, stream, metrics, costs, billing
}

func (rt route) group() string {
	switch rt.endpoint {
	case "logs":
		return groupLogs
	case "stream":
		return groupStream
	}
	return groupRead
}

// parseRoute recognises the documented paths, exactly (no trailing slash).
func parseRoute(path string) (route, bool) {
	rest, ok := strings.CutPrefix(path, "/v1/projects/")
	if !ok {
		return route{}, false
	}
	parts := strings.Split(rest, "/")
	if slices.Contains(parts, "") {
		return route{}, false
	}
	rt := route{project: parts[0]}
	switch {
	case len(parts) == 2 && parts[1] == "functions":
		rt.endpoint = "functions"
	case len(parts) == 3 && parts[1] == "billing" && parts[2] == "current":
		rt.endpoint = "billing"
	case len(parts) == 4 && parts[1] == "functions":
		switch parts[3] {
		case "status", "logs", "metrics", "costs":
			rt.function, rt.endpoint = parts[2], parts[3]
		default:
			return route{}, false
		}
	case len(parts) == 5 && parts[1] == "functions" && parts[3] == "logs" && parts[4] == "stream":
		rt.function, rt.endpoint = parts[2], "stream"
	default:
		return route{}, false
	}
	return rt, true
}

// serveAPI checks, in order: the method (405), the token (401), the route
// (404), the rate limit (429, counted from here on), the project and
// function (404), an injected fault (500/503) and the query (400).
//
// Every authenticated request to a known route counts toward its group,
// whatever it is answered, except 429s: a client that polls badly-formed
// URLs spends its budget like any other, and a refused request costs
// nothing, so a client backing off is not punished for asking.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
			r.Method+" is not allowed; the operations API is read-only (GET)")
		return
	}
	if !s.authorized(w, r) {
		return
	}
	rt, ok := parseRoute(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path)
		return
	}
	if rt.endpoint == "stream" {
		s.serveStream(w, r, rt)
		return
	}

	group := rt.group()
	if ok, retry := s.limits.admit(group, s.clock.Now()); !ok {
		writeLimited(w, retry, limitDetail(group))
		return
	}
	f, ok := s.resolve(w, rt)
	if !ok {
		return
	}
	if s.injectFault(w) {
		s.limits.failed(group)
		return
	}
	s.dispatch(w, r, rt, f)
}

func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, rt route, f *function) {
	q := r.URL.Query()
	switch rt.endpoint {
	case "functions":
		s.serveList(w)
	case "status":
		s.serveStatus(w, f)
	case "logs":
		s.serveLogs(w, q, f)
	case "metrics":
		s.serveMetrics(w, q, f)
	case "costs":
		s.serveCosts(w, q, f)
	case "billing":
		s.serveBilling(w)
	}
}

// resolve checks the project and function of rt; on failure it has
// answered 404.
func (s *Server) resolve(w http.ResponseWriter, rt route) (*function, bool) {
	if rt.project != s.cfg.ProjectID {
		writeError(w, http.StatusNotFound, "not_found",
			fmt.Sprintf("project %s not found", rt.project))
		return nil, false
	}
	if rt.function == "" {
		return nil, true
	}
	f, ok := s.project.byID[rt.function]
	if !ok {
		writeError(w, http.StatusNotFound, "not_found",
			fmt.Sprintf("function %s not found in project %s", rt.function, rt.project))
		return nil, false
	}
	return f, true
}

// injectFault replaces the answer with a 500 or 503 for the configured
// share of API answers; it reports whether it did. Draws follow the seed
// and the count of answers, so a run is repeatable.
func (s *Server) injectFault(w http.ResponseWriter) bool {
	faults, _ := s.currentFaults()
	if faults.ErrorRate <= 0 {
		return false
	}
	d := draws{state: hash4(uint64(s.cfg.Seed), 0x6661756c74, s.answers.Add(1), 0)}
	if !d.chance(faults.ErrorRate) {
		return false
	}
	if d.chance(0.5) {
		writeError(w, http.StatusServiceUnavailable, "unavailable",
			"injected fault: the service is briefly unavailable")
		return true
	}
	writeError(w, http.StatusInternalServerError, "internal", "injected fault: internal error")
	return true
}

func limitDetail(group string) string {
	switch group {
	case groupLogs:
		return fmt.Sprintf("historical logs are limited to %d requests per 60 s per project",
			logsLimit)
	case groupStream:
		return fmt.Sprintf("at most %d log streams may be open at once per project", maxStreams)
	}
	return fmt.Sprintf("status, list, metrics and billing are limited to %d requests "+
		"per 60 s per project", readLimit)
}

// writeLimited answers 429 with a problem body and Retry-After in whole
// seconds, rounded up, at least 1.
func writeLimited(w http.ResponseWriter, retry time.Duration, detail string) {
	secs := max(1, int64(math.Ceil(retry.Seconds())))
	body, _ := json.Marshal(problemJSON{ // plain strings and ints always encode
		Type:   "https://developers.sinch.com/docs/functions/limits#rate-limits",
		Title:  "Too Many Requests",
		Status: http.StatusTooManyRequests,
		Detail: fmt.Sprintf("%s; retry in %d s", detail, secs),
	})
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write(append(body, '\n')) // a client that left needs no answer
}
