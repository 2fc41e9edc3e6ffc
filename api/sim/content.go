package sim

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// script is the request-specific text of a record before console lines are
// chosen to match its level.
type script struct {
	method, path string
	reqBody      string
	respBody     string
	debug, info  []string
	warning      string // said when the request is slow or odd
}

// call is the random context of one request: who calls whom, and IDs.
type call struct {
	from, to string
	callID   string
	ref      string // a ULID-like reference (SMS, conversation, batch)
	at       string
}

// record builds the full record of f's request k. The same key always gives
// the same record.
func (g *generator) record(f *function, k key) *Request {
	d := g.requestDraws(f, k)
	s := g.summarize(f, k, &d)
	start := time.UnixMilli(k.ms).UTC()
	end := start.Add(time.Duration(s.latency) * time.Millisecond)

	c := call{
		from:   phone(&d),
		to:     serviceNumber(f),
		callID: d.hex(16),
		ref:    ulid(uint64(k.ms)<<16|d.next()>>48, d.next()),
		at:     start.Format(timeLayout),
	}
	sc := scriptFor(f, s, c, &d)
	r := &Request{
		ID:              requestID(f, k, d.next()),
		HTTPMethod:      sc.method,
		URL:             f.url + sc.path,
		StatusCode:      s.status,
		ExecutionTimeMs: int(s.latency),
		MemoryUsedMB:    int(s.memory),
		StartTime:       Time{start},
		EndTime:         Time{end},
		RequestHeaders:  requestHeaders(sc, c, &d),
		RequestBody:     sc.reqBody,
		ResponseHeaders: map[string]string{"content-type": answerType},
		ResponseBody:    sc.respBody,
	}
	applyStatus(r, f, s, &sc, c, &d)
	r.Logs = consoleLines(s.level, sc, start, s.latency, &d)
	return r
}

// requestID renders k as a ULID: 48 bits of start time, then the source
// and index within the minute (so IDs sort like keys), the function and
// random bits.
func requestID(f *function, k key, random uint64) string {
	hi := uint64(k.ms)<<16 | uint64(k.src)<<8 | uint64(k.k>>16&0xff)
	lo := uint64(k.k&0xffff)<<48 | uint64(f.index&0xff)<<40 | random&(1<<40-1)
	return ulid(hi, lo)
}

func phone(d *draws) string {
	switch d.intn(4) {
	case 0:
		return "+1555" + d.digits(7)
	case 1:
		return "+4670" + d.digits(7)
	case 2:
		return "+447700900" + d.digits(3)
	}
	return "+49151" + d.digits(8)
}

func serviceNumber(f *function) string { return fmt.Sprintf("+18005550%03d", 100+f.index) }

// quote renders s as a JSON string.
func quote(s string) string { return string(appendString(nil, s)) }

func requestHeaders(sc script, c call, d *draws) map[string]string {
	h := map[string]string{
		"accept":          "application/json",
		"user-agent":      "Sinch-Callback/2.1",
		"x-request-id":    c.callID[:16],
		"x-forwarded-for": fmt.Sprintf("34.%d.%d.%d", 64+d.intn(64), d.intn(256), 1+d.intn(254)),
	}
	if sc.reqBody != "" {
		h["content-type"] = "application/json"
		h["x-timestamp"] = c.at
		h["x-sinch-signature"] = "v1," + d.hex(8)
	}
	return h
}

// scriptFor writes what a successful request of its kind looks like.
func scriptFor(f *function, s summary, c call, d *draws) script {
	switch s.kind {
	case kindICE:
		return iceScript(f, c, d)
	case kindACE:
		return script{method: "POST", path: pathACE,
			reqBody: fmt.Sprintf(`{"event":"ace","callid":"%s","timestamp":"%s","version":1}`,
				c.callID, c.at),
			respBody: `{"action":{"name":"continue"}}`,
			info:     []string{fmt.Sprintf("ACE: call %s answered", c.callID)},
			debug:    []string{"SVAML: continue"},
			warning:  fmt.Sprintf("ACE for unknown call %s (no ICE seen), continuing", c.callID),
		}
	case kindDICE:
		return diceScript(c, d)
	case kindPIE:
		return pieScript(f, c, d)
	case kindSMS:
		return smsScript(c, d)
	case kindWhatsApp:
		return whatsAppScript(c, d)
	case kindOTP:
		return otpScript(c, d)
	case kindRecording:
		return recordingScript(c, d)
	case kindStatic:
		return script{method: "GET", path: d.pick(staticPaths),
			respBody: `{"ok":true}`, debug: []string{"Served static content"}}
	}
	return script{method: "GET", path: pathHealth, respBody: `{"status":"ok"}`,
		debug: []string{"Health check ok"}}
}

func iceScript(f *function, c call, d *draws) script {
	sc := script{method: "POST", path: pathICE,
		reqBody: fmt.Sprintf(`{"event":"ice","callid":"%s","timestamp":"%s","version":1,`+
			`"cli":"%s","to":{"type":"number","endpoint":"%s"},"domain":"pstn",`+
			`"originationType":"pstn","callResourceUrl":"https://calling.api.sinch.com/`+
			`calling/v1/calls/id/%s"}`, c.callID, c.at, c.from, c.to, c.callID),
		info: []string{fmt.Sprintf("ICE: call from %s to %s (callid %s)", c.from, c.to, c.callID)},
	}
	agent := phone(d)
	switch f.name {
	case "ivr-handler":
		sc.respBody = `{"instructions":[{"name":"setLocale","locale":"en-US"}],` +
			`"action":{"name":"runMenu","barge":true,"menus":[{"id":"main","mainPrompt":` +
			`"#tts[Welcome to Acme. Press 1 for sales, 2 for support.]","options":[` +
			`{"dtmf":"1","action":"return(sales)"},{"dtmf":"2","action":"return(support)"}]}]}}`
		sc.debug = []string{"Loaded IVR menu 'main' (2 options, locale en-US)"}
		sc.info = append(sc.info, "SVAML: runMenu main")
		sc.warning = fmt.Sprintf("CRM lookup for %s took %dms (threshold 1000ms)",
			c.from, 1000+d.intn(2500))
	case "number-masking":
		session := 1000 + d.intn(9000)
		sc.respBody = fmt.Sprintf(`{"action":{"name":"connectPstn","number":"%s",`+
			`"cli":"%s","maxDuration":3600}}`, agent, c.to)
		sc.debug = []string{fmt.Sprintf("Session %d found in store (ttl 1800s)", session)}
		sc.info = append(sc.info, fmt.Sprintf("Masked call: %s -> %s (session %d)",
			c.from, agent, session))
		sc.warning = fmt.Sprintf("Session %d expires in %ds", session, 5+d.intn(50))
	case "ai-voice-agent":
		sc.respBody = `{"action":{"name":"connectStream","destination":{"type":"Websocket",` +
			`"endpoint":"wss://agent.example.com/stream"},"streamingOptions":{"version":1,` +
			`"sampleRate":16000}}}`
		sc.info = append(sc.info, "Starting agent session with model voice-2 (en-US)")
		sc.warning = "Speech model cold start: first token after 1840ms"
	case "conference-bridge":
		conf := fmt.Sprintf("standup-%d", 100+d.intn(900))
		sc.respBody = fmt.Sprintf(`{"instructions":[{"name":"say","text":"Joining %s",`+
			`"locale":"en-US"}],"action":{"name":"connectConf","conferenceId":"%s",`+
			`"moh":"ring"}}`, conf, conf)
		sc.info = append(sc.info, fmt.Sprintf("Joining %s to conference %s", c.from, conf))
		sc.warning = fmt.Sprintf("Conference %s is at 48/50 participants", conf)
	case "voicemail-transcriber":
		sc.respBody = `{"instructions":[{"name":"say","text":"Please leave a message ` +
			`after the tone.","locale":"en-US"},{"name":"startRecording","options":` +
			`{"destinationUrl":"s3://voicemail-inbox/","format":"wav"}}],` +
			`"action":{"name":"continue"}}`
		sc.info = append(sc.info, fmt.Sprintf("Voicemail greeting played for %s", c.from))
		sc.warning = "Recording bucket at 91% of quota"
	default:
		queue := d.pick([]string{"support", "sales", "billing"})
		sc.respBody = fmt.Sprintf(`{"action":{"name":"connectPstn","number":"%s",`+
			`"cli":"%s","maxDuration":7200,"connectTimeout":30}}`, agent, c.from)
		sc.debug = []string{fmt.Sprintf("Queue '%s': %d agents available", queue, 1+d.intn(12))}
		sc.info = append(sc.info, fmt.Sprintf("Routing call from %s to queue '%s' (agent %s)",
			c.from, queue, agent))
		sc.warning = fmt.Sprintf("Queue '%s' has no free agent, overflow to %s", queue, agent)
	}
	return sc
}

func diceScript(c call, d *draws) script {
	result := d.pick([]string{"ANSWERED", "ANSWERED", "ANSWERED", "BUSY", "NOANSWER", "FAILED"})
	reason := d.pick([]string{"CALLERHANGUP", "CALLEEHANGUP", "CALLERHANGUP", "TIMEOUT"})
	duration := d.intn(600)
	return script{method: "POST", path: pathDICE,
		reqBody: fmt.Sprintf(`{"event":"dice","callid":"%s","timestamp":"%s","reason":"%s",`+
			`"result":"%s","version":1,"duration":%d,"from":"%s"}`,
			c.callID, c.at, reason, result, duration, c.from),
		respBody: `{}`,
		info: []string{fmt.Sprintf("DICE: call %s ended: %s (%s) after %ds",
			c.callID, result, reason, duration)},
		debug:   []string{"Call record written to analytics"},
		warning: fmt.Sprintf("Call %s ended with %s, no CDR callback configured", c.callID, result),
	}
}

func pieScript(f *function, c call, d *draws) script {
	choice := d.pick([]string{"1", "2", "2", "3", "timeout"})
	action := fmt.Sprintf(`{"name":"connectPstn","number":"%s","cli":"%s"}`, phone(d), c.to)
	info := fmt.Sprintf("PIE: caller %s chose %s in menu main", c.from, choice)
	if f.name == "ai-voice-agent" {
		choice = "speech"
		info = fmt.Sprintf("PIE: caller %s said %q (confidence 0.%d)", c.from,
			d.pick([]string{"I want to cancel my order", "talk to a human", "opening hours"}),
			70+d.intn(29))
	}
	return script{method: "POST", path: pathPIE,
		reqBody: fmt.Sprintf(`{"event":"pie","callid":"%s","timestamp":"%s","version":1,`+
			`"menuResult":{"type":"sequence","value":"%s","menuId":"main",`+
			`"inputMethod":"dtmf"}}`, c.callID, c.at, choice),
		respBody: `{"instructions":[{"name":"say","text":"Connecting you now.",` +
			`"locale":"en-US"}],"action":` + action + `}`,
		info:    []string{info},
		debug:   []string{"SVAML: say + connectPstn"},
		warning: fmt.Sprintf("Menu timeout for %s, replaying prompt", c.callID),
	}
}

var smsTexts = []string{
	"When does my order arrive?", "STOP", "YES", "Can I change my delivery address",
	"What are your opening hours?", "HELP", "Thanks!",
}

// smsKeywords are the intents of the texts that are keywords.
var smsKeywords = map[string]string{"STOP": "opt_out", "HELP": "help", "YES": "confirm"}

func smsScript(c call, d *draws) script {
	text := d.pick(smsTexts)
	intent := smsKeywords[text]
	if intent == "" {
		intent = d.pick([]string{"order_status", "faq", "small_talk"})
	}
	return script{method: "POST", path: pathSMS,
		reqBody: fmt.Sprintf(`{"type":"mo_text","id":"%s","from":"%s","to":"%s",`+
			`"body":%s,"received_at":"%s","operator_id":"24001"}`,
			c.ref, strings.TrimPrefix(c.from, "+"), strings.TrimPrefix(c.to, "+"), quote(text),
			c.at),
		respBody: `{"status":"accepted"}`,
		info: []string{
			fmt.Sprintf("Inbound SMS from %s: %s", c.from, quote(text)),
			fmt.Sprintf("Reply queued as batch %s", c.ref[:20]),
		},
		debug:   []string{fmt.Sprintf("Matched intent '%s' (score 0.%d)", intent, 60+d.intn(39))},
		warning: fmt.Sprintf("SMS API answered 429 for %s, retrying in 2s", c.from),
	}
}

func whatsAppScript(c call, d *draws) script {
	text := d.pick([]string{"Hi, I need help with my booking", "Is my table confirmed?",
		"cancel", "👍", "Can I bring my dog?"})
	identity := strings.TrimPrefix(c.from, "+")
	return script{method: "POST", path: pathConversation,
		reqBody: fmt.Sprintf(`{"app_id":"01HB2ZT3M6B2KNXW4XJ9SXQ5PE","accepted_time":"%s",`+
			`"message":{"id":"%s","direction":"TO_APP","channel_identity":{"channel":"WHATSAPP",`+
			`"identity":"%s"},"contact_message":{"text_message":{"text":%s}}}}`,
			c.at, c.ref, identity, quote(text)),
		respBody: `{"accepted":true}`,
		info: []string{
			fmt.Sprintf("WhatsApp message from %s: %s", identity, quote(text)),
			fmt.Sprintf("Sent template 'booking_lookup' to %s", identity),
		},
		debug:   []string{fmt.Sprintf("Conversation %s state=awaiting_booking_ref", c.ref[:20])},
		warning: fmt.Sprintf("Outside 24h window for %s, falling back to template", identity),
	}
}

func otpScript(c call, d *draws) script {
	id := d.digits(10)
	if d.chance(0.4) {
		return script{method: "GET", path: pathVerifyStatus + "?id=" + id,
			respBody: fmt.Sprintf(`{"id":"%s","status":"SUCCESSFUL"}`, id),
			info:     []string{fmt.Sprintf("Verification %s for %s: SUCCESSFUL", id, c.from)},
			warning:  fmt.Sprintf("Verification %s checked after code expiry", id),
		}
	}
	method := d.pick([]string{"sms", "sms", "flashcall", "callout"})
	return script{method: "POST", path: pathVerifyStart,
		reqBody: fmt.Sprintf(`{"identity":{"type":"number","endpoint":"%s"},"method":"%s"}`,
			c.from, method),
		respBody: fmt.Sprintf(`{"id":"%s","status":"PENDING","method":"%s"}`, id, method),
		info: []string{fmt.Sprintf("Verification started for %s via %s (id %s)",
			c.from, method, id)},
		debug:   []string{"Verification API answered in 84ms"},
		warning: fmt.Sprintf("Third attempt for %s within 10 minutes", c.from),
	}
}

func recordingScript(c call, d *draws) script {
	seconds := 4 + d.intn(120)
	return script{method: "POST", path: pathRecording,
		reqBody: fmt.Sprintf(`{"event":"notify","callid":"%s","version":1,"type":`+
			`"recording_finished","destination":"s3://voicemail-inbox/%s.wav","duration":%d}`,
			c.callID, c.callID, seconds),
		respBody: `{}`,
		info: []string{
			fmt.Sprintf("Transcribing voicemail of %ds from %s (en-US)", seconds, c.from),
			fmt.Sprintf("Transcript emailed for call %s", c.callID),
		},
		debug: []string{"Transcription job queued"},
		warning: fmt.Sprintf("Low confidence transcript (0.%d) for call %s",
			30+d.intn(30), c.callID),
	}
}

// applyStatus rewrites a record for a 3xx, 4xx or 5xx answer: its body, its
// headers and the console line that explains it.
func applyStatus(r *Request, f *function, s summary, sc *script, c call, d *draws) {
	switch {
	case s.status >= 500:
		sc.warning = serverFailure(f, s.status, c)
		r.ResponseBody = fmt.Sprintf(`{"error":%s}`, quote(http.StatusText(s.status)))
	case s.status >= 400:
		sc.warning = clientFailure(s.status, f.host+sc.path, r, c, d)
		r.ResponseBody = fmt.Sprintf(`{"error":%s}`, quote(http.StatusText(s.status)))
	case s.status >= 300:
		target := "https://www.example.com/support"
		r.ResponseHeaders["location"] = target
		r.ResponseBody = ""
		sc.info = []string{fmt.Sprintf("Redirecting %s %s to %s", sc.method, sc.path, target)}
		sc.debug = []string{"Legacy path, see docs"}
	case s.status == 204:
		r.ResponseBody = ""
	}
}

func serverFailure(f *function, status int, c call) string {
	switch status {
	case 502:
		return "Upstream https://crm.example.com/api/contacts answered 502 Bad Gateway"
	case 503:
		return "Service unavailable: database connection pool exhausted (50/50 in use)"
	case 504:
		return "Timed out after 10000ms waiting for https://tts.example.com/v1/synthesize"
	}
	if f.runtime == "csharp" {
		return "System.NullReferenceException: Object reference not set to an instance " +
			"of an object.\n   at Handlers.CallbackHandler.HandleAsync(CallbackEvent e) in " +
			"/src/Handlers/CallbackHandler.cs:line 42"
	}
	return fmt.Sprintf("Unhandled rejection for call %s: TypeError: Cannot read properties "+
		"of undefined (reading 'menuResult')\n    at handle (/app/index.js:87:31)", c.callID)
}

// clientFailure is the console line of a 4xx answer. It names the vendor's
// host, as the function saw it, whatever URL the record reports, so that
// console text and searches in it do not depend on where the simulator runs.
func clientFailure(status int, target string, r *Request, c call, d *draws) string {
	switch status {
	case 400:
		return fmt.Sprintf("Rejected request: invalid JSON body (Unexpected token } in JSON "+
			"at position %d)", 40+d.intn(200))
	case 401:
		return "Rejected callback: x-sinch-signature mismatch"
	case 403:
		return fmt.Sprintf("Caller %s is on the block list", c.from)
	case 404:
		return fmt.Sprintf("No handler for %s %s", r.HTTPMethod, target)
	case 409:
		return fmt.Sprintf("Conversation %s already closed", c.ref[:20])
	case 422:
		return "Missing field 'to.endpoint' in callback"
	}
	return fmt.Sprintf("Throttled %s: %d requests in 60s", c.from, 12+d.intn(30))
}

// consoleLines picks the console output so that its highest level is level.
func consoleLines(level uint8, sc script, start time.Time, latency int32, d *draws) []LogLine {
	var lines []LogLine
	add := func(l uint8, msg string) {
		lines = append(lines, LogLine{Level: levelNames[l], Message: msg})
	}
	if level == levelNone {
		return []LogLine{}
	}

	debug := sc.debug
	if len(debug) == 0 {
		debug = []string{"Handler invoked"}
	}
	if level == levelDebug || d.chance(0.5) {
		add(levelDebug, debug[0])
	}
	if level >= levelInfo {
		for _, msg := range sc.info {
			add(levelInfo, msg)
		}
		if len(sc.info) == 0 {
			add(levelInfo, fmt.Sprintf("%s %s handled", sc.method, sc.path))
		}
		for _, msg := range debug[1:] {
			add(levelDebug, msg)
		}
	}
	if level >= levelWarning {
		warning := sc.warning
		if warning == "" {
			warning = "Handler finished with warnings"
		}
		add(level, warning)
	}

	for i := range lines {
		off := int64(latency) * int64(i+1) / int64(len(lines)+1)
		lines[i].Timestamp = Time{start.Add(time.Duration(off) * time.Millisecond)}
	}
	return lines
}
