// Package cli is sinchtop's command line: the dashboard (the root command),
// the headless commands that print tables or JSON lines, and the simulator.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/model"
)

// Exit codes shared by every command.
const (
	exitOK       = 0
	exitFailure  = 1 // the command ran and the answer is "no" or it failed
	exitSettings = 2 // the command could not start: bad flags or settings
)

// exitError carries an exit code through cobra's error return. A nil err
// exits with the code and prints nothing more.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// Execute runs the command line with args and returns the process exit code.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, processEnvironment(), args, stdout, stderr)
}

// run is Execute in a given environment.
func run(ctx context.Context, env *environment, args []string, stdout, stderr io.Writer) int {
	a := &app{env: env, stdout: stdout, stderr: stderr}
	root := a.rootCommand()
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

// app is one run of the command line: its environment, its global flags
// and where it writes.
type app struct {
	env    *environment
	opts   globalOptions
	stdout io.Writer
	stderr io.Writer
}

// errNoTerminal is the root command's answer when its output is a pipe or
// a file: the dashboard draws on a terminal, the other commands print.
var errNoTerminal = errors.New("the dashboard needs a terminal, and standard output is not " +
	"one; to print instead, use 'sinchtop functions', 'status', 'logs', 'metrics' or 'billing'")

func (a *app) rootCommand() *cobra.Command {
	var dash dashboardOptions
	root := &cobra.Command{
		Use:   "sinchtop",
		Short: "Watch every function of a Sinch Functions project from a terminal",
		Long: "sinchtop watches every function of a Sinch Functions project: status, live " +
			"request logs, metrics and billing.\n\nWith no command it opens the dashboard. " +
			"The project and key come from the flags, SINCH_PROJECT_ID, SINCH_KEY_ID and " +
			"SINCH_KEY_SECRET, ./sinch.json, ~/.sinch/config.json or a profile of the " +
			"settings file (see 'sinchtop config path'). Try it with no account: sinchtop --demo",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dash.noColor, dash.env = a.opts.noColor, a.env
			if _, ok := a.env.terminal(a.stdout); !ok {
				return &exitError{code: exitSettings, err: errNoTerminal}
			}
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				return runDashboard(ctx, s, dash)
			})
		},
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitSettings,
			err: fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})

	a.globalFlags(root)
	root.Flags().StringVar(&dash.function, "function", "",
		"open the dashboard drilled into one function (name or ID)")

	root.AddCommand(
		a.functionsCommand(),
		a.statusCommand(),
		a.logsCommand(),
		a.metricsCommand(),
		a.billingCommand(),
		a.configCommand(),
		newSimCommand(),
	)
	return root
}

// globalFlags adds the flags every command takes.
func (a *app) globalFlags(root *cobra.Command) {
	flags := root.PersistentFlags()
	flags.BoolVar(&a.opts.demo, "demo", false,
		"run against the built-in simulator: no account or settings needed")
	flags.StringVar(&a.opts.flags.Project, "project", "", "the project ID")
	flags.StringVar(&a.opts.flags.Profile, "profile", "",
		"the profile of the settings file or of the sinch CLI to use")
	flags.StringVar(&a.opts.flags.APIURL, "api-url", "", "the Functions API base URL")
	flags.StringVar(&a.opts.flags.AuthURL, "auth-url", "", "the OAuth 2.0 token URL")
	flags.BoolVar(&a.opts.debug, "debug", false,
		"write a debug log under the XDG state folder (never to the terminal)")
	flags.BoolVar(&a.opts.noColor, "no-color", false, "print without colour")
}

// withSession opens the session, warns of settings problems on stderr,
// runs fn and closes the session. An error of fn without an exit code exits
// with exitFailure.
func (a *app) withSession(cmd *cobra.Command, fn func(context.Context, *session) error) error {
	s, err := openSession(a.env, a.opts)
	if err != nil {
		return err
	}
	a.warnProblems(s)
	s.logger.Info("command", "name", cmd.CommandPath())

	err = fn(cmd.Context(), s)
	if err != nil {
		s.logger.Error("command failed", "name", cmd.CommandPath(), "error", err)
	}
	if closeErr := s.Close(); err == nil && closeErr != nil {
		err = fmt.Errorf("close: %w", closeErr)
	}
	return asFailure(err)
}

// warnProblems tells of the settings file's wrong values on stderr.
func (a *app) warnProblems(s *session) {
	for _, p := range s.problems {
		fmt.Fprintf(a.stderr, "sinchtop: settings: %s (the default applies)\n",
			model.Sanitize(p.String()))
	}
}

// asFailure gives err exitFailure unless it carries an exit code.
func asFailure(err error) error {
	var ee *exitError
	if err == nil || errors.As(err, &ee) {
		return err
	}
	return &exitError{code: exitFailure, err: err}
}

// usageError exits with exitSettings: the command was asked wrongly.
func usageError(format string, args ...any) error {
	return &exitError{code: exitSettings, err: fmt.Errorf(format, args...)}
}

// printer makes the printer of a command's answer.
func (a *app) printer(s *session, json bool) *printer {
	return newPrinter(a.env, a.stdout, printerOptions{
		theme: s.settings.Theme, noColor: a.opts.noColor, json: json,
	})
}
