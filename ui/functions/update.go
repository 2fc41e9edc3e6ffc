package functions

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// wheelStep is how many rows one turn of the mouse wheel moves.
const wheelStep = 3

// maxFilter bounds the filter text, in runes.
const maxFilter = 64

// Update handles keys while the pane is focused and mouse events, whose
// coordinates the root has made relative to the pane's content.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if !m.focused {
			return m, nil
		}
		if m.typing {
			return m.updateFilter(msg), nil
		}
		return m.updateKeys(msg)
	case tea.MouseMsg:
		return m.updateMouse(msg)
	}
	return m, nil
}

func (m Model) updateKeys(msg tea.KeyMsg) (Model, tea.Cmd) {
	page := max(m.rowsShown()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.table.Move(-1)
	case key.Matches(msg, m.keys.Down):
		m.table.Move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.table.Move(-page)
	case key.Matches(msg, m.keys.PageDown):
		m.table.Move(page)
	case key.Matches(msg, m.keys.Top):
		m.table.Move(-m.table.Len())
	case key.Matches(msg, m.keys.Bottom):
		m.table.Move(m.table.Len())
	case key.Matches(msg, m.keys.Open):
		if id := m.SelectedID(); id != "" {
			return m, open(id)
		}
	case key.Matches(msg, m.keys.Pin):
		if id := m.SelectedID(); id != "" {
			return m, func() tea.Msg { return PinMsg{FunctionID: id} }
		}
	case key.Matches(msg, m.keys.Filter):
		m.typing = true
	case key.Matches(msg, m.keys.Sort):
		m.cycleSort()
	case key.Matches(msg, m.keys.Reverse):
		col, _ := m.table.Sort()
		m.table.SetSort(col)
	}
	m.follow()
	return m, nil
}

func open(id string) tea.Cmd {
	return func() tea.Msg { return OpenMsg{FunctionID: id} }
}

// cycleSort sorts by the next column, in its natural order.
func (m *Model) cycleSort() {
	cols := model.FunctionColumns()
	col, _ := m.table.Sort()
	next := cols[(slices.Index(cols, col)+1)%len(cols)]
	m.table.SetSort(next)
}

// updateFilter edits the filter as typed; the table follows every key.
func (m Model) updateFilter(msg tea.KeyMsg) Model {
	switch {
	case key.Matches(msg, m.keys.Accept):
		m.typing = false
	case key.Matches(msg, m.keys.Cancel):
		m.typing = false
		m.filter = nil
	case key.Matches(msg, m.keys.Erase):
		if len(m.filter) > 0 {
			m.filter = m.filter[:len(m.filter)-1]
		}
	case key.Matches(msg, m.keys.Clear):
		m.filter = nil
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		for _, r := range msg.Runes {
			if len(m.filter) < maxFilter && r >= ' ' && r != 0x7f {
				m.filter = append(m.filter, r)
			}
		}
	}
	m.table.SetFilter(string(m.filter))
	m.follow()
	return m
}

// updateMouse selects the clicked row, sorts by a clicked heading, and
// scrolls with the wheel.
func (m Model) updateMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	switch {
	case msg.Button == tea.MouseButtonWheelUp:
		m.table.Move(-wheelStep)
	case msg.Button == tea.MouseButtonWheelDown:
		m.table.Move(wheelStep)
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		m.click(msg.X, msg.Y)
	}
	m.follow()
	return m, nil
}

func (m *Model) click(x, y int) {
	if y == 0 {
		if col, ok := m.layout().columnAt(x); ok {
			m.table.SetSort(col)
		}
		return
	}
	row := m.offset + y - 1
	if y-1 < m.rowsShown() && row < m.table.Len() {
		m.table.Select(m.table.Row(row).ID)
	}
}

// rowsShown is how many table rows fit under the heading and above the
// filter and error lines.
func (m Model) rowsShown() int {
	return max(m.height-1-m.footerLines(), 0)
}

func (m Model) footerLines() int {
	n := 0
	if m.typing || len(m.filter) > 0 {
		n++
	}
	if m.err != "" {
		n++
	}
	return min(n, max(m.height-2, 0))
}

// follow scrolls so that the selected row shows.
func (m *Model) follow() {
	shown := m.rowsShown()
	cursor := m.table.Cursor()
	if shown == 0 {
		m.offset = cursor
		return
	}
	if cursor < m.offset {
		m.offset = cursor
	}
	if cursor >= m.offset+shown {
		m.offset = cursor - shown + 1
	}
	m.offset = min(max(m.offset, 0), max(m.table.Len()-shown, 0))
}
