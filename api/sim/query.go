package sim

import "strings"

// logQuery is a validated historical logs query.
type logQuery struct {
	lo, hi int64 // [lo, hi) in Unix ms
	filter filter
	search string // lower case; empty for none
	page   int    // from 1
	size   int
	desc   bool
}

// queryLogs returns how many of f's visible requests match q and the keys
// of the requested page, in the requested order.
func (g *generator) queryLogs(v *view, f *function, q logQuery) (int64, []key) {
	lo, hi := max(q.lo, v.horizon()), min(q.hi, v.visibleEnd())
	if lo >= hi {
		return 0, nil
	}
	skip := int64(q.page-1) * int64(q.size)
	if q.search != "" {
		return g.searchLogs(v, f, q, lo, hi, skip)
	}

	spans := spansOf(lo, hi)
	counts := make([]int64, len(spans))
	var total int64
	for i, sp := range spans {
		counts[i] = g.spanAgg(v, f, sp).count(q.filter)
		total += counts[i]
	}
	if skip >= total {
		return total, nil
	}

	p := pager{skip: skip, need: q.size}
	for n := range spans {
		i := nth(n, len(spans), q.desc)
		if !g.pageSpan(v, f, q, spans[i], counts[i], &p) {
			break
		}
	}
	return total, p.keys
}

// pager collects one page while walking requests in order.
type pager struct {
	skip int64
	need int
	keys []key
}

// take offers one matching request; it reports whether more are wanted.
func (p *pager) take(k key) bool {
	if p.skip > 0 {
		p.skip--
		return true
	}
	p.keys = append(p.keys, k)
	p.need--
	return p.need > 0
}

// pageSpan walks sp (holding count matches) for the page; it reports whether
// the page still wants more.
func (g *generator) pageSpan(v *view, f *function, q logQuery, sp span, count int64,
	p *pager) bool {
	if count == 0 {
		return true
	}
	if p.skip >= count {
		p.skip -= count
		return true
	}
	if sp.quarter() {
		minutes := minutesOf(sp)
		for n := range minutes {
			i := nth(n, len(minutes), q.desc)
			c := g.spanAgg(v, f, minutes[i]).count(q.filter)
			if !g.pageSpan(v, f, q, minutes[i], c, p) {
				return false
			}
		}
		return true
	}

	l := g.leafOf(v, f, sp.lo, sp.hi)
	return l.walk(g, q.desc, func(k key) bool {
		d := g.requestDraws(f, k)
		if !q.filter.match(g.summarize(f, k, &d)) {
			return true
		}
		return p.take(k)
	})
}

// searchLogs answers a query with a search term, which needs every record's
// text: it walks all requests of the range.
func (g *generator) searchLogs(v *view, f *function, q logQuery, lo, hi, skip int64) (
	int64, []key) {
	var total int64
	p := pager{skip: skip, need: q.size}
	spans := spansOf(lo, hi)
	for n := range spans {
		i := nth(n, len(spans), q.desc)
		g.walkSpan(v, f, spans[i], q.desc, func(k key) bool {
			d := g.requestDraws(f, k)
			s := g.summarize(f, k, &d)
			if !q.filter.match(s) || !g.record(f, k).contains(q.search) {
				return true
			}
			total++
			if p.need > 0 {
				p.take(k)
			}
			return true
		})
	}
	return total, p.keys
}

// walkSpan calls fn for each request of f in sp in order until fn returns
// false; it reports whether it went through all of them.
func (g *generator) walkSpan(v *view, f *function, sp span, desc bool, fn func(key) bool) bool {
	if sp.quarter() {
		minutes := minutesOf(sp)
		for n := range minutes {
			i := nth(n, len(minutes), desc)
			if !g.walkSpan(v, f, minutes[i], desc, fn) {
				return false
			}
		}
		return true
	}
	l := g.leafOf(v, f, sp.lo, sp.hi)
	return l.walk(g, desc, fn)
}

// walkRange calls fn for each of f's requests in [lo, hi), ascending, until
// fn returns false.
func (g *generator) walkRange(v *view, f *function, lo, hi int64, fn func(key) bool) bool {
	for _, sp := range spansOf(lo, hi) {
		if !g.walkSpan(v, f, sp, false, fn) {
			return false
		}
	}
	return true
}

// contains reports whether the record's URL, request body or a console
// message holds needle, which is in lower case.
func (r *Request) contains(needle string) bool {
	if strings.Contains(strings.ToLower(r.URL), needle) ||
		strings.Contains(strings.ToLower(r.RequestBody), needle) {
		return true
	}
	for _, l := range r.Logs {
		if strings.Contains(strings.ToLower(l.Message), needle) {
			return true
		}
	}
	return false
}

// nth is the index of the n-th of count items walked in order, or in
// reverse when desc.
func nth(n, count int, desc bool) int {
	if desc {
		return count - 1 - n
	}
	return n
}
