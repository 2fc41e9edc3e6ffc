package app

import "github.com/sinchtop/sinchtop/ui/keymap"

// The root's keymaps are keymap's, built from the settings file's bindings
// so that a rebound key changes what the dashboard does and what help says.
type (
	// KeyMap is the keys that work wherever the user is.
	KeyMap = keymap.Global
	// ListKeyMap is the keys of the alert and profile lists shown over the
	// panes.
	ListKeyMap = keymap.List
	// PromptKeyMap answers a question the status line asks.
	PromptKeyMap = keymap.Prompt
)

// applyKeys hands every pane its keymap from set and keeps the root's own.
// It runs at start and again when a profile switch rebuilds the panes.
func (m *Model) applyKeys(set keymap.Set) {
	m.keys = set.Global
	m.alertKeys, m.profileKeys, m.promptKeys = set.AlertList, set.ProfileList, set.Prompt
	m.functions.SetKeyMap(set.Functions)
	m.logs.SetKeyMap(set.Logs)
	m.metrics.SetKeyMap(set.Metrics)
	m.billing.SetKeyMap(set.Billing)
	m.detail.SetKeyMap(set.Detail)
	m.overlay.SetKeyMap(set.Help)
	m.footer.SetKeyMap(set.Help)
}
