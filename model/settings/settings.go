// Package settings reads sinchtop's settings file and resolves the project
// and credentials to use.
//
// The settings file is one YAML document under the XDG config directory
// ($XDG_CONFIG_HOME/sinchtop/config.yaml, by default
// ~/.config/sinchtop/config.yaml). Every field is optional: Defaults gives
// the value of each one left out. Load reports each wrong value with the
// file's path, the line and the field, and keeps that field's default, so
// sinchtop always starts.
//
// Resolve finds the project ID, key ID, key secret and URLs in the places a
// user of the vendor's CLI already keeps them (flags, SINCH_* variables,
// ./sinch.json, ~/.sinch/config.json) and then in a profile of the settings
// file, recording where each value came from. The key secret is never read
// from a file: it comes from SINCH_KEY_SECRET or from a profile's
// secretCommand, and it is held in a Secret, which prints as "[redacted]".
//
// Nothing here knows that a terminal exists.
package settings

import (
	"time"

	"github.com/sinchtop/sinchtop/model"
)

// File is the content of the settings file, with defaults for every field
// the file leaves out.
type File struct {
	// Theme picks the colours: auto (follow the terminal's background),
	// dark, light, high-contrast, or none (no colour at all).
	Theme Theme `yaml:"theme"`

	// Profile names the profile of Profiles used when --profile is not
	// given. Empty means the profile named "default", if there is one.
	Profile string `yaml:"profile"`

	// Refresh says how often each kind of polled data is fetched.
	Refresh Refresh `yaml:"refresh"`

	// Buffers bounds the requests kept in memory for each function.
	Buffers Buffers `yaml:"buffers"`

	// Alerts says when sinchtop raises an alert, and how it tells.
	Alerts Alerts `yaml:"alerts"`

	// Keys binds each action, named by where it works ("logs.pause",
	// "global.quit"; see KeyActions), to its keys, in the key names of the
	// terminal library ("q", "ctrl+c", "enter", "shift+tab", "space"). An
	// action the file leaves out keeps its default keys; no key may do two
	// things in one place.
	Keys map[string][]string `yaml:"keys"`

	// Profiles holds named sets of project settings, chosen with
	// --profile NAME or with Profile.
	Profiles map[string]Profile `yaml:"profiles"`
}

// Theme is the name of a colour theme.
type Theme string

// The themes sinchtop knows.
const (
	ThemeAuto         Theme = "auto"
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
	ThemeNone         Theme = "none"
)

// Themes lists every theme, ThemeAuto first.
func Themes() []Theme {
	return []Theme{ThemeAuto, ThemeDark, ThemeLight, ThemeHighContrast, ThemeNone}
}

// Refresh holds polling intervals. Each is a duration such as "15s" or "5m".
type Refresh struct {
	// Functions is how often the list of functions and their status is
	// fetched: 2s to 1h, default 15s.
	Functions time.Duration `yaml:"functions"`

	// Metrics is how often each function's metrics are fetched for the
	// overview: 10s to 1h, default 1m.
	Metrics time.Duration `yaml:"metrics"`

	// Focused is how often the status and metrics of the function on screen
	// (the one drilled into) are fetched: 1s to 1h, default 5s.
	Focused time.Duration `yaml:"focused"`

	// Billing is how often the billing summary and costs are fetched: 1m to
	// 24h, default 5m.
	Billing time.Duration `yaml:"billing"`
}

// Buffers bounds the requests kept per function. The older requests go
// first when either bound is reached.
type Buffers struct {
	// Requests is the most requests kept per function: 100 to 1,000,000,
	// default 20,000.
	Requests int `yaml:"requests"`

	// Bytes is the most bytes of request records kept per function, as a
	// number of bytes or with a unit ("32MiB", "500KB"): 1 MiB to 4 GiB,
	// default 32 MiB.
	Bytes ByteSize `yaml:"bytes"`
}

// Profile is one named set of project settings. It holds no secret: the key
// secret comes from SecretCommand or from SINCH_KEY_SECRET.
type Profile struct {
	// ProjectID is the Sinch project whose functions are shown.
	ProjectID string `yaml:"projectId"`

	// APIURL is the Functions API base URL; empty means the default.
	APIURL string `yaml:"apiUrl"`

	// AuthURL is the OAuth 2.0 token URL; empty means the default.
	AuthURL string `yaml:"authUrl"`

	// KeyID is the access key's ID.
	KeyID string `yaml:"keyId"`

	// SecretCommand is a program and its arguments, run without a shell,
	// whose standard output (trimmed of surrounding white space) is the key
	// secret: a password manager, for example [pass, show, sinch/prod].
	SecretCommand []string `yaml:"secretCommand"`

	// SecretTimeout bounds how long SecretCommand may run: 1s to 5m,
	// default 30s (time enough to unlock a password manager).
	SecretTimeout time.Duration `yaml:"secretTimeout"`
}

// The defaults of the API's addresses.
const (
	DefaultAPIURL  = "https://functions.api.sinch.com"
	DefaultAuthURL = "https://auth.sinch.com/oauth2/token"
)

// defaultSecretTimeout bounds a profile's secret command when the profile
// does not say.
const defaultSecretTimeout = 30 * time.Second

// Defaults returns the settings used when the file is missing, and for each
// field it leaves out or gets wrong. Every call returns new maps.
//
// The refresh intervals and buffer bounds are the dashboard's own defaults
// (model), so that a file that leaves them out and no file at all behave
// alike.
func Defaults() File {
	refresh := model.DefaultRefreshIntervals()
	return File{
		Theme: ThemeAuto,
		Refresh: Refresh{
			Functions: refresh.List,
			Metrics:   refresh.Metrics,
			Focused:   refresh.Focused,
			Billing:   refresh.Billing,
		},
		Buffers: Buffers{
			Requests: model.DefaultMaxRequests,
			Bytes:    ByteSize(model.DefaultMaxBytes),
		},
		Alerts:   defaultAlerts(),
		Keys:     DefaultKeys(),
		Profiles: map[string]Profile{},
	}
}
