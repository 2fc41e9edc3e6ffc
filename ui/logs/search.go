package logs

import (
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
)

// maxQueryRunes bounds a search query: a paste of a whole log must not
// become a query scanned against every request.
const maxQueryRunes = 256

// searchInput is the one-line editor of a search being typed. It keeps
// printable characters only, so a pasted escape sequence cannot reach the
// screen through the prompt.
type searchInput struct {
	active bool
	value  []rune
}

func (s *searchInput) start(current string) {
	s.active = true
	s.value = []rune(current)
}

func (s *searchInput) cancel() {
	s.active = false
	s.value = nil
}

func (s *searchInput) text() string { return string(s.value) }

// edit applies an editing key: characters, backspace, ctrl+u (clear) and
// ctrl+w (delete a word).
func (s *searchInput) edit(msg tea.KeyMsg) {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		for _, r := range msg.Runes {
			if unicode.IsPrint(r) && len(s.value) < maxQueryRunes {
				s.value = append(s.value, r)
			}
		}
	case tea.KeyBackspace:
		if n := len(s.value); n > 0 {
			s.value = s.value[:n-1]
		}
	case tea.KeyCtrlU:
		s.value = s.value[:0]
	case tea.KeyCtrlW:
		s.deleteWord()
	}
}

func (s *searchInput) deleteWord() {
	i := len(s.value)
	for i > 0 && s.value[i-1] == ' ' {
		i--
	}
	for i > 0 && s.value[i-1] != ' ' {
		i--
	}
	s.value = s.value[:i]
}
