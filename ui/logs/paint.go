package logs

import (
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// painters are the row styles made ready once, when the pane is built: a
// row is drawn dozens of times a frame, and a painter styles text for the
// price of two string joins where lipgloss renders it anew.
type painters struct {
	time, method, url, duration, memory, message, match theme.Painter
	levels                                              [4]theme.Painter // by rank
	status                                              [5]theme.Painter // by class
	functions                                           [model.MaxPinned]theme.Painter
}

func newPainters(st *theme.Styles) painters {
	p := painters{
		time:     theme.NewPainter(st.Logs.Time),
		method:   theme.NewPainter(st.Logs.Method),
		url:      theme.NewPainter(st.Logs.URL),
		duration: theme.NewPainter(st.Logs.Duration),
		memory:   theme.NewPainter(st.Logs.Memory),
		message:  theme.NewPainter(st.Logs.Message),
		match:    theme.NewPainter(st.Logs.Match),
		levels: [4]theme.Painter{
			theme.NewPainter(st.Logs.Debug), theme.NewPainter(st.Logs.Info),
			theme.NewPainter(st.Logs.Warning), theme.NewPainter(st.Logs.ErrorLine),
		},
	}
	for class := range p.status {
		p.status[class] = theme.NewPainter(st.HTTPStatus((class + 1) * 100))
	}
	for i := range p.functions {
		p.functions[i] = theme.NewPainter(st.FunctionColor(i))
	}
	return p
}

// level is the painter of a level rank; a rank of -1 (no console output)
// draws nothing, so any painter does.
func (p *painters) level(rank int) theme.Painter {
	return p.levels[clamp(rank, 0, 3)]
}

// statusOf is the painter of an HTTP status code's class; theme.HTTPStatus
// alone decides which style a class gets.
func (p *painters) statusOf(code int) theme.Painter {
	return p.status[clamp(code/100-1, 0, len(p.status)-1)]
}

// messageOf colours a console line by its level: debug faint, info plain,
// warnings and errors in their colours.
func (p *painters) messageOf(e *model.Entry) theme.Painter {
	if r := e.LevelRank(); r == 0 || r >= 2 {
		return p.level(r)
	}
	return p.message
}

func (p *painters) function(source int) theme.Painter {
	return p.functions[clamp(source, 0, len(p.functions)-1)]
}
