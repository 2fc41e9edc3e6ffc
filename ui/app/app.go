// Package app is sinchtop's root Bubble Tea program: it lays the panes out
// (header, functions, the selected function's live requests, its metrics,
// billing, footer), routes keys, mouse and results to them, decides with
// model.RefreshPlan what to fetch and when, runs every fetch and stream in
// commands that are handed the values they need, and feeds the results back
// as one message per result.
//
// Nothing in Init, Update or View waits on the network, the disk or a
// lock held by another goroutine: the event loop never blocks.
package app

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/header"
	"github.com/sinchtop/sinchtop/ui/help"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
)

// Settings tune the dashboard: how often each kind of data is polled, how
// many requests are kept per function, and when data counts as stale.
type Settings struct {
	Refresh   model.RefreshIntervals
	Buffer    model.Limits
	Freshness model.FreshnessPolicy
}

// DefaultSettings returns the settings used where Options leaves them zero.
func DefaultSettings() Settings {
	return Settings{
		Refresh:   model.DefaultRefreshIntervals(),
		Freshness: model.DefaultFreshnessPolicy(),
	}
}

// Options say what the dashboard shows and how it reaches the API.
type Options struct {
	// Client calls the API; nil draws the dashboard without fetching, which
	// tests use to drive it with messages alone.
	Client *api.Client
	// ProjectID and Profile are shown in the header.
	ProjectID string
	Profile   string
	// Styles draw everything; nil means theme.New with the "auto" theme.
	Styles *theme.Styles
	// Function, when set, is the name or ID of a function to open drilled
	// in as soon as the list shows it.
	Function string
	// Now tells the time; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Context bounds every fetch and stream; nil means context.Background.
	// Run sets it.
	Context context.Context
	// Settings tune polling and buffers; zero fields take their defaults.
	Settings Settings
	// Clipboard receives text the user copies (a request as JSON or cURL);
	// nil means the system clipboard. It runs in a command, never in the
	// event loop.
	Clipboard func(text string) error
}

// level is how far the user has drilled in.
type level int

const (
	levelOverview level = iota // all functions
	levelDetail                // one function, and one request over it
)

// Model is the root of the dashboard.
type Model struct {
	opts  Options
	ctx   context.Context
	now   func() time.Time
	st    *theme.Styles
	keys  KeyMap
	clock time.Time // the time of the last tick, for drawing

	width, height int
	level         level
	focus         paneID
	detailID      string // the function drilled into
	pendingOpen   string // Options.Function until the list shows it

	header    header.Model
	footer    help.Model
	overlay   help.Model
	functions functions.Model
	logs      logs.Model
	metrics   metrics.Model
	billing   billing.Model
	detail    detail.Model

	plan     *model.RefreshPlan
	fresh    *model.FreshnessTracker
	budget   api.BudgetSnapshot
	buffers  *bufferSet
	streams  map[string]*streamHandle // by function ID
	pins     model.Pins
	recent   *recentMetrics
	watchSeq int // invalidates older watch timers
	tickSeq  int // invalidates older tick chains
	quitting bool
}

// New returns the dashboard's root model. It makes no call: Init starts
// the first fetches.
func New(opts Options) Model {
	opts.Settings = withDefaults(opts.Settings)
	st := opts.Styles
	if st == nil {
		st = theme.New(theme.Options{})
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Clipboard == nil {
		opts.Clipboard = systemClipboard
	}

	m := Model{
		opts:        opts,
		ctx:         ctx,
		now:         now,
		st:          st,
		keys:        DefaultKeyMap(),
		clock:       now(),
		pendingOpen: opts.Function,
		header:      header.New(st),
		footer:      help.New(st),
		overlay:     help.New(st),
		functions:   functions.New(st),
		logs:        logs.New(st),
		metrics:     metrics.New(st),
		billing:     billing.New(st),
		detail:      detail.New(st),
		plan:        model.NewRefreshPlan(opts.Settings.Refresh),
		fresh:       model.NewFreshnessTracker(opts.Settings.Freshness),
		buffers:     newBufferSet(opts.Settings.Buffer),
		streams:     map[string]*streamHandle{},
		recent:      newRecentMetrics(),
	}
	m.header.SetProject(opts.ProjectID, opts.Profile)
	m.functions.SetProject(opts.ProjectID)
	m.setFocus(paneFunctions)
	m.refreshClock(m.clock)
	return m
}

func withDefaults(s Settings) Settings {
	def := DefaultSettings()
	if s.Freshness == (model.FreshnessPolicy{}) {
		s.Freshness = def.Freshness
	}
	return s
}

// Init starts the clock and the first fetches.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.tick(), m.snapshotBudget(), m.runPlan())
}

// Run runs the dashboard in the alternate screen with mouse support until
// the user quits or ctx ends, then closes every stream. The terminal is
// restored however the program ends.
func Run(parent context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	opts.Context = ctx

	p := tea.NewProgram(New(opts), tea.WithAltScreen(), tea.WithMouseCellMotion(),
		tea.WithContext(ctx))
	final, err := p.Run()
	cancel()

	if m, ok := final.(Model); ok {
		m.closeAllStreams()
	}
	if err != nil && parent.Err() != nil {
		return nil // the caller ended the context (a signal): not a failure
	}
	return err
}
