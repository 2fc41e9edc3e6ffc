package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
)

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Check the settings file, print its path, or print an example of it",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Check the settings file: exit 0 when it is good, 1 listing its problems",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return a.configCheck() },
	}, &cobra.Command{
		Use:   "path",
		Short: "Print the settings file's path",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(a.stdout, a.settingsPath())
			return err
		},
	}, &cobra.Command{
		Use:   "example",
		Short: "Print a settings file with every option at its default, each explained",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := a.stdout.Write(settings.Example())
			return err
		},
	})
	return cmd
}

// settingsPath is where the settings file is, or would be.
func (a *app) settingsPath() string {
	return settings.ConfigPath(a.env.vars, a.env.home)
}

// configCheck lists the settings file's problems, one
// "path:line: field: message" a line.
func (a *app) configCheck() error {
	path := a.settingsPath()
	_, problems, err := settings.Load(path)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}

	for _, p := range problems {
		if _, err := fmt.Fprintln(a.stdout, model.Sanitize(p.String())); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return &exitError{code: exitFailure,
			err: fmt.Errorf("%s: %s; each of those values keeps its default",
				model.Sanitize(path), plural(len(problems), "problem"))}
	}

	verdict := "ok"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		verdict = "no settings file; the defaults apply"
	}
	_, err = fmt.Fprintf(a.stdout, "%s: %s\n", model.Sanitize(path), verdict)
	return err
}

// plural writes a count and a noun, with an s unless the count is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
