package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/theme"
)

// The layouts of times in tables.
const (
	timeLayout      = "2006-01-02 15:04:05"
	timeLayoutMilli = "2006-01-02 15:04:05.000"
)

// printer writes a command's answer to stdout: aligned tables, coloured
// only when stdout is a terminal and colour is not turned off, or one JSON
// object per line.
type printer struct {
	out      io.Writer
	json     bool
	terminal bool // stdout is a terminal: status symbols, cut to width
	width    int  // the terminal's width in cells; 0 for no limit
	styles   *theme.Styles
	renderer *lipgloss.Renderer
	location *time.Location
	now      time.Time
}

// printerOptions are what decides a printer's look.
type printerOptions struct {
	theme   settings.Theme
	noColor bool // --no-color
	json    bool // --json
}

// newPrinter makes the printer for stdout. Colour is on only when stdout
// is a terminal, NO_COLOR is unset, --no-color is not given and the theme
// is not "none"; termenv then picks the colour profile from the
// environment.
func newPrinter(env *environment, stdout io.Writer, opts printerOptions) *printer {
	width, terminal := env.terminal(stdout)
	renderer := lipgloss.NewRenderer(stdout, termenv.WithTTY(terminal),
		termenv.WithEnvironment(termenvEnviron(env.vars)))
	if !terminal || opts.noColor || opts.theme == settings.ThemeNone {
		renderer.SetColorProfile(termenv.Ascii)
	}

	if !terminal {
		width = 0
	}
	return &printer{
		out:      stdout,
		json:     opts.json,
		terminal: terminal,
		width:    width,
		styles:   theme.New(theme.Options{Name: string(opts.theme)}),
		renderer: renderer,
		location: env.location,
		now:      env.clock.Now(),
	}
}

// style binds a theme style to stdout's renderer.
func (p *printer) style(st lipgloss.Style) lipgloss.Style {
	return st.Renderer(p.renderer)
}

// jsonLine writes v as one line of JSON.
func (p *printer) jsonLine(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	_, err = p.out.Write(append(data, '\n'))
	return err
}

// rawLine writes the JSON the server sent, on one line, so that nothing it
// sent is lost; v is written instead when raw is empty or not JSON.
func (p *printer) rawLine(raw json.RawMessage, v any) error {
	var compact bytes.Buffer
	if len(raw) == 0 || json.Compact(&compact, raw) != nil {
		return p.jsonLine(v)
	}
	compact.WriteByte('\n')
	_, err := p.out.Write(compact.Bytes())
	return err
}

// time formats t in the environment's time zone, or "–" when unknown.
func (p *printer) time(t time.Time, layout string) string {
	if t.IsZero() {
		return model.UnknownText
	}
	return t.In(p.location).Format(layout)
}

// cell is one table cell: plain, safe text and the style to draw it in.
type cell struct {
	text   string
	style  lipgloss.Style
	styled bool
}

// plain is a cell of untrusted or plain text, made safe.
func plain(s string) cell { return cell{text: model.Sanitize(s)} }

// styled is a cell drawn in a theme style.
func (p *printer) styled(s string, st lipgloss.Style) cell {
	return cell{text: model.Sanitize(s), style: p.style(st), styled: true}
}

// column is one column of a table.
type column struct {
	title string
	right bool // align right, for figures
}

// table lays cells out in aligned columns two spaces apart. Widths grow to
// fit the rows given to fit; rows printed later that are wider push the
// columns after them to the right.
type table struct {
	columns []column
	widths  []int
}

func newTable(columns ...column) *table {
	t := &table{columns: columns, widths: make([]int, len(columns))}
	for i, c := range columns {
		t.widths[i] = lipgloss.Width(c.title)
	}
	return t
}

// fit widens the columns to hold rows.
func (t *table) fit(rows [][]cell) {
	for _, row := range rows {
		for i, c := range row {
			if i < len(t.widths) {
				t.widths[i] = max(t.widths[i], lipgloss.Width(c.text))
			}
		}
	}
}

// header writes the column titles.
func (t *table) header(p *printer) error {
	cells := make([]cell, len(t.columns))
	for i, c := range t.columns {
		cells[i] = p.styled(c.title, p.styles.Bold)
	}
	return t.row(p, cells)
}

// print writes the header and rows, fitted.
func (t *table) print(p *printer, rows [][]cell) error {
	t.fit(rows)
	if err := t.header(p); err != nil {
		return err
	}
	for _, row := range rows {
		if err := t.row(p, row); err != nil {
			return err
		}
	}
	return nil
}

// row writes one row; on a terminal the last cell is cut to the width.
func (t *table) row(p *printer, cells []cell) error {
	var b strings.Builder
	used := 0
	for i, c := range cells {
		if i > 0 {
			b.WriteString("  ")
			used += 2
		}

		text := c.text
		last := i == len(cells)-1
		if last && p.width > 0 {
			text = model.Truncate(text, max(p.width-used, 1))
		}

		w := lipgloss.Width(text)
		pad := 0
		if !last && i < len(t.widths) {
			pad = max(t.widths[i]-w, 0)
		}
		before, after := "", strings.Repeat(" ", pad)
		if i < len(t.columns) && t.columns[i].right {
			before, after = after, before
		}
		if c.styled {
			text = c.style.Render(text)
		}

		b.WriteString(before + text + after)
		used += w + pad
	}

	_, err := fmt.Fprintln(p.out, strings.TrimRight(b.String(), " "))
	return err
}
