package sim

import "math"

const golden = 0x9e3779b97f4a7c15

// mix64 is the SplitMix64 finaliser: a cheap bijection that spreads every
// input bit over the whole word.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hash4 combines four words into one well-mixed word.
func hash4(a, b, c, d uint64) uint64 {
	step := uint64(golden) // a variable, so that multiples wrap around
	h := mix64(a + step)
	h = mix64(h ^ (b + 2*step))
	h = mix64(h ^ (c + 3*step))
	return mix64(h ^ (d + 4*step))
}

// draws is a deterministic sequence of pseudo-random numbers.
type draws struct{ state uint64 }

func (d *draws) next() uint64 {
	d.state += golden
	return mix64(d.state)
}

// unit returns a number in [0, 1).
func (d *draws) unit() float64 { return float64(d.next()>>11) * 0x1p-53 }

// intn returns a number in [0, n).
func (d *draws) intn(n int) int { return int(d.next() % uint64(n)) }

// chance reports true with probability p.
func (d *draws) chance(p float64) bool { return d.unit() < p }

// pick returns one of items.
func (d *draws) pick(items []string) string { return items[d.intn(len(items))] }

// normal returns a standard normal deviate (Box-Muller).
func (d *draws) normal() float64 {
	u := 1 - d.unit() // (0, 1]
	v := d.unit()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

// poisson draws a Poisson count with mean lambda from one uniform u: by
// inversion for small means, by the normal approximation for large ones.
func poisson(lambda, u float64, d *draws) int {
	if lambda <= 0 {
		return 0
	}
	if lambda >= 40 {
		n := math.Round(lambda + math.Sqrt(lambda)*d.normal())
		return int(math.Max(0, n))
	}
	p := math.Exp(-lambda)
	sum := p
	k := 0
	for u > sum && k < 200 {
		k++
		p *= lambda / float64(k)
		sum += p
	}
	return k
}

// hex renders n random bytes as lower-case hex.
func (d *draws) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 2*n)
	var w uint64
	for i := range n {
		if i%8 == 0 {
			w = d.next()
		}
		x := byte(w >> (8 * (i % 8)))
		b = append(b, digits[x>>4], digits[x&15])
	}
	return string(b)
}

// digits renders n random decimal digits.
func (d *draws) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + d.intn(10))
	}
	return string(b)
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ulid renders a 128-bit value (hi, lo) as 26 Crockford base32 characters,
// the ULID text form, which sorts as the number does.
func ulid(hi, lo uint64) string {
	var b [26]byte
	for i := 25; i >= 0; i-- {
		b[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(b[:])
}
