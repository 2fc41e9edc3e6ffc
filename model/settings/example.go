package settings

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/sinchtop/sinchtop/model"
)

// Example returns a settings file that writes out every option at its
// default, each under a one-line comment saying what it does and the values
// it takes; every key action with its default keys and what they do; and,
// as comments, an example profile and an example alert override for one
// function. It is built from Defaults, KeyActions and the field notes
// below, so it cannot fall behind them; Parse reads it as Defaults with no
// problems.
func Example() []byte { return example(false) }

// Names of the entries of the example profile and alert override.
const (
	exampleProfileName  = "prod"
	exampleFunctionName = "ivr-handler"
)

// exampleHeader opens the example file.
var exampleHeader = []string{
	"# sinchtop's settings file, every option at its default (`sinchtop config example`).",
	"# Keep only the lines you change: an option left out keeps its default.",
	"# `sinchtop config path` prints where the file goes; `sinchtop config check` checks it.",
	"# Durations are written 30s, 5m or 1h30m.",
}

// example writes the example file. With live set, the example profile and
// alert override are settings rather than comments.
func example(live bool) []byte {
	w := exampleWriter{docs: fieldDocs(), live: live}
	w.lines = append(w.lines, exampleHeader...)
	w.fields(reflect.ValueOf(Defaults()), "", 0)
	return []byte(strings.Join(w.lines, "\n") + "\n")
}

// exampleLine is one line of a block whose comments are aligned: YAML, and
// a comment written after it.
type exampleLine struct {
	text, comment string
}

// exampleWriter writes the example file line by line.
type exampleWriter struct {
	docs  map[string]fieldDoc
	live  bool
	lines []string
}

// fields writes the fields of the struct v, found at path, with their notes
// on the lines above them.
func (w *exampleWriter) fields(v reflect.Value, path string, depth int) {
	for i := range v.NumField() {
		name := yamlName(v.Type().Field(i))
		field := join(path, name)
		if depth == 0 {
			w.lines = append(w.lines, "")
		}
		w.note(field, depth)
		w.field(field, name, v.Field(i), depth)
	}
}

// note writes the notes of field as comment lines.
func (w *exampleWriter) note(field string, depth int) {
	text := w.docs[field].comment()
	if text == "" {
		return
	}
	for line := range strings.SplitSeq(text, "\n") {
		w.lines = append(w.lines, indent(depth)+"# "+line)
	}
}

// field writes one field, named name and found at path, holding v.
func (w *exampleWriter) field(path, name string, v reflect.Value, depth int) {
	prefix := indent(depth) + name + ":"
	switch {
	case path == "keys":
		w.lines = append(w.lines, prefix)
		w.aligned(keyLines(depth + 1))
	case v.Kind() == reflect.Map:
		w.entries(path, prefix, v, depth)
	case isSection(v):
		w.lines = append(w.lines, prefix)
		w.fields(v, path, depth+1)
	default:
		w.lines = append(w.lines, prefix+" "+scalarText(v))
	}
}

// entries writes a mapping: its example entries, commented out unless the
// file is live, or else its default entries.
func (w *exampleWriter) entries(path, prefix string, v reflect.Value, depth int) {
	entries, ok := exampleEntries()[path]
	if !ok {
		w.lines = append(w.lines, prefix+" "+scalarText(v))
		return
	}

	w.lines = append(w.lines, prefix)
	block := entryLines(w.docs, path, entries, depth+1)
	if w.live {
		w.aligned(block)
		return
	}
	base := len(indent(depth + 1))
	for i, line := range block {
		block[i].text = line.text[:base] + "# " + line.text[base:]
	}
	w.aligned(block)
}

// aligned writes block with its comments lined up after the longest text.
func (w *exampleWriter) aligned(block []exampleLine) {
	width := 0
	for _, line := range block {
		if line.comment != "" {
			width = max(width, utf8.RuneCountInString(line.text))
		}
	}
	for _, line := range block {
		if line.comment == "" {
			w.lines = append(w.lines, line.text)
			continue
		}
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(line.text)+2)
		w.lines = append(w.lines, line.text+pad+"# "+line.comment)
	}
}

// entryLines writes the entries of a mapping found at path, each field with
// its note after it.
func entryLines(docs map[string]fieldDoc, path string, entries reflect.Value,
	depth int) []exampleLine {
	var block []exampleLine
	field := join(path, "*")
	keys := entries.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return strings.Compare(a.String(), b.String())
	})
	for _, key := range keys {
		block = append(block, exampleLine{
			text:    indent(depth) + key.String() + ":",
			comment: docs[field].comment(),
		})
		block = append(block, inlineFields(docs, entries.MapIndex(key), field, depth+1)...)
	}
	return block
}

// inlineFields writes the fields of the struct v, found at path, each with
// its note after it. A nil pointer is left out.
func inlineFields(docs map[string]fieldDoc, v reflect.Value, path string,
	depth int) []exampleLine {
	var block []exampleLine
	for i := range v.NumField() {
		name := yamlName(v.Type().Field(i))
		field, value := join(path, name), v.Field(i)
		if value.Kind() == reflect.Pointer {
			if value.IsNil() {
				continue
			}
			value = value.Elem()
		}

		line := exampleLine{text: indent(depth) + name + ":", comment: docs[field].comment()}
		if isSection(value) {
			block = append(block, line)
			block = append(block, inlineFields(docs, value, field, depth+1)...)
			continue
		}
		line.text += " " + scalarText(value)
		block = append(block, line)
	}
	return block
}

// keyLines writes every key action with its default keys and what they do,
// grouped by scope under a note saying where the scope's keys work.
func keyLines(depth int) []exampleLine {
	var block []exampleLine
	scopes := scopeDocs()
	scope := ""
	for _, a := range KeyActions() {
		if a.Scope() != scope {
			scope = a.Scope()
			block = append(block, exampleLine{
				text: indent(depth) + "# " + scope + ": " + scopes[scope],
			})
		}

		keys := make([]string, len(a.Keys))
		for i, key := range a.Keys {
			keys[i] = strings.Replace(key, " ", "space", 1)
		}
		block = append(block, exampleLine{
			text:    indent(depth) + a.Name + ": " + flowList(keys),
			comment: a.Description,
		})
	}
	return block
}

// isSection reports whether v is written as a mapping of its fields.
func isSection(v reflect.Value) bool {
	return v.Kind() == reflect.Struct
}

// indent returns the indentation of a line at depth.
func indent(depth int) string {
	return strings.Repeat("  ", depth)
}

// scalarText writes v as the file writes it.
func scalarText(v reflect.Value) string {
	switch {
	case v.Type() == durationType:
		return model.FormatDuration(time.Duration(v.Int()))
	case v.Type() == byteSizeType:
		return ByteSize(v.Int()).String()
	}

	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.String:
		return yamlText(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()})
	case reflect.Slice:
		list := make([]string, v.Len())
		for i := range list {
			list[i] = v.Index(i).String()
		}
		return flowList(list)
	}

	var n yaml.Node
	if err := n.Encode(v.Interface()); err != nil {
		return strconv.Quote(v.String())
	}
	n.Style = yaml.FlowStyle
	return yamlText(&n)
}

// flowList writes a list of strings on one line: [pass, show, sinch/prod].
func flowList(list []string) string {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range list {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
	return yamlText(n)
}

// yamlText writes one node as YAML, quoting what needs quotes.
func yamlText(n *yaml.Node) string {
	out, err := yaml.Marshal(n)
	if err != nil {
		return strconv.Quote(n.Value) // a double-quoted Go string is a YAML string too
	}
	return strings.TrimSuffix(string(out), "\n")
}

// exampleEntries returns the example entries of each mapping of File whose
// defaults are empty, by path.
func exampleEntries() map[string]reflect.Value {
	return map[string]reflect.Value{
		"profiles": reflect.ValueOf(map[string]Profile{
			exampleProfileName: exampleProfile(),
		}),
		"alerts.functions": reflect.ValueOf(map[string]AlertOverride{
			exampleFunctionName: exampleOverride(),
		}),
	}
}

// exampleProfile is the profile the example file shows.
func exampleProfile() Profile {
	return Profile{
		ProjectID:     "your-project-id",
		APIURL:        DefaultAPIURL,
		AuthURL:       DefaultAuthURL,
		KeyID:         "your-key-id",
		SecretCommand: []string{"pass", "show", "sinch/prod"},
		SecretTimeout: defaultSecretTimeout,
	}
}

// exampleOverride is the alert override the example file shows: it sets
// every field, so that each is shown.
func exampleOverride() AlertOverride {
	off, failed, stopped := false, true, false
	threshold, window := 20.0, 15*time.Minute
	p95, streamDown := 5000.0, time.Duration(0)
	return AlertOverride{
		Off:        off,
		Status:     StatusOverride{Failed: &failed, Stopped: &stopped},
		ErrorRate:  ErrorRateOverride{Threshold: &threshold, Window: &window},
		P95:        LatencyOverride{ThresholdMs: &p95},
		StreamDown: &streamDown,
	}
}

// fieldDoc is the note the example file writes beside one field.
type fieldDoc struct {
	// text says what the field does. Notes written above a field are
	// sentences; those written after one, in the example entries, are not.
	text string
	// low and high bound the field's values, as the file writes them;
	// empty when the field has no range.
	low, high string
	// orOff says that 0 is taken as well, and turns the field off.
	orOff bool
	// choices are the values the field takes, when it takes few.
	choices []string
}

// comment writes the note: its text and then the values taken.
func (d fieldDoc) comment() string {
	taken := ""
	switch {
	case len(d.choices) > 0:
		taken = strings.Join(d.choices[:len(d.choices)-1], ", ") + " or " +
			d.choices[len(d.choices)-1]
	case d.low != "" && d.orOff:
		taken = "0 for off, or " + d.low + " to " + d.high
	case d.low != "":
		taken = d.low + " to " + d.high
	}

	switch {
	case taken == "":
		return d.text
	case d.text == "":
		return taken
	}
	if strings.HasSuffix(d.text, ".") {
		return strings.TrimSuffix(d.text, ".") + " (" + taken + ")."
	}
	return d.text + " (" + taken + ")"
}

// themeNames lists the names of Themes.
func themeNames() []string {
	names := make([]string, 0, len(Themes()))
	for _, t := range Themes() {
		names = append(names, string(t))
	}
	return names
}

// fieldDocs returns the note of every field of File, by its dotted path in
// the file; "*" stands for any key of a mapping. Example's test fails for a
// field with no note, so a new field gets one.
func fieldDocs() map[string]fieldDoc {
	docs := map[string]fieldDoc{
		"theme": {text: "Colours; auto follows the terminal's background.", choices: themeNames()},
		"profile": {text: "The profile used without --profile; empty means the one named " +
			"\"default\"."},

		"refresh":           {text: "How often each kind of polled data is fetched."},
		"refresh.functions": {text: "The list of functions and their status.", low: "2s", high: "1h"},
		"refresh.metrics": {text: "Each function's metrics, for the overview.",
			low: "10s", high: "1h"},
		"refresh.focused": {text: "The status and metrics of the function on screen.",
			low: "1s", high: "1h"},
		"refresh.billing": {text: "The billing summary and costs.", low: "1m", high: "24h"},

		"buffers": {text: "What each function keeps in memory; the oldest requests go first."},
		"buffers.requests": {text: "The most requests kept per function.",
			low: "100", high: "1000000"},
		"buffers.bytes": {text: "The most bytes of requests kept per function, as 32MiB or 500KB.",
			low: "1MiB", high: "4GiB"},

		"keys": {text: "The keys of each action, named by where it works, in the terminal's key\n" +
			"names: q, G, ?, ctrl+c, alt+x, enter, esc, tab, shift+tab, space, up, pgdown, f5.\n" +
			"An action left out keeps its keys; no key may do two things in one place."},

		"profiles": {text: "Named sets of project settings, chosen with --profile NAME or by " +
			"profile above.\nThe key secret is never read from this file: secretCommand prints it, " +
			"or\nSINCH_KEY_SECRET holds it. For example:"},
		"profiles.*":           {text: "a name for --profile"},
		"profiles.*.projectId": {text: "the project whose functions are shown"},
		"profiles.*.apiUrl":    {text: "the Functions API; this is the default"},
		"profiles.*.authUrl":   {text: "the OAuth 2.0 token URL; this is the default"},
		"profiles.*.keyId":     {text: "the access key's ID"},
		"profiles.*.secretCommand": {
			text: "run without a shell; it prints the key secret"},
		"profiles.*.secretTimeout": {text: "how long secretCommand may take",
			low: "1s", high: "5m"},
	}
	for field, doc := range alertDocs() {
		docs[field] = doc
	}
	return docs
}

// alertDocs returns the notes of the alerts section.
func alertDocs() map[string]fieldDoc {
	return map[string]fieldDoc{
		"alerts": {text: "When an alert is raised, and how it is told. " +
			"A threshold of 0 turns its rule off."},
		"alerts.status":         {text: "The statuses that raise an alert."},
		"alerts.status.failed":  {text: "A function becomes Failed."},
		"alerts.status.stopped": {text: "A function becomes Stopped."},
		"alerts.errorRate":      {text: "A function's error rate stays above a threshold."},
		"alerts.errorRate.threshold": {text: "Percent of requests failing; 0 is off.",
			low: "0", high: "100"},
		"alerts.errorRate.window": {text: "How far back the rate is computed.",
			low: "1m", high: "24h"},
		"alerts.p95": {
			text: "A function's 95th percentile response time is above a threshold."},
		"alerts.p95.thresholdMs": {text: "In milliseconds; 0 is off.", low: "0", high: "600000"},
		"alerts.streamDown": {text: "A function's live stream has been down this long.",
			low: "10s", high: "24h", orOff: true},
		"alerts.monthlyBudget": {text: "The project's cost this month passes this, in USD; " +
			"0 is off.", low: "0", high: "1000000000"},

		"alerts.functions": {text: "Rules for single functions, by name or ID (the ID wins); " +
			"a field left out\nkeeps the rule above. For example:"},
		"alerts.functions.*":     {text: "a function's name or ID"},
		"alerts.functions.*.off": {text: "true silences every alert of the function"},
		"alerts.functions.*.status": {
			text: "the status rule"},
		"alerts.functions.*.status.failed":  {text: "alert when it becomes Failed"},
		"alerts.functions.*.status.stopped": {text: "alert when it becomes Stopped"},
		"alerts.functions.*.errorRate":      {text: "the error rate rule"},
		"alerts.functions.*.errorRate.threshold": {text: "percent; 0 is off",
			low: "0", high: "100"},
		"alerts.functions.*.errorRate.window": {low: "1m", high: "24h"},
		"alerts.functions.*.p95":              {text: "the response time rule"},
		"alerts.functions.*.p95.thresholdMs": {text: "milliseconds; 0 is off",
			low: "0", high: "600000"},
		"alerts.functions.*.streamDown": {low: "10s", high: "24h", orOff: true},

		"alerts.notify":         {text: "How an alert is told, besides the dashboard's banner."},
		"alerts.notify.desktop": {text: "Send a desktop notification."},
		"alerts.notify.bell":    {text: "Ring the terminal bell."},
	}
}

// scopeDocs says where the keys of each scope of KeyActions work.
func scopeDocs() map[string]string {
	return map[string]string{
		"global":    "everywhere but while typing or while help or a list is open",
		"functions": "in the list of functions",
		"filter":    "while a filter of the functions is typed; other keys are typed",
		"logs":      "in a list of requests, in the overview or in one function's view",
		"search":    "while a search of the requests is typed; other keys are typed",
		"metrics":   "in the charts",
		"detail":    "in one function's view",
		"request":   "over one request shown whole",
		"billing":   "in the billing pane",
		"help":      "while the full help is open",
		"alerts":    "while the list of alerts is open",
		"profiles":  "while the list of profiles is open",
		"prompt":    "while the status line asks a question; other keys go on",
	}
}
