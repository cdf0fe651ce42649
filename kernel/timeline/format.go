package timeline

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Dur formats a duration the way the timeline's axis and tables do:
// "0", "850 ns", "12.5 µs", "3.02 ms", "1.25 s" (three significant digits).
func Dur(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	neg := d < 0
	if neg {
		d = -d
	}
	var v float64
	var unit string
	switch {
	case d < time.Microsecond:
		return sign(neg) + strconv.FormatInt(int64(d), 10) + " ns"
	case d < time.Millisecond:
		v, unit = float64(d)/1e3, " µs"
	case d < time.Second:
		v, unit = float64(d)/1e6, " ms"
	default:
		v, unit = float64(d)/1e9, " s"
	}
	dec := 2
	switch {
	case v >= 100:
		dec = 0
	case v >= 10:
		dec = 1
	}
	return sign(neg) + trimZeros(strconv.FormatFloat(v, 'f', dec, 64)) + unit
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}

func trimZeros(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// niceStep is the tick interval (1, 2 or 5 × 10^k ns) giving about n ticks
// over d.
func niceStep(d time.Duration, n int) time.Duration {
	if d <= 0 || n <= 0 {
		return 1
	}
	raw := float64(d) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return max(time.Duration(m*p), 1)
		}
	}
	return max(time.Duration(10*p), 1)
}

// tickLabel formats tick value v of an axis that ends at end and whose
// ticks are step apart, in the unit of end for the whole axis ("0.5 ms",
// "1 ms", "1.5 ms", not "1500 µs").
func tickLabel(v, step, end time.Duration) string {
	if v == 0 {
		return "0"
	}
	div, unit := 1.0, " ns"
	switch {
	case end >= time.Second:
		div, unit = 1e9, " s"
	case end >= time.Millisecond:
		div, unit = 1e6, " ms"
	case end >= time.Microsecond:
		div, unit = 1e3, " µs"
	}
	dec := 0
	for s := float64(step) / div; s < 0.999 && dec < 6; s *= 10 {
		dec++
	}
	return trimZeros(strconv.FormatFloat(float64(v)/div, 'f', dec, 64)) + unit
}

// groupInt writes n with thousands separators: 10000 -> "10,000".
func groupInt(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupInt(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
