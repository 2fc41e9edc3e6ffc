package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var pinsEpoch = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// pinStep is one call on Pins in a table: op is "pin", "replace", "unpin"
// or "touch"; at is minutes after pinsEpoch.
type pinStep struct {
	op       string
	id, with string
	at       int
}

func (s pinStep) apply(p *Pins) error {
	now := pinsEpoch.Add(time.Duration(s.at) * time.Minute)
	switch s.op {
	case "pin":
		return p.Pin(s.id, now)
	case "replace":
		return p.Replace(s.id, s.with, now)
	case "unpin":
		if !p.Unpin(s.id) {
			return errors.New("not pinned")
		}
	case "touch":
		if !p.Touch(s.id, now) {
			return errors.New("not pinned")
		}
	}
	return nil
}

func pinAll(ids ...string) []pinStep {
	steps := make([]pinStep, len(ids))
	for i, id := range ids {
		steps[i] = pinStep{op: "pin", id: id, at: i}
	}
	return steps
}

func TestPins(t *testing.T) {
	five := pinAll("a", "b", "c", "d", "e")
	tests := []struct {
		name    string
		steps   []pinStep
		wantErr string // substring of the last step's error, "" for none
		want    []string
	}{
		{"empty", nil, "", []string{}},
		{"pin keeps order", pinAll("c", "a", "b"), "", []string{"c", "a", "b"}},
		{"pin twice is one pin", append(pinAll("a", "b"), pinStep{op: "pin", id: "a", at: 9}),
			"", []string{"a", "b"}},
		{"empty ID", []pinStep{{op: "pin"}}, "without an ID", []string{}},
		{"five fit", five, "", []string{"a", "b", "c", "d", "e"}},
		{"sixth names the limit and the oldest pin",
			append(slices.Clone(five), pinStep{op: "pin", id: "f", at: 9}),
			"cannot pin f: 5 functions are pinned already, and the API keeps at most 5 log " +
				"streams open per project; replace a, the least recently viewed pin?",
			[]string{"a", "b", "c", "d", "e"}},
		{"touch changes the pin offered",
			append(slices.Clone(five), pinStep{op: "touch", id: "a", at: 7},
				pinStep{op: "touch", id: "b", at: 8}, pinStep{op: "pin", id: "f", at: 9}),
			"replace c,", []string{"a", "b", "c", "d", "e"}},
		{"replace keeps the place",
			append(slices.Clone(five), pinStep{op: "replace", id: "c", with: "f", at: 9}),
			"", []string{"a", "b", "f", "d", "e"}},
		{"replace what is not pinned",
			append(pinAll("a"), pinStep{op: "replace", id: "x", with: "f"}),
			"cannot replace x: it is not pinned", []string{"a"}},
		{"replace with a pin",
			append(pinAll("a", "b"), pinStep{op: "replace", id: "a", with: "b"}),
			"cannot pin b in place of a: it is pinned already", []string{"a", "b"}},
		{"replace with itself", append(pinAll("a", "b"), pinStep{op: "replace", id: "a",
			with: "a"}), "", []string{"a", "b"}},
		{"unpin keeps the others' order",
			append(slices.Clone(five), pinStep{op: "unpin", id: "b"}),
			"", []string{"a", "c", "d", "e"}},
		{"unpin makes room",
			append(slices.Clone(five), pinStep{op: "unpin", id: "b"},
				pinStep{op: "pin", id: "f", at: 9}),
			"", []string{"a", "c", "d", "e", "f"}},
		{"unpin what is not pinned", append(pinAll("a"), pinStep{op: "unpin", id: "x"}),
			"not pinned", []string{"a"}},
		{"touch what is not pinned", append(pinAll("a"), pinStep{op: "touch", id: "x"}),
			"not pinned", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pins
			var err error
			for _, s := range tt.steps {
				err = s.apply(&p)
			}
			checkErr(t, err, tt.wantErr)
			if got := p.IDs(); !slices.Equal(got, tt.want) {
				t.Errorf("IDs() = %q, want %q", got, tt.want)
			}
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("error %v, want none", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q, want it to contain %q", err, want)
	}
}

func TestPinLimitErrorOffersLeastRecent(t *testing.T) {
	var p Pins
	for _, s := range pinAll("a", "b", "c", "d", "e") {
		if err := s.apply(&p); err != nil {
			t.Fatal(err)
		}
	}
	p.Touch("a", pinsEpoch.Add(time.Hour))

	err := p.Pin("f", pinsEpoch.Add(2*time.Hour))
	var limit *PinLimitError
	if !errors.As(err, &limit) {
		t.Fatalf("Pin error %v, want a *PinLimitError", err)
	}
	if limit.ID != "f" || limit.LeastRecent != "b" {
		t.Errorf("PinLimitError = %+v, want ID f, LeastRecent b", limit)
	}

	if err := p.Replace(limit.LeastRecent, limit.ID, pinsEpoch.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, want := p.IDs(), []string{"a", "f", "c", "d", "e"}; !slices.Equal(got, want) {
		t.Errorf("after replacing, IDs() = %q, want %q", got, want)
	}
}

func TestPinLimitErrorSanitizesIDs(t *testing.T) {
	err := &PinLimitError{ID: "x\x1b]0;owned\a", LeastRecent: "y\x9b2J"}
	if strings.ContainsAny(err.Error(), "\x1b\a\u009b") {
		t.Errorf("error text %q carries control characters", err.Error())
	}
}

func TestPinsRecencyFollowsCallsNotTimes(t *testing.T) {
	var p Pins
	for _, s := range pinAll("a", "b", "c", "d", "e") {
		if err := s.apply(&p); err != nil {
			t.Fatal(err)
		}
	}

	// The clock stepped back: a was still viewed after the others.
	p.Touch("a", pinsEpoch.Add(-time.Hour))
	var limit *PinLimitError
	if !errors.As(p.Pin("f", pinsEpoch), &limit) || limit.LeastRecent != "b" {
		t.Errorf("least recent = %+v, want b", limit)
	}

	viewed, ok := p.LastViewed("a")
	if !ok || !viewed.Equal(pinsEpoch.Add(-time.Hour)) {
		t.Errorf("LastViewed(a) = %v, %v; want the time given to Touch", viewed, ok)
	}
	if _, ok := p.LastViewed("zz"); ok {
		t.Error("LastViewed reports a function that is not pinned")
	}
}

func TestPinsWatched(t *testing.T) {
	tests := []struct {
		name    string
		pins    []string
		touch   []string
		focused string
		want    []string
	}{
		{"nothing", nil, nil, "", []string{}},
		{"focused only", nil, nil, "x", []string{"x"}},
		{"pins without focus", []string{"a", "b"}, nil, "", []string{"a", "b"}},
		{"focused is pinned", []string{"a", "b"}, nil, "b", []string{"a", "b"}},
		{"focused joins the pins", []string{"a", "b"}, nil, "x", []string{"a", "b", "x"}},
		{"four pins and focus fit", []string{"a", "b", "c", "d"}, nil, "x",
			[]string{"a", "b", "c", "d", "x"}},
		{"focus takes the oldest pin's stream", []string{"a", "b", "c", "d", "e"}, nil, "x",
			[]string{"b", "c", "d", "e", "x"}},
		{"focus takes the least recently viewed", []string{"a", "b", "c", "d", "e"},
			[]string{"a", "c", "b"}, "x", []string{"a", "b", "c", "e", "x"}},
		{"five pins, focus on a pin", []string{"a", "b", "c", "d", "e"}, nil, "a",
			[]string{"a", "b", "c", "d", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pins
			for i, id := range tt.pins {
				if err := p.Pin(id, pinsEpoch.Add(time.Duration(i)*time.Minute)); err != nil {
					t.Fatal(err)
				}
			}
			for i, id := range tt.touch {
				p.Touch(id, pinsEpoch.Add(time.Hour+time.Duration(i)*time.Minute))
			}

			got := p.Watched(tt.focused)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Watched(%q) = %q, want %q", tt.focused, got, tt.want)
			}
			if len(got) > MaxPinned {
				t.Errorf("Watched lists %d functions, more than the %d streams", len(got),
					MaxPinned)
			}
			if !slices.Equal(p.IDs(), tt.pins) {
				t.Errorf("Watched changed the pins: %q", p.IDs())
			}
		})
	}
}

func TestPinsCopiesAreIndependent(t *testing.T) {
	var p Pins
	for _, id := range []string{"a", "b", "c"} {
		if err := p.Pin(id, pinsEpoch); err != nil {
			t.Fatal(err)
		}
	}

	old := p
	if err := p.Pin("d", pinsEpoch); err != nil {
		t.Fatal(err)
	}
	p.Unpin("a")
	if err := p.Replace("b", "x", pinsEpoch); err != nil {
		t.Fatal(err)
	}
	p.Touch("c", pinsEpoch)

	if got, want := old.IDs(), []string{"a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("the copy changed: IDs() = %q, want %q", got, want)
	}
	if !old.Has("a") || old.Has("x") || old.Len() != 3 {
		t.Errorf("the copy changed: Has(a) %v, Has(x) %v, Len %d", old.Has("a"), old.Has("x"),
			old.Len())
	}
}
