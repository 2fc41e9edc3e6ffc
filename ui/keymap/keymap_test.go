package keymap

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/model/settings"
	"github.com/sinchtop/sinchtop/ui/billing"
	"github.com/sinchtop/sinchtop/ui/detail"
	"github.com/sinchtop/sinchtop/ui/functions"
	"github.com/sinchtop/sinchtop/ui/help"
	"github.com/sinchtop/sinchtop/ui/logs"
	"github.com/sinchtop/sinchtop/ui/metrics"
	"github.com/sinchtop/sinchtop/ui/request"
)

// bindings walks a Set and returns each binding by its path
// ("Logs.Pause", "Metrics.Ranges[0]").
func bindings(s Set) map[string]key.Binding {
	out := map[string]key.Binding{}
	walk("", reflect.ValueOf(s), out)
	return out
}

func walk(path string, v reflect.Value, out map[string]key.Binding) {
	if b, ok := v.Interface().(key.Binding); ok {
		out[path] = b
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			walk(strings.TrimPrefix(path+"."+v.Type().Field(i).Name, "."), v.Field(i), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i), out)
		}
	}
}

// want is a binding as the panes had it before the settings file could
// change it: its keys, then the key and description help shows.
type want struct {
	keys      []string
	key, desc string
}

func keys(k ...string) []string { return k }

// today is every key the panes and the root bound before their keymaps
// came from the settings file, written out by hand: the defaults must not
// move a key or a word of help.
func today() map[string]want {
	return map[string]want{
		"Global.Quit":           {keys("q"), "q", "quit"},
		"Global.ForceQuit":      {keys("ctrl+c"), "ctrl+c", "quit now"},
		"Global.Back":           {keys("esc"), "esc", "back"},
		"Global.NextPane":       {keys("tab"), "tab", "next pane"},
		"Global.PrevPane":       {keys("shift+tab"), "shift+tab", "previous pane"},
		"Global.Help":           {keys("?"), "?", "help"},
		"Global.Refresh":        {keys("ctrl+r"), "ctrl+r", "refresh all"},
		"Global.Alerts":         {keys("a"), "a", "alerts"},
		"Global.AcknowledgeAll": {keys("A"), "A", "acknowledge all alerts"},
		"Global.ExportRequests": {keys("x"), "x", "export requests (JSONL)"},
		"Global.ExportScreen":   {keys("X"), "X", "export screen"},
		"Global.Profiles":       {keys("P"), "P", "profiles"},

		"AlertList.Up":             {keys("up", "k"), "↑/k", "up"},
		"AlertList.Down":           {keys("down", "j"), "↓/j", "down"},
		"AlertList.Choose":         {keys("enter"), "enter", "acknowledge"},
		"AlertList.AcknowledgeAll": {keys("A"), "A", "acknowledge all"},
		"AlertList.Close":          {keys("esc", "a", "q"), "esc", "close"},
		"ProfileList.Up":           {keys("up", "k"), "↑/k", "up"},
		"ProfileList.Down":         {keys("down", "j"), "↓/j", "down"},
		"ProfileList.Choose":       {keys("enter"), "enter", "switch"},
		"ProfileList.Close":        {keys("esc", "P", "q"), "esc", "close"},
		"Prompt.Yes":               {keys("y"), "y", "yes"},
		"Prompt.No":                {keys("n", "esc"), "n", "no"},

		"Functions.Up":       {keys("up", "k"), "↑/k", "up"},
		"Functions.Down":     {keys("down", "j"), "↓/j", "down"},
		"Functions.PageUp":   {keys("pgup", "ctrl+u"), "pgup", "page up"},
		"Functions.PageDown": {keys("pgdown", "ctrl+d"), "pgdn", "page down"},
		"Functions.Top":      {keys("home", "g"), "g", "first"},
		"Functions.Bottom":   {keys("end", "G"), "G", "last"},
		"Functions.Open":     {keys("enter"), "enter", "open"},
		"Functions.Filter":   {keys("/"), "/", "filter"},
		"Functions.Sort":     {keys("s"), "s", "sort"},
		"Functions.Reverse":  {keys("S"), "S", "reverse"},
		"Functions.Pin":      {keys("p"), "p", "pin"},
		"Functions.Accept":   {keys("enter"), "enter", "keep filter"},
		"Functions.Cancel":   {keys("esc"), "esc", "clear filter"},
		"Functions.Erase":    {keys("backspace"), "⌫", "erase"},
		"Functions.Clear":    {keys("ctrl+u"), "ctrl+u", "erase all"},

		"Logs.Up":         {keys("up", "k"), "↑/k", "up"},
		"Logs.Down":       {keys("down", "j"), "↓/j", "down"},
		"Logs.PageUp":     {keys("pgup", "ctrl+b"), "pgup", "page up"},
		"Logs.PageDown":   {keys("pgdown", "ctrl+f"), "pgdn", "page down"},
		"Logs.Top":        {keys("g", "home"), "g", "oldest"},
		"Logs.Bottom":     {keys("G", "end"), "G", "newest, follow"},
		"Logs.Open":       {keys("enter"), "enter", "open request"},
		"Logs.Pause":      {keys(" "), "space", "pause"},
		"Logs.Level":      {keys("l"), "l", "level"},
		"Logs.Status":     {keys("s"), "s", "status class"},
		"Logs.Search":     {keys("/"), "/", "search"},
		"Logs.OnlyMatch":  {keys("f"), "f", "only matches"},
		"Logs.NextMatch":  {keys("n"), "n/N", "next/prev match"},
		"Logs.PrevMatch":  {keys("N"), "N", "previous match"},
		"Logs.Clear":      {keys("c"), "c", "clear filters"},
		"Logs.Wrap":       {keys("w"), "w", "wrap"},
		"Logs.Timestamps": {keys("t"), "t", "timestamps"},
		"Logs.Accept":     {keys("enter"), "enter", "search"},
		"Logs.Cancel":     {keys("esc"), "esc", "cancel"},

		"Metrics.Ranges[0]": {keys("1"), "1", "range 1h"},
		"Metrics.Ranges[1]": {keys("2"), "2", "range 4h"},
		"Metrics.Ranges[2]": {keys("3"), "3", "range 24h"},
		"Metrics.Ranges[3]": {keys("4"), "4", "range 7d"},
		"Metrics.Ranges[4]": {keys("5"), "5", "range 30d"},
		"Metrics.PrevRange": {keys("["), "[", "shorter range"},
		"Metrics.NextRange": {keys("]"), "]", "longer range"},
		"Metrics.Spike":     {keys("e"), "e", "open the requests of an error spike"},

		"Billing.Up":   {keys("up", "k"), "↑/k", "scroll up"},
		"Billing.Down": {keys("down", "j"), "↓/j", "scroll down"},

		"Request.Up":           {keys("up", "k"), "↑/k", "up"},
		"Request.Down":         {keys("down", "j"), "↓/j", "down"},
		"Request.PageUp":       {keys("pgup", "b"), "pgup", "page up"},
		"Request.PageDown":     {keys("pgdown", " "), "pgdn", "page down"},
		"Request.HalfPageUp":   {keys("ctrl+u", "u"), "u", "½ page up"},
		"Request.HalfPageDown": {keys("ctrl+d", "d"), "d", "½ page down"},
		"Request.Top":          {keys("g", "home"), "g", "top"},
		"Request.Bottom":       {keys("G", "end"), "G", "bottom"},
		"Request.CopyJSON":     {keys("J"), "J", "copy as JSON"},
		"Request.CopyCURL":     {keys("C"), "C", "copy as cURL"},
		"Request.Back":         {keys("esc"), "esc", "back"},

		"Detail.Back": {keys("esc"), "esc", "back"},

		"Help.Up":       {keys("up", "k"), "↑/k", "scroll up"},
		"Help.Down":     {keys("down", "j"), "↓/j", "scroll down"},
		"Help.PageUp":   {keys("pgup", "ctrl+u"), "pgup", "page up"},
		"Help.PageDown": {keys("pgdown", "ctrl+d"), "pgdn", "page down"},
		"Help.Close":    {keys("esc", "?", "q"), "esc/?", "close help"},
	}
}

func TestDefaultsAreTodaysKeys(t *testing.T) {
	got := bindings(Default())
	wanted := today()
	for path, w := range wanted {
		b, ok := got[path]
		if !ok {
			t.Errorf("%s: missing", path)
			continue
		}
		if !slices.Equal(b.Keys(), w.keys) || b.Help() != (key.Help{Key: w.key, Desc: w.desc}) ||
			!b.Enabled() {
			t.Errorf("%s: keys %q help %+v enabled %v; want %q %q %q", path, b.Keys(), b.Help(),
				b.Enabled(), w.keys, w.key, w.desc)
		}
	}
	if got["ProfileList.AcknowledgeAll"].Enabled() {
		t.Error("the profile list acknowledges alerts")
	}
	for path := range got {
		if _, ok := wanted[path]; !ok && !strings.HasPrefix(path, "Detail.") &&
			path != "ProfileList.AcknowledgeAll" {
			t.Errorf("%s: not in today's keys", path)
		}
	}
}

func TestDefaultHelpEntries(t *testing.T) {
	set := Default()
	tests := []struct {
		name string
		b    key.Binding
		help key.Help
	}{
		{"functions select", set.Functions.ShortHelp()[0], key.Help{Key: "↑↓", Desc: "select"}},
		{"metrics ranges", set.Metrics.ShortHelp()[0], key.Help{Key: "1-5", Desc: "range"}},
	}
	for _, tt := range tests {
		if tt.b.Help() != tt.help {
			t.Errorf("%s: help %+v, want %+v", tt.name, tt.b.Help(), tt.help)
		}
	}
}

// TestPanesDefaultToTheSet checks that a pane built with New answers to the
// same keys as the set the root hands it.
func TestPanesDefaultToTheSet(t *testing.T) {
	set := Default()
	for name, pair := range map[string][2]any{
		"functions":             {functions.DefaultKeyMap(), set.Functions},
		"logs":                  {logs.DefaultKeyMap(), set.Logs},
		"metrics":               {metrics.DefaultKeyMap(), set.Metrics},
		"billing":               {billing.DefaultKeyMap(), set.Billing},
		"request":               {request.DefaultKeyMap(), set.Request},
		"detail":                {detail.DefaultKeyMap(), set.Detail},
		"help":                  {help.DefaultKeyMap(), set.Help},
		"detail's request list": {set.Detail.Logs, set.Logs},
		"detail's charts":       {set.Detail.Metrics, set.Metrics},
		"detail's request":      {set.Detail.Request, set.Request},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s: the pane's default keymap differs from the set's", name)
		}
	}
}

// TestEveryActionIsWired rebinds each action in turn to a key nothing else
// uses and finds that key in the set, with the action's description.
func TestEveryActionIsWired(t *testing.T) {
	for _, a := range settings.KeyActions() {
		set := bindings(Build(map[string][]string{a.Name: {"f19"}}))
		var found []string
		for path, b := range set {
			if slices.Contains(b.Keys(), "f19") {
				found = append(found, path)
				if b.Help() != (key.Help{Key: "f19", Desc: a.Description}) {
					t.Errorf("%s at %s: help %+v", a.Name, path, b.Help())
				}
			}
		}
		if len(found) == 0 {
			t.Errorf("%s: rebinding it changed no keymap", a.Name)
		}
	}

	for path, b := range bindings(Default()) {
		if path == "ProfileList.AcknowledgeAll" {
			continue // the profile list has nothing to acknowledge
		}
		if !b.Enabled() || b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("%s: names no action (enabled %v, help %+v)", path, b.Enabled(), b.Help())
		}
	}
}
