package sim

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// mode is how a function's status evolves.
type mode int

const (
	modeRunning mode = iota // always Running
	modeFailed              // Failed since endedAt, no traffic since
	modeStopped             // Stopped since endedAt, no traffic since
	modeCycling             // Running, redeployed every cyclePeriod
)

// Deploy cycle of a cycling function: a redeploy every cyclePeriod, whose
// steps last as listed; the function keeps serving while it deploys.
const cyclePeriod = 15 * time.Minute

var cycleSteps = []struct {
	status string
	length time.Duration
}{
	{"Queued", 20 * time.Second},
	{"PreparingBuild", 30 * time.Second},
	{"Building", 90 * time.Second},
	{"Deploying", 40 * time.Second},
}

// function is one generated function and the parameters of its traffic.
type function struct {
	index   int
	id      string
	name    string
	runtime string
	url     string // the URL reported in records and the status
	host    string // the vendor's host name, which console lines mention

	createdAt  time.Time
	deployedAt time.Time // last deploy before the simulator started
	mode       mode
	endedAt    time.Time // modeFailed, modeStopped: when it stopped serving
	failure    string
	cycleStart time.Time // modeCycling: start of a deploy cycle

	kinds      []kindWeight
	kindTotal  int     // sum of the kinds' weights
	peakPerMin float64 // arrivals per minute at the daily peak
	peakHour   float64 // hour of the day (UTC) of the peak
	medianMs   float64 // median execution time
	memoryMB   float64 // typical memory use
	serverErr  float64 // share of 5xx answers outside incidents

	errorSpikes   bool // hit by the recurring error spike
	latencySpikes bool // hit by the recurring latency spike
}

// blueprint is the seed-independent part of a function.
type blueprint struct {
	name, runtime string
	kinds         []kindWeight
	peakPerSec    float64
	medianMs      float64
	memoryMB      float64
	mode          mode
}

var voiceKinds = []kindWeight{
	{kindICE, 34}, {kindACE, 24}, {kindPIE, 14}, {kindDICE, 26}, {kindHealth, 2},
}

var blueprints = []blueprint{
	{"ivr-handler", "node", voiceKinds, 4.5, 45, 64, modeRunning},
	{"sms-responder", "node", []kindWeight{{kindSMS, 97}, {kindHealth, 3}}, 2, 32, 58, modeRunning},
	{"call-router", "csharp", []kindWeight{{kindICE, 40}, {kindACE, 30}, {kindDICE, 30}},
		1.5, 70, 96, modeCycling},
	{"number-masking", "node", []kindWeight{{kindICE, 40}, {kindACE, 25}, {kindDICE, 35}},
		1.2, 38, 61, modeRunning},
	{"ai-voice-agent", "node", []kindWeight{{kindICE, 30}, {kindPIE, 45}, {kindDICE, 25}},
		0.8, 420, 142, modeFailed},
	{"whatsapp-bot", "node", []kindWeight{{kindWhatsApp, 96}, {kindStatic, 4}},
		1, 55, 72, modeRunning},
	{"otp-verifier", "csharp", []kindWeight{{kindOTP, 95}, {kindHealth, 5}},
		0.7, 28, 88, modeRunning},
	{"voicemail-transcriber", "csharp", []kindWeight{{kindICE, 30}, {kindRecording, 45},
		{kindDICE, 25}}, 0.2, 900, 180, modeRunning},
	{"fax-relay", "node", []kindWeight{{kindICE, 50}, {kindDICE, 50}}, 0.1, 60, 60, modeStopped},
	{"conference-bridge", "csharp", []kindWeight{{kindICE, 35}, {kindACE, 30}, {kindPIE, 10},
		{kindDICE, 25}}, 0.4, 65, 110, modeRunning},
}

var failures = []string{
	"Container exited with code 1: Error: Cannot find module '@sinch/voice' " +
		"imported from /app/index.js",
	"Health check failed 3 times: GET /health timed out after 10000ms",
	"Build failed: npm ERR! code ERESOLVE unable to resolve dependency tree",
}

// Incidents: the error spike hits sms-responder, the latency spike
// number-masking; each recurs with its period and lasts its length.
const (
	errorSpikeFunction   = "sms-responder"
	errorSpikePeriod     = 3 * time.Hour
	errorSpikeLength     = 8 * time.Minute
	latencySpikeFunction = "number-masking"
	latencySpikePeriod   = 4 * time.Hour
	latencySpikeLength   = 12 * time.Minute
)

// project is the generated set of functions.
type project struct {
	functions []*function
	byID      map[string]*function
	anchor    time.Time // the simulator's start, truncated to the hour

	errorSpikeAt   time.Time // one occurrence of each incident
	latencySpikeAt time.Time
}

// functionID renders the n-th function ID (n from 1) in the vendor's shape.
func functionID(n int) string {
	tail := []byte(strings.Repeat("0", 14))
	for i := len(tail) - 1; n > 0 && i >= 0; i-- {
		tail[i] = crockford[n%32]
		n /= 32
	}
	return "01JKXF" + string(tail)
}

func newProject(seed int64, start time.Time) *project {
	anchor := start.UTC().Truncate(time.Hour)
	p := &project{byID: map[string]*function{}, anchor: anchor}
	d := draws{state: hash4(uint64(seed), 0x70726f6a, 0, 0)}

	for i, bp := range blueprints {
		f := &function{
			index:      i,
			id:         functionID(i + 1),
			name:       bp.name,
			runtime:    bp.runtime,
			kinds:      bp.kinds,
			kindTotal:  totalWeight(bp.kinds),
			mode:       bp.mode,
			peakPerMin: 60 * bp.peakPerSec * (0.85 + 0.3*d.unit()),
			peakHour:   13 + 4*d.unit(),
			medianMs:   bp.medianMs * (0.9 + 0.2*d.unit()),
			memoryMB:   bp.memoryMB,
			serverErr:  0.004 + 0.01*d.unit(),
		}
		f.errorSpikes = f.name == errorSpikeFunction
		f.latencySpikes = f.name == latencySpikeFunction
		f.host = functionLabel(f.id) + vendorDomain
		f.url = "https://" + f.host
		f.createdAt = anchor.Add(-time.Duration(40+d.intn(140)) * 24 * time.Hour).
			Add(time.Duration(d.intn(86400)) * time.Second)
		f.deployedAt = anchor.Add(-time.Duration(1+d.intn(9*24)) * time.Hour).
			Add(-time.Duration(d.intn(3600)) * time.Second)
		switch f.mode {
		case modeFailed:
			f.endedAt = anchor.Add(-time.Duration(2+d.intn(18)) * time.Hour).
				Add(-time.Duration(d.intn(3600)) * time.Second)
			f.failure = failures[d.intn(len(failures))]
			f.deployedAt = f.endedAt.Add(-2 * time.Minute)
		case modeStopped:
			f.endedAt = anchor.Add(-time.Duration(3+d.intn(4)) * 24 * time.Hour).
				Add(-time.Duration(d.intn(86400)) * time.Second)
		case modeCycling:
			// The first redeploy starts a couple of minutes after the anchor.
			f.cycleStart = anchor.Add(time.Duration(60+d.intn(120)) * time.Second)
		}
		p.functions = append(p.functions, f)
		p.byID[f.id] = f
	}

	p.errorSpikeAt = anchor.Add(4*time.Minute + time.Duration(d.intn(60))*time.Second)
	p.latencySpikeAt = anchor.Add(35*time.Minute + time.Duration(d.intn(60))*time.Second)
	return p
}

// The domains of a function's host names, after its label: the vendor's,
// and the one the simulator answers on itself.
const (
	vendorDomain = ".functions.sinch.com"
	localDomain  = ".localhost"
)

// labelPrefix starts the first label of a function's host names.
const labelPrefix = "fn-"

// functionLabel is the first label of a function's host names: fn- and the
// function's ID in lower case.
func functionLabel(id string) string { return labelPrefix + strings.ToLower(id) }

// serveAt makes every function report its URL on the simulator listening
// at port: http://fn-<id>.localhost:<port>. Any name under localhost
// reaches the loopback address (curl and browsers resolve them so), and
// the simulator tells the function apart by that name, leaving the path
// as the function sees it.
func (p *project) serveAt(port string) {
	for _, f := range p.functions {
		f.url = "http://" + net.JoinHostPort(functionLabel(f.id)+localDomain, port)
	}
}

// lookup finds a function by ID or, failing that, by name.
func (p *project) lookup(idOrName string) *function {
	if f, ok := p.byID[idOrName]; ok {
		return f
	}
	for _, f := range p.functions {
		if f.name == idOrName {
			return f
		}
	}
	return nil
}

// statusAt returns a function's status and when it last changed at t.
func (f *function) statusAt(t time.Time) (status string, updated time.Time) {
	switch f.mode {
	case modeFailed:
		if !t.Before(f.endedAt) {
			return "Failed", f.endedAt
		}
	case modeStopped:
		if !t.Before(f.endedAt) {
			return "Stopped", f.endedAt
		}
	case modeCycling:
		return f.cycleStatus(t)
	}
	return "Running", f.deployedAt
}

func (f *function) cycleStatus(t time.Time) (string, time.Time) {
	since := t.Sub(f.cycleStart)
	cycle := floorDiv(int64(since), int64(cyclePeriod))
	begin := f.cycleStart.Add(time.Duration(cycle) * cyclePeriod)
	if cycle < 0 {
		// Before the first redeploy: the deploy that preceded it.
		return "Running", f.deployedAt
	}

	at := begin
	for _, step := range cycleSteps {
		if t.Before(at.Add(step.length)) {
			return step.status, at
		}
		at = at.Add(step.length)
	}
	return "Running", at
}

// errorText is the status error: the failure of a Failed function, else "".
func (f *function) errorText(t time.Time) string {
	if status, _ := f.statusAt(t); status == "Failed" {
		return f.failure
	}
	return ""
}

// inSpike reports whether ms (Unix milliseconds) falls in an occurrence of
// a recurring incident.
func inSpike(ms int64, first time.Time, period, length time.Duration) bool {
	p := period.Milliseconds()
	off := (ms - first.UnixMilli()) % p
	if off < 0 {
		off += p
	}
	return off < length.Milliseconds()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func (f *function) String() string { return fmt.Sprintf("%s (%s)", f.name, f.id) }

func totalWeight(kinds []kindWeight) int {
	total := 0
	for _, kw := range kinds {
		total += kw.weight
	}
	return total
}
