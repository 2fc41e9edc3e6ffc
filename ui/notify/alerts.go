package notify

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// Alerts tells the terminal about the alerts that fired among events: the
// bell once per fired alert when bell is true (at most MaxBells), and one
// desktop notification naming the first and counting the rest, when
// notifications are on. Cleared alerts are not told. It returns nil when
// nothing fired or nothing is to be sent.
func (n *Notifier) Alerts(events []model.AlertEvent, bell bool) tea.Cmd {
	var fired []model.Alert
	for _, e := range events {
		if e.Kind == model.AlertFired {
			fired = append(fired, e.Alert)
		}
	}
	if len(fired) == 0 {
		return nil
	}

	var ring tea.Cmd
	if bell {
		ring = n.Bell(len(fired))
	}
	return tea.Batch(ring, n.Notify(AlertSummary(fired)))
}

// AlertSummary returns the title and body of the notification for alerts
// that fired together: "sinchtop: alert" and the alert's text, or
// "sinchtop: 3 alerts" and the first one's text with "(+2 more)". The text
// is not yet made safe; the Encoder does that.
func AlertSummary(fired []model.Alert) (title, body string) {
	switch len(fired) {
	case 0:
		return "sinchtop", ""
	case 1:
		return "sinchtop: alert", fired[0].Text()
	}
	return fmt.Sprintf("sinchtop: %d alerts", len(fired)),
		fmt.Sprintf("%s (+%d more)", fired[0].Text(), len(fired)-1)
}

// TitleText returns the window title for the active alerts: base alone when
// there are none; "(2) <first unacknowledged alert> · base" while some are
// unacknowledged, so the count shows in a narrow tab; "base (2
// acknowledged)" when all are. An empty base is "sinchtop". The text is
// not yet made safe; the Encoder does that.
func TitleText(base string, active []model.Alert) string {
	if base == "" {
		base = "sinchtop"
	}

	unacked := 0
	var first model.Alert
	for _, a := range active {
		if !a.Acknowledged() {
			if unacked == 0 {
				first = a
			}
			unacked++
		}
	}

	switch {
	case unacked > 0:
		return fmt.Sprintf("(%d) %s · %s", unacked, first.Text(), base)
	case len(active) > 0:
		return fmt.Sprintf("%s (%d acknowledged)", base, len(active))
	}
	return base
}
