package sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The paths a function answers, one or more per kind of request; the
// records of content.go use the same ones.
const (
	pathICE          = "/ice"
	pathACE          = "/ace"
	pathDICE         = "/dice"
	pathPIE          = "/pie"
	pathRecording    = "/recording"
	pathSMS          = "/webhooks/sms"
	pathConversation = "/webhooks/conversation"
	pathVerifyStart  = "/verify/start"
	pathVerifyStatus = "/verify/status"
	pathHealth       = "/health"
)

// staticPaths are the pages and assets of a function that serves some.
var staticPaths = []string{"/", "/assets/menu.json", "/docs"}

// routeKinds maps a path to the kind of request it takes.
var routeKinds = map[string]kind{
	pathICE: kindICE, pathACE: kindACE, pathDICE: kindDICE, pathPIE: kindPIE,
	pathRecording: kindRecording, pathSMS: kindSMS, pathConversation: kindWhatsApp,
	pathVerifyStart: kindOTP, pathVerifyStatus: kindOTP, pathHealth: kindHealth,
}

// maxInvocationBody bounds the request body a function reads.
const maxInvocationBody = 1 << 20

// tagInvoke is the hash domain of the draws that shape a function's answer.
const tagInvoke = 0x696e766f6b65

// answerType is the content type of a function's answers, as its records
// show it.
const answerType = "application/json; charset=utf-8"

// serveFunction answers a request to the function id names, sent to its
// own host on the simulator, as the function would: any path, any method,
// no token (a function's callers do not hold the operations API's), and no
// rate limit counts it. An unknown function is 404, a Stopped or Failed one 503,
// a path the function has no handler for 404, a body that is not JSON
// where JSON is due 400. The answer follows from the request: the same
// request always gets the same answer. It is not added to the history.
func (s *Server) serveFunction(w http.ResponseWriter, r *http.Request, id string) {
	f, ok := s.project.byID[id]
	if !ok {
		writeError(w, http.StatusNotFound, "not_found",
			fmt.Sprintf("no function %q is served here", id))
		return
	}
	s.limits.invoked()

	now := s.clock.Now()
	if status, _ := f.statusAt(now); status == "Stopped" || status == "Failed" {
		message := fmt.Sprintf("function %s is %s", f, status)
		if failure := f.errorText(now); failure != "" {
			message += ": " + failure
		}
		writeError(w, http.StatusServiceUnavailable, "unavailable", message)
		return
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInvocationBody))
	if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body exceeds %d bytes", maxInvocationBody))
		return
	} else if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "the body could not be read")
		return
	}

	path := r.URL.Path
	if path == "" {
		path = "/"
	}
	kd, ok := f.route(path)
	if !ok {
		writeError(w, http.StatusNotFound, "not_found",
			fmt.Sprintf("no handler for %s %s", r.Method, path))
		return
	}
	inv := invocation{method: r.Method, path: path, query: r.URL.RawQuery, body: body, at: now}
	code, answer := s.invoke(f, kd, inv)
	w.Header().Set("Content-Type", answerType)
	w.WriteHeader(code)
	_, _ = io.WriteString(w, answer) // a caller that left needs no answer
}

// functionAtHost returns the function ID, in upper case, that a request's
// host names when it is fn-<functionID>.localhost, with or without a port
// and in any case, as host names go; ok is false for any other host.
func functionAtHost(host string) (id string, ok bool) {
	if name, _, err := net.SplitHostPort(host); err == nil {
		host = name
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	label, ok := strings.CutSuffix(host, localDomain)
	if !ok {
		return "", false
	}
	id, ok = strings.CutPrefix(label, labelPrefix)
	return strings.ToUpper(id), ok
}

// route finds the kind of request f takes at path.
func (f *function) route(path string) (kind, bool) {
	kd, ok := routeKinds[path]
	if !ok && slices.Contains(staticPaths, path) {
		kd, ok = kindStatic, true
	}
	if !ok {
		return 0, false
	}
	for _, kw := range f.kinds {
		if kw.kind == kd {
			return kd, true
		}
	}
	return 0, false
}

// invocation is one request to a function's own URL.
type invocation struct {
	method, path string
	query        string // raw, as sent
	body         []byte
	at           time.Time
}

// digest hashes everything of the request that its answer may depend on.
func (inv invocation) digest() uint64 {
	h := fnv.New64a()
	for _, part := range []string{inv.method, inv.path, inv.query} {
		_, _ = io.WriteString(h, part) // a hash's Write never fails
		_, _ = h.Write([]byte{0})
	}
	_, _ = h.Write(inv.body)
	return h.Sum64()
}

// callbackFields are the fields of a request body that an answer uses;
// all are optional.
type callbackFields struct {
	CallID string `json:"callid"`
	CLI    string `json:"cli"`
	From   string `json:"from"`
	Method string `json:"method"`
}

// invoke writes f's answer of kind kd to inv: a status code and a JSON body,
// SVAML for a voice callback.
func (s *Server) invoke(f *function, kd kind, inv invocation) (int, string) {
	var fields callbackFields
	if takesJSON(kd, inv.path) && len(inv.body) > 0 {
		if json.Unmarshal(inv.body, &fields) != nil {
			// Valid JSON of another shape (an array, say) leaves fields empty.
			if !json.Valid(inv.body) {
				return http.StatusBadRequest, `{"error":"Bad Request"}`
			}
		}
	}
	d := draws{state: hash4(uint64(s.cfg.Seed), tagInvoke, uint64(f.index), inv.digest())}

	if kd == kindOTP {
		return verificationAnswer(inv, fields, &d)
	}
	c := call{from: callerOf(fields), to: serviceNumber(f), callID: fields.CallID,
		at: inv.at.UTC().Format(timeLayout)}
	if c.from == "" {
		c.from = phone(&d)
	}
	if !plainToken(c.callID, 64) {
		c.callID = d.hex(16)
	}
	c.ref = ulid(uint64(inv.at.UnixMilli())<<16|d.next()>>48, d.next())
	return http.StatusOK, scriptFor(f, summary{kind: kd, status: http.StatusOK}, c, &d).respBody
}

// takesJSON reports whether requests of kind kd at path carry a JSON body.
func takesJSON(kd kind, path string) bool {
	switch kd {
	case kindHealth, kindStatic:
		return false
	case kindOTP:
		return path == pathVerifyStart
	}
	return true
}

// verificationAnswer answers the verification API of an OTP function:
// starting one, or its status by ?id=.
func verificationAnswer(inv invocation, fields callbackFields, d *draws) (int, string) {
	if inv.path == pathVerifyStatus {
		q, _ := url.ParseQuery(inv.query) // keeps the pairs it could read
		id := q.Get("id")
		if !plainToken(id, 32) {
			return http.StatusBadRequest, `{"error":"Bad Request","message":"id is missing"}`
		}
		return http.StatusOK, fmt.Sprintf(`{"id":%s,"status":"SUCCESSFUL"}`, quote(id))
	}

	method := fields.Method
	if method != "sms" && method != "flashcall" && method != "callout" {
		method = "sms"
	}
	return http.StatusOK, fmt.Sprintf(`{"id":"%s","status":"PENDING","method":"%s"}`,
		d.digits(10), method)
}

// callerOf is the caller's number from a callback body, "" unless it looks
// like one: the answer quotes it into SVAML.
func callerOf(fields callbackFields) string {
	for _, n := range []string{fields.CLI, fields.From} {
		if phoneNumber(n) {
			if !strings.HasPrefix(n, "+") {
				n = "+" + n
			}
			return n
		}
	}
	return ""
}

// phoneNumber reports whether s is an E.164 number, with or without its +.
func phoneNumber(s string) bool {
	digits := strings.TrimPrefix(s, "+")
	if len(digits) < 6 || len(digits) > 15 {
		return false
	}
	return strings.Trim(digits, "0123456789") == ""
}

// plainToken reports whether s is 1 to limit letters and digits: an ID fit
// to copy into an answer.
func plainToken(s string, limit int) bool {
	if s == "" || len(s) > limit {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
