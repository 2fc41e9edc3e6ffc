package app

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the keys that work wherever the user is.
type KeyMap struct {
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
	// ExportRequests writes the requests the log view shows, its filters
	// applied, to a JSON Lines file.
	ExportRequests key.Binding
	// ExportScreen writes the screen as plain text to a file.
	ExportScreen key.Binding
	// Profiles opens the list of the settings file's profiles.
	Profiles key.Binding
}

// DefaultKeyMap returns the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextPane:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"),
			key.WithHelp("shift+tab", "previous pane")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Refresh: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh all")),

		Alerts: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "alerts")),
		AcknowledgeAll: key.NewBinding(key.WithKeys("A"),
			key.WithHelp("A", "acknowledge all alerts")),
		ExportRequests: key.NewBinding(key.WithKeys("x"),
			key.WithHelp("x", "export requests (JSONL)")),
		ExportScreen: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "export screen")),
		Profiles:     key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "profiles")),
	}
}

// ShortHelp returns the global keys the footer always ends with.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Help, k.Quit}
}

// FullHelp returns every global key, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextPane, k.PrevPane, k.Back, k.Refresh, k.Help, k.Quit, k.ForceQuit},
		{k.Alerts, k.AcknowledgeAll, k.ExportRequests, k.ExportScreen, k.Profiles},
	}
}

// ListKeyMap is the keys of the alert and profile lists shown over the
// panes.
type ListKeyMap struct {
	Up   key.Binding
	Down key.Binding
	// Choose acknowledges the selected alert, or switches to the selected
	// profile.
	Choose key.Binding
	// AcknowledgeAll acknowledges every firing alert (alert list only).
	AcknowledgeAll key.Binding
	Close          key.Binding
}

// DefaultAlertListKeys returns the alert list's keys.
func DefaultAlertListKeys() ListKeyMap {
	k := defaultListKeys()
	k.Choose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "acknowledge"))
	k.AcknowledgeAll = key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "acknowledge all"))
	k.Close = key.NewBinding(key.WithKeys("esc", "a", "q"), key.WithHelp("esc", "close"))
	return k
}

// DefaultProfileListKeys returns the profile list's keys.
func DefaultProfileListKeys() ListKeyMap {
	k := defaultListKeys()
	k.Choose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch"))
	k.AcknowledgeAll = key.NewBinding(key.WithDisabled())
	k.Close = key.NewBinding(key.WithKeys("esc", "P", "q"), key.WithHelp("esc", "close"))
	return k
}

func defaultListKeys() ListKeyMap {
	return ListKeyMap{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	}
}

// ShortHelp returns the list's keys for the footer.
func (k ListKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.AcknowledgeAll, k.Close}
}

// FullHelp returns the list's keys for the help overlay.
func (k ListKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ShortHelp()}
}

// PromptKeyMap is the keys that answer a question in the status line.
type PromptKeyMap struct {
	Yes key.Binding
	No  key.Binding
}

// DefaultPromptKeys returns y and n (or Esc).
func DefaultPromptKeys() PromptKeyMap {
	return PromptKeyMap{
		Yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
	}
}

// ShortHelp returns the prompt's keys for the footer.
func (k PromptKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp returns the prompt's keys for the help overlay.
func (k PromptKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
