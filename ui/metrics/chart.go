package metrics

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// plot is a braille canvas of w×h cells, each cell 2 dots wide and 4 high.
// A cell remembers the series that last drew into it, which gives it its
// style.
type plot struct {
	w, h  int
	dots  []uint8
	owner []int8
}

// brailleBits maps a dot (x 0..1, y 0..3 from the top) of a cell to its bit
// in the braille pattern U+2800+bits.
var brailleBits = [2][4]uint8{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

func newPlot(w, h int) *plot {
	w, h = max(w, 0), max(h, 0)
	p := &plot{w: w, h: h, dots: make([]uint8, w*h), owner: make([]int8, w*h)}
	for i := range p.owner {
		p.owner[i] = -1
	}
	return p
}

// set lights the dot at (x, y), in dots from the top left.
func (p *plot) set(x, y, series int) {
	if x < 0 || y < 0 || x >= 2*p.w || y >= 4*p.h {
		return
	}
	cell := (y/4)*p.w + x/2
	p.dots[cell] |= brailleBits[x%2][y%4]
	p.owner[cell] = int8(series)
}

// line lights the dots from (x0, y0) to (x1, y1).
func (p *plot) line(x0, y0, x1, y1, series int) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		p.set(x0, y0, series)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

// series draws values, one per dot column, scaled so that top reaches the
// first dot row; known values are joined across unknown (NaN) columns.
func (p *plot) series(values []float64, top float64, series int) {
	rows := 4*p.h - 1
	prevX, prevY := -1, 0
	for x, v := range values {
		if math.IsNaN(v) {
			continue
		}
		y := rows - int(math.Round(math.Min(v/top, 1)*float64(rows)))
		if top <= 0 {
			y = rows
		}
		if prevX < 0 {
			p.set(x, y, series)
		} else {
			p.line(prevX, prevY, x, y, series)
		}
		prevX, prevY = x, y
	}
}

// lines renders the canvas as h lines of exactly w cells; a cell takes the
// style of the series that drew it last.
func (p *plot) lines(styles []lipgloss.Style) []string {
	out := make([]string, p.h)
	for row := 0; row < p.h; row++ {
		var b strings.Builder
		start := row * p.w
		for col := 0; col < p.w; {
			owner := p.owner[start+col]
			end := col
			var run strings.Builder
			for end < p.w && p.owner[start+end] == owner {
				run.WriteRune(cellRune(p.dots[start+end]))
				end++
			}
			if owner >= 0 && int(owner) < len(styles) {
				b.WriteString(styles[owner].Render(run.String()))
			} else {
				b.WriteString(run.String())
			}
			col = end
		}
		out[row] = b.String()
	}
	return out
}

func cellRune(bits uint8) rune {
	if bits == 0 {
		return ' '
	}
	return 0x2800 + rune(bits)
}

// sparkLevels are the eight bar heights of a sparkline.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkline renders values as one row of bars scaled to top; an unknown
// (NaN) column is blank, a known zero the lowest bar.
func sparkline(values []float64, top float64) string {
	var b strings.Builder
	for _, v := range values {
		if math.IsNaN(v) {
			b.WriteByte(' ')
			continue
		}
		level := 0
		if top > 0 && v > 0 {
			level = int(math.Ceil(v/top*float64(len(sparkLevels)))) - 1
		}
		b.WriteRune(sparkLevels[min(max(level, 0), len(sparkLevels)-1)])
	}
	return b.String()
}

// niceCeil rounds v up to a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten), so the top of an axis reads well.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	base := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if v <= f*base {
			return f * base
		}
	}
	return 10 * base
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
