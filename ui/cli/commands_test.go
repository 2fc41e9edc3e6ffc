package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/ui/internal/uitest"
)

// TestGoldenOutput runs each command on the simulator, at a fixed time
// and seed, and compares its table and JSON output with golden files.
func TestGoldenOutput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"functions", []string{"functions"}, 0},
		{"functions-json", []string{"functions", "--json"}, 0},
		{"status", []string{"status", "ivr-handler"}, 0},
		{"status-json", []string{"status", "ivr-handler", "--json"}, 0},
		{"status-failed", []string{"status", "ai-voice"}, 1},
		{"logs", []string{"logs", "ivr-handler", "--lines", "12"}, 0},
		{"logs-json", []string{"logs", "01JKXF00000000000001", "--lines", "3", "--json"}, 0},
		{"logs-filtered", []string{"logs", "ivr-handler", "--level", "warning", "--status",
			"error", "--since", "2h", "--order", "asc", "--lines", "8"}, 0},
		{"logs-search", []string{"logs", "ivr-handler", "--search", "CRM", "--lines", "5",
			"--since", "1h", "--until", "2026-12-03T15:30:00Z"}, 0},
		{"metrics", []string{"metrics", "ivr-handler", "--range", "1h"}, 0},
		{"metrics-json", []string{"metrics", "ivr-handler", "--range", "4h", "--json"}, 0},
		{"billing", []string{"billing"}, 0},
		{"billing-json", []string{"billing", "--json"}, 0},
		{"costs", []string{"billing", "--function", "ivr-handler"}, 0},
		{"costs-json", []string{"billing", "--function", "ivr-handler", "--json"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _ := testEnv(t)
			r := runCLI(t, env, append([]string{"--demo"}, tt.args...)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
			uitest.Golden(t, tt.name, r.stdout)
		})
	}
}

// TestJSONIsOneObjectPerLine checks that every --json line is an object.
func TestJSONIsOneObjectPerLine(t *testing.T) {
	for _, args := range [][]string{
		{"functions", "--json"},
		{"status", "sms", "--json"},
		{"logs", "sms", "--json", "--lines", "30"},
		{"metrics", "sms", "--json"},
		{"billing", "--json"},
		{"billing", "--function", "sms", "--json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			env, _ := testEnv(t)
			r := runCLI(t, env, append([]string{"--demo"}, args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for i, line := range lines(r.stdout) {
				var object map[string]any
				if err := json.Unmarshal([]byte(line), &object); err != nil {
					t.Errorf("line %d is not a JSON object: %v\n%s", i+1, err, line)
				}
			}
		})
	}
}

func TestTerminalOutput(t *testing.T) {
	t.Run("colour", func(t *testing.T) {
		env, _ := testEnv(t)
		onTerminal(env, 100)
		env.vars["TERM"] = "xterm-256color"
		r := runCLI(t, env, "--demo", "functions")
		if !strings.Contains(r.stdout, "\x1b[") {
			t.Error("no colour on a terminal")
		}
		uitest.Golden(t, "functions-terminal-colour", r.stdout)
	})

	for name, setting := range map[string]func(*environment) []string{
		"NO_COLOR": func(env *environment) []string {
			env.vars["NO_COLOR"] = "1"
			return nil
		},
		"--no-color": func(*environment) []string { return []string{"--no-color"} },
		"theme none": func(env *environment) []string {
			writeFile(t, env.home+"/.config/sinchtop/config.yaml", "theme: none\n")
			return nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			env, _ := testEnv(t)
			onTerminal(env, 100)
			env.vars["TERM"] = "xterm-256color"
			env.vars["CLICOLOR_FORCE"] = "1"
			r := runCLI(t, env, append(setting(env), "--demo", "functions")...)
			if strings.Contains(r.stdout, "\x1b") {
				t.Errorf("colour printed with %s:\n%q", name, r.stdout)
			}
			uitest.Golden(t, "functions-terminal", r.stdout)
		})
	}

	t.Run("not a terminal, colour forced by the environment", func(t *testing.T) {
		env, _ := testEnv(t)
		env.vars["TERM"] = "xterm-256color"
		env.vars["CLICOLOR_FORCE"] = "1"
		r := runCLI(t, env, "--demo", "functions")
		if strings.Contains(r.stdout, "\x1b") {
			t.Errorf("colour printed to a pipe:\n%q", r.stdout)
		}
	})

	t.Run("rows cut to the width", func(t *testing.T) {
		env, _ := testEnv(t)
		onTerminal(env, 90)
		r := runCLI(t, env, "--demo", "logs", "ivr-handler", "--lines", "6")
		for _, line := range lines(r.stdout) {
			if w := len([]rune(line)); w > 90 {
				t.Errorf("line of %d cells on a 90-cell terminal: %q", w, line)
			}
		}
		uitest.Golden(t, "logs-terminal-90", r.stdout)
	})
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of stderr, if any
	}{
		{"status Running", []string{"--demo", "status", "ivr-handler"}, 0, ""},
		{"status by ID", []string{"--demo", "status", "01JKXF00000000000001"}, 0, ""},
		{"status Failed", []string{"--demo", "status", "ai-voice-agent"}, 1, ""},
		{"status Stopped", []string{"--demo", "status", "fax-relay"}, 1, ""},
		{"unknown function", []string{"--demo", "status", "nope"}, 2,
			"no function \"nope\" in the project; the functions are:\n  ai-voice-agent"},
		{"ambiguous function", []string{"--demo", "logs", "c"}, 2,
			"function \"c\" is ambiguous; it matches:\n  call-router        01JKXF00000000000003\n" +
				"  conference-bridge  01JKXF0000000000000A"},
		{"missing settings", []string{"functions"}, 2, "missing settings: project ID, key ID"},
		{"unknown flag", []string{"--demo", "functions", "--colour"}, 2, "unknown flag: --colour"},
		{"missing argument", []string{"--demo", "status"}, 2, "accepts 1 arg(s)"},
		{"bad --since", []string{"--demo", "logs", "ivr", "--since", "yesterday"}, 2,
			"--since \"yesterday\": want a duration back from now"},
		{"bad --level", []string{"--demo", "logs", "ivr", "--level", "loud"}, 2,
			"--level \"loud\": want debug, info, warning or error"},
		{"bad --status", []string{"--demo", "logs", "ivr", "--status", "2xx"}, 2,
			"--status \"2xx\": want success or redirect or error"},
		{"bad --lines", []string{"--demo", "logs", "ivr", "--lines", "0"}, 2,
			"--lines must be 1 to 10000"},
		{"--since after --until", []string{"--demo", "logs", "ivr", "--since", "1h",
			"--until", "2h"}, 2, "--since (2026-12-03T15:00:00Z) must be before --until"},
		{"--follow with --until", []string{"--demo", "logs", "ivr", "--follow", "--until",
			"1h"}, 2, "--follow cannot take --until"},
		{"bad --range", []string{"--demo", "metrics", "ivr", "--range", "2h"}, 2,
			"--range \"2h\": want 1h, 4h, 24h, 7d or 30d"},
		{"dashboard without a terminal", []string{"--demo"}, 2, "the dashboard needs a terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _ := testEnv(t)
			r := runCLI(t, env, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr\n%s\nwant it to contain\n%s", r.stderr, tt.stderr)
			}
		})
	}
}

func TestMissingSettingsMessage(t *testing.T) {
	env, _ := testEnv(t)
	env.vars["SINCH_PROJECT_ID"] = "p-1"
	r := runCLI(t, env, "functions")
	if r.code != exitSettings {
		t.Fatalf("exit %d, want %d", r.code, exitSettings)
	}

	got := strings.NewReplacer(env.home, "HOME", env.workDir, "WORK").Replace(r.stderr)
	uitest.Golden(t, "missing-settings", got)
}

func TestSettingsProblemsAreWarnings(t *testing.T) {
	env, _ := testEnv(t)
	path := env.home + "/.config/sinchtop/config.yaml"
	writeFile(t, path, "theme: dark\nrefresh:\n  functions: soon\n")

	r := runCLI(t, env, "--demo", "functions")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := "sinchtop: settings: " + path + ":3: refresh.functions: want a duration such as " +
		"30s, 5m or 1h, got \"soon\" (the default applies)\n"
	if r.stderr != want {
		t.Errorf("stderr\n%q\nwant\n%q", r.stderr, want)
	}
}

func TestConfigCommands(t *testing.T) {
	env, _ := testEnv(t)
	env.vars["XDG_CONFIG_HOME"] = env.home + "/xdg"
	path := env.home + "/xdg/sinchtop/config.yaml"

	r := runCLI(t, env, "config", "path")
	if r.code != 0 || r.stdout != path+"\n" {
		t.Errorf("config path: exit %d, %q; want %q", r.code, r.stdout, path)
	}

	r = runCLI(t, env, "config", "check")
	if r.code != 0 || r.stdout != path+": no settings file; the defaults apply\n" {
		t.Errorf("config check without a file: exit %d, %q", r.code, r.stdout)
	}

	writeFile(t, path, "theme: dark\nprofiles:\n  prod:\n    projectId: p\n")
	r = runCLI(t, env, "config", "check")
	if r.code != 0 || r.stdout != path+": ok\n" {
		t.Errorf("config check of a good file: exit %d, %q", r.code, r.stdout)
	}

	writeFile(t, path, "theme: pink\nalerts:\n  p95:\n    thresholdMs: -5\ncolour: red\n")
	r = runCLI(t, env, "config", "check")
	if r.code != 1 {
		t.Errorf("config check of a bad file: exit %d, want 1", r.code)
	}
	got := strings.ReplaceAll(r.stdout+r.stderr, path, "PATH")
	uitest.Golden(t, "config-check", got)
}
