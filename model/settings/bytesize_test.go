package settings

import "testing"

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want ByteSize
		ok   bool
	}{
		{"1048576", MiB, true},
		{"32MiB", 32 * MiB, true},
		{"500 KB", 500_000, true},
		{"1.5GiB", GiB + GiB/2, true},
		{"2gib", 2 * GiB, true},
		{"", 0, false},
		{"MiB", 0, false},
		{"12 parsecs", 0, false},
		{"1e400", 0, false},
		{"9999999999999GiB", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseByteSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestByteSizeString(t *testing.T) {
	for size, want := range map[ByteSize]string{
		0: "0B", 1500: "1500B", 2 * KiB: "2KiB", 32 * MiB: "32MiB", 4 * GiB: "4GiB",
	} {
		if got := size.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int64(size), got, want)
		}
	}
}
