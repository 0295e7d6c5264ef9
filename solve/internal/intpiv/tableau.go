package intpiv

import (
	"math/big"
	"strconv"
	"strings"
)

// Tableau is a system of Rows equations in Vars non-negative variables,
// stored as an integer matrix with a right-hand side column (column Vars).
// Basic variables have the determinant Det on their row and 0 elsewhere in
// their column; the value of a basic variable is rhs/Det. Det stays positive
// because every pivot element chosen by a ratio test is positive.
type Tableau struct {
	Rows, Vars int
	w          int // row stride: Vars+1
	small      []int64
	det        int64
	large      []big.Int // non-nil once the tableau has overflowed int64
	bigDet     big.Int
	basis      []int  // basic variable of each row
	rowOf      []int  // row of each variable, -1 when nonbasic
	free       []bool // variables without sign constraint: their rows never block
	spare      []int64
	x, y, q, p big.Int // scratch for the math/big path
}

// New returns a tableau for the integer system m (Rows x (Vars+1), the last
// column the right-hand side) whose initial basis is basis[i] on row i; the
// columns of the basic variables must be unit columns (Det starts at 1).
func New(m [][]*big.Int, vars int, basis []int) *Tableau {
	t := &Tableau{Rows: len(m), Vars: vars, w: vars + 1, det: 1}
	t.basis = append([]int(nil), basis...)
	t.rowOf = make([]int, vars)
	for i := range t.rowOf {
		t.rowOf[i] = -1
	}
	for i, v := range basis {
		t.rowOf[v] = i
	}
	fits := true
	for _, row := range m {
		for _, x := range row {
			if !x.IsInt64() || x.Int64() == -1<<63 {
				fits = false
			}
		}
	}
	if fits {
		t.small = make([]int64, t.Rows*t.w)
		for i, row := range m {
			for j, x := range row {
				t.small[i*t.w+j] = x.Int64()
			}
		}
		return t
	}
	t.large = make([]big.Int, t.Rows*t.w)
	for i, row := range m {
		for j, x := range row {
			t.large[i*t.w+j].Set(x)
		}
	}
	t.bigDet.SetInt64(1)
	return t
}

// Bytes estimates the memory the entries hold: 8 bytes an entry in int64,
// and for math/big the header plus the words of each entry.
func (t *Tableau) Bytes() int64 {
	if t.large == nil {
		return int64(len(t.small)) * 8
	}
	n := int64(len(t.large)) * 32
	for i := range t.large {
		n += int64(len(t.large[i].Bits())) * 8
	}
	return n
}

// Clone returns an independent copy.
func (t *Tableau) Clone() *Tableau {
	c := *t
	c.basis = append([]int(nil), t.basis...)
	c.free = append([]bool(nil), t.free...)
	c.rowOf = append([]int(nil), t.rowOf...)
	c.spare = nil
	c.x, c.y, c.q, c.p = big.Int{}, big.Int{}, big.Int{}, big.Int{}
	if t.large != nil {
		c.large = make([]big.Int, len(t.large))
		for i := range t.large {
			c.large[i].Set(&t.large[i])
		}
		c.bigDet = big.Int{}
		c.bigDet.Set(&t.bigDet)
		c.small = nil
	} else {
		c.small = append([]int64(nil), t.small...)
	}
	return &c
}

// SetFree marks variable v as free (unrestricted in sign): while it is
// basic its row is ignored by the ratio tests, so it never leaves.
func (t *Tableau) SetFree(v int) {
	if t.free == nil {
		t.free = make([]bool, t.Vars)
	}
	t.free[v] = true
}

func (t *Tableau) blocks(i int) bool { return t.free == nil || !t.free[t.basis[i]] }

// IsBig reports whether the tableau has switched to math/big.
func (t *Tableau) IsBig() bool { return t.large != nil }

// Basic returns the basic variable of row i.
func (t *Tableau) Basic(i int) int { return t.basis[i] }

// RowOf returns the row where variable v is basic, or -1.
func (t *Tableau) RowOf(v int) int { return t.rowOf[v] }

// Sign returns the sign of entry (i, j); j == Vars is the right-hand side.
func (t *Tableau) Sign(i, j int) int {
	if t.large != nil {
		return t.large[i*t.w+j].Sign()
	}
	x := t.small[i*t.w+j]
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// Entry returns entry (i, j) as a new big.Int.
func (t *Tableau) Entry(i, j int) *big.Int {
	if t.large != nil {
		return new(big.Int).Set(&t.large[i*t.w+j])
	}
	return big.NewInt(t.small[i*t.w+j])
}

// Det returns the current determinant (the common denominator).
func (t *Tableau) Det() *big.Int {
	if t.large != nil {
		return new(big.Int).Set(&t.bigDet)
	}
	return big.NewInt(t.det)
}

// Value returns variable v's value in the current basic solution.
func (t *Tableau) Value(v int) *big.Rat {
	r := t.rowOf[v]
	if r < 0 {
		return new(big.Rat)
	}
	return new(big.Rat).SetFrac(t.Entry(r, t.Vars), t.Det())
}

// Key identifies the current basis (the set of basic variables).
func (t *Tableau) Key() string {
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
// T[k][c] must be positive.
func (t *Tableau) cmpRatio(i, k, j, c int) int {
	if t.large != nil {
		t.x.Mul(&t.large[i*t.w+j], &t.large[k*t.w+c])
		t.y.Mul(&t.large[k*t.w+j], &t.large[i*t.w+c])
		return t.x.Cmp(&t.y)
	}
	x := mul128(t.small[i*t.w+j], t.small[k*t.w+c])
	y := mul128(t.small[k*t.w+j], t.small[i*t.w+c])
	d, _ := sub128(x, y) // both products are below 2^126 in magnitude
	return sign128(d)
}

// LexMinRatio performs the lexicographic minimum ratio test for entering
// column c: among rows with a positive entry in c it returns the row that
// minimises (rhs, T[.][lex[0]], T[.][lex[1]], ...) / T[.][c]
// lexicographically, or -1 when the column has no positive entry (the ray
// is unbounded). With lex the columns of an initial identity basis, the
// minimiser is unique.
func (t *Tableau) LexMinRatio(c int, lex []int) int {
	best := -1
	for i := 0; i < t.Rows; i++ {
		if t.Sign(i, c) <= 0 || !t.blocks(i) {
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
		if d < 0 {
			best = i
		}
	}
	return best
}

// LexMaxNegRatio is the entering test of Lemke's artificial variable: among
// blocking rows with a negative entry in column c it returns the row that
// maximises (rhs, T[.][lex[0]], ...) / T[.][c] lexicographically (the
// smallest value of c's variable that makes every row feasible), or -1.
func (t *Tableau) LexMaxNegRatio(c int, lex []int) int {
	best := -1
	for i := 0; i < t.Rows; i++ {
		if t.Sign(i, c) >= 0 || !t.blocks(i) {
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
		if d > 0 {
			best = i
		}
	}
	return best
}

// MinRatioRows returns every row attaining the plain (unperturbed) minimum
// ratio for entering column c.
func (t *Tableau) MinRatioRows(c int) []int {
	var rows []int
	for i := 0; i < t.Rows; i++ {
		if t.Sign(i, c) <= 0 {
			continue
		}
		if len(rows) == 0 {
			rows = append(rows, i)
			continue
		}
		switch d := t.cmpRatio(i, rows[0], t.Vars, c); {
		case d < 0:
			rows = append(rows[:0], i)
		case d == 0:
			rows = append(rows, i)
		}
	}
	return rows
}

// Pivot makes variable c basic on row r (the entry must be nonzero) and
// returns the variable that left the basis. After a negative pivot element
// the whole tableau is negated, which keeps Det positive and the rational
// tableau unchanged.
func (t *Tableau) Pivot(r, c int) int {
	neg := t.Sign(r, c) < 0
	if t.large == nil && !t.pivotSmall(r, c) {
		t.toBig()
	}
	if t.large != nil {
		t.pivotBig(r, c)
	}
	if neg {
		t.negate()
	}
	leaving := t.basis[r]
	t.rowOf[leaving] = -1
	t.basis[r] = c
	t.rowOf[c] = r
	return leaving
}

// pivotSmall does the int64 pivot into a spare buffer; it reports false,
// leaving the tableau untouched, if any entry would overflow.
func (t *Tableau) pivotSmall(r, c int) bool {
	if cap(t.spare) < len(t.small) {
		t.spare = make([]int64, len(t.small))
	}
	out := t.spare[:len(t.small)]
	w := t.w
	p := t.small[r*w+c]
	d := t.det
	prow := t.small[r*w : r*w+w]
	// Fast path bound: when every factor is below 2^31 in magnitude the
	// numerator fits in int64 and plain arithmetic is exact.
	for i := 0; i < t.Rows; i++ {
		row := t.small[i*w : i*w+w]
		orow := out[i*w : i*w+w]
		if i == r {
			copy(orow, row)
			continue
		}
		q := row[c]
		if q == 0 {
			// (x*p - 0)/d: still rescale the row.
			for j, x := range row {
				if x == 0 {
					orow[j] = 0
					continue
				}
				v, ok := mulDiv(x, p, 0, 0, d)
				if !ok {
					return false
				}
				orow[j] = v
			}
			continue
		}
		for j, x := range row {
			v, ok := mulDiv(x, p, q, prow[j], d)
			if !ok {
				return false
			}
			orow[j] = v
		}
	}
	t.small, t.spare = out, t.small
	t.det = p
	return true
}

const small31 = 1 << 31

// mulDiv returns (a*b - c*e) / d, exact, or ok=false on int64 overflow.
func mulDiv(a, b, c, e, d int64) (int64, bool) {
	if a > -small31 && a < small31 && b > -small31 && b < small31 &&
		c > -small31 && c < small31 && e > -small31 && e < small31 {
		return (a*b - c*e) / d, true
	}
	x, ok := sub128(mul128(a, b), mul128(c, e))
	if !ok {
		return 0, false
	}
	return divExact(x, d)
}

func (t *Tableau) toBig() {
	t.large = make([]big.Int, len(t.small))
	for i, x := range t.small {
		t.large[i].SetInt64(x)
	}
	t.bigDet.SetInt64(t.det)
	t.small, t.spare = nil, nil
}

func (t *Tableau) pivotBig(r, c int) {
	w := t.w
	p, q, x, y := &t.p, &t.q, &t.x, &t.y
	p.Set(&t.large[r*w+c])
	prow := t.large[r*w : r*w+w]
	for i := 0; i < t.Rows; i++ {
		if i == r {
			continue
		}
		row := t.large[i*w : i*w+w]
		q.Set(&row[c])
		for j := range row {
			e := &row[j]
			if q.Sign() == 0 {
				if e.Sign() == 0 {
					continue
				}
				e.Mul(e, p)
				e.Quo(e, &t.bigDet)
				continue
			}
			x.Mul(e, p)
			if prow[j].Sign() != 0 {
				y.Mul(q, &prow[j])
				x.Sub(x, y)
			}
			// Quo with a scratch remainder would allocate; QuoRem reuses y.
			e.QuoRem(x, &t.bigDet, y)
		}
	}
	t.bigDet.Set(p)
}

func (t *Tableau) negate() {
	if t.large != nil {
		for i := range t.large {
			t.large[i].Neg(&t.large[i])
		}
		t.bigDet.Neg(&t.bigDet)
		return
	}
	for i, x := range t.small {
		t.small[i] = -x // entries are never MinInt64: divExact keeps them above it
	}
	t.det = -t.det
}
