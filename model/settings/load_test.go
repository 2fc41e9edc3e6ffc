package settings

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const fullFile = `# every field set
theme: high-contrast
profile: prod
refresh:
  functions: 30s
  metrics: 2m
  focused: 3s
  billing: 10m
buffers:
  requests: 200
  bytes: 8MiB
alerts:
  status: {failed: true, stopped: true}
  errorRate: {threshold: 2.5, window: 10m}
  p95: {thresholdMs: 800}
  streamDown: 0s
  monthlyBudget: 25
  functions:
    ivr-handler:
      errorRate: {threshold: 10}
      streamDown: 5m
    01JKXF00000000000003:
      off: true
  notify: {desktop: true, bell: false}
keys:
  global.quit: [ctrl+q]
  logs.pause: [space, p]
profiles:
  prod:
    projectId: p-123
    apiUrl: https://functions.example.com
    authUrl: https://auth.example.com/oauth2/token
    keyId: key-1
    secretCommand: [pass, show, sinch/prod]
`

func TestParseFullFile(t *testing.T) {
	f, problems := Parse("config.yaml", []byte(fullFile))
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}

	want := Defaults()
	want.Theme = ThemeHighContrast
	want.Profile = "prod"
	want.Refresh = Refresh{Functions: 30 * time.Second, Metrics: 2 * time.Minute,
		Focused: 3 * time.Second, Billing: 10 * time.Minute}
	want.Buffers = Buffers{Requests: 200, Bytes: 8 * MiB}
	want.Alerts.Status.Stopped = true
	want.Alerts.ErrorRate = ErrorRateAlert{Threshold: 2.5, Window: 10 * time.Minute}
	want.Alerts.P95.ThresholdMs = 800
	want.Alerts.StreamDown = 0
	want.Alerts.MonthlyBudget = 25
	ten, five := 10.0, 5*time.Minute
	want.Alerts.Functions = map[string]AlertOverride{
		"ivr-handler":          {ErrorRate: ErrorRateOverride{Threshold: &ten}, StreamDown: &five},
		"01JKXF00000000000003": {Off: true},
	}
	want.Alerts.Notify = Notify{Desktop: true}
	want.Keys["global.quit"] = []string{"ctrl+q"}
	want.Keys["logs.pause"] = []string{" ", "p"}
	want.Profiles["prod"] = Profile{
		ProjectID: "p-123", APIURL: "https://functions.example.com",
		AuthURL: "https://auth.example.com/oauth2/token", KeyID: "key-1",
		SecretCommand: []string{"pass", "show", "sinch/prod"},
		SecretTimeout: defaultSecretTimeout,
	}

	if !reflect.DeepEqual(f, want) {
		t.Errorf("parsed\n%+v\nwant\n%+v", f, want)
	}
}

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	f, problems, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err != nil || len(problems) != 0 {
		t.Fatalf("err %v, problems %v", err, problems)
	}
	if !reflect.DeepEqual(f, Defaults()) {
		t.Errorf("got %+v, want the defaults", f)
	}
}

func TestLoadReadsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("theme: dark\nrefresh: {metrics: 1}\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	f, problems, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Theme != ThemeDark {
		t.Errorf("theme %q, want dark", f.Theme)
	}
	want := path + ":2: refresh.metrics: want a duration such as 30s, 5m or 1h, " +
		`got "1" (a duration needs a unit)`
	if len(problems) != 1 || problems[0].String() != want {
		t.Errorf("problems %q, want %q", problems, want)
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	dir := t.TempDir() // a folder cannot be read as a file
	f, _, err := Load(dir)
	if err == nil {
		t.Fatal("no error reading a folder")
	}
	if !reflect.DeepEqual(f, Defaults()) {
		t.Error("an unreadable file did not give the defaults")
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string // "line: field: message" prefixes
	}{
		{"unknown field", "theme: dark\ncolour: red\n",
			[]string{`2: colour: unknown field "colour" (known: theme, profile,`}},
		{"unknown nested field", "alerts:\n  p95:\n    threshold: 5\n",
			[]string{`3: alerts.p95.threshold: unknown field "threshold" (known: thresholdMs)`}},
		{"wrong type", "buffers:\n  requests: many\n",
			[]string{`2: buffers.requests: want a whole number, got "many"`}},
		{"mapping for a scalar", "theme:\n  name: dark\n",
			[]string{`2: theme: want a single value, got a mapping`}},
		{"scalar for a mapping", "refresh: 5s\n",
			[]string{`1: refresh: want a mapping (name: value lines), got "5s"`}},
		{"out of range", "refresh:\n  functions: 1s\n",
			[]string{`2: refresh.functions: 1s is out of range (2s to 1h0m0s)`}},
		{"percent out of range", "alerts:\n  errorRate:\n    threshold: 150\n",
			[]string{`3: alerts.errorRate.threshold: 150 is out of range (0 to 100)`}},
		{"unknown theme", "theme: pink\n",
			[]string{`1: theme: unknown theme "pink" (want one of auto, dark,`}},
		{"bool", "alerts:\n  notify:\n    bell: loud\n",
			[]string{`3: alerts.notify.bell: want true or false, got "loud"`}},
		{"secret in a profile", "profiles:\n  p:\n    keySecret: hunter2\n",
			[]string{`3: profiles.p.keySecret: a key secret is never read from the settings`}},
		{"repeated key", "theme: dark\ntheme: light\n",
			[]string{`2: theme: given twice (first on line 1)`}},
		{"unknown action", "keys:\n  fly: [f]\n",
			[]string{`2: keys.fly: unknown action "fly"`}},
		{"empty keys", "keys:\n  global.quit: []\n",
			[]string{`2: keys.global.quit: want at least one key`}},
		{"keys not a list", "keys:\n  global.quit: q\n",
			[]string{`2: keys.global.quit: want a list, got "q"`}},
		{"bad URL", "profiles:\n  p:\n    apiUrl: functions.example.com\n",
			[]string{`3: profiles.p.apiUrl: "functions.example.com" is not an http or https URL`}},
		{"override out of range", "alerts:\n  functions:\n    f:\n      p95: {thresholdMs: -1}\n",
			[]string{`4: alerts.functions.f.p95.thresholdMs: -1 is out of range`}},
		{"bad size", "buffers:\n  bytes: 12 parsecs\n",
			[]string{`2: buffers.bytes: unknown unit "parsecs"`}},
		{"syntax error", "theme: dark\nrefresh:\n  functions: [5s\n",
			[]string{`2: not valid YAML: did not find expected ',' or ']'`}},
		{"control character", "theme: dark\nprofile: a\x1bb\n",
			[]string{`2: control character U+001B is not allowed`}},
		{"not a mapping", "- a\n- b\n",
			[]string{`1: want a mapping (name: value lines), got a list`}},
		{"two problems in line order", "refresh:\n  billing: 1s\ntheme: x\n",
			[]string{`2: refresh.billing: `, `3: theme: `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse("c.yaml", []byte(tt.file))
			if len(problems) != len(tt.want) {
				t.Fatalf("problems %q, want %d", problems, len(tt.want))
			}
			for i, want := range tt.want {
				got := problems[i].String()
				if !strings.HasPrefix(got, "c.yaml:"+want) {
					t.Errorf("problem %q\nwant prefix %q", got, "c.yaml:"+want)
				}
			}
		})
	}
}

func TestParseKeepsGoodValuesBesideBadOnes(t *testing.T) {
	file := "theme: light\nrefresh:\n  metrics: 1ms\n  billing: 2h\nbuffers: {requests: x}\n"
	f, problems := Parse("c.yaml", []byte(file))
	if len(problems) != 2 {
		t.Fatalf("problems %q, want 2", problems)
	}

	def := Defaults()
	if f.Theme != ThemeLight || f.Refresh.Billing != 2*time.Hour {
		t.Errorf("good values lost: theme %q, billing %s", f.Theme, f.Refresh.Billing)
	}
	if f.Refresh.Metrics != def.Refresh.Metrics || f.Buffers.Requests != def.Buffers.Requests {
		t.Errorf("bad values not replaced by defaults: %+v %+v", f.Refresh, f.Buffers)
	}
}

func TestParseSyntaxErrorGivesDefaults(t *testing.T) {
	f, problems := Parse("c.yaml", []byte("theme: dark\n\tbad: [\n"))
	if len(problems) != 1 || problems[0].Line < 1 {
		t.Fatalf("problems %q", problems)
	}
	if !reflect.DeepEqual(f, Defaults()) {
		t.Error("a file that is not YAML did not give the defaults")
	}
}

func TestParseNullKeepsDefaults(t *testing.T) {
	f, problems := Parse("c.yaml", []byte("theme:\nalerts: ~\nkeys:\n"))
	if len(problems) != 0 {
		t.Fatalf("problems %q", problems)
	}
	if !reflect.DeepEqual(f, Defaults()) {
		t.Error("empty values changed the defaults")
	}
}

func TestParseAliases(t *testing.T) {
	file := "refresh:\n  functions: &i 20s\n  metrics: *i\n"
	f, problems := Parse("c.yaml", []byte(file))
	if len(problems) != 0 {
		t.Fatalf("problems %q", problems)
	}
	if f.Refresh.Metrics != 20*time.Second {
		t.Errorf("metrics %s, want the aliased 20s", f.Refresh.Metrics)
	}
}

func TestParseBoundsProblems(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		b.WriteString("k")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a'+i%26)) + strings.Repeat("y", i/26) + ": 1\n")
	}
	_, problems := Parse("c.yaml", []byte(b.String()))
	if len(problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(problems), maxProblems+1)
	}
	if last := problems[len(problems)-1]; !strings.Contains(last.Message, "more problems") {
		t.Errorf("last problem %q does not count the rest", last)
	}
}

func TestDefaultsAreIndependent(t *testing.T) {
	a := Defaults()
	a.Keys["global.quit"][0] = "x"
	a.Profiles["p"] = Profile{}
	b := Defaults()
	if b.Keys["global.quit"][0] != "q" || len(b.Profiles) != 0 {
		t.Error("changing one Defaults value changed another")
	}
}

func TestDefaultsPassTheirOwnChecks(t *testing.T) {
	d := newDecoder("c.yaml")
	f := Defaults()
	check(d, &f)
	if len(d.problems) != 0 {
		t.Errorf("defaults fail their checks: %q", d.problems)
	}
}
