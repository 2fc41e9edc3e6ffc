package sim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// Server is the simulated operations API. It is an http.Handler; Start
// serves it on a local port.
type Server struct {
	cfg     Config
	clock   clock.Clock
	project *project
	gen     *generator
	tokens  *tokenStore
	limits  *limits

	mu      sync.Mutex
	faults  Faults
	changed chan struct{} // closed and replaced whenever the faults change
	active  int           // requests being served
	closed  bool
	idle    chan struct{} // closed once closed and no request is active

	done    chan struct{} // closed by Close
	answers atomic.Uint64 // API answers so far, for the error fault's draws
}

// New builds a simulator from cfg; zero fields take DefaultConfig's values
// (except Seed, Faults and Incidents, which are taken as given). It does not
// know the address it will be served at, so its function URLs are the
// vendor's whatever cfg.FunctionURLs says; Start and Listen know it.
func New(cfg Config) (*Server, error) {
	return newServer(cfg, "")
}

// newServer builds a simulator from cfg served at port (empty if unknown).
func newServer(cfg Config, port string) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	p := newProject(cfg.Seed, cfg.Clock.Now())
	if cfg.FunctionURLs == FunctionURLsSelf && port != "" {
		p.serveAt(port)
	}
	s := &Server{
		cfg:     cfg,
		clock:   cfg.Clock,
		project: p,
		gen:     newGenerator(cfg.Seed, p, cfg.Incidents),
		tokens:  newTokenStore(),
		limits:  newLimits(),
		changed: make(chan struct{}),
		idle:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	if err := s.SetFaults(cfg.Faults); err != nil {
		return nil, err
	}
	return s, nil
}

// SetFaults replaces the injected faults. A firehose named here starts now
// (and a running one on another function or at another rate ends now); the
// requests it already produced stay in the history.
func (s *Server) SetFaults(f Faults) error {
	if err := f.validate(); err != nil {
		return err
	}
	var target *function
	if f.FirehoseFunction != "" {
		target = s.project.lookup(f.FirehoseFunction)
		if target == nil {
			return fmt.Errorf("sim: firehose function %q not found in project %s",
				f.FirehoseFunction, s.cfg.ProjectID)
		}
		if f.FirehoseRate == 0 {
			f.FirehoseRate = DefaultFirehoseRate
		}
	}
	s.gen.setFirehose(target, int64(f.FirehoseRate), s.clock.Now)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}

// currentFaults returns the faults and a channel closed when they change.
func (s *Server) currentFaults() (Faults, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults, s.changed
}

// Close ends every open stream and waits until all requests in progress
// have returned. Requests arriving later are answered 503. Close the HTTP
// server serving s afterwards (Local.Close does both): an httptest.Server's
// Close waits for open streams, so it must come second.
func (s *Server) Close() {
	s.shutdown()
	<-s.idle
}

// shutdown tells every request in progress to finish, without waiting.
func (s *Server) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	close(s.done)
	if s.active == 0 {
		close(s.idle)
	}
}

func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.active++
	return true
}

func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active--
	if s.closed && s.active == 0 {
		close(s.idle)
	}
}

// Function is one function of the generated project as it stands at the
// simulator's current time.
type Function struct {
	ID        string
	Name      string
	Runtime   string
	Status    string
	Error     string // the failure of a Failed function, else empty
	URL       string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Functions lists the generated project's functions in ID order.
func (s *Server) Functions() []Function {
	now := s.clock.Now()
	out := make([]Function, 0, len(s.project.functions))
	for _, f := range s.project.functions {
		status, updated := f.statusAt(now)
		out = append(out, Function{
			ID: f.id, Name: f.name, Runtime: f.runtime, Status: status,
			Error: f.errorText(now), URL: f.url, CreatedAt: f.createdAt, UpdatedAt: updated,
		})
	}
	return out
}

// RequestsBetween returns every visible request of a function (ID or name)
// that started in [from, to), ascending, built one by one without any
// aggregate: the ground truth for tests. Keep the range small; it returns
// nil for an unknown function.
func (s *Server) RequestsBetween(functionID string, from, to time.Time) []Request {
	f := s.project.lookup(functionID)
	if f == nil {
		return nil
	}
	v := s.gen.snapshot(s.clock.Now)
	lo, hi := max(ceilMs(from), v.horizon()), min(ceilMs(to), v.visibleEnd())
	var out []Request
	s.gen.walkRange(&v, f, lo, hi, func(k key) bool {
		out = append(out, *s.gen.record(f, k))
		return true
	})
	return out
}

// ServeHTTP answers one request of the operations API, the token endpoint
// or, whatever its path, a function's when its host is the function's own
// name on the simulator, fn-<functionID>.localhost.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the simulator is closed")
		return
	}
	defer s.leave()

	faults, _ := s.currentFaults()
	if faults.Latency > 0 && !s.wait(r, faults.Latency) {
		return
	}

	if id, ok := functionAtHost(r.Host); ok {
		s.serveFunction(w, r, id)
		return
	}
	switch {
	case r.URL.Path == "/oauth2/token":
		s.serveToken(w, r)
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		s.serveAPI(w, r)
	default:
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path)
	}
}

// wait sleeps d on the simulator's clock; it reports false if the client
// left or the simulator closed meanwhile.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	select {
	case <-s.clock.After(d):
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		body = []byte(`{"error":"internal","message":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(append(body, '\n')) // a client that left needs no answer
}

func writeError(w http.ResponseWriter, code int, kind, message string) {
	writeJSON(w, code, errorJSON{Error: kind, Message: message})
}

// paramError is a query value the API refuses.
type paramError struct {
	param   string
	message string
}

func (e *paramError) Error() string { return e.message }

func writeParamError(w http.ResponseWriter, e *paramError) {
	writeJSON(w, http.StatusBadRequest, errorJSON{
		Error: "invalid_parameter", Parameter: e.param, Message: e.message,
	})
}
