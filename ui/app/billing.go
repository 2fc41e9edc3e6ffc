package app

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// billingPane is a local stand-in for the billing pane (ui/billing, being
// written alongside): the month's total and the dearest functions as bars.
// It follows the pane contract so that swapping in ui/billing is a change
// of type.
type billingPane struct {
	st      *theme.Styles
	width   int
	height  int
	focused bool
	now     time.Time

	billing api.Billing
	loaded  bool
	err     string
	retryAt time.Time
}

func newBillingPane(st *theme.Styles) billingPane { return billingPane{st: st} }

func (b *billingPane) SetSize(w, h int)     { b.width, b.height = max(w, 0), max(h, 0) }
func (b *billingPane) SetNow(now time.Time) { b.now = now }
func (b *billingPane) SetBilling(v api.Billing) {
	b.billing, b.loaded, b.err = v, true, ""
}

func (b *billingPane) SetError(why string, retryAt time.Time) {
	b.err, b.retryAt = why, retryAt
}

func (b billingPane) Title() string {
	if !b.loaded || b.billing.PeriodStart.IsZero() {
		return "Billing"
	}
	end := b.billing.PeriodEnd.Add(-time.Nanosecond)
	return "Billing · " + b.billing.PeriodStart.Format("Jan 2") + "–" + end.Format("2")
}

func (b billingPane) View() string {
	if b.width <= 0 || b.height <= 0 {
		return ""
	}
	var lines []string
	if b.err != "" {
		lines = append(lines, b.st.Warn.Render("▲ "+b.err+retryIn(b.retryAt, b.now)))
	}
	if !b.loaded {
		if b.err == "" {
			lines = append(lines, b.st.Faint.Render("Loading billing…"))
		}
		return theme.FitBlock(strings.Join(lines, "\n"), b.width, b.height)
	}

	cur := b.billing.Currency
	total := model.FormatMoney(model.KnownFigure(b.billing.TotalCost), cur)
	lines = append(lines, b.st.Billing.Total.Render(total)+b.st.Billing.Period.Render(" so far"))
	lines = append(lines, b.bars(b.height-len(lines))...)
	return theme.FitBlock(strings.Join(lines, "\n"), b.width, b.height)
}

// bars draws up to n of the dearest functions with a bar each.
func (b billingPane) bars(n int) []string {
	fns := slices.Clone(b.billing.Functions)
	slices.SortStableFunc(fns, func(x, y api.FunctionCost) int { return cmp.Compare(y.Cost, x.Cost) })
	fns = fns[:min(len(fns), max(n, 0))]
	top := 0.0
	for _, f := range fns {
		top = max(top, f.Cost)
	}

	nameW := min(16, max(b.width/3, 1))
	costW := 9
	barW := max(b.width-nameW-costW-2, 0)
	out := make([]string, 0, len(fns))
	for _, f := range fns {
		name := model.Truncate(model.Sanitize(cmp.Or(f.FunctionName, f.FunctionID)), nameW)
		name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
		bar := ""
		if top > 0 && f.Cost > 0 {
			bar = strings.Repeat("█", max(int(f.Cost/top*float64(barW)+0.5), 1))
		}
		bar += strings.Repeat(" ", barW-ansi.StringWidth(bar))
		cost := model.FormatMoney(model.KnownFigure(f.Cost), b.billing.Currency)
		out = append(out, b.st.Billing.Name.Render(name)+" "+b.st.Billing.Bar.Render(bar)+" "+
			b.st.Billing.Cost.Render(cost))
	}
	return out
}
