// Package keymap builds every keymap of the dashboard from the settings
// file's key bindings (settings.File.Keys, action -> keys), so that a key
// rebound there changes what the pane does and what its help shows. The
// actions, their default keys and their descriptions are settings'
// KeyActions; the panes map them onto their KeyMap fields (KeyMapFrom), and
// Build hands the root one keymap per pane.
package keymap

import (
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/help"
	"github.com/sinchtop/sinchtop/ui/keymap/bind"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

// Set is one keymap per pane, and the root's.
type Set struct {
	// Global is the root's keys, which work wherever the user is.
	Global Global
	// Functions is the functions list's, filter keys included.
	Functions functions.KeyMap
	// Logs is the request list's in the overview, search keys included.
	Logs logs.KeyMap
	// Metrics is the metrics pane's.
	Metrics metrics.KeyMap
	// Billing is the billing pane's.
	Billing billing.KeyMap
	// Request is one request's, as the function's view shows it.
	Request request.KeyMap
	// Detail is one function's view's, holding the keymaps of its request
	// list, charts and request (the same keys as Logs, Metrics, Request).
	Detail detail.KeyMap
	// Help is the full help overlay's.
	Help help.KeyMap
	// AlertList and ProfileList are the keys of those lists while open.
	AlertList   List
	ProfileList List
	// Prompt answers a question the status line asks.
	Prompt Prompt
}

// Build returns the keymaps of bindings (action name -> keys, as
// settings.File.Keys holds them) overlaid on the defaults: nil gives the
// defaults. Unknown actions and keys no terminal sends are left out;
// settings.Load has reported them, and any key bound to two actions that
// work in one place, with the line of each.
func Build(bindings map[string][]string) Set {
	t := bind.New(bindings)
	return Set{
		Global:    GlobalFrom(t),
		Functions: functions.KeyMapFrom(t),
		Logs:      logs.KeyMapFrom(t),
		Metrics:   metrics.KeyMapFrom(t),
		Billing:   billing.KeyMapFrom(t),
		Request:   request.KeyMapFrom(t),
		Detail:    detail.KeyMapFrom(t),
		Help:      help.KeyMapFrom(t),

		AlertList:   AlertListFrom(t),
		ProfileList: ProfileListFrom(t),
		Prompt:      PromptFrom(t),
	}
}

// Default returns the default keymaps, Build(nil).
func Default() Set { return Build(nil) }
