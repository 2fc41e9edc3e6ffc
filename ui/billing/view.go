package billing

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/theme"
)

// Column widths of a function's row.
const (
	maxNameWidth = 20
	costWidth    = 10
	shareWidth   = 4 // "100%"
)

// barEighths draws a bar to an eighth of a cell.
var barEighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Update scrolls the list of functions while the pane is focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	keyMsg, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	switch {
	case key.Matches(keyMsg, m.keys.Up):
		m.offset = m.clampOffset(m.offset - 1)
	case key.Matches(keyMsg, m.keys.Down):
		m.offset = m.clampOffset(m.offset + 1)
	}
	return m, nil
}

// View draws the pane in exactly its size: the total, the error if any,
// the breakdown of the focused function at the bottom when known, and the
// functions' bars in between.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}

	var top []string
	if m.loaded {
		top = append(top, m.totalLine())
	}
	if m.err != nil {
		top = append(top, m.st.Error.Render(m.errorText()))
	}
	if !m.loaded && m.err == nil {
		top = append(top, m.st.Faint.Render("loading billing…"))
	}

	bottom := m.breakdown(m.breakdownRoom(len(top)))
	lines := append(top, m.bars(m.height-len(top)-len(bottom))...)
	for len(lines) < m.height-len(bottom) {
		lines = append(lines, "")
	}
	lines = append(lines, bottom...)
	return theme.FitBlock(strings.Join(lines, "\n"), m.width, m.height)
}

func (m Model) totalLine() string {
	b := m.billing
	total := model.FormatMoney(model.KnownFigure(b.TotalCost), b.Currency)
	return m.st.Billing.Total.Render(total) + m.st.Billing.Period.Render(" so far · "+
		period(b.PeriodStart, b.PeriodEnd))
}

// minBars is how many function rows the breakdown leaves room for.
const minBars = 3

// breakdownRoom is the lines the breakdown may take below top lines: what
// the bars leave when they have their minimum.
func (m Model) breakdownRoom(top int) int {
	return m.height - top - min(len(m.rows), minBars)
}

// listRows is how many lines the functions' rows get.
func (m Model) listRows() int {
	top := 1
	if m.err != nil {
		top++
	}
	return max(m.height-top-len(m.breakdown(m.breakdownRoom(top))), 0)
}

// clampOffset keeps the first row shown in range. When the list does not
// fit, its last line is a position note, so one row fewer shows.
func (m Model) clampOffset(offset int) int {
	n := m.listRows()
	if len(m.rows) <= n {
		return 0
	}
	return max(0, min(offset, len(m.rows)-(n-1)))
}

// bars draws at most n rows of the functions' shares, from the offset; a
// last line says how many more there are.
func (m Model) bars(n int) []string {
	if !m.loaded || n <= 0 {
		return nil
	}
	if len(m.rows) == 0 {
		return []string{m.st.Faint.Render("no costs this period")}
	}

	rows := m.rows[min(m.offset, len(m.rows)):]
	scrolled := len(m.rows) > n
	if scrolled {
		rows = rows[:min(n-1, len(rows))]
	}

	nameW := min(maxNameWidth, m.width/3)
	barW := max(m.width-nameW-costWidth-shareWidth-4, 0)
	top := m.rows[0].cost
	out := make([]string, 0, n)
	for _, r := range rows {
		out = append(out, m.barLine(r, nameW, barW, top))
	}
	if scrolled {
		first, last := m.offset+1, m.offset+len(rows)
		out = append(out, m.st.Faint.Render(fmt.Sprintf("  %d–%d of %d · j/k scroll",
			first, last, len(m.rows))))
	}
	return out
}

func (m Model) barLine(r row, nameW, barW int, top float64) string {
	mark := "  "
	if r.id != "" && r.id == m.focusID {
		mark = "▸ "
	}
	name := pad(model.Truncate(r.name, nameW-2), nameW-2)
	cost := model.FormatMoney(model.KnownFigure(r.cost), m.billing.Currency)

	share := ""
	if m.billing.TotalCost > 0 {
		share = strconv.Itoa(int(math.Round(r.cost/m.billing.TotalCost*100))) + "%"
	}
	return mark + m.st.Billing.Name.Render(name) + " " +
		m.st.Billing.Bar.Render(pad(bar(r.cost, top, barW), barW)) + " " +
		m.st.Billing.Cost.Render(padLeft(cost, costWidth)) + " " +
		m.st.Faint.Render(padLeft(share, shareWidth))
}

// bar is a horizontal bar of value against top over width cells, drawn to
// an eighth of a cell; a cost above zero always shows.
func bar(value, top float64, width int) string {
	if top <= 0 || value <= 0 || width <= 0 {
		return ""
	}
	eighths := max(int(math.Round(value/top*float64(width*8))), 1)
	return strings.Repeat("█", eighths/8) + barEighths[eighths%8]
}

// breakdown is the focused function's costs, in at most n lines, or nothing
// when they are not known or do not fit with a heading and one item.
func (m Model) breakdown(n int) []string {
	if !m.hasCost || n < 2 {
		return nil
	}

	c := m.costs
	name := m.nameOf(c.FunctionID)
	total := model.FormatMoney(model.KnownFigure(c.TotalCost), c.Currency)
	out := []string{m.st.Billing.Period.Render("── ") +
		m.st.Billing.Name.Render(name) + m.st.Billing.Period.Render(" · "+
		period(c.PeriodStart, c.PeriodEnd)+" · ") + m.st.Billing.Total.Render(total)}
	for _, item := range c.Breakdown {
		if len(out) == n {
			break
		}
		out = append(out, m.itemLine(item.Item, item.Quantity, item.Unit, item.UnitCost,
			item.Cost, c.Currency))
	}
	if len(c.Breakdown) == 0 && len(out) < n {
		out = append(out, m.st.Faint.Render("  no breakdown given"))
	}
	return out
}

func (m Model) itemLine(item string, quantity float64, unit string, unitCost, cost float64,
	currency string) string {
	label := pad(model.Truncate(model.Sanitize(item), 10), 10)
	amount := fmt.Sprintf("%s %s × %s", quantityText(quantity), model.Sanitize(unit),
		unitPrice(unitCost))
	return "  " + m.st.Billing.Item.Render(label) + " " + m.st.Faint.Render(amount) + " = " +
		m.st.Billing.Cost.Render(model.FormatMoney(model.KnownFigure(cost), currency))
}

func (m Model) nameOf(id string) string {
	for _, r := range m.rows {
		if r.id == id {
			return r.name
		}
	}
	return model.Sanitize(id)
}

// quantityText writes a quantity with separators and, when it has a
// fraction, one decimal: "1,204,000", "232,456.7".
func quantityText(q float64) string {
	if math.IsNaN(q) || math.IsInf(q, 0) || math.Abs(q) >= 1e15 {
		return model.UnknownText
	}
	tenths := int64(math.Round(q * 10))
	whole := model.FormatCount(tenths / 10)
	if tenths%10 == 0 {
		return whole
	}
	return whole + "." + strconv.FormatInt(abs(tenths%10), 10)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// unitPrice writes a price per unit with three significant digits, since
// unit prices live far below a cent: 0.0000002, 0.0000167.
func unitPrice(v float64) string {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(max(v, 0), 'f', 2, 64)
	}
	decimals := max(2, int(-math.Floor(math.Log10(v)))+2)
	text := strconv.FormatFloat(v, 'f', min(decimals, 12), 64)
	for strings.HasSuffix(text, "0") && len(text)-strings.IndexByte(text, '.') > 3 {
		text = text[:len(text)-1]
	}
	return text
}

func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(width-lipgloss.Width(s), 0)) + s
}
