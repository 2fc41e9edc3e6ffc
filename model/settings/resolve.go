package settings

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// The environment variables Resolve reads, the vendor CLI's names.
const (
	EnvProjectID = "SINCH_PROJECT_ID"
	EnvKeyID     = "SINCH_KEY_ID"
	EnvKeySecret = "SINCH_KEY_SECRET"
	EnvAPIURL    = "SINCH_API_URL"
	EnvAuthURL   = "SINCH_AUTH_URL"
)

// SourceDefault is the Source of a URL nobody set.
const SourceDefault = "default"

// ErrNoSuchProfile is wrapped by Resolve's error when the profile asked for
// is in neither the settings file nor the vendor CLI's file.
var ErrNoSuchProfile = errors.New("no such profile")

// Flags are the command line's flags that Resolve honours first.
type Flags struct {
	Project string // --project
	Profile string // --profile
	APIURL  string // --api-url
	AuthURL string // --auth-url
}

// Inputs is everything Resolve reads, besides the files it finds through
// WorkDir and HomeDir. Nothing is read from the process itself, so tests
// need no real home or environment.
type Inputs struct {
	// Flags are the command line's values.
	Flags Flags
	// Env holds the environment variables.
	Env map[string]string
	// WorkDir is the folder whose sinch.json is read.
	WorkDir string
	// HomeDir is the home folder, whose .sinch/config.json is read.
	HomeDir string
	// Settings is the loaded settings file, for its profiles.
	Settings File
	// SettingsPath is the settings file's path, for messages.
	SettingsPath string
}

// Value is one resolved setting and where it came from.
type Value struct {
	// Value is the setting itself.
	Value string
	// Source names where it came from: "--project", "SINCH_PROJECT_ID", a
	// file's path, a profile, or SourceDefault.
	Source string
}

// String writes the value and its source.
func (v Value) String() string { return fmt.Sprintf("%s (from %s)", v.Value, v.Source) }

// Resolved is the project and credentials to use. Its key secret prints
// as "[redacted]" however Resolved is printed.
type Resolved struct {
	// Profile is the profile asked for, or "" when none was.
	Profile string
	// ProjectID is the project whose functions are shown.
	ProjectID Value
	// KeyID is the access key's ID.
	KeyID Value
	// KeySecret is the access key's secret.
	KeySecret Secret
	// SecretSource says where the key secret came from.
	SecretSource string
	// APIURL is the Functions API base URL.
	APIURL Value
	// AuthURL is the OAuth 2.0 token URL.
	AuthURL Value
}

// Resolve finds the project and credentials, for each value taking the
// first place that has it, in this order: the flags (--project, --api-url,
// --auth-url); the environment (SINCH_PROJECT_ID, SINCH_KEY_ID,
// SINCH_KEY_SECRET, SINCH_API_URL, SINCH_AUTH_URL); ./sinch.json (project
// ID); ~/.sinch/config.json, the vendor CLI's file (project ID, API URL,
// key ID); the settings file's profile (all, the secret through its
// secretCommand); and for the URLs the defaults. So when the three
// variables SINCH_PROJECT_ID, SINCH_KEY_ID and SINCH_KEY_SECRET are set,
// they win over every file.
//
// The profile is the one named by --profile, else by the settings file's
// profile field; when one is named, the vendor's file counts only through
// its profile of that name. With none named, the settings profile
// "default" and the vendor file's active profile or top level are used.
//
// A profile's secretCommand runs only when everything else was found and
// the secret is still missing. When values are missing the error is a
// *MissingError naming each of them and every place looked in.
func Resolve(in Inputs) (Resolved, error) {
	s, err := gather(in)
	if err != nil {
		return Resolved{}, err
	}

	r := Resolved{Profile: s.profileName}
	var missing []Missing
	r.ProjectID = s.pick("project ID", s.projectID(), &missing)
	r.KeyID = s.pick("key ID", s.keyID(), &missing)
	r.APIURL = s.pickOr(s.apiURL(), DefaultAPIURL)
	r.AuthURL = s.pickOr(s.authURL(), DefaultAuthURL)
	if err := checkResolved(r); err != nil {
		return Resolved{}, err
	}

	secret, source, looked := s.envSecret()
	if secret.IsZero() && len(missing) > 0 {
		missing = append(missing, Missing{Name: "key secret", Looked: s.secretPlaces(looked)})
	}
	if len(missing) > 0 {
		return Resolved{}, &MissingError{Missing: missing}
	}

	if secret.IsZero() {
		secret, source, err = s.commandSecret(looked)
		if err != nil {
			return Resolved{}, err
		}
	}
	r.KeySecret, r.SecretSource = secret, source
	return r, nil
}

// sources holds what Resolve found in each place.
type sources struct {
	in          Inputs
	profileName string
	trio        bool // the three SINCH_ variables are set

	workFile  string
	work      vendorValues
	workNote  string
	vendFile  string
	vend      vendorValues
	vendNote  string
	setting   Profile
	settingOK bool
	settingAt string
}

// place is one place a value may come from.
type place struct {
	name  string // "--project", "SINCH_PROJECT_ID", a file, a profile
	value string
	note  string // why it had nothing: "no such file"
}

// gather reads the files and picks the profiles.
func gather(in Inputs) (*sources, error) {
	s := &sources{in: in, profileName: in.Flags.Profile}
	if s.profileName == "" {
		s.profileName = in.Settings.Profile
	}
	s.trio = in.Env[EnvProjectID] != "" && in.Env[EnvKeyID] != "" && in.Env[EnvKeySecret] != ""

	if err := s.readWorkFile(); err != nil {
		return nil, err
	}
	vendor, err := s.readVendorFile()
	if err != nil {
		return nil, err
	}
	s.pickSettingsProfile()

	if s.profileName != "" && !s.settingOK && s.vendNote != "" {
		return nil, s.noSuchProfile(vendor)
	}
	return s, nil
}

// readWorkFile reads ./sinch.json. Its errors are ignored when the three
// SINCH_ variables are set, since they win over it.
func (s *sources) readWorkFile() error {
	s.workFile = filepath.Join(s.in.WorkDir, "sinch.json")
	object, err := readJSONObject(s.workFile)
	switch {
	case err != nil && !s.trio:
		return fmt.Errorf("read project settings: %w", err)
	case err != nil:
		s.workNote = "unreadable"
	case object == nil:
		s.workNote = "no such file"
	default:
		s.work = vendorValues{ProjectID: text(object, "projectid")}
	}
	return nil
}

// readVendorFile reads the vendor CLI's file and picks its profile.
func (s *sources) readVendorFile() (*vendorConfig, error) {
	s.vendFile = filepath.Join(s.in.HomeDir, ".sinch", "config.json")
	vendor, err := readVendorConfig(s.vendFile)
	switch {
	case err != nil && !s.trio:
		return nil, fmt.Errorf("read the sinch CLI's settings: %w", err)
	case err != nil:
		s.vendNote = "unreadable"
		return nil, nil
	case vendor == nil:
		s.vendNote = "no such file"
		return nil, nil
	}

	values, at, ok := vendor.profile(s.profileName)
	switch {
	case !ok && s.profileName != "":
		s.vendNote = fmt.Sprintf("no profile %q", s.profileName)
	case !ok:
		s.vendNote = "no values"
	default:
		s.vend = values
		if at != "" {
			s.vendFile += " " + at
		}
	}
	return vendor, nil
}

// pickSettingsProfile finds the settings file's profile.
func (s *sources) pickSettingsProfile() {
	name := s.profileName
	if name == "" {
		name = "default"
	}
	s.setting, s.settingOK = s.in.Settings.Profiles[name]
	s.settingAt = fmt.Sprintf("settings profile %q in %s", name, s.in.SettingsPath)
}

// noSuchProfile says which profiles exist.
func (s *sources) noSuchProfile(vendor *vendorConfig) error {
	var known []string
	for name := range s.in.Settings.Profiles {
		known = append(known, name)
	}
	slices.Sort(known)
	var vendorNames []string
	if vendor != nil {
		vendorNames = vendor.names()
	}
	return fmt.Errorf("%w %q: the settings file %s has %s; %s has %s",
		ErrNoSuchProfile, s.profileName, s.in.SettingsPath, listOrNone(known),
		filepath.Join(s.in.HomeDir, ".sinch", "config.json"), listOrNone(vendorNames))
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (s *sources) projectID() []place {
	return []place{
		{name: "--project", value: s.in.Flags.Project},
		s.env(EnvProjectID),
		{name: s.workFile, value: s.work.ProjectID, note: s.workNote},
		{name: s.vendFile, value: s.vend.ProjectID, note: s.vendNote},
		s.profile(s.setting.ProjectID),
	}
}

func (s *sources) keyID() []place {
	return []place{
		s.env(EnvKeyID),
		{name: s.vendFile, value: s.vend.KeyID, note: s.vendNote},
		s.profile(s.setting.KeyID),
	}
}

func (s *sources) apiURL() []place {
	return []place{
		{name: "--api-url", value: s.in.Flags.APIURL},
		s.env(EnvAPIURL),
		{name: s.vendFile, value: s.vend.APIURL},
		s.profile(s.setting.APIURL),
	}
}

func (s *sources) authURL() []place {
	return []place{
		{name: "--auth-url", value: s.in.Flags.AuthURL},
		s.env(EnvAuthURL),
		{name: s.vendFile, value: s.vend.AuthURL},
		s.profile(s.setting.AuthURL),
	}
}

func (s *sources) env(name string) place {
	return place{name: name, value: strings.TrimSpace(s.in.Env[name])}
}

func (s *sources) profile(value string) place {
	p := place{name: s.settingAt, value: value}
	if !s.settingOK {
		p.note = "no such profile"
	}
	return p
}

// pick returns the first place's value, or records the value as missing.
func (s *sources) pick(what string, places []place, missing *[]Missing) Value {
	for _, p := range places {
		if p.value != "" {
			return Value{Value: p.value, Source: p.name}
		}
	}
	*missing = append(*missing, Missing{Name: what, Looked: describePlaces(places)})
	return Value{}
}

// pickOr returns the first place's value, or the default.
func (s *sources) pickOr(places []place, def string) Value {
	for _, p := range places {
		if p.value != "" {
			return Value{Value: p.value, Source: p.name}
		}
	}
	return Value{Value: def, Source: SourceDefault}
}

func describePlaces(places []place) []string {
	looked := make([]string, 0, len(places))
	for _, p := range places {
		if p.note != "" {
			looked = append(looked, fmt.Sprintf("%s (%s)", p.name, p.note))
			continue
		}
		looked = append(looked, p.name)
	}
	return looked
}

// envSecret reads the secret from the environment.
func (s *sources) envSecret() (Secret, string, place) {
	p := s.env(EnvKeySecret)
	return NewSecret(p.value), p.name, p
}

// secretPlaces lists where a secret was looked for.
func (s *sources) secretPlaces(env place) []string {
	command := place{name: "secretCommand of " + s.settingAt}
	switch {
	case !s.settingOK:
		command.note = "no such profile"
	case len(s.setting.SecretCommand) == 0:
		command.note = "not set"
	}
	return describePlaces([]place{env, command})
}

// commandSecret runs the settings profile's secret command.
func (s *sources) commandSecret(env place) (Secret, string, error) {
	if !s.settingOK || len(s.setting.SecretCommand) == 0 {
		return Secret{}, "", &MissingError{Missing: []Missing{{
			Name: "key secret", Looked: s.secretPlaces(env)}}}
	}

	source := "secretCommand of " + s.settingAt
	secret, err := runSecretCommand(s.setting.SecretCommand, s.setting.SecretTimeout)
	if err != nil {
		return Secret{}, "", fmt.Errorf("%s: %w", source, err)
	}
	return secret, source, nil
}

// checkResolved rejects URLs and project IDs that cannot work, naming where
// they came from.
func checkResolved(r Resolved) error {
	for _, v := range []struct {
		what  string
		value Value
	}{{"API URL", r.APIURL}, {"auth URL", r.AuthURL}} {
		if err := checkURL(v.value.Value); err != nil {
			return fmt.Errorf("%s from %s: %w", v.what, v.value.Source, err)
		}
	}
	if r.ProjectID.Value != "" && !validProjectID(r.ProjectID.Value) {
		return fmt.Errorf("project ID %s from %s is not a project ID",
			quoted(r.ProjectID.Value), r.ProjectID.Source)
	}
	return nil
}

// Missing is one setting Resolve could not find.
type Missing struct {
	// Name is the setting: "project ID", "key ID" or "key secret".
	Name string
	// Looked lists each place looked in, with why it had nothing when
	// that is known ("no such file").
	Looked []string
}

// MissingError is Resolve's error when settings are missing.
type MissingError struct {
	// Missing lists each setting not found, in the order project ID, key
	// ID, key secret.
	Missing []Missing
}

// Error names each missing setting, the places looked in, and --demo.
func (e *MissingError) Error() string {
	var b strings.Builder
	names := make([]string, 0, len(e.Missing))
	for _, m := range e.Missing {
		names = append(names, m.Name)
	}
	fmt.Fprintf(&b, "missing settings: %s\n", strings.Join(names, ", "))

	for _, m := range e.Missing {
		fmt.Fprintf(&b, "  %s: looked in %s\n", m.Name, strings.Join(m.Looked, ", "))
		if m.Name == "key secret" {
			b.WriteString("    (the sinch CLI keeps the secret in the OS keychain, which " +
				"sinchtop does not read: set SINCH_KEY_SECRET or a profile's secretCommand)\n")
		}
	}
	b.WriteString("Set them in one of those places, or try sinchtop on its built-in " +
		"simulator, no account needed: sinchtop --demo")
	return b.String()
}
