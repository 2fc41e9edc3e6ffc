package app

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// The results of fetches: one message type per kind, each with its error.

type functionsFetchedMsg struct {
	list api.FunctionList
	err  error
}

type statusFetchedMsg struct {
	functionID string
	status     api.FunctionStatus
	err        error
}

type metricsFetchedMsg struct {
	functionID string
	rng        api.TimeRange
	metrics    api.Metrics
	err        error
}

type billingFetchedMsg struct {
	billing api.Billing
	err     error
}

type costsFetchedMsg struct {
	functionID string
	costs      api.Costs
	err        error
}

type historyFetchedMsg struct {
	functionID string
	before     time.Time
	until      time.Time // the start of the window paged back to; zero for none
	page       api.LogPage
	err        error
}

// budgetMsg carries a snapshot of the API budget, taken in a command.
type budgetMsg struct{ snapshot api.BudgetSnapshot }

// historyPageSize is how many requests one page of history asks for.
const historyPageSize = 100

// fetchCmd runs one planned fetch. It is handed the client, the context and
// the fetch, never the model. Fetches for the function the user looks at
// go first in the budget; the rest wait behind the user's own calls.
func fetchCmd(ctx context.Context, client *api.Client, f model.Fetch, focused string) tea.Cmd {
	if client == nil {
		return nil
	}
	if f.FunctionID == "" || f.FunctionID != focused {
		ctx = api.WithPriority(ctx, api.Background)
	}
	id := f.FunctionID
	return func() tea.Msg {
		switch f.Kind {
		case model.FetchList:
			list, err := client.Functions(ctx)
			return functionsFetchedMsg{list, err}
		case model.FetchStatus:
			s, err := client.Status(ctx, id)
			return statusFetchedMsg{id, s, err}
		case model.FetchMetrics:
			mt, err := client.Metrics(ctx, id, f.Range)
			return metricsFetchedMsg{id, f.Range, mt, err}
		case model.FetchBilling:
			b, err := client.Billing(ctx)
			return billingFetchedMsg{b, err}
		case model.FetchCosts:
			c, err := client.Costs(ctx, id, "month")
			return costsFetchedMsg{id, c, err}
		}
		return nil
	}
}

// historyCmd fetches the page of requests that started before before (the
// newest page when before is zero); until, when set, is the start of the
// window the page is paged back toward.
func historyCmd(ctx context.Context, client *api.Client, id string,
	before, until time.Time) tea.Cmd {
	if client == nil {
		return nil
	}
	return func() tea.Msg {
		q := api.LogQuery{End: before, PageSize: historyPageSize, Order: "desc"}
		page, err := client.Logs(ctx, id, q)
		return historyFetchedMsg{id, before, until, page, err}
	}
}

// snapshotBudget reads the budget's state in a command: it takes the
// budget's lock, which the event loop never waits on.
func (m Model) snapshotBudget() tea.Cmd {
	client := m.opts.Client
	if client == nil {
		return nil
	}
	return m.tag(func() tea.Msg { return budgetMsg{client.Budget().Snapshot()} })
}
