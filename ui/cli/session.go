package cli

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/api/clock"
	"github.com/sinchtop/sinchtop/api/sim"
	"github.com/sinchtop/sinchtop/model/settings"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	demo    bool           // --demo: run against the in-process simulator
	flags   settings.Flags // --project, --profile, --api-url, --auth-url
	debug   bool           // --debug: write a log under the XDG state folder
	noColor bool           // --no-color
}

// session is what every command (and the dashboard) works with: the
// settings, the project resolved from them, the API client, the simulator
// when --demo asked for one, and the logger. Close releases all of it.
type session struct {
	// settings is the settings file's content, defaults for what it lacks.
	settings settings.File
	// settingsPath is where the settings file is (or would be).
	settingsPath string
	// problems are the settings file's wrong values, which kept defaults.
	problems []settings.Problem

	// resolved is the project and credentials; in demo mode, the
	// simulator's, with the source "demo".
	resolved settings.Resolved
	// client calls the API.
	client *api.Client
	// demo is the in-process simulator, nil unless --demo.
	demo *sim.Local

	// clock is the clock every part of the session runs on.
	clock clock.Clock
	// logger writes the debug log; it discards unless --debug.
	logger *slog.Logger
	// logPath is the debug log's path, empty unless --debug.
	logPath string

	closers []func() error
}

// sourceDemo is the source of every setting in demo mode.
const sourceDemo = "demo"

// openSession builds the session for a command. Its errors carry exit
// codes: settings that cannot be resolved exit with exitSettings.
func openSession(env *environment, opts globalOptions) (*session, error) {
	s := &session{clock: env.clock, logger: discardLogger()}
	if err := s.open(env, opts); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// open does openSession's work; the caller closes s when it fails.
func (s *session) open(env *environment, opts globalOptions) error {
	if opts.debug {
		logger, path, closeLog, err := openDebugLog(env)
		if err != nil {
			return &exitError{code: exitSettings, err: err}
		}
		s.logger, s.logPath = logger, path
		s.closers = append(s.closers, closeLog)
	}

	s.settingsPath = settings.ConfigPath(env.vars, env.home)
	file, problems, err := settings.Load(s.settingsPath)
	if err != nil {
		return &exitError{code: exitSettings, err: err}
	}
	s.settings, s.problems = file, problems
	for _, p := range problems {
		s.logger.Warn("settings problem", "problem", p.String())
	}

	if opts.demo {
		return s.openDemo(env)
	}
	return s.openProject(env, opts)
}

// openDemo starts the simulator, reporting the function URLs env chooses,
// and a client of it.
func (s *session) openDemo(env *environment) error {
	cfg := sim.DefaultConfig()
	cfg.Clock, cfg.Seed = env.clock, env.seed
	cfg.FunctionURLs = env.demoFunctionURLs
	local, err := sim.Start(cfg)
	if err != nil {
		return fmt.Errorf("start the simulator: %w", err)
	}
	s.demo = local
	s.closers = append(s.closers, local.Close)

	demo := func(v string) settings.Value { return settings.Value{Value: v, Source: sourceDemo} }
	s.resolved = settings.Resolved{
		ProjectID:    demo(cfg.ProjectID),
		KeyID:        demo(cfg.KeyID),
		KeySecret:    settings.NewSecret(cfg.KeySecret),
		SecretSource: sourceDemo,
		APIURL:       demo(local.URL),
		AuthURL:      demo(local.TokenURL),
	}
	s.logger.Info("simulator started", "url", local.URL, "seed", cfg.Seed)
	return s.openClient()
}

// openProject resolves the project and credentials and makes a client.
func (s *session) openProject(env *environment, opts globalOptions) error {
	resolved, err := s.resolve(env, opts.flags)
	if err != nil {
		s.logger.Error("settings not resolved", "error", err)
		return &exitError{code: exitSettings, err: err}
	}
	s.resolved = resolved
	return s.openClient()
}

// openClient makes the API client from the resolved settings.
func (s *session) openClient() error {
	r := s.resolved
	s.logger.Info("session",
		"project", r.ProjectID.Value, "projectFrom", r.ProjectID.Source,
		"keyID", r.KeyID.Value, "keyFrom", r.KeyID.Source, "secretFrom", r.SecretSource,
		"apiURL", r.APIURL.Value, "authURL", r.AuthURL.Value, "profile", r.Profile)

	client, err := s.newClient(r)
	if err != nil {
		return &exitError{code: exitSettings, err: err}
	}
	s.client = client
	return nil
}

// resolve resolves the project and credentials that flags ask for in env,
// with the session's settings file: at start, and for a profile switch.
func (s *session) resolve(env *environment, flags settings.Flags) (settings.Resolved, error) {
	return settings.Resolve(settings.Inputs{
		Flags:        flags,
		Env:          env.vars,
		WorkDir:      env.workDir,
		HomeDir:      env.home,
		Settings:     s.settings,
		SettingsPath: s.settingsPath,
	})
}

// newClient makes a client of the API r resolved, on the session's clock
// and logger.
func (s *session) newClient(r settings.Resolved) (*api.Client, error) {
	return api.NewClient(api.Config{
		APIURL:           r.APIURL.Value,
		AuthURL:          r.AuthURL.Value,
		ProjectID:        r.ProjectID.Value,
		KeyID:            r.KeyID.Value,
		KeySecret:        r.KeySecret.Reveal(),
		CredentialSource: credentialSource(r),
		Clock:            s.clock,
		Logger:           s.logger,
	})
}

// credentialSource says where the key came from, for the client's errors.
func credentialSource(r settings.Resolved) string {
	if r.KeyID.Source == r.SecretSource {
		return r.KeyID.Source
	}
	return fmt.Sprintf("key ID from %s, secret from %s", r.KeyID.Source, r.SecretSource)
}

// Close releases the session's resources, the simulator and the debug log
// last, and reports the first failure.
func (s *session) Close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}
