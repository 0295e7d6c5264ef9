// Package seqlemke finds one equilibrium of a two-player tree with perfect
// recall by Lemke's algorithm on its sequence form, in exact integer
// arithmetic, in time polynomial per pivot in the size of the tree.
package seqlemke

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/solve/internal/bimat"
	"github.com/guarantor/guarantor/solve/internal/intpiv"
	"github.com/guarantor/guarantor/solve/internal/seqform"
)

// ErrLemke reports a run that could not finish (an infeasible start, a ray
// or a repeated basis, all excluded by the theory for generic priors);
// callers may fall back to the strategic form.
var ErrLemke = errors.New("lcp: sequence-form Lemke did not terminate normally")

// Solve computes one equilibrium of the sequence form by Lemke's
// algorithm with the prior-based covering vector of von Stengel, van den
// Elzen and Talman (2002, "Computing normal form perfect equilibria for
// extensive two-person games"), on the LCP of Koller, Megiddo and von
// Stengel (1996):
//
//	Ex = e, Fy = f, x, y >= 0, z0 >= 0
//	a = E'u - Ay - (At) z0 >= 0 ⊥ x
//	b = F'v - B'x - (B's) z0 >= 0 ⊥ y
//
// with u, v free and s, t fixed realization plans of a prior (see prior):
// first the pure prior that plays every last action, then, should that
// run fail, the completely mixed centroid and a generic completely mixed
// prior. Only with a completely mixed prior is the equilibrium found
// guaranteed to be normal form perfect (von Stengel, van den Elzen and
// Talman 2002); the pure prior is tried first because it reproduces
// gambit-lcp's selection more often. For large z0 the pure best responses xbar to t and ybar
// to s solve it; the algorithm starts there (the end of the primary ray),
// lowers z0 by complementary pivoting and stops when z0 leaves the basis, at
// an equilibrium. The leaf payoffs are shifted below zero first, which
// changes x'Ay by a constant only.
//
// opt.Prior fixes the prior (no retries with another); opt.MemoryLimit
// refuses, before allocating, a run whose dense payoff matrices and tableau
// would need more bytes than that (Estimate).
func Solve(ctx context.Context, f *seqform.Form, opt Options) ([2][]*big.Rat, error) {
	var plans [2][]*big.Rat
	if need := Estimate(f); opt.MemoryLimit > 0 && need > opt.MemoryLimit {
		return plans, fmt.Errorf("%w: sequence-form Lemke on %d x %d sequences needs about %s, over the limit of %s",
			ErrTooLarge, f.P[0].NumSeq, f.P[1].NumSeq, Bytes(need), Bytes(opt.MemoryLimit))
	}
	priors := []prior{priorLast, priorFirst, priorCentroid, priorGeneric}
	switch opt.Prior {
	case PriorLast:
		priors = []prior{priorLast}
	case PriorCentroid:
		priors = []prior{priorCentroid}
	case PriorGeneric:
		priors = []prior{priorGeneric}
	case PriorFirst:
		priors = []prior{priorFirst}
	}
	// The payoff matrices do not depend on the prior: built once for all
	// tries, with the context polled between the large steps.
	var m mats
	m.a, m.b = payoffs(ctx, f)
	if ctx.Err() != nil {
		return plans, ctx.Err()
	}
	m.bt = transpose(m.b)
	m.ai, m.bi = bimat.Integers(m.a), bimat.Integers(m.bt)
	if ctx.Err() != nil {
		return plans, ctx.Err()
	}
	var err error
	for _, k := range priors {
		if plans, err = solve(ctx, f, k, &m); err == nil || ctx.Err() != nil {
			break
		}
	}
	return plans, err
}

// mats are the sequence-form payoff matrices: a and b (rows: player 1's
// sequences), b transposed, and the integer forms of a and b'.
type mats struct {
	a, b, bt [][]*big.Rat
	ai, bi   [][]*big.Int
}

// Options select the prior and bound the memory.
type Options struct {
	// Prior is the prior behind the covering vector (PriorAuto: the last
	// action, then the centroid, then a generic mixed prior).
	Prior Prior
	// MemoryLimit in bytes (0: no limit).
	MemoryLimit int64
}

// Prior names a choice of prior behaviour strategy.
type Prior int

const (
	// PriorAuto tries PriorLast, then PriorFirst, PriorCentroid and
	// PriorGeneric.
	PriorAuto Prior = iota
	// PriorLast plays every information set's last action for sure.
	PriorLast
	// PriorCentroid mixes uniformly at every information set (a completely
	// mixed prior: the equilibrium found is normal form perfect).
	PriorCentroid
	// PriorGeneric mixes with fixed pseudo-random weights (completely mixed).
	PriorGeneric
	// PriorFirst plays every information set's first action for sure. As
	// the second try of PriorAuto it spares deep trees the completely mixed
	// priors, whose realization probabilities (2^-depth and smaller) make
	// every number in the tableau huge: a centipede of 150 moves, where
	// the last action's start is infeasible, takes 0.6 s instead of 14 s.
	PriorFirst
)

// PriorNames are the spellings ParsePrior accepts, in Prior order.
var PriorNames = []string{"auto", "last", "centroid", "generic", "first"}

// ParsePrior reads a prior's name ("" is "auto").
func ParsePrior(name string) (Prior, error) {
	if name == "" {
		return PriorAuto, nil
	}
	for i, n := range PriorNames {
		if n == name {
			return Prior(i), nil
		}
	}
	return PriorAuto, fmt.Errorf("unknown prior %q; choose one of %v", name, PriorNames)
}

// ErrTooLarge reports a run refused by the memory bound.
var ErrTooLarge = errors.New("sequence form too large for the memory limit")

// Estimate is the number of bytes a run allocates for its largest
// structures: the two dense n1 x n2 payoff matrices (rational, a
// transposed copy and their integer forms, about 240 bytes per pair of
// entries) and the tableau, one int64 per row and variable. It is computed
// from the sizes alone, before anything is allocated.
func Estimate(f *seqform.Form) int64 {
	n1, n2 := int64(f.P[0].NumSeq), int64(f.P[1].NumSeq)
	r1, r2 := int64(1+len(f.P[0].Infosets)), int64(1+len(f.P[1].Infosets))
	rows := n1 + n2 + r1 + r2
	vars := 2*(n1+n2+r1+r2) + 1
	const perCell = 2*72 + 8 + 2*40 + 8
	return sat(sat(n1, n2), perCell) + sat(sat(rows, vars+1), 8)
}

// sat multiplies non-negative sizes, saturating at the largest int64.
func sat(a, b int64) int64 {
	if a != 0 && b > (1<<63-1)/a {
		return 1<<63 - 1
	}
	return a * b
}

// Bytes formats a byte count for error messages.
func Bytes(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", b)
}

func solve(ctx context.Context, f *seqform.Form, kind prior, m *mats) ([2][]*big.Rat, error) {
	var out [2][]*big.Rat
	a, ai, bi := m.a, m.ai, m.bi
	t := priorPlan(f, 1, kind)
	s := priorPlan(f, 0, kind)
	// One scale for both products keeps z0 a single variable.
	scale := denominatorLCM(append(append([]*big.Rat(nil), t...), s...))
	at := integerProduct(ai, t, scale) // A t, scaled
	bs := integerProduct(bi, s, scale) // B' s, scaled
	l := newLayout(f)
	tab := l.build(f, ai, bi, at, bs)
	// Move to the start basis: the pure best responses' sequences replace
	// the artificial variables of Ex = e and Fy = f, and the free duals
	// replace the slacks of those sequences.
	if ctx.Err() != nil {
		return out, ctx.Err()
	}
	if err := l.start(ctx, tab, pureBestResponse(f, 0, a, t), pureBestResponse(f, 1, m.bt, s)); err != nil {
		return out, err
	}
	if err := l.run(ctx, tab, l.lexOrder(tab)); err != nil {
		return out, err
	}
	out[0] = make([]*big.Rat, l.n1)
	out[1] = make([]*big.Rat, l.n2)
	for i := range out[0] {
		out[0][i] = tab.Value(l.vx + i)
	}
	for j := range out[1] {
		out[1][j] = tab.Value(l.vy + j)
	}
	return out, nil
}

// layout numbers the LCP's variables: x, y, the free duals u, v, the
// slacks a, b, the artificial variables of Ex = e and Fy = f (basic only in
// the initial identity basis), and z0; rows are the a-rows, b-rows, E-rows
// and F-rows in that order.
type layout struct {
	n1, n2, r1, r2                           int
	vx, vy, vu, vv, va, vb, vae, vaf, vz, nv int
}

func newLayout(f *seqform.Form) *layout {
	l := &layout{n1: f.P[0].NumSeq, n2: f.P[1].NumSeq, r1: 1 + len(f.P[0].Infosets), r2: 1 + len(f.P[1].Infosets)}
	l.vx, l.vy, l.vu = 0, l.n1, l.n1+l.n2
	l.vv = l.vu + l.r1
	l.va = l.vv + l.r2
	l.vb = l.va + l.n1
	l.vae = l.vb + l.n2
	l.vaf = l.vae + l.r1
	l.vz = l.vaf + l.r2
	l.nv = l.vz + 1
	return l
}

// constraint calls e(row, sequence, coefficient) for the entries of a
// player's constraint matrix (E or F).
func constraint(pl *seqform.Player, e func(k, seq int, v int64)) {
	e(0, 0, 1)
	for k := range pl.Infosets {
		e(1+k, pl.Parent[k], -1)
		for q := pl.Base[k]; q < end(pl, k); q++ {
			e(1+k, q, 1)
		}
	}
}

// build writes the initial tableau, with the identity basis of slacks and
// artificial variables, from its nonzero entries.
func (l *layout) build(f *seqform.Form, ai, bi [][]*big.Int, at, bs []*big.Int) *intpiv.RowTableau {
	nrows := l.n1 + l.n2 + l.r1 + l.r2
	basis := make([]int, 0, nrows)
	var es []intpiv.Entry
	set := func(i, j int, v *big.Int) {
		if v.Sign() != 0 {
			es = append(es, intpiv.Entry{Row: i, Col: j, Val: v})
		}
	}
	// a-rows: a_σ - (E'u)_σ + (Ay)_σ + (At)_σ z0 = 0; b-rows likewise.
	for q := 0; q < l.n1; q++ {
		basis = append(basis, l.va+q)
		for j := 0; j < l.n2; j++ {
			set(q, l.vy+j, ai[q][j])
		}
		set(q, l.vz, at[q])
	}
	for q := 0; q < l.n2; q++ {
		basis = append(basis, l.vb+q)
		for i := 0; i < l.n1; i++ {
			set(l.n1+q, l.vx+i, bi[q][i])
		}
		set(l.n1+q, l.vz, bs[q])
	}
	constraint(&f.P[0], func(k, q int, v int64) { set(q, l.vu+k, big.NewInt(-v)) })
	constraint(&f.P[1], func(k, q int, v int64) { set(l.n1+q, l.vv+k, big.NewInt(-v)) })
	eRows := l.n1 + l.n2
	for k := 0; k < l.r1; k++ {
		basis = append(basis, l.vae+k)
	}
	for k := 0; k < l.r2; k++ {
		basis = append(basis, l.vaf+k)
	}
	constraint(&f.P[0], func(k, q int, v int64) { set(eRows+k, l.vx+q, big.NewInt(v)) })
	constraint(&f.P[1], func(k, q int, v int64) { set(eRows+l.r1+k, l.vy+q, big.NewInt(v)) })
	set(eRows, l.nv, big.NewInt(1))
	set(eRows+l.r1, l.nv, big.NewInt(1))
	tab := intpiv.NewRowsSparse(nrows, l.nv, basis, es)
	for v := l.vu; v < l.va; v++ {
		tab.SetFree(v)
	}
	return tab
}

// start pivots into the basis of the pure best responses xbar, ybar (one
// sequence per constraint row): their sequences replace the artificial
// variables, then the duals replace those sequences' slacks (children
// before parents, so every pivot element is nonzero).
func (l *layout) start(ctx context.Context, tab *intpiv.RowTableau, xbar, ybar []int) error {
	eRows := l.n1 + l.n2
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for k, q := range xbar {
		if !pivotIn(tab, eRows+k, l.vx+q) {
			return ErrLemke
		}
	}
	for k, q := range ybar {
		if !pivotIn(tab, eRows+l.r1+k, l.vy+q) {
			return ErrLemke
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for k := len(xbar) - 1; k >= 0; k-- {
		if !pivotIn(tab, tab.RowOf(l.va+xbar[k]), l.vu+k) {
			return ErrLemke
		}
	}
	for k := len(ybar) - 1; k >= 0; k-- {
		if !pivotIn(tab, tab.RowOf(l.vb+ybar[k]), l.vv+k) {
			return ErrLemke
		}
	}
	return nil
}

// lexOrder: the columns of the initial identity basis (the slacks a, b
// and the artificial variables of Ex = e, Fy = f), in row order: the
// classical lexicographic rule, equivalent to perturbing the right-hand
// side of row i by eps^i, so the basis inverse B^-1 breaks every tie. Of
// the orders measured on Gambit's 111 trees (with the last-action prior)
// it selects gambit-lcp's equilibrium most often: 99, against 77 for the
// same columns last row first and 83 and 81 for the columns of the start
// basis last and first row first. The start basis need not be
// lexicographically feasible for this order (sequences of unreached
// information sets start at 0), so the textbook guarantee against cycling
// does not apply; run detects a repeated basis and Solve moves on to the
// next prior, whose path the same check guards. Feasibility never depends
// on the order: the plain ratio test comes first.
func (l *layout) lexOrder(tab *intpiv.RowTableau) []int {
	lex := make([]int, tab.Rows)
	for i := range lex {
		lex[i] = l.va + i
	}
	return lex
}

// run lets z0 enter at the smallest value that makes every row feasible
// (if that value is not positive, the pure best responses already form an
// equilibrium) and follows complementary pivots until z0 leaves.
func (l *layout) run(ctx context.Context, tab *intpiv.RowTableau, lex []int) error {
	for i := 0; i < tab.Rows; i++ {
		if tab.Sign(i, l.nv) < 0 && tab.Sign(i, l.vz) >= 0 && !isFree(tab.Basic(i), l.vu, l.va) {
			return fmt.Errorf("%w: infeasible start", ErrLemke)
		}
	}
	r := tab.LexMaxNegRatio(l.vz, lex)
	if r < 0 || tab.Sign(r, l.nv) >= 0 {
		return nil
	}
	leaving := tab.Pivot(r, l.vz)
	seen := map[string]bool{}
	for steps := 0; ; steps++ {
		// Every pivot: on a large tree one pivot rewrites thousands of
		// dense rows, far more work than the poll.
		if ctx.Err() != nil {
			return ctx.Err()
		}
		enter := complement(leaving, l.vx, l.vy, l.va, l.vb, l.n1, l.n2)
		if enter < 0 {
			return fmt.Errorf("%w: no complement for %d", ErrLemke, leaving)
		}
		row := tab.LexMinRatio(enter, lex)
		if row < 0 {
			return fmt.Errorf("%w: ray at step %d", ErrLemke, steps)
		}
		if leaving = tab.Pivot(row, enter); leaving == l.vz {
			return nil
		}
		k := tab.Key()
		if seen[k] {
			return fmt.Errorf("%w: cycle at step %d", ErrLemke, steps)
		}
		seen[k] = true
	}
}

func isFree(v, vu, va int) bool { return v >= vu && v < va }

func end(pl *seqform.Player, k int) int {
	if k+1 < len(pl.Base) {
		return pl.Base[k+1]
	}
	return pl.NumSeq
}

func complement(v, vx, vy, va, vb, n1, n2 int) int {
	switch {
	case v >= vx && v < vx+n1:
		return va + v - vx
	case v >= vy && v < vy+n2:
		return vb + v - vy
	case v >= va && v < va+n1:
		return vx + v - va
	case v >= vb && v < vb+n2:
		return vy + v - vb
	}
	return -1
}

// pivotIn pivots variable c into row r regardless of sign (a change of
// basis, not a feasibility-preserving step).
func pivotIn(t *intpiv.RowTableau, r, c int) bool {
	if r < 0 || t.Sign(r, c) == 0 {
		return false
	}
	t.Pivot(r, c)
	return true
}

// prior selects the prior behaviour strategy behind the covering vector.
type prior int

const (
	// priorLast plays every information set's last action for sure: the
	// pure prior with which the path ends at gambit-lcp's equilibrium on
	// the most of Gambit's trees (99 of 111 with lexOrder's rule, the
	// centroid 85; 83, 64 and 71 for the last action, the first action and
	// the centroid with the start basis's columns). Being pure, it ties more often, and a start can be
	// infeasible; the completely mixed priors are the retries.
	priorLast prior = iota
	// priorCentroid mixes uniformly at every information set.
	priorCentroid
	// priorFirst plays every information set's first action for sure.
	priorFirst
	// priorGeneric mixes with action weights from a fixed hash, against
	// which ties of small integer payoffs are accidental.
	priorGeneric
)

// priorPlan is player p's realization plan of the prior behaviour
// strategy of the given kind.
func priorPlan(f *seqform.Form, p int, kind prior) []*big.Rat {
	pl := &f.P[p]
	plan := make([]*big.Rat, pl.NumSeq)
	plan[0] = big.NewRat(1, 1)
	for k := range pl.Infosets {
		w := make([]int64, end(pl, k)-pl.Base[k])
		var sum int64
		for a := range w {
			switch kind {
			case priorLast:
				if a == len(w)-1 {
					w[a] = 1
				}
			case priorFirst:
				if a == 0 {
					w[a] = 1
				}
			case priorCentroid:
				w[a] = 1
			default:
				w[a] = 50 + int64((uint32(pl.Base[k]+a)*2654435761)>>24)%50
			}
			sum += w[a]
		}
		for a := range w {
			plan[pl.Base[k]+a] = new(big.Rat).Mul(plan[pl.Parent[k]], big.NewRat(w[a], sum))
		}
	}
	return plan
}

// pureBestResponse returns, per constraint row (the empty sequence, then
// each information set), the sequence of player p's pure best response to
// the opponent's plan: the row's own sequence for row 0, and the chosen
// action's sequence for each information set, chosen by backward induction
// over the player's information sets (reverse order of first appearance)
// at every information set, reachable or not. Ties go to the last action.
// pay is the player's sequence-form payoff matrix (rows: own sequences).
func pureBestResponse(f *seqform.Form, p int, pay [][]*big.Rat, opp []*big.Rat) []int {
	pl := &f.P[p]
	val := make([]*big.Rat, pl.NumSeq)
	var w big.Rat
	for q := range val {
		val[q] = new(big.Rat)
		for j, o := range opp {
			if o.Sign() != 0 && pay[q][j].Sign() != 0 {
				w.Mul(pay[q][j], o)
				val[q].Add(val[q], &w)
			}
		}
	}
	choice := make([]int, 1+len(pl.Infosets))
	for k := len(pl.Infosets) - 1; k >= 0; k-- {
		best := pl.Base[k]
		for q := best + 1; q < end(pl, k); q++ {
			if val[q].Cmp(val[best]) >= 0 {
				best = q
			}
		}
		choice[1+k] = best
		val[pl.Parent[k]].Add(val[pl.Parent[k]], val[best])
	}
	return choice
}

func transpose(m [][]*big.Rat) [][]*big.Rat {
	if len(m) == 0 {
		return nil
	}
	out := make([][]*big.Rat, len(m[0]))
	for j := range out {
		out[j] = make([]*big.Rat, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

func denominatorLCM(v []*big.Rat) *big.Int {
	lcm := big.NewInt(1)
	var g big.Int
	for _, x := range v {
		g.GCD(nil, nil, lcm, x.Denom())
		lcm.Mul(lcm, new(big.Int).Quo(x.Denom(), &g))
	}
	return lcm
}

// integerProduct returns M (lcm v), lcm a common multiple of v's
// denominators (a positive scaling of the artificial variable).
func integerProduct(m [][]*big.Int, v []*big.Rat, lcm *big.Int) []*big.Int {
	iv := make([]*big.Int, len(v))
	for i, x := range v {
		iv[i] = new(big.Int).Mul(x.Num(), new(big.Int).Quo(lcm, x.Denom()))
	}
	out := make([]*big.Int, len(m))
	var t big.Int
	for i, row := range m {
		out[i] = new(big.Int)
		for j, x := range row {
			t.Mul(x, iv[j])
			out[i].Add(out[i], &t)
		}
	}
	return out
}

// payoffs returns the sequence-form payoff matrices (rows: player 1's
// sequences, columns: player 2's) after shifting each player's leaf payoffs
// to at most -1, with chance probabilities folded in.
func payoffs(ctx context.Context, f *seqform.Form) (a, b [][]*big.Rat) {
	n1, n2 := f.P[0].NumSeq, f.P[1].NumSeq
	var mats [2][][]*big.Rat
	for p := 0; p < 2; p++ {
		shift := big.NewRat(1, 1)
		for i, l := range f.Leaves {
			if i == 0 || new(big.Rat).Add(l.Pay[p], big.NewRat(1, 1)).Cmp(shift) > 0 {
				shift = new(big.Rat).Add(l.Pay[p], big.NewRat(1, 1))
			}
		}
		mat := make([][]*big.Rat, n1)
		for i := range mat {
			if i&63 == 63 && ctx.Err() != nil {
				return nil, nil
			}
			mat[i] = make([]*big.Rat, n2)
			for j := range mat[i] {
				mat[i][j] = new(big.Rat)
			}
		}
		for _, l := range f.Leaves {
			v := new(big.Rat).Sub(l.Pay[p], shift)
			v.Mul(v, l.Chance)
			e := mat[l.Seq[0]][l.Seq[1]]
			e.Add(e, v)
		}
		mats[p] = mat
	}
	return mats[0], mats[1]
}
