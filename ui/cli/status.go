package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

func (a *app) statusCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "status FUNCTION",
		Short: "Print a function's status, error and URL; exit 0 only when it is Running",
		Long: "Print a function's status, error and URL. The exit status is 0 when the " +
			"function is Running and 1 otherwise, for health checks after a deploy.\n\n" +
			"FUNCTION is a function's ID or name, or the start of either when that " +
			"picks one function.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				return a.status(ctx, s, args[0], jsonOut)
			})
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the status as one JSON object")
	return cmd
}

// statusLine is the JSON form of the status command's answer.
type statusLine struct {
	FunctionID string     `json:"functionId"`
	Name       string     `json:"name"`
	Status     api.Status `json:"status"`
	Error      string     `json:"error"`
	URL        string     `json:"url"`
}

func (a *app) status(ctx context.Context, s *session, arg string, jsonOut bool) error {
	f, err := lookupFunction(ctx, s, arg)
	if err != nil {
		return err
	}
	status, err := s.client.Status(ctx, f.ID)
	if err != nil {
		return fmt.Errorf("status of %s: %w", model.Sanitize(f.Name), err)
	}

	p := a.printer(s, jsonOut)
	if err := printStatus(p, f, status); err != nil {
		return err
	}
	if status.Status != api.StatusRunning {
		return &exitError{code: exitFailure}
	}
	return nil
}

// printStatus writes one function's status.
func printStatus(p *printer, f api.Function, st api.FunctionStatus) error {
	if p.json {
		return p.jsonLine(statusLine{FunctionID: f.ID, Name: f.Name, Status: st.Status,
			Error: st.Error, URL: st.URL})
	}

	errText := st.Error
	if errText == "" {
		errText = model.UnknownText
	}
	errCell := plain(errText)
	if st.Error != "" {
		errCell = p.styled(errText, p.styles.Error)
	}
	return printFields(p, [][2]cell{
		{plain("FUNCTION"), plain(f.Name)},
		{plain("ID"), plain(f.ID)},
		{plain("STATUS"), p.statusCell(st.Status)},
		{plain("ERROR"), errCell},
		{plain("URL"), plain(st.URL)},
	})
}

// printFields writes name and value pairs, the names aligned and bold.
func printFields(p *printer, fields [][2]cell) error {
	t := newTable(column{}, column{})
	rows := make([][]cell, 0, len(fields))
	for _, f := range fields {
		name := f[0]
		name.style, name.styled = p.style(p.styles.Bold), true
		rows = append(rows, []cell{name, f[1]})
	}
	t.fit(rows)
	for _, row := range rows {
		if err := t.row(p, row); err != nil {
			return err
		}
	}
	return nil
}
