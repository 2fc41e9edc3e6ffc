package request

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Caps on what one request lays out. Beyond them the pane says what it left
// out; copying still takes the request whole.
const (
	maxTitlePath    = 40
	maxURLBytes     = 8 << 10
	maxURLLines     = 20
	maxHeaders      = 100
	maxHeaderBytes  = 2 << 10
	maxPrettyBytes  = 1 << 20   // JSON bodies up to this size are indented
	maxBodyBytes    = 256 << 10 // of a body, read for layout
	maxBodyLines    = 2_000     // laid-out lines per body
	maxConsoleLines = 1_000     // console lines laid out
	maxMessageBytes = 8 << 10   // of one console message
	maxMessageLines = 40        // laid-out lines per console message
	maxLines        = 10_000    // laid-out lines in all
	indent          = 2
)

// render lays req out at width cells, times in loc.
func render(st *theme.Styles, req api.Request, width int, loc *time.Location) string {
	p := &page{width: width, budget: maxLines}
	r := renderer{st: st, p: p, loc: loc}

	r.overview(req)
	p.blank()
	r.section("Request")
	r.headers(req.RequestHeaders)
	r.body(req.RequestBody)
	p.blank()
	r.section("Response · " + statusText(req.StatusCode))
	r.headers(req.ResponseHeaders)
	r.body(req.ResponseBody)
	p.blank()
	r.console(req.Logs)
	if p.full() {
		p.lines = append(p.lines[:len(p.lines)-1], st.Request.Notice.Render(model.Truncate(
			"… cut at "+model.FormatCount(maxLines)+" lines · J copies the request whole",
			width)))
	}
	return strings.Join(p.lines, "\n")
}

type renderer struct {
	st  *theme.Styles
	p   *page
	loc *time.Location
}

// overview is the method and URL, then status, time, memory and ID.
func (r renderer) overview(req api.Request) {
	method := model.SanitizeLimit(req.HTTPMethod, 64)
	line := method + " " + model.SanitizeLimit(req.URL, maxURLBytes)
	bold := []span{{0, len(method), r.st.Bold}}
	r.p.text(line, 0, r.st.Request.Value, bold, maxURLLines)

	r.facts(req)
	r.p.text(r.times(req.StartTime, req.EndTime), 0, r.st.Request.Key, nil, 2)
}

// facts lays out status, time, memory and ID on one line. The line is built
// as plain text with spans and styled only after it is wrapped, so a wrap
// never falls inside a colour sequence.
func (r renderer) facts(req api.Request) {
	status := statusText(req.StatusCode)
	var line strings.Builder
	line.WriteString(status)
	spans := []span{{0, len(status), r.st.HTTPStatus(req.StatusCode)}}

	facts := [][2]string{
		{"time", model.FormatMs(positive(req.ExecutionTimeMs))},
		{"memory", model.FormatMB(positive(req.MemoryUsedMB))},
		{"id", model.SanitizeLimit(req.ID, 128)},
	}
	for _, f := range facts {
		line.WriteString("  ")
		at := line.Len()
		line.WriteString(f[0] + " ")
		mid := line.Len()
		line.WriteString(f[1])
		spans = append(spans,
			span{at, mid, r.st.Request.Key},
			span{mid, line.Len(), r.st.Request.Value})
	}
	r.p.text(line.String(), 0, lipgloss.NewStyle(), spans, 4)
}

func (r renderer) times(start, end time.Time) string {
	if start.IsZero() {
		return "started " + model.UnknownText
	}
	text := "started " + start.In(r.loc).Format("2006-01-02 15:04:05.000 MST")
	if !end.IsZero() {
		text += " · ended " + end.In(r.loc).Format("15:04:05.000")
	}
	return text
}

func (r renderer) section(title string) {
	r.p.add(r.st.Request.Section.Render(model.Truncate(title, r.p.width)))
}

// headers lists headers by name, each name and value sanitized and capped.
func (r renderer) headers(h map[string]string) {
	if len(h) == 0 {
		r.p.text("no headers", indent, r.st.Faint, nil, 1)
		return
	}

	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names[:min(len(names), maxHeaders)] {
		key := model.SanitizeLimit(name, maxHeaderBytes) + ":"
		line := key + " " + model.SanitizeLimit(h[name], maxHeaderBytes)
		r.p.text(line, indent, r.st.Request.Value, []span{{0, len(key), r.st.Request.Key}}, 8)
	}
	if extra := len(names) - maxHeaders; extra > 0 {
		r.notice(fmt.Sprintf("… %s more headers not shown", model.FormatCount(int64(extra))))
	}
}

// body lays out a body: JSON indented and coloured, anything else as
// sanitized text, cut at maxBodyBytes read and maxBodyLines laid out.
func (r renderer) body(body string) {
	if body == "" {
		r.p.text("no body", indent, r.st.Faint, nil, 1)
		return
	}

	r.p.add(r.st.Request.Key.Render(model.Truncate(
		"  body · "+byteCount(len(body)), r.p.width)))
	text, isJSON := prettyJSON(body)
	if !isJSON {
		text = body
	}
	text = model.SanitizeBlockLimit(text, maxBodyBytes)

	room := maxBodyLines
	for line := range strings.SplitSeq(text, "\n") {
		var spans []span
		if isJSON {
			spans = jsonSpans(r.st, line)
		}
		n, cut := r.p.text(line, 2*indent, r.st.Request.Body, spans, room)
		if room -= n; cut || room <= 0 {
			r.notice(fmt.Sprintf("… cut at %s lines · J copies the request whole",
				model.FormatCount(maxBodyLines)))
			return
		}
	}
}

// console lists the console output, each line with its time and level.
func (r renderer) console(logs []api.LogLine) {
	noun := "lines"
	if len(logs) == 1 {
		noun = "line"
	}
	r.section(fmt.Sprintf("Console · %s %s", model.FormatCount(int64(len(logs))), noun))
	if len(logs) == 0 {
		r.p.text("no console output", indent, r.st.Faint, nil, 1)
		return
	}

	for i, line := range logs {
		if i == maxConsoleLines {
			r.notice(fmt.Sprintf("… %s more console lines not shown · J copies them all",
				model.FormatCount(int64(len(logs)-i))))
			return
		}
		r.consoleLine(line)
	}
}

func (r renderer) consoleLine(line api.LogLine) {
	at := model.UnknownText
	if !line.Timestamp.IsZero() {
		at = line.Timestamp.In(r.loc).Format("15:04:05.000")
	}
	rank := model.LevelRank(line.Level)
	style := levelStyle(r.st, rank)
	at, level := padCells(at, 12), padCells(levelWord(rank, line.Level), 5)
	prefix := at + " " + level + " "
	lead := strings.Repeat(" ", lipgloss.Width(prefix))

	text := model.SanitizeBlockLimit(line.Message, maxMessageBytes)
	room := maxMessageLines
	for k, part := range strings.Split(text, "\n") {
		if room <= 0 {
			r.notice("… message cut · J copies it whole")
			return
		}
		start := lead
		spans := []span{{len(lead), len(lead) + len(part), style}}
		if k == 0 {
			start = prefix
			spans = []span{
				{0, len(at), r.st.Request.Key},
				{len(at) + 1, len(at) + 1 + len(level), style},
				{len(prefix), len(prefix) + len(part), style},
			}
		}
		n, _ := r.p.text(start+part, indent, r.st.Request.Value, spans, room)
		room -= n
	}
}

// padCells pads s with spaces to width cells.
func padCells(s string, width int) string {
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}

func (r renderer) notice(text string) {
	r.p.text(text, indent, r.st.Request.Notice, nil, 2)
}

// levelWord names a console level; a spelling the model does not know is
// shown as sent, sanitized and cut to five cells.
func levelWord(rank int, l api.Level) string {
	switch rank {
	case 0:
		return "DEBUG"
	case 1:
		if strings.EqualFold(string(l), "info") {
			return "INFO"
		}
		return strings.ToUpper(model.Truncate(model.Sanitize(string(l)), 5))
	case 2:
		return "WARN"
	case 3:
		return "ERROR"
	}
	return model.UnknownText
}

func levelStyle(st *theme.Styles, rank int) lipgloss.Style {
	switch rank {
	case 0:
		return st.Logs.Debug
	case 2:
		return st.Logs.Warning
	case 3:
		return st.Logs.ErrorLine
	}
	return st.Logs.Info
}

func statusText(code int) string {
	if code <= 0 || code > 999 {
		return "status " + model.UnknownText
	}
	return fmt.Sprint(code)
}

func positive(v float64) model.Figure {
	if v < 0 {
		return model.Figure{}
	}
	return model.KnownFigure(v)
}

// byteCount writes a size for people: "512 B", "12.5 KiB", "10.0 MiB".
func byteCount(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// lineCounter says where the viewport is: "3/120".
func lineCounter(line, total int) string {
	return fmt.Sprintf("%d/%d", line, total)
}
