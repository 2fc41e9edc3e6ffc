package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/launchdarkly/eventsource"
)

// Stream tuning. The reconnect delay doubles from streamBackoff up to
// streamMaxBackoff, with jitter; a server's Retry-After wins when longer.
const (
	defaultStreamBuffer = 256
	maxStreamBuffer     = 1 << 16
	defaultHeartbeat    = 45 * time.Second // three of the API's 15 s heartbeats
	streamBackoff       = 500 * time.Millisecond
	streamMaxBackoff    = 30 * time.Second
	streamHealthy       = time.Minute      // a connection this old resets the backoff
	resumeMargin        = time.Millisecond // a resume replays the last request's millisecond
	maxResumeIDs        = 1 << 16          // IDs remembered for dropping repeats
	maxEventBytes       = 8 << 20          // longest line of the event stream
	maxErrorBody        = 64 << 10         // error answers read from a stream endpoint
)

// errStreamClosed is the cause of a stream ended by Close.
var errStreamClosed = errors.New("stream closed")

// errHeartbeat is the cause of a connection that went silent.
var errHeartbeat = errors.New("no data or heartbeat from the server")

// StreamOptions select what a stream delivers.
type StreamOptions struct {
	// Since replays the requests that started after it, then goes live.
	// Zero means only requests from now on.
	Since time.Time
	// Level keeps requests with a console line at this level or above.
	Level Level
	// Buffer is the capacity of Requests(); zero means 256.
	Buffer int
	// HeartbeatTimeout ends a connection that stays silent this long (wall
	// time) and reconnects; zero means 45 s, three missed heartbeats.
	HeartbeatTimeout time.Duration
}

// Phase is where a stream is in its life.
type Phase int

// The phases of a stream.
const (
	// PhaseConnecting: a connection is being opened.
	PhaseConnecting Phase = iota
	// PhaseLive: connected; requests arrive as they happen.
	PhaseLive
	// PhaseReconnecting: the connection was lost; the next try is scheduled.
	PhaseReconnecting
	// PhaseClosed: the stream has ended for good.
	PhaseClosed
)

// String names the phase.
func (p Phase) String() string {
	switch p {
	case PhaseConnecting:
		return "connecting"
	case PhaseLive:
		return "live"
	case PhaseReconnecting:
		return "reconnecting"
	case PhaseClosed:
		return "closed"
	}
	return fmt.Sprintf("phase(%d)", int(p))
}

// StreamState reports a stream's health.
type StreamState struct {
	// Phase is where the stream is.
	Phase Phase
	// Attempt counts the reconnect tries since the last good connection.
	Attempt int
	// NextTry is when the next reconnect try starts (reconnecting only).
	NextTry time.Time
	// Err is the last error: why the connection was lost, the last event
	// that was skipped as malformed, or why the stream closed (nil when
	// Close ended it).
	Err error
	// Delivered counts the requests handed to the consumer.
	Delivered int64
	// Skipped counts the malformed events skipped.
	Skipped int
}

// Stream delivers a function's requests as they happen, over Server-Sent
// Events. It reconnects on its own, resuming where it left off so that the
// consumer sees every request once, in order. Close it when done.
type Stream struct {
	client     *Client
	functionID string
	endpoint   string
	path       string
	opts       StreamOptions

	ctx      context.Context
	cancel   context.CancelCauseFunc
	release  func()
	done     chan struct{}
	requests chan Request
	states   chan StreamState

	delivered atomic.Int64

	mu    sync.Mutex
	state StreamState

	// Owned by the run goroutine.
	resume    resumeSet
	firstSeen time.Time // clock reading when the stream was opened
	dialed    bool      // a connection has been tried
	rng       *rand.Rand
}

// Stream opens a stream of functionID's requests. It takes one of the
// project's stream slots until the stream closes, and fails at once when
// none is free, when the API refuses the stream (401 after a fresh token,
// 403, 404, 400, or 429 with all slots taken elsewhere) or when the
// credentials are refused. A first connection that fails for another reason
// is retried in the background. ctx bounds the stream's whole life.
func (c *Client) Stream(
	ctx context.Context, functionID string, opts StreamOptions,
) (*Stream, error) {
	path, err := functionPath(functionID, "/logs/stream")
	if err != nil {
		return nil, err
	}
	release, err := c.budget.AcquireStream()
	if err != nil {
		return nil, fmt.Errorf("api: stream of function %s refused: %w", functionID, err)
	}

	s := newStream(c, functionID, path, opts, release)
	s.ctx, s.cancel = context.WithCancelCause(ctx)
	s.firstSeen = c.clock.Now()
	s.publish(StreamState{Phase: PhaseConnecting})

	conn, err := s.connect()
	if err != nil && (fatal(err) || errors.Is(err, ErrRateLimited) || s.ctx.Err() != nil) {
		s.cancel(errStreamClosed)
		release()
		return nil, fmt.Errorf("api: opening the stream of function %s: %w", functionID, err)
	}

	go s.run(conn, err)
	return s, nil
}

func newStream(c *Client, id, path string, opts StreamOptions, release func()) *Stream {
	if opts.Buffer <= 0 {
		opts.Buffer = defaultStreamBuffer
	}
	opts.Buffer = min(opts.Buffer, maxStreamBuffer)
	if opts.HeartbeatTimeout <= 0 {
		opts.HeartbeatTimeout = defaultHeartbeat
	}
	return &Stream{
		client:     c,
		functionID: id,
		endpoint:   "GET " + path,
		path:       path,
		opts:       opts,
		release:    release,
		done:       make(chan struct{}),
		requests:   make(chan Request, opts.Buffer),
		states:     make(chan StreamState, 1),
		resume:     newResumeSet(resumeMargin, maxResumeIDs),
		rng:        rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
}

// FunctionID returns the function whose requests the stream delivers.
func (s *Stream) FunctionID() string { return s.functionID }

// Requests returns the channel of delivered requests. It is closed when the
// stream ends. A consumer that falls behind slows the stream down; nothing
// is dropped.
func (s *Stream) Requests() <-chan Request { return s.requests }

// States returns a channel holding the latest state; older states that were
// not read are replaced. It is closed after the closed state.
func (s *Stream) States() <-chan StreamState { return s.states }

// State returns the current state.
func (s *Stream) State() StreamState {
	s.mu.Lock()
	defer s.mu.Unlock()

	st := s.state
	st.Delivered = s.delivered.Load()
	return st
}

// Done returns a channel closed once the stream has ended and released
// everything it held.
func (s *Stream) Done() <-chan struct{} { return s.done }

// Err returns why the stream ended: nil while it runs or when Close ended it.
func (s *Stream) Err() error {
	select {
	case <-s.done:
		return s.State().Err
	default:
		return nil
	}
}

// Close ends the stream and waits until its goroutines have returned and
// its stream slot is free. It is safe to call more than once.
func (s *Stream) Close() {
	s.cancel(errStreamClosed)
	<-s.done
}

// publish records st as the current state and offers it on States,
// replacing a state nobody read. It never blocks.
func (s *Stream) publish(st StreamState) {
	s.mu.Lock()
	defer s.mu.Unlock()

	st.Skipped = s.state.Skipped
	st.Delivered = s.delivered.Load()
	s.state = st
	select {
	case <-s.states:
	default:
	}
	s.states <- st
}

// skip reports a malformed event; the stream goes on.
func (s *Stream) skip(err error) {
	s.client.logger.Warn("stream event skipped", "function", s.functionID, "error", err)

	s.mu.Lock()
	s.state.Skipped++
	st := s.state
	s.mu.Unlock()

	st.Err = err
	s.publish(st)
}

// run reads connections until the stream ends, reconnecting in between.
func (s *Stream) run(conn *connection, lastErr error) {
	defer s.finish()

	attempt := 0
	for {
		if conn != nil {
			attempt = 0
			s.publish(StreamState{Phase: PhaseLive})
			healthy, err := s.read(conn)
			lastErr = err
			if s.ctx.Err() != nil {
				return
			}
			if !healthy {
				attempt = 1
			}
			s.client.logger.Info("stream connection lost", "function", s.functionID,
				"error", lastErr)
		}

		attempt++
		delay := s.delay(attempt, lastErr)
		next := s.client.clock.Now().Add(delay)
		s.publish(StreamState{Phase: PhaseReconnecting, Attempt: attempt, NextTry: next, Err: lastErr})
		select {
		case <-s.client.clock.After(delay):
		case <-s.ctx.Done():
			return
		}

		s.publish(StreamState{Phase: PhaseConnecting, Attempt: attempt, Err: lastErr})
		conn, lastErr = s.connect()
		if lastErr != nil && (fatal(lastErr) || s.ctx.Err() != nil) {
			s.cancel(lastErr)
			return
		}
	}
}

// finish releases the slot, reports the closed state and closes the
// channels. It runs once, when run returns.
func (s *Stream) finish() {
	reason := context.Cause(s.ctx)
	if reason == errStreamClosed {
		reason = nil
	}
	s.cancel(errStreamClosed)
	s.release()

	s.publish(StreamState{Phase: PhaseClosed, Err: reason})
	close(s.states)
	close(s.requests)
	close(s.done)
}

// delay returns how long to wait before reconnect try attempt: nothing for
// the first try after a good connection, then doubling with jitter, and at
// least the Retry-After the server asked for.
func (s *Stream) delay(attempt int, lastErr error) time.Duration {
	var d time.Duration
	if attempt > 1 {
		d = streamBackoff << min(attempt-2, 8)
		d = min(d, streamMaxBackoff)
		d = d/2 + time.Duration(s.rng.Int64N(int64(d/2)+1))
	}

	var apiErr *Error
	if errors.As(lastErr, &apiErr) {
		d = max(d, apiErr.RetryAfter)
	}
	return d
}

// fatal reports whether an error ends the stream rather than a connection:
// refused credentials, and every 4xx but 429 and 408.
func fatal(err error) bool {
	if errors.Is(err, ErrUnauthorized) {
		return true
	}
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return false
	}
	code := apiErr.StatusCode
	return code/100 == 4 && code != http.StatusTooManyRequests && code != http.StatusRequestTimeout
}

// connection is one open event-stream answer.
type connection struct {
	resp   *http.Response
	cancel context.CancelCauseFunc
	ctx    context.Context
	opened time.Time
}

// connect opens one connection with a token, renewing the token once when
// the API refuses it.
func (s *Stream) connect() (*connection, error) {
	for refreshed := false; ; refreshed = true {
		token, err := s.token()
		if err != nil {
			return nil, err
		}

		conn, err := s.dial(token)
		if err == nil {
			return conn, nil
		}

		var apiErr *Error
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized {
			s.client.auth.invalidate(token)
			if !refreshed {
				continue
			}
			return nil, s.client.refusedCredentials(apiErr)
		}
		return nil, err
	}
}

// token returns a bearer token, bounded by the client's call timeout.
func (s *Stream) token() (string, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.client.timeout)
	defer cancel()
	return s.client.auth.bearer(ctx)
}

// dial sends the stream request and waits, up to the client's call
// timeout, for the answer's headers.
func (s *Stream) dial(token string) (*connection, error) {
	ctx, cancel := context.WithCancelCause(s.ctx)
	timer := time.AfterFunc(s.client.timeout, func() {
		cancel(fmt.Errorf("no answer within %s", s.client.timeout))
	})

	resp, err := s.send(ctx, token)
	if !timer.Stop() {
		if err == nil {
			_ = resp.Body.Close()
		}
		err = context.Cause(ctx)
	}
	if err != nil {
		cancel(nil)
		return nil, fmt.Errorf("api: %s: %w", s.endpoint, s.client.cleanTransportError(err))
	}

	if err := s.checkAnswer(resp); err != nil {
		_ = resp.Body.Close()
		cancel(nil)
		return nil, err
	}
	return &connection{resp: resp, cancel: cancel, ctx: ctx, opened: s.client.clock.Now()}, nil
}

// send issues the GET of the event stream.
func (s *Stream) send(ctx context.Context, token string) (*http.Response, error) {
	query := url.Values{}
	if since := s.since(); !since.IsZero() {
		query.Set("since", formatTime(since))
	}
	s.dialed = true
	if s.opts.Level != "" {
		query.Set("level", strings.ToLower(string(s.opts.Level)))
	}

	target := s.client.endpointURL(s.path, query)
	req, err := newRequest(ctx, target, token, "text/event-stream")
	if err != nil {
		return nil, err
	}
	req.Header.Set("Cache-Control", "no-cache")
	return s.client.stream.Do(req)
}

// since returns where the next connection starts: just before the last
// delivered request, else the caller's Since, else the first connection.
func (s *Stream) since() time.Time {
	if at, ok := s.resume.since(); ok {
		return at
	}
	if !s.opts.Since.IsZero() {
		return s.opts.Since
	}
	if s.dialed {
		return s.firstSeen
	}
	return time.Time{}
}

// checkAnswer turns a non-200 or non-event-stream answer into an error.
func (s *Stream) checkAnswer(resp *http.Response) error {
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return s.client.apiError(s.endpoint, resp, body)
	}

	contentType := resp.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(contentType)
	if media != "text/event-stream" {
		return fmt.Errorf("api: %s: answered with %s, not an event stream (a proxy in the way?)",
			s.endpoint, contentTypeText(contentType))
	}
	return nil
}

// read delivers the requests of one connection until it ends. healthy says
// whether the connection was worth resetting the backoff for.
func (s *Stream) read(conn *connection) (healthy bool, err error) {
	watch := newWatchdog(s.opts.HeartbeatTimeout, func() { conn.cancel(errHeartbeat) })
	body := &streamBody{r: conn.resp.Body, watch: watch, max: maxEventBytes}
	decoder := eventsource.NewDecoder(body)

	fresh, ended := 0, false
	defer func() {
		watch.stop()
		conn.cancel(nil)
		_ = conn.resp.Body.Close()
		if !ended {
			drainDecoder(decoder)
		}
		lasted := s.client.clock.Now().Sub(conn.opened)
		healthy = fresh > 0 || lasted >= streamHealthy
	}()

	for {
		event, err := decoder.Decode()
		if err != nil || event == nil {
			ended = true
			return false, s.readError(conn, err)
		}

		request, ok := s.parse(event)
		if !ok || !s.resume.admit(request) {
			continue
		}

		watch.pause()
		select {
		case s.requests <- request:
		case <-s.ctx.Done():
			return false, context.Cause(s.ctx)
		}
		watch.resume()

		s.resume.add(request)
		s.delivered.Add(1)
		fresh++
	}
}

// readError explains why a connection's reading ended.
func (s *Stream) readError(conn *connection, err error) error {
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	if cause := context.Cause(conn.ctx); cause != nil {
		err = cause
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("api: %s: the server ended the stream", s.endpoint)
	}
	return fmt.Errorf("api: %s: %w", s.endpoint, s.client.cleanTransportError(err))
}

// parse decodes one event into a request. Events without data (a retry
// field alone) and of other types are passed over; malformed ones are
// reported and passed over.
func (s *Stream) parse(event eventsource.Event) (Request, bool) {
	data := event.Data()
	if strings.TrimSpace(data) == "" {
		return Request{}, false
	}
	if name := event.Event(); name != "" && name != "request" && name != "message" {
		return Request{}, false
	}

	var request Request
	if err := json.Unmarshal([]byte(data), &request); err != nil {
		if len(data) >= maxEventBytes-len("data: ") {
			s.skip(fmt.Errorf("api: %s: event %q skipped: larger than the %d MiB an event may be",
				s.endpoint, cleanText(event.Id()), maxEventBytes>>20))
			return Request{}, false
		}
		s.skip(fmt.Errorf("api: %s: malformed event %q skipped: %w",
			s.endpoint, cleanText(event.Id()), err))
		return Request{}, false
	}
	if request.ID == "" || request.StartTime.IsZero() {
		s.skip(fmt.Errorf("api: %s: event %q skipped: a request needs an id and a startTime",
			s.endpoint, cleanText(event.Id())))
		return Request{}, false
	}
	return request, true
}

// drainDecoder reads the decoder dry so that its reading goroutine, which
// hands over one line at a time, can return. The goroutine ends with the
// first error; Decode must not be called after it (it would then return
// nothing or spin on closed channels).
func drainDecoder(d *eventsource.Decoder) {
	for {
		if event, err := d.Decode(); err != nil || event == nil {
			return
		}
	}
}

// streamBody feeds the decoder: it tells the watchdog about every read and
// keeps each event within max bytes. The decoder would buffer an event of
// any size whole, so the part of an event beyond max is dropped here: the
// event reaches the decoder cut short, fails to decode, and is skipped and
// reported like any malformed event, while the events after it flow on.
type streamBody struct {
	r     io.Reader
	watch *watchdog
	max   int

	event     int  // bytes of the current event passed on
	lineLen   int  // bytes of the current line read
	lineKept  int  // bytes of the current line passed on
	afterCR   bool // the last byte read was a carriage return
	keptBreak bool // the last line break was passed on
}

// Read reads from the answer body, dropping what exceeds the event limit.
func (b *streamBody) Read(p []byte) (int, error) {
	for {
		n, err := b.r.Read(p)
		if n > 0 {
			b.watch.touch()
		}
		kept := b.limit(p[:n])
		if kept > 0 || n == 0 || err != nil {
			return kept, err
		}
		// All of it belonged to an event past its limit: read on.
	}
}

// limit compacts p in place to the bytes that keep the current event within
// max, and returns how many it kept. Line breaks of a line that kept nothing
// are dropped too, except for the blank line that ends an event, so that a
// cut event never ends early.
func (b *streamBody) limit(p []byte) int {
	w := 0
	for _, c := range p {
		if c != '\r' && c != '\n' {
			b.afterCR = false
			b.lineLen++
			if b.event < b.max {
				p[w] = c
				w++
				b.event++
				b.lineKept++
			}
			continue
		}

		crlf := c == '\n' && b.afterCR
		b.afterCR = c == '\r'
		if crlf {
			if b.keptBreak {
				p[w] = c
				w++
			}
			continue
		}
		blank := b.lineLen == 0
		if blank || b.lineKept > 0 {
			p[w] = c
			w++
		}
		if blank {
			b.event = 0
		}
		b.keptBreak = blank || b.lineKept > 0
		b.lineLen, b.lineKept = 0, 0
	}
	return w
}

// watchdog calls fire when no data has arrived for timeout (wall time),
// except while paused, which it is while the consumer takes a request.
type watchdog struct {
	timeout time.Duration
	fire    func()

	mu      sync.Mutex
	timer   *time.Timer
	last    time.Time
	paused  bool
	stopped bool
}

func newWatchdog(timeout time.Duration, fire func()) *watchdog {
	w := &watchdog{timeout: timeout, fire: fire, last: time.Now()}
	w.mu.Lock()
	w.timer = time.AfterFunc(timeout, w.check)
	w.mu.Unlock()
	return w
}

// check runs when the timer fires: it fires the watchdog or re-arms it.
func (w *watchdog) check() {
	w.mu.Lock()
	defer w.mu.Unlock()

	if w.stopped {
		return
	}
	if w.paused {
		w.timer.Reset(w.timeout)
		return
	}
	if idle := time.Since(w.last); idle < w.timeout {
		w.timer.Reset(w.timeout - idle)
		return
	}
	w.stopped = true
	w.fire()
}

// touch records that data arrived.
func (w *watchdog) touch() {
	w.mu.Lock()
	w.last = time.Now()
	w.mu.Unlock()
}

// pause stops the watchdog from firing while the consumer is slow.
func (w *watchdog) pause() {
	w.mu.Lock()
	w.paused = true
	w.mu.Unlock()
}

// resume counts silence again from now.
func (w *watchdog) resume() {
	w.mu.Lock()
	w.paused = false
	w.last = time.Now()
	w.mu.Unlock()
}

// stop disarms the watchdog for good.
func (w *watchdog) stop() {
	w.mu.Lock()
	w.stopped = true
	w.timer.Stop()
	w.mu.Unlock()
}

// resumeSet remembers the delivered requests near the resume point so that
// a reconnect, which replays from a little before the last request, drops
// what was delivered already.
type resumeSet struct {
	margin time.Duration
	max    int
	last   time.Time // start of the latest delivered request
	floor  time.Time // requests starting before it were all delivered
	ids    map[string]struct{}
	order  []seenRequest // delivery order, oldest first
}

// seenRequest is one remembered delivery.
type seenRequest struct {
	id    string
	start time.Time
}

func newResumeSet(margin time.Duration, max int) resumeSet {
	return resumeSet{margin: margin, max: max, ids: make(map[string]struct{})}
}

// since returns the since of the next connection, once anything has been
// delivered.
func (r *resumeSet) since() (time.Time, bool) {
	if r.last.IsZero() {
		return time.Time{}, false
	}
	return r.last.Add(-r.margin), true
}

// admit reports whether request is new to the consumer.
func (r *resumeSet) admit(request Request) bool {
	if !r.floor.IsZero() && request.StartTime.Before(r.floor) {
		return false
	}
	_, seen := r.ids[request.ID]
	return !seen
}

// add records a delivered request and forgets those the next resume will
// not replay.
func (r *resumeSet) add(request Request) {
	if request.StartTime.After(r.last) {
		r.last = request.StartTime
	}
	r.ids[request.ID] = struct{}{}
	r.order = append(r.order, seenRequest{id: request.ID, start: request.StartTime})

	if floor := r.last.Add(-r.margin); floor.After(r.floor) {
		r.floor = floor
	}
	n := 0
	for n < len(r.order) && (r.order[n].start.Before(r.floor) || len(r.order)-n > r.max) {
		if !r.order[n].start.Before(r.floor) {
			r.floor = r.order[n].start.Add(time.Nanosecond)
		}
		delete(r.ids, r.order[n].id)
		n++
	}
	r.order = r.order[n:]
}
