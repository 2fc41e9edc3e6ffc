package metrics

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// KeyMap is the metrics pane's key bindings.
type KeyMap struct {
	Ranges    []key.Binding // one per api.TimeRanges entry, "1" to "5" by default
	PrevRange key.Binding
	NextRange key.Binding
	Spike     key.Binding
}

// DefaultKeyMap returns the metrics pane's default bindings.
func DefaultKeyMap() KeyMap { return KeyMapFrom(bind.Defaults()) }

// KeyMapFrom returns the bindings of the metrics.* actions in t: one range
// key per api.TimeRanges entry (metrics.range1h for 1h), the shorter and
// longer range keys and the spike key.
func KeyMapFrom(t bind.Table) KeyMap {
	km := KeyMap{
		PrevRange: t.Binding("metrics.shorterRange"),
		NextRange: t.Binding("metrics.longerRange"),
		Spike:     t.Binding("metrics.spike"),
	}
	for _, r := range api.TimeRanges {
		km.Ranges = append(km.Ranges, t.Binding("metrics.range"+string(r)))
	}
	return km
}

// SetKeyMap makes the pane answer to km's keys and list them in its help.
func (m *Model) SetKeyMap(km KeyMap) { m.keys = km }

// ShortHelp returns the bindings the footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.rangeHelp(), k.Spike}
}

// FullHelp returns every binding, grouped, for the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		append([]key.Binding{k.PrevRange, k.NextRange}, k.Ranges...),
		{k.Spike},
	}
}

// rangeHelp is one help entry standing for the range keys: "1-5" when
// their first keys are characters in a row, else those keys ("a/s/d/f/g").
func (k KeyMap) rangeHelp() key.Binding {
	var keys, names []string
	for _, b := range k.Ranges {
		keys = append(keys, b.Keys()...)
		if len(b.Keys()) > 0 {
			names = append(names, bind.Name(b.Keys()[0]))
		}
	}

	label := strings.Join(names, "/")
	if inARow(names) {
		label = names[0] + "-" + names[len(names)-1]
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, "range"))
}

// inARow reports whether names are more than two single characters that
// follow each other, as 1, 2, 3 do.
func inARow(names []string) bool {
	if len(names) < 3 {
		return false
	}
	for i, name := range names {
		r := []rune(name)
		if len(r) != 1 || (i > 0 && r[0] != []rune(names[i-1])[0]+1) {
			return false
		}
	}
	return true
}
