package detail

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/theme"
	"github.com/sinchtop/sinchtop/ui/keymap/bind"
)

// TestGoBackWhateverTheBackKeys checks that the root's way back works when
// the view's back keys are rebound away from the key the root saw.
func TestGoBackWhateverTheBackKeys(t *testing.T) {
	m := New(theme.New(theme.Options{Name: "none"}))
	m.SetKeyMap(KeyMapFrom(bind.New(map[string][]string{
		"detail.back": {"backspace"}, "request.back": {"ctrl+h"},
	})))
	m.SetFunction(api.Function{ID: "f1", Name: "ivr"})
	m.Focus()
	m.OpenRequest(api.Request{ID: "r1"})

	m, cmd := m.GoBack()
	if m.ShowingRequest() || cmd != nil {
		t.Fatalf("from a request: showing %v, command %v; want the list and none",
			m.ShowingRequest(), cmd)
	}
	m, cmd = m.GoBack()
	if cmd == nil {
		t.Fatal("from the list: no command, want BackMsg")
	}
	if back, ok := cmd().(BackMsg); !ok || back.FunctionID != "f1" {
		t.Errorf("from the list: %#v, want BackMsg for f1", cmd())
	}

	// Esc, the old default, no longer goes back; the rebound key does.
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd != nil {
		if _, ok := cmd().(BackMsg); ok {
			t.Error("esc still goes back after detail.back was rebound")
		}
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyBackspace}); cmd == nil {
		t.Error("the rebound back key does nothing")
	}
}
