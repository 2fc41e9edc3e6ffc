package app

import (
	"slices"

	"github.com/sinchtop/sinchtop/model"
)

// maxBuffers bounds the functions whose requests are kept: the watched
// ones and the most recently watched before them.
const maxBuffers = 8

// bufferSet holds the log buffers of recently watched functions, the
// least recently used dropped first.
type bufferSet struct {
	limits  model.Limits
	buffers map[string]*model.LogBuffer
	recent  []string // function IDs, most recent last
}

func newBufferSet(limits model.Limits) *bufferSet {
	return &bufferSet{limits: limits, buffers: map[string]*model.LogBuffer{}}
}

// get returns the function's buffer, making it (and dropping the least
// recently used beyond maxBuffers, sparing those in keep) when needed.
func (s *bufferSet) get(id string, keep map[string]bool) *model.LogBuffer {
	s.touch(id)
	if b, ok := s.buffers[id]; ok {
		return b
	}
	b := model.NewLogBuffer(s.limits)
	s.buffers[id] = b
	for i := 0; len(s.buffers) > maxBuffers && i < len(s.recent); {
		old := s.recent[i]
		if old == id || keep[old] {
			i++
			continue
		}
		delete(s.buffers, old)
		s.recent = slices.Delete(s.recent, i, i+1)
	}
	return b
}

// lookup returns the function's buffer without making one.
func (s *bufferSet) lookup(id string) (*model.LogBuffer, bool) {
	b, ok := s.buffers[id]
	return b, ok
}

func (s *bufferSet) touch(id string) {
	if i := slices.Index(s.recent, id); i >= 0 {
		s.recent = slices.Delete(s.recent, i, i+1)
	}
	s.recent = append(s.recent, id)
}
