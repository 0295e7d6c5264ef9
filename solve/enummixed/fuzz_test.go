package enummixed

import (
	"testing"

	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// FuzzCrossCheck builds a bimatrix game of up to 6x6 from the fuzzer's
// bytes (two size bytes, then payoffs, small values so that ties and
// degeneracy are common) and runs the cross-check: enummixed equals exact
// support enumeration, every profile has zero regret, and every lcp
// profile is among them. Run with: go test ./solve/enummixed/ -fuzz
// FuzzCrossCheck -fuzztime 10m.
func FuzzCrossCheck(f *testing.F) {
	f.Add([]byte{2, 2, 2, 0, 0, 1, 0, 0, 1, 2})
	f.Add([]byte{3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{5, 4, 7, 3, 9, 1, 0, 2, 8, 8, 8, 5, 4, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		m, n := 1+int(data[0])%6, 1+int(data[1])%6
		data = data[2:]
		at := func(k int) int64 {
			if len(data) == 0 {
				return 0
			}
			return int64(data[k%len(data)] % 8)
		}
		a := make([][]int64, m)
		b := make([][]int64, m)
		for i := range a {
			a[i] = make([]int64, n)
			b[i] = make([]int64, n)
			for j := range a[i] {
				a[i][j] = at(2 * (i*n + j))
				b[i][j] = at(2*(i*n+j) + 1)
			}
		}
		crossCheck(t, "fuzz", testgames.Bimatrix(a, b))
	})
}
