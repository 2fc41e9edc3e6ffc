package cli

import (
	"context"

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
}

// runDashboard runs the dashboard on the session until ctx ends or the user
// quits. The terminal is restored however it ends.
func runDashboard(ctx context.Context, s *session, opts dashboardOptions) error {
	name := string(s.settings.Theme)
	if opts.noColor {
		name = string(settings.ThemeNone)
	}

	return dashboard.Run(ctx, dashboard.Options{
		Client:    s.client,
		ProjectID: s.resolved.ProjectID.Value,
		Profile:   s.resolved.Profile,
		Styles:    theme.New(theme.Options{Name: name}),
		Function:  opts.function,
		Now:       s.clock.Now,
		Settings:  dashboard.SettingsFrom(s.settings),
	})
}
