package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Pins is the user's pinned functions, in the order they were pinned: the
// functions whose log streams stay open and whose tails merge. At most
// MaxPinned functions are pinned, because each pin holds one of the
// project's MaxPinned log streams.
//
// Pins reads no clock and does no I/O. The zero value is an empty set ready
// to use. Copying a Pins gives an independent set: every change builds a new
// slice, so a copy kept in an older Bubble Tea model never sees it.
type Pins struct {
	pins []pin
	seq  uint64 // counts pins and views: the order of recency
}

type pin struct {
	id     string
	viewed time.Time
	seq    uint64
}

// PinLimitError is the error Pin returns when MaxPinned functions are pinned
// already. It offers LeastRecent, the pin viewed longest ago, as the one to
// replace (see Pins.Replace).
type PinLimitError struct {
	// ID is the function that could not be pinned.
	ID string
	// LeastRecent is the pinned function viewed longest ago.
	LeastRecent string
}

// Error says why the function was not pinned and which pin may make room.
// Both IDs are sanitized.
func (e *PinLimitError) Error() string {
	return fmt.Sprintf("cannot pin %s: %d functions are pinned already, and the API keeps at "+
		"most %d log streams open per project; replace %s, the least recently viewed pin?",
		Sanitize(e.ID), MaxPinned, MaxPinned, Sanitize(e.LeastRecent))
}

// errEmptyPinID is returned when a function ID is empty.
var errEmptyPinID = errors.New("cannot pin a function without an ID")

// Len returns the number of pinned functions.
func (p *Pins) Len() int {
	return len(p.pins)
}

// IDs returns the pinned function IDs in pin order, as a new slice.
func (p *Pins) IDs() []string {
	ids := make([]string, len(p.pins))
	for i, x := range p.pins {
		ids[i] = x.id
	}
	return ids
}

// Has reports whether the function is pinned.
func (p *Pins) Has(id string) bool {
	return p.index(id) >= 0
}

// LastViewed returns when the pinned function was last viewed (pinned,
// replaced in or touched), and false when it is not pinned.
func (p *Pins) LastViewed(id string) (time.Time, bool) {
	i := p.index(id)
	if i < 0 {
		return time.Time{}, false
	}
	return p.pins[i].viewed, true
}

// Pin adds the function at the end of the pins, viewed at now. Pinning a
// pinned function only touches it. When MaxPinned functions are pinned, Pin
// changes nothing and returns a *PinLimitError naming the pin to offer for
// replacement.
func (p *Pins) Pin(id string, now time.Time) error {
	if id == "" {
		return errEmptyPinID
	}
	if p.Touch(id, now) {
		return nil
	}
	if len(p.pins) >= MaxPinned {
		return &PinLimitError{ID: id, LeastRecent: p.leastRecent()}
	}

	p.pins = append(slices.Clip(p.pins), p.next(id, now))
	return nil
}

// Replace puts the function newID in the place of the pinned function
// oldID, viewed at now, and returns an error naming the function when oldID
// is not pinned or newID is. Replacing a function with itself only touches
// it.
func (p *Pins) Replace(oldID, newID string, now time.Time) error {
	i := p.index(oldID)
	switch {
	case newID == "":
		return errEmptyPinID
	case i < 0:
		return fmt.Errorf("cannot replace %s: it is not pinned", Sanitize(oldID))
	case oldID == newID:
		p.Touch(oldID, now)
		return nil
	case p.Has(newID):
		return fmt.Errorf("cannot pin %s in place of %s: it is pinned already",
			Sanitize(newID), Sanitize(oldID))
	}

	pins := slices.Clone(p.pins)
	pins[i] = p.next(newID, now)
	p.pins = pins
	return nil
}

// Unpin removes the function from the pins, keeping the others' order, and
// reports whether it was pinned.
func (p *Pins) Unpin(id string) bool {
	i := p.index(id)
	if i < 0 {
		return false
	}
	p.pins = slices.Delete(slices.Clone(p.pins), i, i+1)
	return true
}

// Touch records that the pinned function was viewed at now, which makes it
// the last one offered for replacement, and reports whether it is pinned.
// Touching a function that is not pinned changes nothing.
func (p *Pins) Touch(id string, now time.Time) bool {
	i := p.index(id)
	if i < 0 {
		return false
	}

	pins := slices.Clone(p.pins)
	pins[i] = p.next(id, now)
	p.pins = pins
	return true
}

// Watched returns the IDs of the functions whose log streams should be
// open: the pins in pin order, then the focused function when it is not
// pinned, at most MaxPinned. An empty focused means no single function is
// in view. The caller closes the stream of every function not listed.
//
// When MaxPinned functions are pinned and the focused one is not among
// them, the focused function wins: the user is looking at it now, so its
// tail is the one that must be live. It takes the stream of the least
// recently viewed pin, which stays pinned and is listed again as soon as
// the focus moves to a pinned function or to none. The app should not
// report that pin's stream as down while it is left out.
func (p *Pins) Watched(focused string) []string {
	ids := p.IDs()
	if focused == "" || p.Has(focused) {
		return ids
	}
	if len(ids) >= MaxPinned {
		left := p.leastRecent()
		ids = slices.DeleteFunc(ids, func(id string) bool { return id == left })
	}
	return append(ids, focused)
}

// next returns a pin of id viewed at now, the most recent of all.
func (p *Pins) next(id string, now time.Time) pin {
	p.seq++
	return pin{id: id, viewed: now, seq: p.seq}
}

func (p *Pins) index(id string) int {
	return slices.IndexFunc(p.pins, func(x pin) bool { return x.id == id })
}

// leastRecent returns the ID of the pin viewed longest ago, or "" when
// nothing is pinned. Recency follows the order of the calls, not the times
// they were given, so a clock that steps back changes nothing.
func (p *Pins) leastRecent() string {
	if len(p.pins) == 0 {
		return ""
	}
	oldest := slices.MinFunc(p.pins, func(a, b pin) int { return cmp.Compare(a.seq, b.seq) })
	return oldest.id
}
