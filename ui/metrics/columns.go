package metrics

import (
	"math"
	"time"

	"github.com/sinchtop/sinchtop/model"
)

// columns lays s out on n columns spanning [from, to) for bars: a column
// holds the mean of the buckets that start in it when buckets are narrower
// than a column, and the bucket that covers its middle when they are wider.
// The mean rather than the sum, so that a column holding two buckets does
// not stand twice as tall as its neighbour holding one. A column without a
// known bucket is NaN.
func columns(s model.Series, from, to time.Time, n int) []float64 {
	out := make([]float64, max(n, 0))
	for i := range out {
		out[i] = math.NaN()
	}
	span := to.Sub(from)
	if n <= 0 || span <= 0 {
		return out
	}

	width := span / time.Duration(n)
	counts := make([]int, n)
	for _, p := range s.Points {
		if !p.Known {
			continue
		}
		first, last := columnSpan(p.At, s.Step, from, width, n)
		for c := first; c <= last; c++ {
			counts[c]++
			if counts[c] == 1 {
				out[c] = p.Value
			} else {
				out[c] += (p.Value - out[c]) / float64(counts[c])
			}
		}
	}
	return out
}

// columnSpan returns the columns a bucket at "at" lasting step falls into;
// first > last when none.
func columnSpan(at time.Time, step time.Duration, from time.Time, width time.Duration,
	n int) (first, last int) {
	offset := at.Sub(from)
	if step <= width || width <= 0 {
		c := floorDiv(offset, width)
		if c < 0 || c >= n {
			return 1, 0
		}
		return c, c
	}

	// A wide bucket: the columns whose middle lies in [at, at+step).
	first = ceilDiv(offset-width/2, width)
	last = ceilDiv(offset+step-width/2, width) - 1
	return max(first, 0), min(last, n-1)
}

func floorDiv(a, b time.Duration) int {
	if b <= 0 {
		return 0
	}
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return int(q)
}

func ceilDiv(a, b time.Duration) int {
	return -floorDiv(-a, b)
}

// highest returns the largest non-NaN value of vs, NaN when there is none.
func highest(vs []float64) float64 {
	top := math.NaN()
	for _, x := range vs {
		if !math.IsNaN(x) && (math.IsNaN(top) || x > top) {
			top = x
		}
	}
	return top
}
