package cli

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

func (a *app) billingCommand() *cobra.Command {
	var (
		function string
		jsonOut  bool
	)
	cmd := &cobra.Command{
		Use:   "billing",
		Short: "Print this month's costs, per function, or one function's cost breakdown",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withSession(cmd, func(ctx context.Context, s *session) error {
				p := a.printer(s, jsonOut)
				if function != "" {
					return functionCosts(ctx, s, p, function)
				}
				b, err := s.client.Billing(ctx)
				if err != nil {
					return fmt.Errorf("billing: %w", err)
				}
				return printBilling(p, b)
			})
		},
	}
	cmd.Flags().StringVar(&function, "function", "",
		"show the cost breakdown of this function (name or ID)")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the billing as one JSON object")
	return cmd
}

// functionCosts prints one function's cost breakdown for the month.
func functionCosts(ctx context.Context, s *session, p *printer, arg string) error {
	f, err := lookupFunction(ctx, s, arg)
	if err != nil {
		return err
	}
	costs, err := s.client.Costs(ctx, f.ID, "month")
	if err != nil {
		return fmt.Errorf("costs of %s: %w", model.Sanitize(f.Name), err)
	}
	return printCosts(p, f, costs)
}

// printBilling writes the period, the total and each function's cost,
// dearest first.
func printBilling(p *printer, b api.Billing) error {
	if p.json {
		return p.rawLine(b.Raw, b)
	}

	err := printFields(p, [][2]cell{
		{plain("PERIOD"), plain(period(b.PeriodStart, b.PeriodEnd))},
		{plain("TOTAL"), plain(money(b.TotalCost, b.Currency))},
	})
	if err != nil {
		return err
	}

	functions := slices.Clone(b.Functions)
	slices.SortStableFunc(functions, func(x, y api.FunctionCost) int {
		if x.Cost != y.Cost {
			return compareDesc(x.Cost, y.Cost)
		}
		return strings.Compare(x.FunctionName, y.FunctionName)
	})
	rows := make([][]cell, 0, len(functions))
	for _, f := range functions {
		rows = append(rows, []cell{plain(f.FunctionName), plain(f.FunctionID),
			plain(money(f.Cost, b.Currency))})
	}

	if _, err := fmt.Fprintln(p.out); err != nil {
		return err
	}
	t := newTable(column{title: "FUNCTION"}, column{title: "ID"},
		column{title: "COST", right: true})
	return t.print(p, rows)
}

// printCosts writes one function's cost breakdown.
func printCosts(p *printer, f api.Function, c api.Costs) error {
	if p.json {
		return p.rawLine(c.Raw, c)
	}

	err := printFields(p, [][2]cell{
		{plain("FUNCTION"), plain(f.Name)},
		{plain("ID"), plain(f.ID)},
		{plain("PERIOD"), plain(period(c.PeriodStart, c.PeriodEnd))},
		{plain("TOTAL"), plain(money(c.TotalCost, c.Currency))},
	})
	if err != nil {
		return err
	}

	rows := make([][]cell, 0, len(c.Breakdown))
	for _, item := range c.Breakdown {
		rows = append(rows, []cell{plain(item.Item), plain(formatQuantity(item.Quantity)),
			plain(item.Unit), plain(unitCost(item.UnitCost, c.Currency)),
			plain(money(item.Cost, c.Currency))})
	}

	if _, err := fmt.Fprintln(p.out); err != nil {
		return err
	}
	t := newTable(column{title: "ITEM"}, column{title: "QUANTITY", right: true},
		column{title: "UNIT"}, column{title: "UNIT COST", right: true},
		column{title: "COST", right: true})
	return t.print(p, rows)
}

// period writes a billing period's dates, in UTC as the API bills.
func period(start, end time.Time) string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return model.UnknownText
		}
		return t.UTC().Format("2006-01-02")
	}
	return day(start) + " to " + day(end) + " (UTC)"
}

// money writes an amount in its currency.
func money(amount float64, currency string) string {
	return model.FormatMoney(model.KnownFigure(amount), currency)
}

// unitCost writes a price per unit, which is often far below a cent, in
// full decimals.
func unitCost(amount float64, currency string) string {
	text := strconv.FormatFloat(amount, 'f', -1, 64)
	if strings.EqualFold(currency, "USD") || currency == "" {
		return "$" + text
	}
	return text + " " + model.Sanitize(currency)
}

// compareDesc orders larger numbers first.
func compareDesc(x, y float64) int {
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return 0
}

// formatQuantity writes a quantity with thousands separators and at most
// three decimals: "567,327", "4,018.64".
func formatQuantity(q float64) string {
	if math.IsNaN(q) || math.IsInf(q, 0) || math.Abs(q) >= 1e15 {
		return model.UnknownText
	}
	text := strconv.FormatFloat(math.Abs(q), 'f', 3, 64)
	whole, decimals, _ := strings.Cut(text, ".")
	decimals = strings.TrimRight(decimals, "0")

	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return model.UnknownText
	}
	text = model.FormatCount(n)
	if decimals != "" {
		text += "." + decimals
	}
	if q < 0 && text != "0" {
		text = "-" + text
	}
	return text
}
