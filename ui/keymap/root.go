package keymap

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// Global is the keys the root handles wherever the user is.
type Global struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Back      key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	Help      key.Binding
	Refresh   key.Binding

	// Alerts opens and closes the list of alerts.
	Alerts key.Binding
	// AcknowledgeAll silences every firing alert until it clears.
	AcknowledgeAll key.Binding
	// ExportRequests writes the requests the log view shows to a file.
	ExportRequests key.Binding
	// ExportScreen writes the screen as plain text to a file.
	ExportScreen key.Binding
	// Profiles opens the list of the settings file's profiles.
	Profiles key.Binding
}

// GlobalFrom returns the bindings of the global.* actions in t.
func GlobalFrom(t bind.Table) Global {
	return Global{
		Quit:           t.Binding("global.quit"),
		ForceQuit:      t.Binding("global.forceQuit"),
		Back:           t.Binding("global.back"),
		NextPane:       t.Binding("global.nextPane"),
		PrevPane:       t.Binding("global.prevPane"),
		Help:           t.Binding("global.help"),
		Refresh:        t.Binding("global.refresh"),
		Alerts:         t.Binding("global.alerts"),
		AcknowledgeAll: t.Binding("global.acknowledge"),
		ExportRequests: t.Binding("global.exportLogs"),
		ExportScreen:   t.Binding("global.exportScreen"),
		Profiles:       t.Binding("global.profiles"),
	}
}

// ShortHelp returns the global keys the footer always ends with.
func (k Global) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Help, k.Quit}
}

// FullHelp returns every global key for the help overlay: moving about
// first, then alerts, exports and profiles.
func (k Global) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextPane, k.PrevPane, k.Back, k.Refresh, k.Help, k.Quit, k.ForceQuit},
		{k.Alerts, k.AcknowledgeAll, k.ExportRequests, k.ExportScreen, k.Profiles},
	}
}

// List is the keys of a list shown over the panes: the alerts or the
// profiles.
type List struct {
	Up   key.Binding
	Down key.Binding
	// Choose acknowledges the selected alert, or switches to the selected
	// profile.
	Choose key.Binding
	// AcknowledgeAll acknowledges every firing alert; disabled in the list
	// of profiles.
	AcknowledgeAll key.Binding
	Close          key.Binding
}

// AlertListFrom returns the bindings of the alerts.* actions in t.
func AlertListFrom(t bind.Table) List {
	return List{
		Up:             t.Binding("alerts.up"),
		Down:           t.Binding("alerts.down"),
		Choose:         t.Binding("alerts.acknowledge"),
		AcknowledgeAll: t.Binding("alerts.acknowledgeAll"),
		Close:          t.Binding("alerts.close"),
	}
}

// ProfileListFrom returns the bindings of the profiles.* actions in t.
func ProfileListFrom(t bind.Table) List {
	return List{
		Up:             t.Binding("profiles.up"),
		Down:           t.Binding("profiles.down"),
		Choose:         t.Binding("profiles.switch"),
		AcknowledgeAll: key.NewBinding(key.WithDisabled()),
		Close:          t.Binding("profiles.close"),
	}
}

// ShortHelp returns the list's keys for the footer.
func (k List) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.AcknowledgeAll, k.Close}
}

// FullHelp returns the list's keys for the help overlay.
func (k List) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Prompt is the keys that answer a question in the status line.
type Prompt struct {
	Yes key.Binding
	No  key.Binding
}

// PromptFrom returns the bindings of the prompt.* actions in t.
func PromptFrom(t bind.Table) Prompt {
	return Prompt{Yes: t.Binding("prompt.yes"), No: t.Binding("prompt.no")}
}

// ShortHelp returns the prompt's keys for the footer.
func (k Prompt) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp returns the prompt's keys for the help overlay.
func (k Prompt) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
