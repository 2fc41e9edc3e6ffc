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
	"io"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/header"
	"github.com/sinchtop/sinchtop/ui/help"
	"github.com/sinchtop/sinchtop/ui/keymap"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/notify"
)

// Settings tune the dashboard: how often each kind of data is polled, how
// many requests are kept per function, and when data counts as stale.
type Settings struct {
	Refresh   model.RefreshIntervals
	Buffer    model.Limits
	Freshness model.FreshnessPolicy
	// Keys rebinds actions (settings.File.Keys: action name -> keys); nil
	// keeps every default.
	Keys map[string][]string
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
	// Clipboard, when set, receives text the user copies (a request as JSON
	// or cURL) instead of the terminal. Nil, the default, sends it to the
	// terminal's clipboard (OSC 52), which works over SSH and inside tmux,
	// where a local clipboard program would copy on the wrong machine. It
	// runs in a command, never in the event loop.
	Clipboard func(text string) error

	// Alerts are the alert rules; the zero value is the engine's defaults.
	// Rules that do not validate are replaced by the defaults, and the
	// status line says why.
	Alerts model.AlertRules
	// Notify says how a firing alert is told besides the banner, the
	// header and the terminal title: Bell rings the bell; Desktop makes Run
	// build its Notifier with desktop notifications on (a Notifier given
	// here sends them as it was built to).
	Notify settings.Notify
	// Notifier writes the bell, titles, notifications and clipboard copies
	// to the terminal; nil means one that writes nothing, and Run makes one
	// writing to the program's output.
	Notifier *notify.Notifier

	// ExportDir is where exports are written; empty is the current folder.
	ExportDir string

	// Profiles are the settings file's profile names, for the profile list.
	Profiles []string
	// SwitchProfile resolves a profile into a client and a project ID. It
	// runs in a command and may take as long as a secret command does. Nil
	// means profiles cannot be switched; NoProfiles then says why.
	SwitchProfile func(ctx context.Context, name string) (*api.Client, string, error)
	// NoProfiles says why there is no profile to switch to, for example
	// in the demo.
	NoProfiles string
}

// level is how far the user has drilled in.
type level int

const (
	levelOverview level = iota // all functions
	levelDetail                // one function, and one request over it
)

// Model is the root of the dashboard.
type Model struct {
	opts   Options
	base   context.Context // Options.Context
	ctx    context.Context // the current project's, cancelled on a switch
	cancel context.CancelFunc
	gen    int // the current project's generation (see projectMsg)
	now    func() time.Time
	st     *theme.Styles
	keys   KeyMap
	clock  time.Time // the time of the last tick, for drawing

	alertKeys   ListKeyMap
	profileKeys ListKeyMap
	promptKeys  PromptKeyMap

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
	closing  int                      // streams closed whose slot is not yet given back
	pins     model.Pins
	recent   *recentMetrics
	windows  map[string]*windowPaging // spike windows being paged back to, by function
	watchSeq int                      // invalidates older watch timers
	tickSeq  int                      // invalidates older tick chains
	quitting bool

	alerts      *model.Alerts
	notifier    *notify.Notifier
	titles      *titleWriter
	title       string // the title last asked for
	titleSeq    int64
	started     time.Time // of the project shown, for launchQuiet
	launchTold  bool      // the alerts of the launch have rung
	banner      bool      // the banner line is laid out
	alertList   listCursor
	profileList listCursor
	switching   string // the profile being switched to
	status      statusLine
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
	base := opts.Context
	if base == nil {
		base = context.Background()
	}
	ctx, cancel := context.WithCancel(base)
	notifier := opts.Notifier
	if notifier == nil {
		notifier = notify.New(io.Discard, notify.Options{})
	}
	alerts, rulesErr := newAlerts(opts.Alerts)

	m := Model{
		opts:        opts,
		base:        base,
		ctx:         ctx,
		cancel:      cancel,
		now:         now,
		st:          st,
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
		windows:     map[string]*windowPaging{},
		alerts:      alerts,
		notifier:    notifier,
		titles:      &titleWriter{},
		titleSeq:    initTitleSeq,
		started:     now(),
	}
	m.applyKeys(keymap.Build(opts.Settings.Keys))
	m.title = m.titleBase()
	m.header.SetProject(opts.ProjectID, opts.Profile)
	m.functions.SetProject(opts.ProjectID)
	m.setFocus(paneFunctions)
	m.refreshClock(m.clock)
	if rulesErr != nil {
		m.note(rulesErr.Error() + "; the default alert rules apply")
	}
	return m
}

func withDefaults(s Settings) Settings {
	def := DefaultSettings()
	if s.Freshness == (model.FreshnessPolicy{}) {
		s.Freshness = def.Freshness
	}
	return s
}

// initTitleSeq numbers the title Init writes; later ones count on.
const initTitleSeq = 1

// Init starts the clock and the first fetches, and sets the terminal
// title (saving the terminal's own first, for Run to restore).
func (m Model) Init() tea.Cmd {
	title := m.titles.cmd(m.notifier, initTitleSeq, m.titleBase())
	return tea.Batch(title, m.tick(), m.snapshotBudget(), m.runPlan())
}

// Run runs the dashboard in the alternate screen with mouse support until
// the user quits or ctx ends, then closes every stream. The terminal is
// restored however the program ends.
func Run(parent context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	opts.Context = ctx
	if opts.Notifier == nil {
		opts.Notifier = terminalNotifier(os.Stdout, opts.Notify)
	}

	start := New(opts)
	p := tea.NewProgram(start, tea.WithAltScreen(), tea.WithMouseCellMotion(),
		tea.WithContext(ctx))
	final, err := p.Run()
	cancel()

	if m, ok := final.(Model); ok {
		m.closeAllStreams()
	}
	if restoreErr := start.titles.restore(opts.Notifier); err == nil && restoreErr != nil &&
		parent.Err() == nil {
		err = restoreErr
	}
	if err != nil && parent.Err() != nil {
		return nil // the caller ended the context (a signal): not a failure
	}
	return err
}

// terminalNotifier writes to out when it is a terminal, wrapping for the
// multiplexer the environment names, with desktop notifications when the
// settings turn them on.
func terminalNotifier(out *os.File, n settings.Notify) *notify.Notifier {
	desktop := notify.DesktopOff
	if n.Desktop {
		desktop = notify.DetectDesktop(os.Getenv)
	}
	return notify.New(out, notify.Options{Terminal: notify.IsTerminal(out),
		Mux: notify.DetectMux(os.Getenv), Desktop: desktop})
}
