// Package cli is sinchtop's command line: the dashboard (the root command),
// the headless commands that print tables or JSON lines, and the simulator.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes shared by every command.
const (
	exitOK       = 0
	exitFailure  = 1 // the command ran and the answer is "no" or it failed
	exitSettings = 2 // the command could not start: bad flags or settings
)

// exitError carries an exit code through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Execute runs the command line with args and returns the process exit code.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)

	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(stderr, "sinchtop:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "sinchtop:", err)
	return exitSettings
}

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "sinchtop",
		Short:         "Watch every function of a Sinch Functions project from a terminal",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return fmt.Errorf("the dashboard is not built yet; try 'sinchtop sim'")
		},
	}
	root.AddCommand(newSimCommand())
	return root
}
