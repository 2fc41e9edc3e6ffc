package model

import (
	"slices"
	"sort"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// The default bounds of one function's log buffer. Whichever is reached
// first evicts the oldest requests. A realistic request (five console lines,
// a few hundred bytes of body, its raw JSON kept beside the decoded fields)
// is estimated at about 4.5 KiB, so the byte bound usually binds first, near
// 7,000 requests: more than an on-call engineer scrolls back through, while
// five pinned functions stay under 160 MiB. BenchmarkHeapAfterMillion sends
// a million such requests through a default buffer: the live heap stays
// flat, near 29 MiB, after 100,000 requests as after 1,000,000.
const (
	DefaultMaxRequests = 20_000
	DefaultMaxBytes    = 32 << 20
)

// Limits bounds a LogBuffer. A field of zero or less takes its default.
type Limits struct {
	// MaxRequests is the most requests the buffer keeps.
	MaxRequests int
	// MaxBytes is the most bytes the buffer's entries may cost, by
	// Entry.Cost. The newest request is kept even when it alone costs more.
	MaxBytes int
}

func (l Limits) withDefaults() Limits {
	if l.MaxRequests <= 0 {
		l.MaxRequests = DefaultMaxRequests
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	return l
}

// LogBuffer holds one function's recent requests in time order (by start
// time, then ID), where pages of history and the live stream meet without
// gaps or repeats, bounded by Limits. It keeps a filtered view up to date as
// requests arrive, so that reading any row of it is O(1) and drawing costs
// the same for 100 requests as for 100,000.
//
// Indices count from the oldest request, so they shift when history is
// prepended or old requests are evicted. A reader who scrolled away from the
// newest rows keeps the Entry.Key of its top row and finds it again each
// frame with FilteredIndex: rows then never move under the reader. Live
// arrivals only add rows after the newest, except a request that arrives
// late, older than the newest, which takes its place in time order.
//
// While paused, the view ends at the newest request held when Pause was
// called; live arrivals are kept and counted but not shown until Resume.
// The bounds still hold while paused: the oldest rows may be evicted from
// the top of the view, and the rows below them do not move.
//
// A LogBuffer is not safe for concurrent use: the model that owns it
// changes it in one goroutine. Entries never change, so a slice of them
// (FilteredEntries) may be handed to another goroutine.
type LogBuffer struct {
	limits Limits

	all   logDeque[*Entry]
	byID  map[string]*Entry
	bytes int

	filter LogFilter
	view   logDeque[viewRow]

	evicted   int
	exhausted bool

	paused    bool
	hasFrozen bool     // the buffer held something when paused
	frozen    EntryKey // the view's last key while paused
	arrived   int
}

// viewRow is one row of the filtered view; match tells whether the entry
// contains the filter's Search.
type viewRow struct {
	e     *Entry
	match bool
}

// NewLogBuffer returns an empty buffer bounded by limits.
func NewLogBuffer(limits Limits) *LogBuffer {
	return &LogBuffer{
		limits: limits.withDefaults(),
		byID:   make(map[string]*Entry),
	}
}

// Limits returns the buffer's bounds, defaults filled in.
func (b *LogBuffer) Limits() Limits {
	return b.limits
}

// AppendLive adds requests from the live stream and returns how many were
// new. Requests already held (by ID) are skipped; a batch may arrive out of
// order. The oldest requests are evicted when the bounds are passed. A
// request without an ID cannot be told apart from another and is always
// added.
func (b *LogBuffer) AppendLive(reqs []api.Request) int {
	entries := b.prepare(reqs)
	for _, e := range entries {
		b.insert(e)
	}
	b.evict()

	added := len(entries)
	if b.paused {
		b.arrived += added
	}
	return added
}

// PrependHistory adds an older page of history and returns how many
// requests were new. Requests already held are skipped, so a page that
// overlaps the live stream leaves no repeat. A page that adds nothing older
// than the oldest request held marks history as exhausted. While paused,
// every request it adds is shown.
func (b *LogBuffer) PrependHistory(reqs []api.Request) int {
	oldest, hadAny := b.oldestKey()
	entries := b.prepare(reqs)

	older := 0
	for _, e := range slices.Backward(entries) {
		b.insert(e)
		if !hadAny || e.key.Compare(oldest) < 0 {
			older++
		}
		if b.paused && (!b.hasFrozen || e.key.Compare(b.frozen) > 0) {
			b.frozen, b.hasFrozen = e.key, true
		}
	}

	if older == 0 {
		b.exhausted = true
	}
	b.evict()
	return len(entries)
}

// MarkHistoryExhausted records that the server has no older history, as
// when the last page of the logs endpoint was read.
func (b *LogBuffer) MarkHistoryExhausted() {
	b.exhausted = true
}

// HistoryExhausted reports whether paging back would find nothing older.
// Eviction clears it: evicted requests can be fetched again.
func (b *LogBuffer) HistoryExhausted() bool {
	return b.exhausted
}

// CanPageBack reports whether a page of older history is worth fetching:
// history is not exhausted and the buffer has room, so that the page would
// not be evicted as soon as it arrived.
func (b *LogBuffer) CanPageBack() bool {
	full := b.all.Len() >= b.limits.MaxRequests || b.bytes >= b.limits.MaxBytes
	return !b.exhausted && !full
}

// OldestStart returns the start time of the oldest request held, the point
// to page history back from; zero when the buffer is empty.
func (b *LogBuffer) OldestStart() time.Time {
	k, _ := b.oldestKey()
	return k.Start
}

// NewestStart returns the start time of the newest request held; zero when
// the buffer is empty.
func (b *LogBuffer) NewestStart() time.Time {
	if b.all.Len() == 0 {
		return time.Time{}
	}
	return b.all.At(b.all.Len() - 1).Start
}

// Evicted returns how many requests were dropped to stay within the
// bounds since the buffer was made.
func (b *LogBuffer) Evicted() int {
	return b.evicted
}

// Len returns how many requests the buffer holds, paused or not.
func (b *LogBuffer) Len() int {
	return b.all.Len()
}

// At returns the i-th request held, 0 being the oldest. It panics when i is
// out of range, as indexing a slice does.
func (b *LogBuffer) At(i int) *Entry {
	return b.all.At(i)
}

// Bytes returns the estimated cost of the requests held (see Entry.Cost).
func (b *LogBuffer) Bytes() int {
	return b.bytes
}

// Filter returns the current filter.
func (b *LogBuffer) Filter() LogFilter {
	return b.filter
}

// SetFilter changes the filter. The view is rebuilt only when the filter
// changed; afterwards it is kept up to date as requests arrive.
func (b *LogBuffer) SetFilter(f LogFilter) {
	if f.Equal(b.filter) {
		return
	}

	b.filter = f
	b.view.clear()
	for i := range b.all.Len() {
		if row, ok := b.rowFor(b.all.At(i)); ok {
			b.view.PushBack(row)
		}
	}
}

// FilteredLen returns how many rows the view shows. While paused it leaves
// out live arrivals newer than the last row shown at Pause.
func (b *LogBuffer) FilteredLen() int {
	if !b.paused {
		return b.view.Len()
	}
	if !b.hasFrozen {
		return 0
	}
	return searchDeque(&b.view, b.frozen, rowKey, true)
}

// FilteredAt returns the i-th row of the view, 0 being the oldest, in O(1).
// It panics when i is out of range.
func (b *LogBuffer) FilteredAt(i int) *Entry {
	return b.view.At(i).e
}

// FilteredMatch reports whether the i-th row of the view contains the
// filter's Search, for marking rows whose match is not on screen.
func (b *LogBuffer) FilteredMatch(i int) bool {
	return b.view.At(i).match
}

// FilteredIndex returns the index of the first row of the view whose key is
// at or after k, or FilteredLen when there is none: where a reader's
// remembered row is now.
func (b *LogBuffer) FilteredIndex(k EntryKey) int {
	return min(searchDeque(&b.view, k, rowKey, false), b.FilteredLen())
}

// FilteredEntries returns the rows of the view, oldest first, in a new
// slice that may be handed to another goroutine.
func (b *LogBuffer) FilteredEntries() []*Entry {
	n := b.FilteredLen()
	out := make([]*Entry, n)
	for i := range n {
		out[i] = b.view.At(i).e
	}
	return out
}

// NextMatch returns the index of the first row after from that contains
// the filter's Search, or -1 when there is none. A from of -1 searches
// from the first row.
func (b *LogBuffer) NextMatch(from int) int {
	n := b.FilteredLen()
	for i := max(from+1, 0); i < n; i++ {
		if b.view.At(i).match {
			return i
		}
	}
	return -1
}

// PrevMatch returns the index of the last row before from that contains
// the filter's Search, or -1 when there is none. A from of FilteredLen or
// more searches from the last row.
func (b *LogBuffer) PrevMatch(from int) int {
	for i := min(from, b.FilteredLen()) - 1; i >= 0; i-- {
		if b.view.At(i).match {
			return i
		}
	}
	return -1
}

// Pause freezes the view: live arrivals are kept and counted but not shown
// until Resume. Pausing twice changes nothing.
func (b *LogBuffer) Pause() {
	if b.paused {
		return
	}

	b.paused, b.arrived = true, 0
	b.frozen, b.hasFrozen = EntryKey{}, false
	if n := b.all.Len(); n > 0 {
		b.frozen, b.hasFrozen = b.all.At(n-1).key, true
	}
}

// Resume shows everything again and resets the count of arrivals.
func (b *LogBuffer) Resume() {
	b.paused, b.arrived = false, 0
}

// Paused reports whether the view is frozen.
func (b *LogBuffer) Paused() bool {
	return b.paused
}

// ArrivedWhilePaused returns how many new live requests arrived since
// Pause; zero when not paused.
func (b *LogBuffer) ArrivedWhilePaused() int {
	return b.arrived
}

// prepare makes entries for the requests whose IDs are not held yet, in
// time order, and records their IDs: a repeat within the batch is skipped
// too.
func (b *LogBuffer) prepare(reqs []api.Request) []*Entry {
	entries := make([]*Entry, 0, len(reqs))
	for i := range reqs {
		id := reqs[i].ID
		if id != "" && b.byID[id] != nil {
			continue
		}
		e := NewEntry(reqs[i])
		if id != "" {
			b.byID[id] = e
		}
		entries = append(entries, e)
	}

	byKey := func(x, y *Entry) int { return x.key.Compare(y.key) }
	if !slices.IsSortedFunc(entries, byKey) {
		slices.SortStableFunc(entries, byKey)
	}
	return entries
}

// insert places a prepared entry in time order, and in the view when the
// filter keeps it. Appending the newest is O(1); a late request shifts the
// ones newer than it.
func (b *LogBuffer) insert(e *Entry) {
	b.all.Insert(searchDeque(&b.all, e.key, entryKey, true), e)
	b.bytes += e.Cost
	if row, ok := b.rowFor(e); ok {
		b.view.Insert(searchDeque(&b.view, e.key, rowKey, true), row)
	}
}

func (b *LogBuffer) rowFor(e *Entry) (viewRow, bool) {
	if !b.filter.Matches(e) {
		return viewRow{}, false
	}

	match := b.filter.Search != ""
	if match && b.filter.Highlight {
		match = b.filter.SearchMatches(e)
	}
	return viewRow{e: e, match: match}, true
}

// evict drops the oldest requests until the buffer is within its bounds,
// keeping at least the newest one.
func (b *LogBuffer) evict() {
	for b.all.Len() > 1 && (b.all.Len() > b.limits.MaxRequests || b.bytes > b.limits.MaxBytes) {
		e := b.all.PopFront()
		b.bytes -= e.Cost
		if id := e.key.ID; id != "" && b.byID[id] == e {
			delete(b.byID, id)
		}
		if b.view.Len() > 0 && b.view.At(0).e == e {
			b.view.PopFront()
		}
		b.evicted++
		b.exhausted = false
	}
}

func (b *LogBuffer) oldestKey() (EntryKey, bool) {
	if b.all.Len() == 0 {
		return EntryKey{}, false
	}
	return b.all.At(0).key, true
}

func entryKey(e *Entry) EntryKey { return e.key }

func rowKey(r viewRow) EntryKey { return r.e.key }

// searchDeque returns the first index whose key is after k (after is true)
// or at or after k (after is false). It gallops back from the newest end,
// where arrivals almost always belong, so a late arrival d rows from the
// end costs O(log d).
func searchDeque[T any](d *logDeque[T], k EntryKey, key func(T) EntryKey, after bool) int {
	beyond := func(i int) bool {
		c := key(d.At(i)).Compare(k)
		return c > 0 || (!after && c == 0)
	}

	hi, step := d.Len(), 1 // every index from hi on is beyond k
	for hi > 0 {
		lo := max(hi-step, 0)
		if !beyond(lo) {
			return lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return beyond(lo + 1 + i) })
		}
		hi, step = lo, step*2
	}
	return 0
}

// logDeque is a double-ended queue on a ring whose size is a power of two:
// O(1) at both ends and by index, and inserting in the middle moves the
// shorter side.
type logDeque[T any] struct {
	ring []T
	head int
	n    int
}

// Len returns the number of elements.
func (d *logDeque[T]) Len() int { return d.n }

// At returns the i-th element from the front.
func (d *logDeque[T]) At(i int) T {
	if i < 0 || i >= d.n {
		panic("model: log index out of range")
	}
	return d.ring[(d.head+i)&(len(d.ring)-1)]
}

func (d *logDeque[T]) set(i int, v T) {
	d.ring[(d.head+i)&(len(d.ring)-1)] = v
}

// PushBack adds v after the last element.
func (d *logDeque[T]) PushBack(v T) {
	d.Insert(d.n, v)
}

// PopFront removes and returns the first element; the deque must not be
// empty.
func (d *logDeque[T]) PopFront() T {
	v := d.At(0)
	var zero T
	d.set(0, zero)
	d.head = (d.head + 1) & (len(d.ring) - 1)
	d.n--
	return v
}

// Insert puts v at index i (0 <= i <= Len), moving the shorter side.
func (d *logDeque[T]) Insert(i int, v T) {
	if d.n == len(d.ring) {
		d.grow()
	}

	d.n++
	if i < d.n/2 {
		d.head = (d.head - 1) & (len(d.ring) - 1)
		for k := 0; k < i; k++ {
			d.set(k, d.At(k+1))
		}
	} else {
		for k := d.n - 1; k > i; k-- {
			d.set(k, d.At(k-1))
		}
	}
	d.set(i, v)
}

func (d *logDeque[T]) grow() {
	ring := make([]T, max(16, 2*len(d.ring)))
	for i := range d.n {
		ring[i] = d.At(i)
	}
	d.ring, d.head = ring, 0
}

// clear empties the deque, keeping its ring for reuse.
func (d *logDeque[T]) clear() {
	clear(d.ring)
	d.head, d.n = 0, 0
}
