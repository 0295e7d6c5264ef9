package enummixed

import (
	"context"
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
	"github.com/guarantor/guarantor/solve/lcp"
)

// The cross-check below is an enumeration written independently of the
// pivoting code: it shares no tableau, no lexicographic rule and no graph
// search with SolveTable. A mixed strategy x of the row player is a vertex of
// its best-response polytope P = {x >= 0 : B'x <= 1} exactly when it is the
// unique solution of "x_i = 0 off a support I, (B'x)_j = 1 on a set K of
// columns with |K| = |I|" for some support I and some set K of best
// responses; so every vertex is found by trying every pair (I, K) of equal
// size, solving the square system exactly (fraction-free Gauss-Jordan in
// int64, big.Int when a product would overflow) and keeping the feasible
// solutions. Extreme equilibria are the vertex pairs whose labels (unused
// strategies and best responses) cover every strategy of both players.

// supportVertex is a vertex found by support enumeration: the mixed
// strategy and its label set (bit i: strategy i unused or a best response,
// own strategies first).
type supportVertex struct {
	mixed  []*big.Rat
	labels uint64
}

// supportVertices lists the vertices of {z >= 0 : M'z <= 1} for the positive
// integer matrix mat (dim x k): z ranges over the rows' player, the
// constraints are indexed by the columns. Labels 0..dim-1 are z_i = 0, labels
// dim..dim+k-1 are tight constraints; the caller maps them.
func supportVertices(mat [][]*big.Int, dim, k, maxSupport int) []supportVertex {
	seen := map[string]bool{}
	var out []supportVertex
	for I := uint64(1); I < 1<<dim; I++ {
		size := bits.OnesCount64(I)
		if size > k || size > maxSupport {
			continue
		}
		rows := members(I, dim)
		for K := uint64(0); K < 1<<k; K++ {
			if bits.OnesCount64(K) != size {
				continue
			}
			cols := members(K, k)
			// Square system: for each tight column j in cols,
			// sum_{i in rows} mat[i][j] z_i = 1.
			sys := make([][]*big.Int, size)
			for a, j := range cols {
				sys[a] = make([]*big.Int, size+1)
				for b, i := range rows {
					sys[a][b] = mat[i][j]
				}
				sys[a][size] = big.NewInt(1)
			}
			num, det, ok := solveExact(sys)
			if !ok {
				continue
			}
			z := make([]*big.Rat, dim)
			for i := range z {
				z[i] = new(big.Rat)
			}
			feasible := true
			for b, i := range rows {
				if num[b].Sign() < 0 {
					feasible = false
					break
				}
				z[i].SetFrac(num[b], det)
			}
			if !feasible {
				continue
			}
			var labels uint64
			for i := range z {
				if z[i].Sign() == 0 {
					labels |= 1 << i
				}
			}
			for j := 0; j < k; j++ {
				s := new(big.Rat)
				for i := range z {
					s.Add(s, new(big.Rat).Mul(z[i], new(big.Rat).SetInt(mat[i][j])))
				}
				switch s.Cmp(big.NewRat(1, 1)) {
				case 1:
					feasible = false
				case 0:
					labels |= 1 << (dim + j)
				}
			}
			if !feasible {
				continue
			}
			sum := new(big.Rat)
			for _, v := range z {
				sum.Add(sum, v)
			}
			var sb strings.Builder
			for _, v := range z {
				v.Quo(v, sum)
				sb.WriteString(v.RatString() + ",")
			}
			if !seen[sb.String()] {
				seen[sb.String()] = true
				out = append(out, supportVertex{mixed: z, labels: labels})
			}
		}
	}
	return out
}

func members(mask uint64, n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if mask&(1<<i) != 0 {
			out = append(out, i)
		}
	}
	return out
}

// solveExact solves the square system sys (each row: coefficients, then the
// right-hand side) by fraction-free Gauss-Jordan elimination (Bareiss): every
// pivot replaces each other row by (row*piv - row[c]*pivotRow)/previous piv,
// an exact division, so after the last pivot every diagonal entry equals the
// determinant and the right-hand side holds the numerators (Cramer's rule).
// ok is false when the matrix is singular. int64 first; math/big when a
// product would overflow.
func solveExact(sys [][]*big.Int) (num []*big.Int, det *big.Int, ok bool) {
	if n, d, ok, fits := solveInt64(sys); fits {
		if !ok {
			return nil, nil, false
		}
		num = make([]*big.Int, len(n))
		for i, v := range n {
			num[i] = big.NewInt(v)
		}
		return num, big.NewInt(d), true
	}
	n := len(sys)
	a := make([][]*big.Int, n)
	for i := range sys {
		a[i] = make([]*big.Int, n+1)
		for j := range sys[i] {
			a[i][j] = new(big.Int).Set(sys[i][j])
		}
	}
	prev := big.NewInt(1)
	var x, y big.Int
	for c := 0; c < n; c++ {
		p := -1
		for r := c; r < n; r++ {
			if a[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return nil, nil, false
		}
		a[c], a[p] = a[p], a[c]
		piv := new(big.Int).Set(a[c][c])
		for r := 0; r < n; r++ {
			if r == c {
				continue
			}
			q := new(big.Int).Set(a[r][c])
			for j := 0; j <= n; j++ {
				x.Mul(a[r][j], piv)
				y.Mul(q, a[c][j])
				x.Sub(&x, &y)
				a[r][j].Quo(&x, prev)
			}
		}
		prev = piv
	}
	det = new(big.Int).Set(prev)
	num = make([]*big.Int, n)
	for r := range a {
		num[r] = new(big.Int).Set(a[r][n])
	}
	if det.Sign() < 0 {
		det.Neg(det)
		for _, v := range num {
			v.Neg(v)
		}
	}
	return num, det, true
}

// solveInt64 is solveExact in int64; fits is false when an entry does not
// fit or a product might overflow.
func solveInt64(sys [][]*big.Int) (num []int64, det int64, ok, fits bool) {
	n := len(sys)
	a := make([][]int64, n)
	for i := range sys {
		a[i] = make([]int64, n+1)
		for j, v := range sys[i] {
			if !v.IsInt64() || v.Int64() > 1<<31 || v.Int64() < -(1<<31) {
				return nil, 0, false, false
			}
			a[i][j] = v.Int64()
		}
	}
	prev := int64(1)
	for c := 0; c < n; c++ {
		p := -1
		for r := c; r < n; r++ {
			if a[r][c] != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return nil, 0, false, true
		}
		a[c], a[p] = a[p], a[c]
		piv := a[c][c]
		for r := 0; r < n; r++ {
			if r == c {
				continue
			}
			q := a[r][c]
			for j := 0; j <= n; j++ {
				x, okx := mul64(a[r][j], piv)
				y, oky := mul64(q, a[c][j])
				if !okx || !oky {
					return nil, 0, false, false
				}
				a[r][j] = (x - y) / prev
			}
		}
		prev = piv
	}
	num = make([]int64, n)
	for r := range a {
		num[r] = a[r][n]
	}
	if prev < 0 {
		prev = -prev
		for r := range num {
			num[r] = -num[r]
		}
	}
	return num, prev, true, true
}

// mul64 multiplies with an overflow report (products below 2^62 in
// magnitude, so that a difference of two cannot overflow either).
func mul64(a, b int64) (int64, bool) {
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo >= 1<<62 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// extremeBySupports returns the extreme equilibria of an integer bimatrix
// game as sorted profile keys, by support enumeration (above).
func extremeBySupports(t *testing.T, g *game.Table, maxSupport int) []string {
	t.Helper()
	m, n := g.NumStrategies(0), g.NumStrategies(1)
	if m+n > 64 {
		t.Fatalf("%dx%d: too large for the cross-check", m, n)
	}
	// Payoffs shifted so that the smallest is 1 (the polytopes are then
	// bounded); a shift leaves best responses unchanged.
	payoffs := func(p int, transpose bool) [][]*big.Int {
		lo := new(big.Int)
		first := true
		rows, cols := m, n
		if transpose {
			rows, cols = n, m
		}
		out := make([][]*big.Int, rows)
		for r := range out {
			out[r] = make([]*big.Int, cols)
			for c := range out[r] {
				i, j := r, c
				if transpose {
					i, j = c, r
				}
				v := g.Payoff(g.CellIndex([]int{i, j}), p)
				if !v.IsInt() {
					t.Fatalf("cross-check needs integer payoffs, got %s", v.RatString())
				}
				out[r][c] = new(big.Int).Set(v.Num())
				if first || out[r][c].Cmp(lo) < 0 {
					lo.Set(out[r][c])
					first = false
				}
			}
		}
		shift := new(big.Int).Sub(big.NewInt(1), lo)
		for _, row := range out {
			for _, v := range row {
				v.Add(v, shift)
			}
		}
		return out
	}
	vp := supportVertices(payoffs(1, false), m, n, maxSupport) // labels: i unused, m+j best reply
	vq := supportVertices(payoffs(0, true), n, m, maxSupport)  // labels: j unused, n+i best reply
	full := uint64(1)<<(m+n) - 1
	var eqs []game.MixedProfile
	for _, x := range vp {
		for _, y := range vq {
			// Map y's labels to the global numbering: column j is m+j,
			// row i is i.
			var ly uint64
			for j := 0; j < n; j++ {
				if y.labels&(1<<j) != 0 {
					ly |= 1 << (m + j)
				}
			}
			for i := 0; i < m; i++ {
				if y.labels&(1<<(n+i)) != 0 {
					ly |= 1 << i
				}
			}
			if x.labels|ly == full {
				eqs = append(eqs, game.MixedProfile{x.mixed, y.mixed})
			}
		}
	}
	return testgames.ProfileKeys(eqs)
}

// crossCheck compares SolveTable with extremeBySupports on one game and
// checks every returned profile's regret exactly.
func crossCheck(t *testing.T, name string, g *game.Table) {
	t.Helper()
	eqs, err := SolveTable(context.Background(), g, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, e := range eqs {
		if r := check.TableRegret(g, e); r.Sign() != 0 {
			t.Fatalf("%s: regret %s at %v", name, r.RatString(), e)
		}
	}
	got := testgames.ProfileKeys(eqs)
	want := extremeBySupports(t, g, 64)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: enummixed found %d extreme equilibria, support enumeration %d\nmissing: %v\nextra: %v",
			name, len(got), len(want), minus(want, got), minus(got, want))
	}
	// lcp on the same game (issue 13 item 2): every profile it prints is
	// the end of a Lemke-Howson path, a completely labelled vertex pair, so
	// it must be one of these extreme equilibria, degenerate games included.
	lh, err := lcp.SolveTable(context.Background(), g, lcp.Options{Workers: 1})
	if err != nil {
		t.Fatalf("%s: lcp: %v", name, err)
	}
	if extra := minus(testgames.ProfileKeys(lh), want); len(extra) > 0 {
		t.Fatalf("%s: lcp printed profiles that are not extreme equilibria: %v", name, extra)
	}
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// degenerate returns a random game built to be degenerate: small payoff
// ranges, duplicated rows or columns, constant rows or columns, or a
// player indifferent everywhere.
func degenerate(r *rand.Rand, m, n int) *game.Table {
	a := make([][]int64, m)
	b := make([][]int64, m)
	k := int64(1 + r.IntN(3))
	for i := range a {
		a[i] = make([]int64, n)
		b[i] = make([]int64, n)
		for j := range a[i] {
			a[i][j] = r.Int64N(k + 1)
			b[i][j] = r.Int64N(k + 1)
		}
	}
	switch r.IntN(5) {
	case 0: // a duplicated column
		if n > 1 {
			src, dst := r.IntN(n), r.IntN(n)
			for i := range a {
				a[i][dst], b[i][dst] = a[i][src], b[i][src]
			}
		}
	case 1: // a duplicated row
		if m > 1 {
			src, dst := r.IntN(m), r.IntN(m)
			a[dst], b[dst] = slices.Clone(a[src]), slices.Clone(b[src])
		}
	case 2: // the column player indifferent in one row
		i := r.IntN(m)
		for j := range b[i] {
			b[i][j] = b[i][0]
		}
	case 3: // the row player indifferent in one column
		j := r.IntN(n)
		for i := range a {
			a[i][j] = a[0][j]
		}
	}
	return testgames.Bimatrix(a, b)
}

// TestCrossCheckSupportEnumeration is the check of issue 13: enummixed
// returns exactly the extreme equilibria that an independent exact support
// enumeration finds, on random generic games (payoffs in 0..999) and random
// degenerate games, up to 8x8. -short runs fewer and smaller games.
func TestCrossCheckSupportEnumeration(t *testing.T) {
	games, maxDim := 400, 8
	if testing.Short() {
		games, maxDim = 150, 6
	}
	r := rand.New(rand.NewPCG(13, 1))
	for i := 0; i < games; i++ {
		m, n := 1+r.IntN(maxDim), 1+r.IntN(maxDim)
		crossCheck(t, fmt.Sprintf("generic %d (%dx%d)", i, m, n), testgames.Random(r, m, n, 1000))
		m, n = 1+r.IntN(maxDim), 1+r.IntN(maxDim)
		crossCheck(t, fmt.Sprintf("degenerate %d (%dx%d)", i, m, n), degenerate(r, m, n))
	}
}
