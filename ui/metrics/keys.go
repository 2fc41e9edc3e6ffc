package metrics

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/sinchtop/sinchtop/api"
)

// KeyMap is the metrics pane's key bindings.
type KeyMap struct {
	Ranges    []key.Binding // one per api.TimeRanges entry, "1" to "5"
	PrevRange key.Binding
	NextRange key.Binding
	Spike     key.Binding
}

// DefaultKeyMap returns the metrics pane's default bindings.
func DefaultKeyMap() KeyMap {
	km := KeyMap{
		PrevRange: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "shorter range")),
		NextRange: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "longer range")),
		Spike: key.NewBinding(key.WithKeys("e"),
			key.WithHelp("e", "open the requests of an error spike")),
	}
	for i, r := range api.TimeRanges {
		k := string(rune('1' + i))
		km.Ranges = append(km.Ranges, key.NewBinding(key.WithKeys(k),
			key.WithHelp(k, "range "+string(r))))
	}
	return km
}

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

// rangeHelp is one help entry standing for the five range keys.
func (k KeyMap) rangeHelp() key.Binding {
	keys := make([]string, 0, len(k.Ranges))
	for _, b := range k.Ranges {
		keys = append(keys, b.Keys()...)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp("1-5", "range"))
}
