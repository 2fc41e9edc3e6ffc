package sim

import "math"

// kind is what a request is: a voice callback, a messaging webhook, an API
// call of the function's own.
type kind uint8

const (
	kindICE       kind = iota // voice: incoming call event
	kindACE                   // voice: answered call event
	kindDICE                  // voice: disconnected call event
	kindPIE                   // voice: prompt input event
	kindSMS                   // SMS inbound webhook
	kindWhatsApp              // Conversation API webhook from WhatsApp
	kindOTP                   // the function's own verification API
	kindRecording             // voice: recording finished notification
	kindHealth                // health check
	kindStatic                // a static asset or landing page
)

type kindWeight struct {
	kind   kind
	weight int
}

// summary is the part of a request that aggregates and filters need; the
// full record (see record) is built on top of it from the same draws.
type summary struct {
	kind    kind
	status  int
	latency int32 // execution time, ms
	memory  int32 // MB
	level   uint8 // highest console level, levelNone if no output
}

// class is the status class index: 0 for 2xx, 1 for 3xx, 2 for 4xx and 5xx.
func (s summary) class() int {
	switch {
	case s.status >= 400:
		return 2
	case s.status >= 300:
		return 1
	}
	return 0
}

func pickKind(kinds []kindWeight, total int, d *draws) kind {
	x := d.intn(total)
	for _, kw := range kinds {
		if x < kw.weight {
			return kw.kind
		}
		x -= kw.weight
	}
	return kinds[0].kind
}

// summarize draws a request's kind, status, execution time, memory and
// console level.
func (g *generator) summarize(f *function, k key, d *draws) summary {
	s := summary{kind: pickKind(f.kinds, f.kindTotal, d)}
	errorSpike := g.incidents && f.errorSpikes &&
		inSpike(k.ms, g.project.errorSpikeAt, errorSpikePeriod, errorSpikeLength)
	latencySpike := g.incidents && f.latencySpikes &&
		inSpike(k.ms, g.project.latencySpikeAt, latencySpikePeriod, latencySpikeLength)

	s.status = drawStatus(s.kind, f.serverErr, errorSpike, d)
	s.latency = g.drawLatency(f.medianMs, s.status, latencySpike, d)
	s.memory = int32(f.memoryMB*(0.85+0.3*d.unit()) + min(40, float64(s.latency)/200))
	s.level = drawLevel(s, d)
	return s
}

var (
	codes2xx      = []int{200, 200, 200, 200, 200, 200, 200, 201, 202, 204}
	codes3xx      = []int{301, 302, 302, 304, 307}
	codes4xx      = []int{400, 400, 401, 403, 404, 404, 409, 422, 429}
	codes5xx      = []int{500, 500, 500, 502, 503, 504}
	callbackCodes = []int{200}
)

func drawStatus(kd kind, serverErr float64, spike bool, d *draws) int {
	p5, p4, p3 := serverErr, 0.022, 0.004
	if spike {
		p5 = 0.38
	}
	switch kd {
	case kindHealth:
		p4, p3 = 0, 0
	case kindStatic:
		p3 = 0.35
	}
	u := d.unit()
	switch {
	case u < p5:
		return codes5xx[d.intn(len(codes5xx))]
	case u < p5+p4:
		return codes4xx[d.intn(len(codes4xx))]
	case u < p5+p4+p3:
		return codes3xx[d.intn(len(codes3xx))]
	}
	if kd <= kindPIE || kd == kindRecording {
		return callbackCodes[0]
	}
	return codes2xx[d.intn(len(codes2xx))]
}

// spreadSize is the resolution of the execution time spread table.
const spreadSize = 4096

// newSpread tabulates exp(0.5 z) at the quantiles of a standard normal z:
// a log-normal spread around the median, looked up instead of computed for
// each of the millions of requests an aggregate may cover.
func newSpread() []float64 {
	t := make([]float64, spreadSize)
	for i := range t {
		p := (float64(i) + 0.5) / spreadSize
		z := math.Sqrt2 * math.Erfinv(2*p-1)
		t[i] = math.Exp(0.5 * z)
	}
	return t
}

func (g *generator) drawLatency(median float64, status int, spike bool, d *draws) int32 {
	if spike {
		median *= 7
	}
	ms := median * g.spread[d.next()>>(64-12)]
	if d.chance(0.02) {
		ms *= 4 + 16*d.unit() // the long tail: a cold start, a slow upstream
	}
	switch status {
	case 504:
		ms = 10000 + 20000*d.unit()
	case 502, 503:
		ms = math.Min(ms, 30+200*d.unit())
	}
	return int32(max(1, min(60000, ms+0.5)))
}

func drawLevel(s summary, d *draws) uint8 {
	u := d.unit()
	switch {
	case s.status >= 500:
		return levelError
	case s.status >= 400:
		switch {
		case u < 0.7:
			return levelWarning
		case u < 0.8:
			return levelError
		}
		return levelInfo
	case s.kind == kindHealth || s.kind == kindStatic:
		if u < 0.6 {
			return levelNone
		}
		return levelDebug
	case s.latency > 2000:
		return levelWarning
	}
	switch {
	case u < 0.08:
		return levelNone
	case u < 0.18:
		return levelDebug
	case u < 0.92:
		return levelInfo
	}
	return levelWarning
}
