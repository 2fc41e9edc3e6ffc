package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

func (a *app) functionsCommand() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "functions",
		Short: "List every function: status, name, ID, runtime and last update",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				list, err := s.client.Functions(ctx)
				if err != nil {
					return fmt.Errorf("list functions: %w", err)
				}
				return printFunctions(a.printer(s, jsonOut), list.Functions)
			})
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print one JSON object per function, a line each")
	return cmd
}

// printFunctions writes the functions sorted by name.
func printFunctions(p *printer, functions []api.Function) error {
	sorted := slices.Clone(functions)
	slices.SortFunc(sorted, func(a, b api.Function) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})

	if p.json {
		for _, f := range sorted {
			if err := p.jsonLine(f); err != nil {
				return err
			}
		}
		return nil
	}

	rows := make([][]cell, 0, len(sorted))
	for _, f := range sorted {
		rows = append(rows, []cell{
			p.statusCell(f.Status),
			plain(f.Name),
			plain(f.ID),
			plain(f.Runtime),
			plain(p.updated(f)),
		})
	}
	t := newTable(column{title: "STATUS"}, column{title: "NAME"}, column{title: "ID"},
		column{title: "RUNTIME"}, column{title: "UPDATED"})
	return t.print(p, rows)
}

// statusCell shows a status in its colour; on a terminal with its symbol,
// so that it reads without colour too.
func (p *printer) statusCell(s api.Status) cell {
	text := string(s)
	if text == "" {
		text = model.UnknownText
	}
	if p.terminal {
		text = theme.StatusSymbol(s) + " " + text
	}
	return p.styled(text, p.styles.Status(s))
}

// updated says when a function last changed, and how long ago.
func (p *printer) updated(f api.Function) string {
	if f.UpdatedAt.IsZero() {
		return model.UnknownText
	}
	return fmt.Sprintf("%s (%s)", p.time(f.UpdatedAt, timeLayout),
		model.FormatRelative(f.UpdatedAt, p.now))
}
