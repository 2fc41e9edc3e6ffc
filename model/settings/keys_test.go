package settings

import (
	"slices"
	"strings"
	"testing"
)

func TestKeyActionsAreWellFormed(t *testing.T) {
	scopes := []string{"global", "functions", "filter", "logs", "search", "metrics", "detail",
		"request", "billing", "help", "alerts", "profiles", "prompt"}
	seen := map[string]bool{}
	for _, a := range KeyActions() {
		if seen[a.Name] {
			t.Errorf("%s is listed twice", a.Name)
		}
		seen[a.Name] = true

		if !slices.Contains(scopes, a.Scope()) || !strings.Contains(a.Name, ".") {
			t.Errorf("%s: scope %q is not one of %v", a.Name, a.Scope(), scopes)
		}
		if a.Description == "" || strings.Contains(a.Description, "\n") {
			t.Errorf("%s: description %q is not one line", a.Name, a.Description)
		}
		if msg, _ := badKeys(a.Keys); msg != "" {
			t.Errorf("%s: default keys %q: %s", a.Name, a.Keys, msg)
		}
		if !slices.ContainsFunc(keyContexts(), func(x keyContext) bool { return x.has(a) }) {
			t.Errorf("%s works nowhere: no key context holds it", a.Name)
		}
	}
}

func TestDefaultKeysNeverClash(t *testing.T) {
	def := DefaultKeys()
	bound := func(name string) []string { return def[name] }
	if clash, found := firstClash(bound, KeyActions()); found {
		t.Errorf("default key %q does %s and %s %s", clash.key, clash.first, clash.second,
			clash.where)
	}
}

// TestDefaultKeysAreTodays pins the defaults that the panes' goldens and
// users' habits rely on; the list is the only place they are written.
func TestDefaultKeysAreTodays(t *testing.T) {
	def := DefaultKeys()
	want := map[string][]string{
		"global.quit": {"q"}, "global.forceQuit": {"ctrl+c"}, "global.help": {"?"},
		"functions.sort": {"s"}, "functions.pin": {"p"}, "logs.status": {"s"},
		"logs.pause": {" "}, "logs.pageUp": {"pgup", "ctrl+b"}, "metrics.spike": {"e"},
		"metrics.range1h": {"1"}, "metrics.range30d": {"5"}, "request.copyJSON": {"J"},
		"request.pageDown": {"pgdown", " "}, "help.close": {"esc", "?", "q"},
	}
	for name, keys := range want {
		if !slices.Equal(def[name], keys) {
			t.Errorf("%s: default %q, want %q", name, def[name], keys)
		}
	}
}

func TestCheckKey(t *testing.T) {
	tests := []struct {
		key  string
		want string // "" for a good key, else a part of the message
	}{
		{"q", ""}, {"G", ""}, {"?", ""}, {" ", ""}, {"é", ""}, {"enter", ""},
		{"ctrl+r", ""}, {"shift+tab", ""}, {"f20", ""}, {"alt+x", ""}, {"alt+enter", ""},
		{"ctrl+shift+up", ""}, {"ctrl+@", ""},
		{"", "cannot be empty"},
		{"ab", `"ab" is not a key the terminal sends: want one character`},
		{"Enter", `did you mean "enter"?`},
		{"ctrl+R", `did you mean "ctrl+r"?`},
		{"ctrl+i", `did you mean "tab"?`},
		{"escape", `did you mean "esc"?`},
		{"alt+escape", `did you mean "alt+esc"?`},
		{"pgdn", `did you mean "pgdown"?`},
		{"shift+g", `did you mean "G"?`},
		{"f21", "is not a key"},
		{"alt+", "is not a key"},
		{"\t", "is not a key"},
		{"\u200b", "is not a key"},
		{"\u0301", "is not a key"},
	}
	for _, tt := range tests {
		got := CheckKey(tt.key)
		switch {
		case tt.want == "" && got != "":
			t.Errorf("CheckKey(%q) = %q, want a good key", tt.key, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("CheckKey(%q) = %q, want it to hold %q", tt.key, got, tt.want)
		}
	}
}

func TestNormalizeKey(t *testing.T) {
	for in, want := range map[string]string{
		"space": " ", "Space": " ", "alt+space": "alt+ ", "q": "q", "spaces": "spaces",
	} {
		if got := NormalizeKey(in); got != want {
			t.Errorf("NormalizeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseKeyProblems(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string // "line: field: message" prefixes
	}{
		{"unscoped action", "keys:\n  pause: [p]\n",
			[]string{`2: keys.pause: unknown action "pause": actions are named by where ` +
				`they work (did you mean logs.pause?)`}},
		{"action of several scopes", "keys:\n  up: [w]\n",
			[]string{`2: keys.up: unknown action "up": actions are named by where they ` +
				`work (did you mean functions.up or logs.up or request.up or billing.up ` +
				`or help.up or alerts.up or profiles.up?)`}},
		{"unknown action of a known scope", "keys:\n  logs.fly: [x]\n",
			[]string{`2: keys.logs.fly: unknown action "logs.fly" (known here: logs.up,`}},
		{"unknown scope", "keys:\n  pane.fly: [x]\n",
			[]string{`2: keys.pane.fly: unknown action "pane.fly": want a scope (global, ` +
				`functions, filter, logs, search, metrics, detail, request, billing, help, ` +
				`alerts, profiles, prompt)`}},
		{"key the terminal cannot send", "keys:\n  logs.wrap:\n    - W\n    - ctrl+i\n",
			[]string{`4: keys.logs.wrap: "ctrl+i" is not a key the terminal sends ` +
				`(did you mean "tab"?)`}},
		{"several characters", "keys:\n  logs.wrap: [wr]\n",
			[]string{`2: keys.logs.wrap: "wr" is not a key the terminal sends`}},
		{"empty key", "keys:\n  logs.wrap: ['']\n",
			[]string{`2: keys.logs.wrap: a key cannot be empty`}},
		{"null key", "keys:\n  logs.wrap: [~]\n",
			[]string{`2: keys.logs.wrap: a key cannot be empty`}},
		{"key listed twice", "keys:\n  logs.wrap: [o, space, ' ']\n",
			[]string{`2: keys.logs.wrap: key " " is listed twice`}},
		{"same key in one pane", "keys:\n  logs.wrap: [s]\n",
			[]string{`2: keys.logs.wrap: key "s" is also bound to logs.status, and both ` +
				`work in the request list; keeping the default "w"`}},
		{"pane key taken by a global one", "keys:\n  functions.sort: [q]\n",
			[]string{`2: keys.functions.sort: key "q" is also bound to global.quit, and ` +
				`both work in the functions list; keeping the default "s"`}},
		{"global key taken by a pane one", "keys:\n  global.refresh: [s]\n",
			[]string{`2: keys.global.refresh: key "s" is also bound to functions.sort, ` +
				`and both work in the functions list; keeping the default "ctrl+r"`}},
		{"request list and charts share one function's view", "keys:\n  logs.wrap: [e]\n",
			[]string{`2: keys.logs.wrap: key "e" is also bound to metrics.spike, and both ` +
				`work in one function's view;`}},
		{"two changed actions: the later keeps its default",
			"keys:\n  logs.wrap: [o]\n  logs.timestamps: [o]\n",
			[]string{`3: keys.logs.timestamps: key "o" is also bound to logs.wrap`}},
		{"ctrl+c works while typing", "keys:\n  filter.clear: [ctrl+c]\n",
			[]string{`2: keys.filter.clear: key "ctrl+c" is also bound to ` +
				`global.forceQuit, and both work while a filter is typed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse("c.yaml", []byte(tt.file))
			if len(problems) != len(tt.want) {
				t.Fatalf("problems %q, want %d", problems, len(tt.want))
			}
			for i, want := range tt.want {
				if got := problems[i].String(); !strings.HasPrefix(got, "c.yaml:"+want) {
					t.Errorf("problem %q\nwant prefix %q", got, "c.yaml:"+want)
				}
			}
		})
	}
}

func TestParseKeysThatDoNotClash(t *testing.T) {
	tests := []struct {
		name, file string
		want       map[string][]string
	}{
		{"swap two keys of one pane", "keys:\n  logs.wrap: [s]\n  logs.status: [w]\n",
			map[string][]string{"logs.wrap": {"s"}, "logs.status": {"w"}}},
		{"the same key in two panes", "keys:\n  functions.sort: [o]\n  logs.level: [o]\n",
			map[string][]string{"functions.sort": {"o"}, "logs.level": {"o"}}},
		{"a global key typed into a filter", "keys:\n  filter.clear: [q]\n",
			map[string][]string{"filter.clear": {"q"}}},
		{"back keys handed on", "keys:\n  global.back: [backspace]\n  detail.back: [backspace]\n" +
			"  request.back: [backspace]\n", map[string][]string{"global.back": {"backspace"},
			"detail.back": {"backspace"}, "request.back": {"backspace"}}},
		{"space bar by name", "keys:\n  logs.pause: [Space, alt+space]\n",
			map[string][]string{"logs.pause": {" ", "alt+ "}}},
		{"new root keys", "keys:\n  global.alerts: [ctrl+a]\n  global.profiles: [f2]\n",
			map[string][]string{"global.alerts": {"ctrl+a"}, "global.profiles": {"f2"}}},
		{"a list closes with its own key", "keys:\n  global.alerts: ['!']\n" +
			"  alerts.close: [esc, '!']\n", map[string][]string{"alerts.close": {"esc", "!"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, problems := Parse("c.yaml", []byte(tt.file))
			if len(problems) != 0 {
				t.Fatalf("problems %q", problems)
			}
			for name, keys := range tt.want {
				if !slices.Equal(f.Keys[name], keys) {
					t.Errorf("%s: %q, want %q", name, f.Keys[name], keys)
				}
			}
		})
	}
}

func TestParseKeyClashesSettle(t *testing.T) {
	file := "keys:\n  logs.status: [w]\n  logs.level: [w]\n  logs.wrap: [l]\n"
	f, problems := Parse("c.yaml", []byte(file))

	// logs.level, written after logs.status, takes its default l back, which
	// then clashes with logs.wrap, whose default w clashes with logs.status:
	// each keeps its default in turn.
	want := []string{
		`c.yaml:2: keys.logs.status: key "w" is also bound to logs.wrap`,
		`c.yaml:3: keys.logs.level: key "w" is also bound to logs.status`,
		`c.yaml:4: keys.logs.wrap: key "l" is also bound to logs.level`,
	}
	if len(problems) != len(want) {
		t.Fatalf("problems %q, want %d", problems, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(problems[i].String(), want[i]) {
			t.Errorf("problem %q\nwant prefix %q", problems[i], want[i])
		}
	}
	def := DefaultKeys()
	for _, name := range []string{"logs.status", "logs.level", "logs.wrap"} {
		if !slices.Equal(f.Keys[name], def[name]) {
			t.Errorf("%s: %q, want the default %q", name, f.Keys[name], def[name])
		}
	}

	d := newDecoder("c.yaml")
	check(d, &f)
	if len(d.problems) != 0 {
		t.Errorf("the settings returned fail their checks: %q", d.problems)
	}
}
