package cli

import (
	"context"
	"errors"
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
// quits. The dashboard is being built in ui/app; until it is wired in here,
// the root command says so.
func runDashboard(_ context.Context, _ *session, _ dashboardOptions) error {
	return errors.New("dashboard not built yet; the headless commands work: " +
		"sinchtop functions, status, logs, metrics, billing")
}
