package header

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// detail is how much a part of the header says.
type detail int

const (
	brief detail = iota
	medium
	full
)

// line lays the header out: the richest arrangement that fits the width,
// giving up the app's name first, then detail of freshness and budget.
func (m Model) line() string {
	combos := []struct {
		app          bool
		fresh, right detail
		clock        bool
	}{
		{true, full, full, true},
		{false, full, full, true},
		{false, medium, full, true},
		{false, medium, medium, true},
		{false, medium, brief, true},
		{false, brief, medium, true},
		{false, brief, brief, true},
		{false, brief, brief, false},
	}
	for _, c := range combos {
		right := m.budgetText(c.right)
		if right != "" {
			right += "  "
		}
		if c.clock {
			right += m.clock()
		}
		if s, ok := m.arrange(m.identity(c.app)+m.alerts(), m.freshness(c.fresh), right); ok {
			return s
		}
	}
	return ansi.Truncate(m.identity(false)+m.alerts()+"  "+m.freshness(brief), m.width, "…")
}

// alerts is the count of active alerts, "  ✖ 2 alerts" while some are
// firing, "  2 acked" while all are acknowledged; "" when there is nothing
// to say.
func (m Model) alerts() string {
	h := m.st.Header
	var b strings.Builder
	switch {
	case m.firing == 1:
		b.WriteString("  " + h.Failing.Render("✖ 1 alert"))
	case m.firing > 1:
		b.WriteString("  " + h.Failing.Render("✖ "+strconv.Itoa(m.firing)+" alerts"))
	}
	if m.acked > 0 {
		b.WriteString("  " + h.Sep.Render(strconv.Itoa(m.acked)+" acked"))
	}
	return b.String()
}

// arrange puts l and f at the left and r at the right, if they fit.
func (m Model) arrange(l, f, r string) (string, bool) {
	lw, fw, rw := ansi.StringWidth(l), ansi.StringWidth(f), ansi.StringWidth(r)
	need := lw + 2 + fw + 1 + rw
	if need > m.width {
		return "", false
	}
	pad := strings.Repeat(" ", m.width-lw-2-fw-rw)
	return l + "  " + f + pad + r, true
}

// identity is " sinchtop  project · profile  [pane]".
func (m Model) identity(withApp bool) string {
	h := m.st.Header
	var b strings.Builder
	if withApp {
		b.WriteString(" " + h.App.Render("sinchtop") + " ")
	}
	b.WriteString(" " + h.Project.Render(cmp.Or(m.project, "no project")))
	if m.profile != "" {
		b.WriteString(h.Sep.Render(" · ") + h.Profile.Render(m.profile))
	}
	if m.pane != "" {
		b.WriteString("  " + h.Pane.Render("["+m.pane+"]"))
	}
	return b.String()
}

// clock is the time of day at the header's now.
func (m Model) clock() string {
	if m.now.IsZero() {
		return ""
	}
	return m.st.Header.Clock.Render(m.now.Format("15:04:05")) + " "
}

// kindState is the worst state among the sources of one kind.
type kindState struct {
	kind  model.SourceKind
	worst model.Freshness
	count int // sources of the kind in that worst state
}

// byKind folds the sources into one entry per kind, worst state first.
func (m Model) byKind() []kindState {
	var out []kindState
	for _, fr := range m.sources {
		i := slices.IndexFunc(out, func(k kindState) bool { return k.kind == fr.Source.Kind })
		if i < 0 {
			out = append(out, kindState{kind: fr.Source.Kind, worst: fr, count: 1})
			continue
		}
		k := &out[i]
		switch {
		case fr.State > k.worst.State:
			k.worst, k.count = fr, 1
		case fr.State == k.worst.State:
			k.count++
			if fr.Since.Before(k.worst.Since) {
				k.worst = fr
			}
		}
	}
	slices.SortStableFunc(out, func(a, b kindState) int {
		if a.worst.State != b.worst.State {
			return cmp.Compare(b.worst.State, a.worst.State)
		}
		return cmp.Compare(a.kind, b.kind)
	})
	return out
}

// freshness says how fresh the data is: "● live" when every source is, or
// the worst source in words, then (in full) a mark for every kind.
func (m Model) freshness(d detail) string {
	kinds := m.byKind()
	if len(kinds) == 0 {
		return m.st.Header.Stale.Render("◌ connecting…")
	}

	worst := kinds[0].worst
	text := m.describe(worst, kinds[0].count, d)
	if worst.State == model.SourceLive || d < full || len(kinds) == 1 {
		return text
	}

	var marks []string
	for _, k := range kinds[1:] {
		marks = append(marks, m.mark(k.worst.State)+" "+m.st.Header.Sep.Render(k.kind.String()))
	}
	return text + "  " + strings.Join(marks, " ")
}

// describe puts one source's state in words: briefly its kind and state,
// then why it fails and when it is retried, in full since when the data
// on screen dates.
func (m Model) describe(fr model.Freshness, count int, d detail) string {
	h := m.st.Header
	what := fr.Source.Kind.String()
	if count > 1 {
		what += " ×" + strconv.Itoa(count)
	} else if name := m.functionName(fr.Source.FunctionID); name != "" {
		what += " of " + model.Truncate(model.Sanitize(name), 24)
	}

	switch fr.State {
	case model.SourceLive:
		return h.Live.Render("● live")
	case model.SourceWaiting:
		return h.Stale.Render("◌ " + what + " loading")
	case model.SourceStale:
		return h.Stale.Render("▲ " + what + " stale since " + m.at(fr.Since))
	}
	text := "✖ " + what + " failing"
	if d == brief {
		return h.Failing.Render(text)
	}
	text += ": " + model.Truncate(model.Sanitize(cmp.Or(fr.Err, "failed")), 48)
	if !fr.RetryAt.IsZero() {
		text += " · " + m.retry(fr.RetryAt)
	}
	if d == full && !fr.LastSuccess.IsZero() {
		text += " · data from " + m.at(fr.LastSuccess)
	}
	return h.Failing.Render(text)
}

// functionName names a function's source, "" when it has none or the header
// cannot name it.
func (m Model) functionName(id string) string {
	if id == "" || m.nameOf == nil {
		return ""
	}
	return m.nameOf(id)
}

// mark is a state's one-cell symbol in its colour.
func (m Model) mark(s model.SourceState) string {
	h := m.st.Header
	switch s {
	case model.SourceLive:
		return h.Live.Render("●")
	case model.SourceWaiting:
		return h.Stale.Render("◌")
	case model.SourceStale:
		return h.Stale.Render("▲")
	}
	return h.Failing.Render("✖")
}

// at is a time of day, with the day when it is not today.
func (m Model) at(t time.Time) string {
	if t.IsZero() {
		return model.UnknownText
	}
	if y, mo, d := t.Date(); !m.now.IsZero() {
		if ny, nmo, nd := m.now.Date(); y != ny || mo != nmo || d != nd {
			return t.Format("Jan 2 15:04")
		}
	}
	return t.Format("15:04:05")
}

// retry says when the next attempt is due.
func (m Model) retry(at time.Time) string {
	d := at.Sub(m.now)
	if d <= 0 {
		return "retrying"
	}
	return "retry in " + seconds(d)
}

// seconds is a wait in the largest sensible unit, rounded up: "12s", "3m".
func seconds(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	if s < 120 {
		return strconv.FormatInt(s, 10) + "s"
	}
	return strconv.FormatInt((s+59)/60, 10) + "m"
}

// budgetText says how much of each limit is used: in full with the limits
// and, for a group with no room for background calls, when room frees;
// briefly only the groups that are paused or short of room.
func (m Model) budgetText(d detail) string {
	if !m.hasBudget {
		return ""
	}
	b := m.budget
	var parts []string
	for _, g := range []struct {
		name string
		snap api.GroupSnapshot
	}{{"read", b.Read}, {"logs", b.Logs}} {
		if d > brief || m.notable(g.snap) {
			parts = append(parts, m.group(g.name, g.snap, d == full))
		}
	}
	if d > brief || (b.Streams.Limit > 0 && b.Streams.Open >= b.Streams.Limit) {
		parts = append(parts, m.streams(b.Streams, d == full))
	}
	return strings.Join(parts, "  ")
}

// notable reports whether a group is paused or has no room for background
// calls.
func (m Model) notable(g api.GroupSnapshot) bool {
	return g.PausedUntil.After(m.now) || (g.Limit > 0 && g.Used >= g.Limit-g.Reserved)
}

func (m Model) group(name string, g api.GroupSnapshot, full bool) string {
	h := m.st.Header
	style := h.Budget
	text := name + " " + strconv.Itoa(g.Used)
	if full {
		text += "/" + strconv.Itoa(g.Limit)
	}

	switch {
	case !g.PausedUntil.IsZero() && g.PausedUntil.After(m.now):
		return h.Full.Render(text + " paused " + seconds(g.PausedUntil.Sub(m.now)))
	case g.Limit > 0 && g.Used >= g.Limit-g.Reserved:
		style = h.Full
		if g.Used < g.Limit {
			style = h.BudgetHi
		}
		if full && !g.FreesAt.IsZero() && g.FreesAt.After(m.now) {
			text += " room in " + seconds(g.FreesAt.Sub(m.now))
		}
	case g.Limit > 0 && g.Used*5 >= g.Limit*3:
		style = h.BudgetHi
	}
	return style.Render(text)
}

func (m Model) streams(s api.StreamSlots, full bool) string {
	h := m.st.Header
	text := "streams " + strconv.Itoa(s.Open)
	if full {
		text += "/" + strconv.Itoa(s.Limit)
	}
	if s.Limit > 0 && s.Open >= s.Limit {
		return h.Full.Render(text)
	}
	return h.Budget.Render(text)
}
