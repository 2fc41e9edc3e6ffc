package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// places is a test's setup: which files exist with which content.
type places struct {
	sinchJSON  string // ./sinch.json
	vendorJSON string // ~/.sinch/config.json
}

// inputs writes the files into new folders and returns Inputs over them.
func (p places) inputs(t *testing.T, flags Flags, env map[string]string, f File) Inputs {
	t.Helper()
	work, home := t.TempDir(), t.TempDir()
	write := func(path, content string) {
		if content == "" {
			return
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(work, "sinch.json"), p.sinchJSON)
	write(filepath.Join(home, ".sinch", "config.json"), p.vendorJSON)

	return Inputs{Flags: flags, Env: env, WorkDir: work, HomeDir: home, Settings: f,
		SettingsPath: "/cfg/config.yaml"}
}

// withProfile returns settings with one profile.
func withProfile(name string, p Profile) File {
	f := Defaults()
	if p.SecretTimeout == 0 {
		p.SecretTimeout = 5 * time.Second
	}
	f.Profiles[name] = p
	return f
}

var everyProfile = Profile{
	ProjectID: "p-profile", KeyID: "k-profile",
	APIURL: "https://api.profile", AuthURL: "https://auth.profile/token",
	SecretCommand: []string{"printf", "s-profile"},
}

var everyEnv = map[string]string{
	EnvProjectID: "p-env", EnvKeyID: "k-env", EnvKeySecret: "s-env",
	EnvAPIURL: "https://api.env", EnvAuthURL: "https://auth.env/token",
}

const vendorFlat = `{"projectId": "p-vendor", "apiUrl": "https://api.vendor", "keyId": "k-vendor"}`

func TestResolvePrecedence(t *testing.T) {
	flags := Flags{Project: "p-flag", APIURL: "https://api.flag", AuthURL: "https://auth.flag/t"}
	sinchJSON := `{"name": "fn", "projectId": "p-sinch"}`

	tests := []struct {
		name    string
		places  places
		flags   Flags
		env     map[string]string
		file    File
		project string // want value@source-suffix
		keyID   string
		secret  string // want source
		apiURL  string
		authURL string
	}{
		{
			name:   "flags over everything",
			places: places{sinchJSON, vendorFlat}, flags: flags, env: everyEnv,
			file:    withProfile("default", everyProfile),
			project: "p-flag@--project", keyID: "k-env@SINCH_KEY_ID",
			secret: "SINCH_KEY_SECRET", apiURL: "https://api.flag@--api-url",
			authURL: "https://auth.flag/t@--auth-url",
		},
		{
			name:   "environment over files",
			places: places{sinchJSON, vendorFlat}, env: everyEnv,
			file:    withProfile("default", everyProfile),
			project: "p-env@SINCH_PROJECT_ID", keyID: "k-env@SINCH_KEY_ID",
			secret: "SINCH_KEY_SECRET", apiURL: "https://api.env@SINCH_API_URL",
			authURL: "https://auth.env/token@SINCH_AUTH_URL",
		},
		{
			name:   "sinch.json over the vendor file",
			places: places{sinchJSON, vendorFlat}, env: map[string]string{EnvKeySecret: "s"},
			file:    withProfile("default", everyProfile),
			project: "p-sinch@sinch.json", keyID: "k-vendor@config.json",
			secret: "SINCH_KEY_SECRET", apiURL: "https://api.vendor@config.json",
			authURL: "https://auth.profile/token@/cfg/config.yaml",
		},
		{
			name:    "vendor file over the settings profile",
			places:  places{vendorJSON: vendorFlat},
			file:    withProfile("default", everyProfile),
			project: "p-vendor@config.json", keyID: "k-vendor@config.json",
			secret:  `secretCommand of settings profile "default" in /cfg/config.yaml`,
			apiURL:  "https://api.vendor@config.json",
			authURL: "https://auth.profile/token@/cfg/config.yaml",
		},
		{
			name:    "settings profile alone",
			file:    withProfile("default", everyProfile),
			project: "p-profile@/cfg/config.yaml", keyID: "k-profile@/cfg/config.yaml",
			secret:  `secretCommand of settings profile "default" in /cfg/config.yaml`,
			apiURL:  "https://api.profile@/cfg/config.yaml",
			authURL: "https://auth.profile/token@/cfg/config.yaml",
		},
		{
			name:    "defaults for the URLs",
			env:     map[string]string{EnvProjectID: "p", EnvKeyID: "k", EnvKeySecret: "s"},
			file:    Defaults(),
			project: "p@SINCH_PROJECT_ID", keyID: "k@SINCH_KEY_ID", secret: "SINCH_KEY_SECRET",
			apiURL: DefaultAPIURL + "@default", authURL: DefaultAuthURL + "@default",
		},
		{
			name:    "the three variables win even over an unreadable vendor file",
			places:  places{sinchJSON: "{not json", vendorJSON: "{not json"},
			env:     map[string]string{EnvProjectID: "p", EnvKeyID: "k", EnvKeySecret: "s"},
			file:    Defaults(),
			project: "p@SINCH_PROJECT_ID", keyID: "k@SINCH_KEY_ID", secret: "SINCH_KEY_SECRET",
			apiURL: DefaultAPIURL + "@default", authURL: DefaultAuthURL + "@default",
		},
		{
			name: "named profile: the vendor file counts only through that profile",
			places: places{vendorJSON: `{"projectId": "p-top", "keyId": "k-top",
				"profiles": {"prod": {"project_id": "p-prod"}}}`},
			flags:   Flags{Profile: "prod"},
			file:    withProfile("prod", everyProfile),
			project: `p-prod@config.json profile "prod"`, keyID: "k-profile@/cfg/config.yaml",
			secret:  `secretCommand of settings profile "prod" in /cfg/config.yaml`,
			apiURL:  "https://api.profile@/cfg/config.yaml",
			authURL: "https://auth.profile/token@/cfg/config.yaml",
		},
		{
			name: "vendor profiles as a list, the active one picked",
			places: places{vendorJSON: `{"activeProfile": "b", "profiles": [
				{"name": "a", "projectId": "p-a", "keyId": "k-a"},
				{"name": "b", "projectId": "p-b", "keyId": "k-b"}]}`},
			env:     map[string]string{EnvKeySecret: "s"},
			file:    Defaults(),
			project: `p-b@config.json profile "b"`, keyID: `k-b@config.json profile "b"`,
			secret: "SINCH_KEY_SECRET", apiURL: DefaultAPIURL + "@default",
			authURL: DefaultAuthURL + "@default",
		},
		{
			name: "the settings file names the profile",
			file: func() File {
				f := withProfile("staging", everyProfile)
				f.Profile = "staging"
				return f
			}(),
			project: "p-profile@/cfg/config.yaml", keyID: "k-profile@/cfg/config.yaml",
			secret:  `secretCommand of settings profile "staging" in /cfg/config.yaml`,
			apiURL:  "https://api.profile@/cfg/config.yaml",
			authURL: "https://auth.profile/token@/cfg/config.yaml",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Resolve(tt.places.inputs(t, tt.flags, tt.env, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			expect(t, "project ID", r.ProjectID, tt.project)
			expect(t, "key ID", r.KeyID, tt.keyID)
			expect(t, "API URL", r.APIURL, tt.apiURL)
			expect(t, "auth URL", r.AuthURL, tt.authURL)
			if r.SecretSource != tt.secret {
				t.Errorf("secret from %q, want %q", r.SecretSource, tt.secret)
			}
			if r.KeySecret.IsZero() {
				t.Error("no secret")
			}
		})
	}
}

// expect checks a Value against "value@suffix of its source".
func expect(t *testing.T, what string, v Value, want string) {
	t.Helper()
	value, source, _ := strings.Cut(want, "@")
	if v.Value != value || !strings.HasSuffix(v.Source, source) {
		t.Errorf("%s = %q from %q, want %q from …%q", what, v.Value, v.Source, value, source)
	}
}

func TestResolveMissingNamesEachValueAndPlace(t *testing.T) {
	in := places{}.inputs(t, Flags{}, map[string]string{}, Defaults())
	_, err := Resolve(in)

	var missing *MissingError
	if !errors.As(err, &missing) {
		t.Fatalf("error %v, want a *MissingError", err)
	}
	want := strings.Join([]string{
		"missing settings: project ID, key ID, key secret",
		"  project ID: looked in --project, SINCH_PROJECT_ID, WORK/sinch.json (no such file), " +
			"HOME/.sinch/config.json (no such file), " +
			`settings profile "default" in /cfg/config.yaml (no such profile)`,
		"  key ID: looked in SINCH_KEY_ID, HOME/.sinch/config.json (no such file), " +
			`settings profile "default" in /cfg/config.yaml (no such profile)`,
		"  key secret: looked in SINCH_KEY_SECRET, secretCommand of settings profile " +
			`"default" in /cfg/config.yaml (no such profile)`,
		"    (the sinch CLI keeps the secret in the OS keychain, which sinchtop does not " +
			"read: set SINCH_KEY_SECRET or a profile's secretCommand)",
		"Set them in one of those places, or try sinchtop on its built-in simulator, " +
			"no account needed: sinchtop --demo",
	}, "\n")
	got := strings.NewReplacer(in.WorkDir, "WORK", in.HomeDir, "HOME").Replace(err.Error())
	if got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
}

func TestResolveMissingOnlyTheSecret(t *testing.T) {
	in := places{vendorJSON: vendorFlat}.inputs(t, Flags{}, map[string]string{}, Defaults())
	_, err := Resolve(in)

	var missing *MissingError
	if !errors.As(err, &missing) || len(missing.Missing) != 1 ||
		missing.Missing[0].Name != "key secret" {
		t.Fatalf("error %v, want only the key secret missing", err)
	}
}

func TestResolveUnknownProfile(t *testing.T) {
	in := places{vendorJSON: `{"profiles": {"dev": {}}}`}.inputs(t, Flags{Profile: "prod"},
		nil, withProfile("staging", everyProfile))
	_, err := Resolve(in)
	if !errors.Is(err, ErrNoSuchProfile) {
		t.Fatalf("error %v, want ErrNoSuchProfile", err)
	}
	for _, name := range []string{`"prod"`, "staging", "dev"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

func TestResolveRejectsBadValues(t *testing.T) {
	tests := []struct {
		name  string
		flags Flags
		env   map[string]string
		want  string
	}{
		{"API URL", Flags{APIURL: "ftp://x"}, nil, `API URL from --api-url: "ftp://x"`},
		{"auth URL", Flags{}, map[string]string{EnvAuthURL: "nope"},
			`auth URL from SINCH_AUTH_URL: "nope"`},
		{"password in a URL", Flags{APIURL: "https://u:hunter2@x"}, nil,
			"must not hold a user name or password"},
		{"project ID", Flags{Project: "a/b"}, nil, `project ID "a/b" from --project`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{EnvKeyID: "k", EnvKeySecret: "s", EnvProjectID: "p"}
			for k, v := range tt.env {
				env[k] = v
			}
			_, err := Resolve(places{}.inputs(t, tt.flags, env, Defaults()))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q shows a password", err)
			}
		})
	}
}

func TestResolveMalformedVendorFile(t *testing.T) {
	in := places{vendorJSON: "{\n  \"projectId\": \n}"}.inputs(t, Flags{}, nil, Defaults())
	_, err := Resolve(in)
	if err == nil || !strings.Contains(err.Error(), "config.json") ||
		!strings.Contains(err.Error(), "line 3") {
		t.Fatalf("error %v, want the file and line named", err)
	}
}

func TestResolveSecretCommand(t *testing.T) {
	tests := []struct {
		name    string
		command []string
		timeout time.Duration
		secret  string // want, or "" for an error
		err     string
	}{
		{"first line, trimmed", []string{"printf", "  s3cret \nnotes: x\n"}, time.Minute,
			"s3cret", ""},
		{"exit status and stderr", []string{"sh", "-c", "echo locked >&2; exit 3"},
			time.Minute, "", `"sh" failed: exit status 3 (it said: locked)`},
		{"nothing printed", []string{"true"}, time.Minute, "",
			`"true" printed no secret on its first line`},
		{"no such program", []string{"/nonexistent/pm"}, time.Minute, "",
			`"/nonexistent/pm" failed:`},
		{"timeout", []string{"sleep", "30"}, 50 * time.Millisecond, "",
			`"sleep" did not finish within 50ms`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := everyProfile
			p.SecretCommand, p.SecretTimeout = tt.command, tt.timeout
			in := places{}.inputs(t, Flags{}, nil, withProfile("default", p))

			r, err := Resolve(in)
			if tt.secret != "" {
				if err != nil || r.KeySecret.Reveal() != tt.secret {
					t.Fatalf("secret %q, error %v; want %q", r.KeySecret.Reveal(), err, tt.secret)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want it to contain %q", err, tt.err)
			}
		})
	}
}

func TestResolveRunsNoSecretCommandWhenOtherValuesAreMissing(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	p := Profile{SecretCommand: []string{"touch", marker}, SecretTimeout: time.Minute}
	in := places{}.inputs(t, Flags{}, nil, withProfile("default", p))

	if _, err := Resolve(in); err == nil {
		t.Fatal("no error with the project ID missing")
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the secret command ran although the project ID was missing")
	}
}
