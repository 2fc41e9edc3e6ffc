package sim

import (
	"bytes"
	"math"
	"net/http"
	"net/url"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// heartbeatEvery is the stream's keep-alive comment interval, on the
// simulator's clock.
const heartbeatEvery = 15 * time.Second

// flushAt is how much a burst of events already due may queue before it is
// written; events are never held back waiting for later ones, whatever the
// size: the queue is flushed before the stream sleeps.
const flushAt = 32 << 10

// writeTimeout bounds (in real time) how long one write to a stream's
// client may block, so that a client that stops reading cannot pin a
// handler forever.
const writeTimeout = 30 * time.Second

// serveStream answers GET .../logs/stream: the function's requests as
// Server-Sent Events, in start order, each once it is visible.
func (s *Server) serveStream(w http.ResponseWriter, r *http.Request, rt route) {
	f, ok := s.resolve(w, rt)
	if !ok {
		return
	}
	q := r.URL.Query()
	st, perr := s.newStream(q, f)
	if perr != nil {
		writeParamError(w, perr)
		return
	}
	if s.injectFault(w) {
		s.limits.streamFailed()
		return
	}
	if !s.limits.openStream() {
		writeLimited(w, streamRetryAfter*time.Second, limitDetail(groupStream))
		return
	}
	defer s.limits.closeStream()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	st.w = w
	st.rc = http.NewResponseController(w)
	if st.flush() != nil {
		return
	}
	st.run(r)
}

// stream is one open log stream.
type stream struct {
	s        *Server
	f        *function
	minLevel uint8
	cursor   key // the last request passed, sent or filtered out
	sent     int // events written on this connection

	w    http.ResponseWriter
	rc   *http.ResponseController
	buf  bytes.Buffer
	data []byte // the event being encoded
}

func (s *Server) newStream(q url.Values, f *function) (*stream, *paramError) {
	minLevel, perr := parseLevel(q)
	if perr != nil {
		return nil, perr
	}
	since, hasSince, perr := parseTimeParam(q, "since")
	if perr != nil {
		return nil, perr
	}
	// The cursor sorts after every request of its millisecond, so the
	// stream starts with the first request strictly after it.
	st := &stream{s: s, f: f, minLevel: minLevel}
	st.cursor = key{ms: ceilMs(s.clock.Now()) - 1, src: math.MaxUint8, k: math.MaxUint32}
	if hasSince {
		st.cursor.ms = floorDiv(since.UnixNano(), int64(time.Millisecond))
	}
	return st, nil
}

// run sends events until the client leaves, the simulator closes or a drop
// fault ends the stream.
func (st *stream) run(r *http.Request) {
	s := st.s
	nextBeat := s.clock.Now().Add(heartbeatEvery)
	for {
		faults, changed := s.currentFaults()
		v := s.gen.snapshot(s.clock.Now)
		if !st.sendVisible(r, &v, faults) {
			return
		}
		if !v.now.Before(nextBeat) {
			if st.write([]byte(": heartbeat\n\n")) != nil {
				return
			}
			for !v.now.Before(nextBeat) {
				nextBeat = nextBeat.Add(heartbeatEvery)
			}
		}

		wake := nextBeat
		if k, ok := st.next(&v, ceilMs(nextBeat)); ok {
			wake = time.UnixMilli(k.ms + 1) // visible once the clock passes its start
		}
		select {
		case <-st.alarm(wake):
		case <-changed:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// alarm returns a channel that receives once the clock passes wake.
//
// After counts from the clock's reading when it is called, so a duration
// worked out from an earlier reading would put the alarm late by as far as
// the clock moved in between, and a clock that then stops short of the late
// alarm would leave the stream asleep with events due. alarm therefore
// reads the clock on both sides of After and sets the alarm again if it
// moved. The wall clock always moves but its timer starts at the call, so
// its alarm is set once.
func (st *stream) alarm(wake time.Time) <-chan time.Time {
	c := st.s.clock
	_, wall := c.(clock.Real)
	for {
		now := c.Now()
		ch := c.After(wake.Sub(now))
		if wall || !now.Before(wake) || c.Now().Equal(now) {
			return ch
		}
	}
}

// sendVisible writes every visible request after the cursor; it reports
// false when the stream must end.
func (st *stream) sendVisible(r *http.Request, v *view, faults Faults) bool {
	lo := max(st.cursor.ms, v.horizon())
	alive := true
	st.s.gen.walkRange(v, st.f, lo, v.visibleEnd(), func(k key) bool {
		if !st.cursor.less(k) {
			return true
		}
		st.cursor = k
		if !st.wanted(k) {
			return true
		}
		st.send(k, faults)
		if st.closing(r) {
			alive = false
			return false
		}
		if st.buf.Len() >= flushAt && st.flush() != nil {
			alive = false
			return false
		}
		if faults.StreamDropEvery > 0 && st.sent%faults.StreamDropEvery == 0 {
			_ = st.flush() // the drop fault: end the stream here
			alive = false
			return false
		}
		return true
	})
	return alive && st.flush() == nil
}

func (st *stream) closing(r *http.Request) bool {
	select {
	case <-r.Context().Done():
		return true
	case <-st.s.done:
		return true
	default:
		return false
	}
}

// next finds the first wanted request after the cursor that starts before
// hi (Unix ms).
func (st *stream) next(v *view, hi int64) (key, bool) {
	var found key
	ok := false
	st.s.gen.walkRange(v, st.f, max(st.cursor.ms, v.horizon()), hi, func(k key) bool {
		if !st.cursor.less(k) || !st.wanted(k) {
			return true
		}
		found, ok = k, true
		return false
	})
	return found, ok
}

func (st *stream) wanted(k key) bool {
	if st.minLevel == levelNone {
		return true
	}
	d := st.s.gen.requestDraws(st.f, k)
	return st.s.gen.summarize(st.f, k, &d).level >= st.minLevel
}

// send queues one event: id, event type and the record on one data line.
// With the malformed fault, every Nth event's data is cut short.
func (st *stream) send(k key, faults Faults) {
	rec := st.s.gen.record(st.f, k)
	st.data = rec.appendJSON(st.data[:0])
	data := st.data
	st.sent++
	if faults.MalformedEvery > 0 && st.sent%faults.MalformedEvery == 0 {
		data = append(data[:len(data)/2:len(data)/2], `,"broken`...)
	}

	st.buf.WriteString("id: ")
	st.buf.WriteString(rec.ID)
	st.buf.WriteString("\nevent: request\ndata: ")
	st.buf.Write(data)
	st.buf.WriteString("\n\n")
}

// write queues b and sends everything queued.
func (st *stream) write(b []byte) error {
	st.buf.Write(b)
	return st.flush()
}

// flush sends the queued events and flushes the connection.
func (st *stream) flush() error {
	if st.buf.Len() > 0 {
		_ = st.rc.SetWriteDeadline(time.Now().Add(writeTimeout)) // unsupported by some writers
		_, err := st.w.Write(st.buf.Bytes())
		st.buf.Reset()
		if err != nil {
			return err
		}
	}
	return st.rc.Flush()
}
