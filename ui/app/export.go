package app

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/export"
)

// exportRequests writes the requests the log view shows, with its filters
// applied, to a JSON Lines file in a command: the drilled-in function's
// list, or the overview's tail (the pinned functions merged in time order).
func (m *Model) exportRequests() tea.Cmd {
	name, entries := m.shownRequests()
	if len(entries) == 0 {
		m.note("no requests to export: the log view is empty")
		return nil
	}
	m.note("exporting " + plural(len(entries), "request") + "…")
	return export.RequestsCmd(m.opts.ExportDir, name, entries, m.now())
}

// exportScreen writes the screen as drawn now, as plain text, to a file in
// a command.
func (m *Model) exportScreen() tea.Cmd {
	return export.ScreenCmd(m.opts.ExportDir, m.View(), m.now())
}

// shownRequests returns the name a file of the log view is named for and
// the requests it shows, oldest first, in a slice of their own.
func (m Model) shownRequests() (string, []*model.Entry) {
	if m.level == levelDetail {
		buf, ok := m.buffers.lookup(m.detailID)
		if !ok {
			return "", nil
		}
		row, _ := m.functions.Table().Function(m.detailID)
		return nameOr(row.Name, m.detailID), buf.FilteredEntries()
	}

	var pinned []model.Pinned
	for _, id := range m.logs.FunctionIDs() {
		if buf, ok := m.buffers.lookup(id); ok {
			row, _ := m.functions.Table().Function(id)
			pinned = append(pinned, model.Pinned{FunctionID: id, FunctionName: row.Name,
				Buffer: buf})
		}
	}
	switch len(pinned) {
	case 0:
		return "", nil
	case 1:
		return nameOr(pinned[0].FunctionName, pinned[0].FunctionID),
			pinned[0].Buffer.FilteredEntries()
	}
	merge, err := model.NewMerge(pinned...)
	if err != nil {
		return "", nil
	}
	rows := merge.Rows(0, merge.Len())
	entries := make([]*model.Entry, len(rows))
	for i, r := range rows {
		entries[i] = r.Entry
	}
	return "pinned", entries
}

// onExported tells where an export went, or why it failed.
func (m *Model) onExported(msg export.ExportedMsg) {
	m.note(msg.Text())
}

func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
