package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// maxCandidates bounds the functions an unknown or ambiguous name lists.
const maxCandidates = 20

// lookupFunction finds the function arg names, fetching the list of
// functions. A name that matches none or several exits with exitSettings,
// listing the candidates.
func lookupFunction(ctx context.Context, s *session, arg string) (api.Function, error) {
	list, err := s.client.Functions(ctx)
	if err != nil {
		return api.Function{}, fmt.Errorf("list functions: %w", err)
	}
	return findFunction(list.Functions, arg)
}

// findFunction picks the function arg names: an exact ID, else an exact
// name, else a name matching without regard to case, else the one function
// whose ID or name starts with arg.
func findFunction(functions []api.Function, arg string) (api.Function, error) {
	tiers := []func(api.Function) bool{
		func(f api.Function) bool { return f.ID == arg },
		func(f api.Function) bool { return f.Name == arg },
		func(f api.Function) bool { return strings.EqualFold(f.Name, arg) },
		func(f api.Function) bool {
			return arg != "" && (strings.HasPrefix(f.ID, arg) ||
				strings.HasPrefix(strings.ToLower(f.Name), strings.ToLower(arg)))
		},
	}

	for _, matches := range tiers {
		found := slices.DeleteFunc(slices.Clone(functions), func(f api.Function) bool {
			return !matches(f)
		})
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return api.Function{}, &exitError{code: exitSettings, err: fmt.Errorf(
				"function %q is ambiguous; it matches:\n%s", model.Sanitize(arg),
				candidates(found))}
		}
	}

	return api.Function{}, &exitError{code: exitSettings, err: fmt.Errorf(
		"no function %q in the project; the functions are:\n%s", model.Sanitize(arg),
		candidates(functions))}
}

// candidates lists functions, one "name  ID" a line, sorted by name.
func candidates(functions []api.Function) string {
	sorted := slices.Clone(functions)
	slices.SortFunc(sorted, func(a, b api.Function) int {
		return strings.Compare(a.Name, b.Name)
	})

	width := 0
	for _, f := range sorted[:min(len(sorted), maxCandidates)] {
		width = max(width, lipgloss.Width(model.Sanitize(f.Name)))
	}

	var b strings.Builder
	for i, f := range sorted {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == maxCandidates {
			fmt.Fprintf(&b, "  … and %d more", len(sorted)-maxCandidates)
			break
		}
		name := model.Sanitize(f.Name)
		pad := strings.Repeat(" ", max(width-lipgloss.Width(name), 0))
		fmt.Fprintf(&b, "  %s%s  %s", name, pad, model.Sanitize(f.ID))
	}
	if len(sorted) == 0 {
		b.WriteString("  (none)")
	}
	return b.String()
}
