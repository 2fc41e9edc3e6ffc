package cli

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
	dashboard "github.com/sinchtop/sinchtop/ui/app"
)

// dashboardOptions are the root command's own flags.
type dashboardOptions struct {
	// function is the function (name or ID) to open drilled into; empty
	// opens the overview.
	function string
	// noColor is --no-color: draw without colour whatever the theme.
	noColor bool
	// env is where a profile switched to inside the dashboard is resolved:
	// its variables, home and working folder. Nil means this process's.
	env *environment
}

// switchCheckTimeout bounds the call that checks a profile's key before
// the dashboard switches to it.
const switchCheckTimeout = 20 * time.Second

// noProfilesInDemo is what the dashboard says when asked for profiles in
// --demo.
const noProfilesInDemo = "--demo shows the simulator's project only: there are no " +
	"profiles to switch to (run sinchtop without --demo to use the settings file's)"

// runDashboard runs the dashboard on the session until ctx ends or the user
// quits. The terminal is restored however it ends.
func runDashboard(ctx context.Context, s *session, opts dashboardOptions) error {
	name := string(s.settings.Theme)
	if opts.noColor {
		name = string(settings.ThemeNone)
	}

	dash := dashboard.Options{
		Client:    s.client,
		ProjectID: s.resolved.ProjectID.Value,
		Profile:   s.resolved.Profile,
		Styles:    theme.New(theme.Options{Name: name}),
		Function:  opts.function,
		Now:       s.clock.Now,
		Settings:  dashboard.SettingsFrom(s.settings),
		Alerts:    alertRules(s.settings.Alerts),
		Notify:    s.settings.Alerts.Notify,
	}
	if s.demo != nil {
		dash.NoProfiles = noProfilesInDemo
	} else {
		env := opts.env
		if env == nil {
			env = processEnvironment()
		}
		dash.Profiles = profileNames(s.settings)
		dash.SwitchProfile = profileSwitcher(env, s)
	}
	return dashboard.Run(ctx, dash)
}

// profileNames lists the settings file's profiles, sorted.
func profileNames(f settings.File) []string {
	names := make([]string, 0, len(f.Profiles))
	for name := range f.Profiles {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// profileSwitcher returns what the dashboard calls to switch to a profile:
// it resolves the profile as `sinchtop --profile NAME` would in env (the
// variables SINCH_* still win over the profile, as they do at start), makes
// a client on the session's clock and logger, and checks its key with one
// call to the functions list, so that a profile whose key is refused is
// not switched to.
func profileSwitcher(env *environment, s *session) func(context.Context, string) (
	*api.Client, string, error) {
	return func(ctx context.Context, name string) (*api.Client, string, error) {
		resolved, err := s.resolve(env, settings.Flags{Profile: name})
		if err != nil {
			return nil, "", err
		}

		client, err := s.newClient(resolved)
		if err != nil {
			return nil, "", err
		}
		s.logger.Info("profile switch", "profile", name,
			"project", resolved.ProjectID.Value, "projectFrom", resolved.ProjectID.Source)

		check, cancel := context.WithTimeout(ctx, switchCheckTimeout)
		defer cancel()
		if _, err := client.Functions(check); err != nil {
			return nil, "", fmt.Errorf("project %s: %w", resolved.ProjectID.Value, err)
		}
		return client, resolved.ProjectID.Value, nil
	}
}
