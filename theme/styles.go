package theme

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// Styles is every style sinchtop draws with, grouped by pane. Build it once
// with New and pass the pointer down; panes never make styles of their own.
type Styles struct {
	// Name is the theme the styles were built from.
	Name string
	// Palette is the theme's semantic colours.
	Palette Palette

	// The semantic base styles, for text that belongs to no pane.
	Text   lipgloss.Style
	Faint  lipgloss.Style
	Accent lipgloss.Style
	OK     lipgloss.Style
	Warn   lipgloss.Style
	Error  lipgloss.Style
	Bold   lipgloss.Style

	// Selected marks the selected row of any list.
	Selected lipgloss.Style

	Box       BoxStyles
	Header    HeaderStyles
	Functions FunctionsStyles
	Logs      LogsStyles
	Metrics   MetricsStyles
	Billing   BillingStyles
	Request   RequestStyles
	Detail    DetailStyles
	Help      HelpStyles

	functions []lipgloss.Style
	box       boxPainters
}

// boxPainters draw box borders and titles; Box runs several times a frame.
type boxPainters struct {
	border, borderFocused, title, titleFocused, status Painter
}

// BoxStyles draw the bordered boxes around panes (see Box).
type BoxStyles struct {
	Border        lipgloss.Style
	BorderFocused lipgloss.Style
	Title         lipgloss.Style
	TitleFocused  lipgloss.Style
	Status        lipgloss.Style // the text at the right of the top border
}

// HeaderStyles draw the top line: project, freshness, budget, clock.
type HeaderStyles struct {
	App      lipgloss.Style // "sinchtop"
	Project  lipgloss.Style
	Profile  lipgloss.Style
	Live     lipgloss.Style // a source that is fresh
	Stale    lipgloss.Style // a source whose last refresh failed, data kept
	Failing  lipgloss.Style // a source with no data and a failure
	Budget   lipgloss.Style // a budget group with room
	BudgetHi lipgloss.Style // a budget group past its soft limit
	Full     lipgloss.Style // a budget group with no room
	Clock    lipgloss.Style
	Sep      lipgloss.Style
	Pane     lipgloss.Style // the pane shown when panes are stacked
}

// FunctionsStyles draw the functions table.
type FunctionsStyles struct {
	Heading     lipgloss.Style // column headings
	SortHeading lipgloss.Style // the heading of the sort column
	Selected    lipgloss.Style
	Name        lipgloss.Style
	Runtime     lipgloss.Style
	Sparkline   lipgloss.Style
	Number      lipgloss.Style
	Unknown     lipgloss.Style // "–" where a figure is not known
	ErrorRate   lipgloss.Style // an error rate worth a look
	Cost        lipgloss.Style
	Changed     lipgloss.Style
	Filter      lipgloss.Style // the filter prompt and text
	Empty       lipgloss.Style // "no functions" and the like
}

// LogsStyles draw request lists and log tails.
type LogsStyles struct {
	Time      lipgloss.Style
	Method    lipgloss.Style
	URL       lipgloss.Style
	Status2xx lipgloss.Style
	Status3xx lipgloss.Style
	Status4xx lipgloss.Style
	Status5xx lipgloss.Style
	Duration  lipgloss.Style
	Memory    lipgloss.Style
	Debug     lipgloss.Style
	Info      lipgloss.Style
	Warning   lipgloss.Style
	ErrorLine lipgloss.Style
	Message   lipgloss.Style
	Selected  lipgloss.Style
	Marker    lipgloss.Style // gaps, "loading older…", "n new"
	Match     lipgloss.Style // search matches
}

// MetricsStyles draw the metrics pane and its charts.
type MetricsStyles struct {
	Label     lipgloss.Style
	Value     lipgloss.Style
	P95       lipgloss.Style
	Average   lipgloss.Style
	Volume    lipgloss.Style
	ErrorRate lipgloss.Style
	Axis      lipgloss.Style
	Range     lipgloss.Style // the selected time range
}

// BillingStyles draw the billing pane.
type BillingStyles struct {
	Total  lipgloss.Style
	Period lipgloss.Style
	Name   lipgloss.Style
	Bar    lipgloss.Style
	Cost   lipgloss.Style
	Item   lipgloss.Style
}

// RequestStyles draw one request whole.
type RequestStyles struct {
	Section    lipgloss.Style // "Request", "Response", "Console"
	Key        lipgloss.Style // header names and labels
	Value      lipgloss.Style
	Body       lipgloss.Style
	JSONKey    lipgloss.Style
	JSONString lipgloss.Style
	JSONNumber lipgloss.Style
	JSONLit    lipgloss.Style // true, false, null
	JSONPunct  lipgloss.Style
	Notice     lipgloss.Style // "copied", "truncated" and other notes
}

// DetailStyles draw the status block of one function drilled in.
type DetailStyles struct {
	Name  lipgloss.Style
	Label lipgloss.Style
	Value lipgloss.Style
	URL   lipgloss.Style
	Error lipgloss.Style
}

// HelpStyles draw the footer and the full help overlay.
type HelpStyles struct {
	Key     lipgloss.Style
	Desc    lipgloss.Style
	Title   lipgloss.Style // a group's title in the overlay
	Message lipgloss.Style // a transient note in the footer
}

func build(name string, p Palette) *Styles {
	fg := func(c lipgloss.TerminalColor) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(c)
	}
	st := &Styles{
		Name:    name,
		Palette: p,
		Text:    fg(p.Text),
		Faint:   fg(p.Faint),
		Accent:  fg(p.Accent),
		OK:      fg(p.OK),
		Warn:    fg(p.Warn),
		Error:   fg(p.Error),
		Bold:    fg(p.Text).Bold(true),
	}
	st.Selected = lipgloss.NewStyle().Background(p.Selection).Foreground(p.SelectionText)
	if name == NameNone {
		st.Selected = st.Selected.Reverse(true)
	}

	st.Box = buildBox(st)
	st.Header = buildHeader(st)
	st.Functions = buildFunctions(st)
	st.Logs = buildLogs(st)
	st.Metrics = buildMetrics(st)
	st.Billing = buildBilling(st)
	st.Request = buildRequest(st)
	st.Detail = buildDetail(st)
	st.Help = buildHelp(st)

	for _, c := range p.Functions {
		st.functions = append(st.functions, fg(c))
	}
	st.box = boxPainters{
		border:        NewPainter(st.Box.Border),
		borderFocused: NewPainter(st.Box.BorderFocused),
		title:         NewPainter(st.Box.Title),
		titleFocused:  NewPainter(st.Box.TitleFocused),
		status:        NewPainter(st.Box.Status),
	}
	return st
}

func buildBox(st *Styles) BoxStyles {
	return BoxStyles{
		Border:        lipgloss.NewStyle().Foreground(st.Palette.Border),
		BorderFocused: lipgloss.NewStyle().Foreground(st.Palette.BorderFocused),
		Title:         st.Text.Bold(true),
		TitleFocused:  st.Accent.Bold(true),
		Status:        st.Faint,
	}
}

func buildHeader(st *Styles) HeaderStyles {
	return HeaderStyles{
		App:      st.Accent.Bold(true),
		Project:  st.Bold,
		Profile:  st.Faint,
		Live:     st.OK,
		Stale:    st.Warn,
		Failing:  st.Error.Bold(true),
		Budget:   st.Faint,
		BudgetHi: st.Warn,
		Full:     st.Error.Bold(true),
		Clock:    st.Text,
		Sep:      st.Faint,
		Pane:     st.Accent,
	}
}

func buildFunctions(st *Styles) FunctionsStyles {
	return FunctionsStyles{
		Heading:     st.Faint.Bold(true),
		SortHeading: st.Accent.Bold(true),
		Selected:    st.Selected,
		Name:        st.Bold,
		Runtime:     st.Faint,
		Sparkline:   st.Accent,
		Number:      st.Text,
		Unknown:     st.Faint,
		ErrorRate:   st.Error,
		Cost:        st.Text,
		Changed:     st.Faint,
		Filter:      st.Accent,
		Empty:       st.Faint,
	}
}

func buildLogs(st *Styles) LogsStyles {
	return LogsStyles{
		Time:      st.Faint,
		Method:    st.Text,
		URL:       st.Text,
		Status2xx: st.OK,
		Status3xx: st.Accent,
		Status4xx: st.Warn,
		Status5xx: st.Error,
		Duration:  st.Text,
		Memory:    st.Faint,
		Debug:     st.Faint,
		Info:      st.Text,
		Warning:   st.Warn,
		ErrorLine: st.Error,
		Message:   st.Text,
		Selected:  st.Selected,
		Marker:    st.Faint.Italic(true),
		Match:     st.Accent.Underline(true),
	}
}

func buildMetrics(st *Styles) MetricsStyles {
	return MetricsStyles{
		Label:     st.Faint,
		Value:     st.Bold,
		P95:       st.Warn,
		Average:   st.Accent,
		Volume:    st.Accent,
		ErrorRate: st.Error,
		Axis:      st.Faint,
		Range:     st.Accent.Bold(true),
	}
}

func buildBilling(st *Styles) BillingStyles {
	return BillingStyles{
		Total:  st.Bold,
		Period: st.Faint,
		Name:   st.Text,
		Bar:    st.Accent,
		Cost:   st.Text,
		Item:   st.Faint,
	}
}

func buildRequest(st *Styles) RequestStyles {
	return RequestStyles{
		Section:    st.Accent.Bold(true),
		Key:        st.Faint,
		Value:      st.Text,
		Body:       st.Text,
		JSONKey:    st.Accent,
		JSONString: st.OK,
		JSONNumber: st.Warn,
		JSONLit:    st.Warn,
		JSONPunct:  st.Faint,
		Notice:     st.Warn,
	}
}

func buildDetail(st *Styles) DetailStyles {
	return DetailStyles{
		Name:  st.Bold,
		Label: st.Faint,
		Value: st.Text,
		URL:   st.Accent.Underline(true),
		Error: st.Error,
	}
}

func buildHelp(st *Styles) HelpStyles {
	return HelpStyles{
		Key:     st.Accent.Bold(true),
		Desc:    st.Faint,
		Title:   st.Bold,
		Message: st.Warn,
	}
}

// FunctionColor returns the style that marks the i-th function of a merged
// tail; colours repeat after the palette runs out. A negative i counts as 0.
func (st *Styles) FunctionColor(i int) lipgloss.Style {
	if len(st.functions) == 0 {
		return st.Text
	}
	if i < 0 {
		i = 0
	}
	return st.functions[i%len(st.functions)]
}

// Status returns the style of a function status, by the severity
// model.SeverityOf gives it: ok for running, warn for stopped and the steps
// of a deploy, error for failed, faint for created and unknown values.
func (st *Styles) Status(s api.Status) lipgloss.Style {
	switch model.SeverityOf(s) {
	case model.SeverityOK:
		return st.OK
	case model.SeverityError:
		return st.Error.Bold(true)
	case model.SeverityWarn:
		return st.Warn
	}
	return st.Faint
}

// StatusSymbol returns the one-cell symbol shown before a status word, so
// that a status reads without colour: model.StatusSymbol, which decides it.
func StatusSymbol(s api.Status) string { return model.StatusSymbol(s) }

// HTTPStatus returns the style of an HTTP status code by its class.
func (st *Styles) HTTPStatus(code int) lipgloss.Style {
	switch {
	case code >= 500:
		return st.Logs.Status5xx
	case code >= 400:
		return st.Logs.Status4xx
	case code >= 300:
		return st.Logs.Status3xx
	case code >= 200:
		return st.Logs.Status2xx
	}
	return st.Faint
}

// Level returns the style of a console line's level.
func (st *Styles) Level(l api.Level) lipgloss.Style {
	switch l {
	case api.LevelDebug:
		return st.Logs.Debug
	case api.LevelWarning:
		return st.Logs.Warning
	case api.LevelError:
		return st.Logs.ErrorLine
	}
	return st.Logs.Info
}
