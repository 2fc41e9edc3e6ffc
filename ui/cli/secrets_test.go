package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/model/settings"
)

const testSecret = "s3cret-Zq81-never-shown"

// startSim serves a simulator whose key secret is testSecret, on env's
// clock.
func startSim(t *testing.T, env *environment) *sim.Local {
	t.Helper()
	cfg := sim.DefaultConfig()
	cfg.Clock, cfg.KeySecret = env.clock, testSecret
	local, err := sim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { local.Close() })
	return local
}

// TestSecretNeverShown runs commands against a project found through the
// environment and through a settings profile's secretCommand, with the
// debug log on, and greps everything written for the secret.
func TestSecretNeverShown(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, env *environment, local *sim.Local) []string
		code  int
	}{
		{"environment", func(_ *testing.T, env *environment, local *sim.Local) []string {
			env.vars[settings.EnvProjectID] = "demo"
			env.vars[settings.EnvKeyID] = "demo-key"
			env.vars[settings.EnvKeySecret] = testSecret
			env.vars[settings.EnvAPIURL] = local.URL
			env.vars[settings.EnvAuthURL] = local.TokenURL
			return nil
		}, 0},
		{"secretCommand", func(t *testing.T, env *environment, local *sim.Local) []string {
			writeFile(t, filepath.Join(env.home, ".config/sinchtop/config.yaml"),
				"profiles:\n  sim:\n    projectId: demo\n    keyId: demo-key\n"+
					"    apiUrl: "+local.URL+"\n    authUrl: "+local.TokenURL+"\n"+
					"    secretCommand: [printf, '%s\\n', "+testSecret+"]\n")
			return []string{"--profile", "sim"}
		}, 0},
		{"refused secret", func(_ *testing.T, env *environment, local *sim.Local) []string {
			env.vars[settings.EnvProjectID] = "demo"
			env.vars[settings.EnvKeyID] = "demo-key"
			env.vars[settings.EnvKeySecret] = testSecret + "-wrong"
			return []string{"--api-url", local.URL, "--auth-url", local.TokenURL}
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _ := testEnv(t)
			env.vars["XDG_STATE_HOME"] = filepath.Join(env.home, "state")
			local := startSim(t, env)
			flags := tt.setup(t, env, local)

			var written strings.Builder
			for _, args := range [][]string{
				{"functions"}, {"status", "ivr-handler", "--json"}, {"logs", "ivr", "--lines", "3"},
				{"metrics", "ivr"}, {"billing"},
			} {
				r := runCLI(t, env, append(append([]string{"--debug"}, flags...), args...)...)
				if r.code != tt.code {
					t.Fatalf("%v: exit %d, want %d; stderr:\n%s", args, r.code, tt.code, r.stderr)
				}
				written.WriteString(r.stdout + r.stderr)
			}

			log, err := os.ReadFile(filepath.Join(env.home, "state/sinchtop/sinchtop.log"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(log), `"msg":"session"`) {
				t.Errorf("the debug log has no session record:\n%s", log)
			}
			written.Write(log)

			for _, leak := range []string{testSecret, "Bearer ", "access_token"} {
				if strings.Contains(written.String(), leak) {
					t.Errorf("%q written:\n%s", leak, written.String())
				}
			}
		})
	}
}

func TestRefusedSecretSaysSo(t *testing.T) {
	env, _ := testEnv(t)
	local := startSim(t, env)
	env.vars[settings.EnvProjectID] = "demo"
	env.vars[settings.EnvKeyID] = "demo-key"
	env.vars[settings.EnvKeySecret] = "wrong"

	r := runCLI(t, env, "--api-url", local.URL, "--auth-url", local.TokenURL, "functions")
	if r.code != exitFailure || !strings.Contains(strings.ToLower(r.stderr), "unauthorized") &&
		!strings.Contains(r.stderr, "invalid_client") {
		t.Errorf("exit %d, stderr %q; want 1 and the credentials refused", r.code, r.stderr)
	}
}

// TestNoDebugLogUnlessAsked checks that without --debug nothing is written
// under the state folder.
func TestNoDebugLogUnlessAsked(t *testing.T) {
	env, _ := testEnv(t)
	env.vars["XDG_STATE_HOME"] = filepath.Join(env.home, "state")
	if r := runCLI(t, env, "--demo", "functions"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(env.home, "state")); !os.IsNotExist(err) {
		t.Errorf("state folder made without --debug: %v", err)
	}
}

// TestSettingsPrecedenceThroughTheCommandLine checks that the flags beat
// the environment, which beats the files, by pointing each at a different
// project of which only one is served.
func TestSettingsPrecedenceThroughTheCommandLine(t *testing.T) {
	tests := []struct {
		name  string
		flags []string
		env   map[string]string
		files map[string]string // path under home or work -> content
	}{
		{"--project beats the environment", []string{"--project", "demo"},
			map[string]string{settings.EnvProjectID: "env-project"}, nil},
		{"the environment beats sinch.json", nil,
			map[string]string{settings.EnvProjectID: "demo"},
			map[string]string{"work:sinch.json": `{"projectId": "file-project"}`}},
		{"sinch.json beats the sinch CLI's file", nil, nil, map[string]string{
			"work:sinch.json":         `{"projectId": "demo"}`,
			"home:.sinch/config.json": `{"projectId": "cli-project", "keyId": "demo-key"}`,
		}},
		{"the sinch CLI's file beats the settings profile", nil, nil, map[string]string{
			"home:.sinch/config.json": `{"projectId": "demo"}`,
			"home:.config/sinchtop/config.yaml": "profiles:\n  default:\n" +
				"    projectId: profile-project\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _ := testEnv(t)
			local := startSim(t, env)
			env.vars[settings.EnvKeyID] = "demo-key"
			env.vars[settings.EnvKeySecret] = testSecret
			for k, v := range tt.env {
				env.vars[k] = v
			}
			for where, content := range tt.files {
				dir, rel, _ := strings.Cut(where, ":")
				base := env.home
				if dir == "work" {
					base = env.workDir
				}
				writeFile(t, filepath.Join(base, rel), content)
			}

			args := append(tt.flags, "--api-url", local.URL, "--auth-url", local.TokenURL,
				"status", "ivr-handler")
			r := runCLI(t, env, args...)
			if r.code != 0 {
				t.Errorf("exit %d (the wrong project was used?); stderr:\n%s", r.code, r.stderr)
			}
		})
	}
}
