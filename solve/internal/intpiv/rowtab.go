package intpiv

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// RowTableau is an integer pivoting tableau in which every row carries its
// own scale: row i is a positive integer multiple of the rational tableau's
// row, reduced by the gcd of its entries, and the value of its basic
// variable is rhs / T[i][basic(i)]. A pivot on column c then rewrites only
// the rows with a nonzero entry in c (row_i := p row_i - q row_r, divided by
// its gcd) and leaves the others alone, where the common-determinant
// Tableau must rescale every row. For the sparse, block-structured systems
// of the sequence form most pivot columns have few nonzeros, so a pivot
// costs a small fraction of a dense one. Entries are primitive integer
// multiples of rows of det(B) B^-1 [A b], so they are never larger than the
// common-determinant tableau's. Rows live in int64 while they fit and switch
// to math/big one at a time (and back when a gcd makes them fit again).
//
// The ratio tests compare T[i][j]/T[i][c] across rows, which the positive
// row scales do not change, so the lexicographic rule is the same as
// Tableau's.
type RowTableau struct {
	Rows, Vars int
	w          int
	small      [][]int64   // nil for a row held in math/big
	large      [][]big.Int // non-nil only for rows held in math/big
	basis      []int
	rowOf      []int
	free       []bool
	spare      []int64
	wide       []i128
	x, y, z    big.Int
}

// NewRows returns a row-scaled tableau for the integer system m (Rows x
// (Vars+1), the last column the right-hand side) whose initial basis is
// basis[i] on row i; basic columns must be unit columns.
func NewRows(m [][]*big.Int, vars int, basis []int) *RowTableau {
	t := &RowTableau{Rows: len(m), Vars: vars, w: vars + 1}
	t.basis = append([]int(nil), basis...)
	t.rowOf = make([]int, vars)
	for i := range t.rowOf {
		t.rowOf[i] = -1
	}
	for i, v := range basis {
		t.rowOf[v] = i
	}
	t.small = make([][]int64, t.Rows)
	t.large = make([][]big.Int, t.Rows)
	for i, row := range m {
		b := make([]big.Int, t.w)
		for j, x := range row {
			b[j].Set(x)
		}
		t.large[i] = b
		t.shrink(i)
	}
	return t
}

// Entry is one nonzero coefficient of a sparse system.
type Entry struct {
	Row, Col int
	Val      *big.Int
}

// NewRowsSparse is NewRows for a system given by its nonzero entries
// (later entries overwrite earlier ones on the same cell); the basic
// columns get their unit entries here. It never forms the dense math/big
// matrix, which for large sequence forms costs more than the pivoting.
func NewRowsSparse(rows, vars int, basis []int, entries []Entry) *RowTableau {
	t := &RowTableau{Rows: rows, Vars: vars, w: vars + 1}
	t.basis = append([]int(nil), basis...)
	t.rowOf = make([]int, vars)
	for i := range t.rowOf {
		t.rowOf[i] = -1
	}
	t.small = make([][]int64, rows)
	t.large = make([][]big.Int, rows)
	for i, v := range basis {
		t.rowOf[v] = i
		t.small[i] = make([]int64, t.w)
		t.small[i][v] = 1
	}
	for _, e := range entries {
		if s := t.small[e.Row]; s != nil {
			if e.Val.IsInt64() && e.Val.Int64() != -1<<63 {
				s[e.Col] = e.Val.Int64()
				continue
			}
			b := make([]big.Int, t.w)
			for j, x := range s {
				b[j].SetInt64(x)
			}
			t.small[e.Row], t.large[e.Row] = nil, b
		}
		t.large[e.Row][e.Col].Set(e.Val)
	}
	return t
}

// SetFree marks variable v as free: its row never blocks a ratio test.
func (t *RowTableau) SetFree(v int) {
	if t.free == nil {
		t.free = make([]bool, t.Vars)
	}
	t.free[v] = true
}

func (t *RowTableau) blocks(i int) bool { return t.free == nil || !t.free[t.basis[i]] }

// Basic returns the basic variable of row i.
func (t *RowTableau) Basic(i int) int { return t.basis[i] }

// RowOf returns the row where variable v is basic, or -1.
func (t *RowTableau) RowOf(v int) int { return t.rowOf[v] }

// IsBig reports whether any row is held in math/big.
func (t *RowTableau) IsBig() bool {
	for _, r := range t.large {
		if r != nil {
			return true
		}
	}
	return false
}

// Sign returns the sign of entry (i, j); j == Vars is the right-hand side.
func (t *RowTableau) Sign(i, j int) int {
	if s := t.small[i]; s != nil {
		switch x := s[j]; {
		case x > 0:
			return 1
		case x < 0:
			return -1
		}
		return 0
	}
	return t.large[i][j].Sign()
}

func (t *RowTableau) entry(i, j int, z *big.Int) *big.Int {
	if s := t.small[i]; s != nil {
		return z.SetInt64(s[j])
	}
	return &t.large[i][j]
}

// Value returns variable v's value in the current basic solution.
func (t *RowTableau) Value(v int) *big.Rat {
	r := t.rowOf[v]
	if r < 0 {
		return new(big.Rat)
	}
	var n, d big.Int
	return new(big.Rat).SetFrac(t.entry(r, t.Vars, &n), t.entry(r, v, &d))
}

// Key identifies the current basis (the set of basic variables).
func (t *RowTableau) Key() string {
	var sb strings.Builder
	for v, r := range t.rowOf {
		if r >= 0 {
			sb.WriteString(strconv.Itoa(v))
			sb.WriteByte(',')
		}
	}
	return sb.String()
}

// cmpRatio compares T[i][j]/T[i][c] with T[k][j]/T[k][c]; T[i][c] and
// T[k][c] must have the same sign (their product is then positive).
func (t *RowTableau) cmpRatio(i, k, j, c int) int {
	si, sk := t.small[i], t.small[k]
	if si != nil && sk != nil {
		x := mul128(si[j], sk[c])
		y := mul128(sk[j], si[c])
		d, _ := sub128(x, y)
		return sign128(d)
	}
	var a, b, e, f big.Int
	t.x.Mul(t.entry(i, j, &a), t.entry(k, c, &b))
	t.y.Mul(t.entry(k, j, &e), t.entry(i, c, &f))
	return t.x.Cmp(&t.y)
}

// LexMinRatio is Tableau.LexMinRatio for this representation.
func (t *RowTableau) LexMinRatio(c int, lex []int) int {
	return t.lexRatio(c, lex, 1)
}

// LexMaxNegRatio is Tableau.LexMaxNegRatio for this representation.
func (t *RowTableau) LexMaxNegRatio(c int, lex []int) int {
	return t.lexRatio(c, lex, -1)
}

// lexRatio scans the blocking rows whose entry in c has sign sgn and
// returns the lexicographic minimiser (sgn 1) or maximiser (sgn -1) of the
// rows (rhs, T[.][lex[0]], ...) / T[.][c].
func (t *RowTableau) lexRatio(c int, lex []int, sgn int) int {
	best := -1
	for i := 0; i < t.Rows; i++ {
		if t.Sign(i, c) != sgn || !t.blocks(i) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		d := t.cmpRatio(i, best, t.Vars, c)
		for k := 0; d == 0 && k < len(lex); k++ {
			d = t.cmpRatio(i, best, lex[k], c)
		}
		if d*sgn < 0 {
			best = i
		}
	}
	return best
}

// Pivot makes variable c basic on row r (the entry must be nonzero) and
// returns the variable that left. Only rows with a nonzero entry in column
// c change.
func (t *RowTableau) Pivot(r, c int) int {
	if t.Sign(r, c) < 0 {
		t.negateRow(r)
	}
	for i := 0; i < t.Rows; i++ {
		if i == r || t.Sign(i, c) == 0 {
			continue
		}
		if t.small[i] == nil || t.small[r] == nil || !t.combineSmall(i, r, c) {
			t.combineBig(i, r, c)
		}
	}
	leaving := t.basis[r]
	t.rowOf[leaving] = -1
	t.basis[r] = c
	t.rowOf[c] = r
	return leaving
}

func (t *RowTableau) negateRow(r int) {
	if s := t.small[r]; s != nil {
		for j := range s {
			s[j] = -s[j] // never MinInt64: shrink keeps rows above it
		}
		return
	}
	for j := range t.large[r] {
		t.large[r][j].Neg(&t.large[r][j])
	}
}

// combineSmall sets row i := p row_i - q row_r (p = T[r][c] > 0, q =
// T[i][c]) divided by its gcd, in int64; false (row untouched) when the
// reduced row does not fit. Products that overflow int64 are kept in 128
// bits until the gcd division, which usually brings them back.
func (t *RowTableau) combineSmall(i, r, c int) bool {
	a, b := t.small[i], t.small[r]
	p, q := b[c], a[c]
	if cap(t.spare) < t.w {
		t.spare = make([]int64, t.w)
	}
	out := t.spare[:t.w]
	var g uint64
	fast := p < small31 && q > -small31 && q < small31
	for j, x := range a {
		y := b[j]
		if !fast || x <= -small31 || x >= small31 || y <= -small31 || y >= small31 {
			return t.combine128(i, r, c)
		}
		v := p*x - q*y
		out[j] = v
		if g != 1 && v != 0 {
			g = gcd64(g, abs64(v))
		}
	}
	if g > 1 {
		for j := range out {
			out[j] /= int64(g)
		}
	}
	t.small[i], t.spare = out, a
	return true
}

// combine128 is combineSmall with the products formed in 128 bits.
func (t *RowTableau) combine128(i, r, c int) bool {
	a, b := t.small[i], t.small[r]
	p, q := b[c], a[c]
	if cap(t.wide) < t.w {
		t.wide = make([]i128, t.w)
	}
	wide := t.wide[:t.w]
	var g i128 // gcd so far; zero until the first nonzero entry
	for j, x := range a {
		d, ok := sub128(mul128(p, x), mul128(q, b[j]))
		if !ok {
			return false
		}
		wide[j] = d
		if d.hi|d.lo == 0 || (g.hi == 0 && g.lo == 1) {
			continue
		}
		switch {
		case g.hi|g.lo == 0:
			g = i128{hi: d.hi, lo: d.lo}
		case g.hi == 0:
			g.lo = gcd64(g.lo, mod128(d, g.lo))
		case d.hi == 0:
			g = i128{lo: gcd64(d.lo, mod128(g, d.lo))}
		default:
			return false // both beyond 64 bits: rare, left to math/big
		}
	}
	if g.hi != 0 {
		return false
	}
	if g.lo >= 1<<63 {
		return false
	}
	if cap(t.spare) < t.w {
		t.spare = make([]int64, t.w)
	}
	out := t.spare[:t.w]
	for j, d := range wide {
		v, ok := divExact(d, int64(g.lo))
		if !ok || v == -1<<63 {
			return false
		}
		out[j] = v
	}
	t.small[i], t.spare = out, a
	return true
}

// mod128 returns |x| mod m for m > 0.
func mod128(x i128, m uint64) uint64 {
	_, rem := bits.Div64(x.hi%m, x.lo, m)
	return rem
}

// combineBig is combineSmall in math/big; the row moves back to int64 if
// it fits after the gcd division.
func (t *RowTableau) combineBig(i, r, c int) {
	var pb, qb, xb, yb big.Int
	p := new(big.Int).Set(t.entry(r, c, &pb))
	q := new(big.Int).Set(t.entry(i, c, &qb))
	out := make([]big.Int, t.w)
	g := new(big.Int)
	for j := range out {
		t.x.Mul(p, t.entry(i, j, &xb))
		t.y.Mul(q, t.entry(r, j, &yb))
		out[j].Sub(&t.x, &t.y)
		if out[j].Sign() != 0 && (g.Sign() == 0 || g.Cmp(bigOne) != 0) {
			g.GCD(nil, nil, g, t.z.Abs(&out[j]))
		}
	}
	if g.Sign() != 0 && g.Cmp(bigOne) != 0 {
		for j := range out {
			out[j].Quo(&out[j], g)
		}
	}
	t.large[i], t.small[i] = out, nil
	t.shrink(i)
}

var bigOne = big.NewInt(1)

// shrink moves row i from math/big to int64 when every entry fits (and is
// above MinInt64, so that negation stays exact).
func (t *RowTableau) shrink(i int) {
	b := t.large[i]
	for j := range b {
		if !b[j].IsInt64() || b[j].Int64() == -1<<63 {
			return
		}
	}
	s := make([]int64, t.w)
	for j := range b {
		s[j] = b[j].Int64()
	}
	t.small[i], t.large[i] = s, nil
}

func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
