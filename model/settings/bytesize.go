package settings

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ByteSize is a number of bytes. In the settings file it is written as a
// whole number of bytes or with a unit: B, KB, MB, GB (powers of 1000) or
// KiB, MiB, GiB (powers of 1024), as in "32MiB" or "500 KB".
type ByteSize int64

// Binary multiples of a byte.
const (
	KiB ByteSize = 1 << 10
	MiB ByteSize = 1 << 20
	GiB ByteSize = 1 << 30
)

// byteUnits maps each unit, in lower case, to its size.
var byteUnits = map[string]ByteSize{
	"":    1,
	"b":   1,
	"kb":  1000,
	"mb":  1000 * 1000,
	"gb":  1000 * 1000 * 1000,
	"kib": KiB,
	"mib": MiB,
	"gib": GiB,
}

// String writes the size with the largest binary unit that divides it.
func (b ByteSize) String() string {
	switch {
	case b != 0 && b%GiB == 0:
		return strconv.FormatInt(int64(b/GiB), 10) + "GiB"
	case b != 0 && b%MiB == 0:
		return strconv.FormatInt(int64(b/MiB), 10) + "MiB"
	case b != 0 && b%KiB == 0:
		return strconv.FormatInt(int64(b/KiB), 10) + "KiB"
	}
	return strconv.FormatInt(int64(b), 10) + "B"
}

// ParseByteSize reads a size such as "32MiB", "500 KB" or "1048576".
func ParseByteSize(s string) (ByteSize, error) {
	text := strings.TrimSpace(s)
	split := strings.IndexFunc(text, func(r rune) bool {
		return (r < '0' || r > '9') && r != '.'
	})
	number, unit := text, ""
	if split >= 0 {
		number, unit = text[:split], strings.TrimSpace(text[split:])
	}

	size, known := byteUnits[strings.ToLower(unit)]
	if !known {
		return 0, fmt.Errorf("unknown unit %q (want B, KB, MB, GB, KiB, MiB or GiB)", unit)
	}
	n, err := strconv.ParseFloat(number, 64)
	if err != nil || number == "" {
		return 0, fmt.Errorf("want a size such as 32MiB, got %q", s)
	}

	total := n * float64(size)
	if total > math.MaxInt64/2 {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return ByteSize(total), nil
}
