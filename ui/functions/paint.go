package functions

import (
	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// painters are the pane's styles made ready for drawing many rows a frame.
type painters struct {
	heading, sortHeading, name, runtime, sparkline, number, unknown,
	errorRate, cost, changed, filter, faint, warn, empty, selected, bold theme.Painter
	status map[model.StatusSeverity]theme.Painter
}

func newPainters(st *theme.Styles) painters {
	fs := st.Functions
	p := painters{
		heading:     theme.NewPainter(fs.Heading),
		sortHeading: theme.NewPainter(fs.SortHeading),
		name:        theme.NewPainter(fs.Name),
		runtime:     theme.NewPainter(fs.Runtime),
		sparkline:   theme.NewPainter(fs.Sparkline),
		number:      theme.NewPainter(fs.Number),
		unknown:     theme.NewPainter(fs.Unknown),
		errorRate:   theme.NewPainter(fs.ErrorRate),
		cost:        theme.NewPainter(fs.Cost),
		changed:     theme.NewPainter(fs.Changed),
		filter:      theme.NewPainter(fs.Filter),
		faint:       theme.NewPainter(st.Faint),
		warn:        theme.NewPainter(st.Warn),
		empty:       theme.NewPainter(fs.Empty),
		selected:    theme.NewPainter(fs.Selected),
		bold:        theme.NewPainter(st.Bold),
		status:      map[model.StatusSeverity]theme.Painter{},
	}
	examples := map[model.StatusSeverity]api.Status{
		model.SeverityNeutral: api.StatusCreated,
		model.SeverityOK:      api.StatusRunning,
		model.SeverityWarn:    api.StatusStopped,
		model.SeverityError:   api.StatusFailed,
	}
	for sev, s := range examples {
		p.status[sev] = theme.NewPainter(st.Status(s))
	}
	return p
}

// statusPainter paints a status by its severity.
func (p painters) statusPainter(s api.Status) theme.Painter {
	return p.status[model.SeverityOf(s)]
}
