package solve

import (
	"context"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
)

// SPE finds the pure-strategy subgame-perfect equilibria of a tree by
// backward induction over its subgames (Selten 1965), what gambit-enumpure
// -P reported up to Gambit 16.
//
// Every subgame root is solved children first (reverse pre-order, no
// recursion), with each proper subgame inside it replaced by the payoff of
// one of its own solutions:
//   - a personal node whose children are terminals or subgame roots (every
//     node of a perfect-information tree) takes each action that maximises
//     the mover's payoff, so ties give several equilibria;
//   - a chance node with such children averages them exactly;
//   - any other subgame (imperfect information inside) is solved by EnumPure
//     on the reduced strategic form of the collapsed subgame ("enumpure"),
//     and infosets the player's own choices make unreachable inside it are
//     left unspecified (nil rows), as Gambit prints them.
//
// The solutions of a subgame are all combinations of its inner subgames'
// solutions with the local equilibria each combination admits, so the
// result is the complete set of pure SPE. Because that set can grow
// exponentially with ties, every subgame keeps at most Limit solutions
// (Options.MaxEquilibria when set, else DefaultSPELimit); when a cap bites,
// Solve returns the first equilibria found together with ErrLimit.
//
// Without chance nodes, payoffs are compared as int64 after scaling each
// player's payoffs by the common denominator of its outcomes (exact); with
// chance, or when scaling would overflow, the values are big.Rat.
type SPE struct{}

// DefaultSPELimit caps the number of subgame-perfect equilibria kept per
// subgame (and so returned) when Options.MaxEquilibria is 0.
const DefaultSPELimit = 100000

// maxStoredSolutions bounds the solutions kept over all subgames together,
// so that a tie-laden huge tree fails with ErrTooLarge instead of
// exhausting memory.
const maxStoredSolutions = 1 << 23

// maxProfileRows bounds the rows (one per information set per equilibrium)
// of the returned profiles.
const maxProfileRows = 1 << 27

// Solve implements Solver.
func (SPE) Solve(ctx context.Context, g game.Game, opt Options) ([]Equilibrium, error) {
	t, ok := asTree(g)
	if !ok {
		return nil, unsupported("spe", g)
	}
	if t.PerfectRecall() != nil {
		return nil, ErrImperfectRecall
	}
	limit := opt.MaxEquilibria
	if limit <= 0 {
		limit = DefaultSPELimit
	}
	if scaled, ok := int64Payoffs(t); ok {
		if d, ok := chanceDenominator(t, scaled); ok {
			for i := range scaled {
				scaled[i] *= d
			}
			return runSPE(ctx, t, opt, limit, int64Field, scaled)
		}
	}
	pp := t.PathPayoffs()
	pay := make([]*big.Rat, t.NumNodes()*t.NumPlayers())
	for i, v := range pp {
		copy(pay[i*t.NumPlayers():], v)
	}
	return runSPE(ctx, t, opt, limit, ratField, pay)
}

// chanceDenominator returns D = L^d, with L the least common multiple of
// the chance probabilities' denominators and d the largest number of chance
// nodes on a path, when D times every scaled payoff fits in int64.
//
// Then every node's value times D is an integer: a value is a sum over the
// terminals below of (product of at most d chance probabilities) x payoff.
// So is each term p*V(child)*D of a chance node's average, and since p = k/m
// in lowest terms, m divides V(child)*D: the int64 arithmetic
// V*D/m*k is exact. Chance rows must sum to one (the average then stays
// within the payoff range).
func chanceDenominator(t *game.Tree, scaled []int64) (int64, bool) {
	if len(t.PlayerInfosets(0)) == 0 {
		return 1, true
	}
	l := big.NewInt(1)
	one := big.NewRat(1, 1)
	for _, s := range t.PlayerInfosets(0) {
		sum := new(big.Rat)
		for _, p := range t.Infosets[s].Probs {
			if p.Sign() < 0 {
				return 0, false
			}
			sum.Add(sum, p)
			g := new(big.Int).GCD(nil, nil, l, p.Denom())
			l.Mul(l, new(big.Int).Quo(p.Denom(), g))
			if l.BitLen() > 32 {
				return 0, false
			}
		}
		if sum.Cmp(one) != 0 {
			return 0, false
		}
	}
	depth := make([]int32, t.NumNodes())
	maxDepth := int32(0)
	for i := 1; i < t.NumNodes(); i++ {
		par := t.Nodes[i].Parent
		depth[i] = depth[par]
		if t.Infosets[t.Nodes[par].Infoset].IsChance() {
			depth[i]++
			maxDepth = max(maxDepth, depth[i])
		}
	}
	d := new(big.Int).Exp(l, big.NewInt(int64(maxDepth)), nil)
	var m int64 = 1
	for _, v := range scaled {
		m = max(m, v, -v)
	}
	if d.BitLen()+big.NewInt(m).BitLen() > 62 {
		return 0, false
	}
	return d.Int64(), true
}

// int64Payoffs returns every node's path payoffs scaled to integers, each
// player's by the least common multiple of the denominators of its outcome
// payoffs, or false when that does not fit comfortably in int64.
func int64Payoffs(t *game.Tree) ([]int64, bool) {
	np := t.NumPlayers()
	const maxAbs = 1 << 52
	oc := make([]int64, len(t.Outcomes)*np)
	// One pass assumes integer payoffs (the common case, no allocation);
	// the first fraction switches to scaling.
	for o := range t.Outcomes {
		for p, r := range t.Outcomes[o].Payoffs {
			if !r.IsInt() || !r.Num().IsInt64() {
				return scaledPayoffs(t)
			}
			x := r.Num().Int64()
			if x > maxAbs || x < -maxAbs {
				return nil, false
			}
			oc[o*np+p] = x
		}
	}
	return pathSums(t, oc)
}

// scaledPayoffs is int64Payoffs for payoffs with fractions.
func scaledPayoffs(t *game.Tree) ([]int64, bool) {
	np := t.NumPlayers()
	const maxAbs = 1 << 52
	scale := make([]*big.Int, np)
	for p := range scale {
		scale[p] = big.NewInt(1)
		for o := range t.Outcomes {
			d := t.Outcomes[o].Payoffs[p].Denom()
			g := new(big.Int).GCD(nil, nil, scale[p], d)
			scale[p].Mul(scale[p], new(big.Int).Quo(d, g))
			if scale[p].BitLen() > 40 {
				return nil, false
			}
		}
	}
	oc := make([]int64, len(t.Outcomes)*np)
	for o := range t.Outcomes {
		for p := 0; p < np; p++ {
			r := t.Outcomes[o].Payoffs[p]
			v := new(big.Int).Mul(r.Num(), scale[p])
			v.Quo(v, r.Denom())
			if !v.IsInt64() || v.Int64() > maxAbs || v.Int64() < -maxAbs {
				return nil, false
			}
			oc[o*np+p] = v.Int64()
		}
	}
	return pathSums(t, oc)
}

// pathSums accumulates outcome values (oc, [outcome*np+p]) along paths.
func pathSums(t *game.Tree, oc []int64) ([]int64, bool) {
	np := t.NumPlayers()
	pay := make([]int64, t.NumNodes()*np)
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		dst := pay[i*np : i*np+np]
		if nd.Parent != game.None {
			copy(dst, pay[int(nd.Parent)*np:int(nd.Parent)*np+np])
		}
		if nd.Outcome != game.None {
			for p := range dst {
				dst[p] += oc[int(nd.Outcome)*np+p]
				if dst[p] > 1<<62 || dst[p] < -(1<<62) {
					return nil, false
				}
			}
		}
	}
	return pay, true
}

var int64Field = field[int64]{
	zero:    func() int64 { return 0 },
	fromRat: func(r *big.Rat) int64 { return new(big.Int).Quo(r.Num(), r.Denom()).Int64() },
	add:     func(a, b int64) int64 { return a + b },
	sub:     func(a, b int64) int64 { return a - b },
	mul:     func(a, b int64) int64 { return a * b },
	// scale is exact for the values SPE feeds it (see chanceDenominator).
	scale:  func(a int64, p *big.Rat) int64 { return a / p.Denom().Int64() * p.Num().Int64() },
	less:   func(a, b int64) bool { return a < b },
	isZero: func(a int64) bool { return a == 0 },
	isOne:  func(a int64) bool { return a == 1 },
}

// speRun is the state of one backward induction. Solutions live in flat
// pools so that a perfect-information tree costs no allocation per node:
// solution k of subgame root r is solStart[r]+k, with its payoff vector in
// solPay, its choices at the region's infosets in choicePool (from
// solChoice[k]) and the solution it picks in each inner subgame in kidPool
// (from solKid[k]).
type speRun[T any] struct {
	ctx    context.Context
	t      *game.Tree
	f      field[T]
	np     int
	limit  int
	capped bool
	pay    []T // path payoffs, [node*np+p]
	isRoot []bool
	end    []game.NodeID

	solStart, solCount []int32
	solPay             []T
	solChoice, solKid  []int32
	solOwner           []int32
	choicePool         []int32
	kidPool            []int32
	regions            map[game.NodeID]*region
	scratch            []int32
}

// region describes a subgame with imperfect information inside: its
// infosets (original ids, in order of first appearance) and its inner
// subgame roots, in pre-order.
type region struct {
	sets []int32
	kids []game.NodeID
}

func runSPE[T any](ctx context.Context, t *game.Tree, opt Options, limit int, f field[T], pay []T) ([]Equilibrium, error) {
	n := t.NumNodes()
	r := &speRun[T]{ctx: ctx, t: t, f: f, np: t.NumPlayers(), limit: limit, pay: pay,
		isRoot: t.IsSubgameRoot(), end: t.SubtreeEnd(),
		solStart: make([]int32, n), solCount: make([]int32, n),
		regions: map[game.NodeID]*region{}}
	if t.IsTerminal(0) {
		return []Equilibrium{{Behavior: make(game.BehaviorProfile, r.np), Exact: true}}, nil
	}
	// Size the pools for one solution per subgame (the untied case) so
	// that they grow without copying.
	roots := 0
	for _, b := range r.isRoot {
		if b {
			roots++
		}
	}
	r.solPay = make([]T, 0, roots*r.np)
	r.solChoice = make([]int32, 0, roots)
	r.solOwner = make([]int32, 0, roots)
	r.solKid = make([]int32, 0, roots)
	r.choicePool = make([]int32, 0, roots)
	r.kidPool = make([]int32, 0, roots)
	pr := newProgress(ctx, opt, "subgames", int64(n))
	solved := 0
	for i := n - 1; i >= 0; i-- {
		if !r.isRoot[i] {
			continue
		}
		if solved++; solved&4095 == 0 {
			if err := pr.check(int64(n-i), 0); err != nil {
				return nil, err
			}
		}
		if err := r.solve(game.NodeID(i)); err != nil {
			return nil, err
		}
		if len(r.solChoice) > maxStoredSolutions {
			return nil, fmt.Errorf("%w: more than %d tied partial solutions; lower the equilibrium limit (--max)", ErrTooLarge, maxStoredSolutions)
		}
	}
	pr.finish(int64(n), int(r.solCount[0]))
	// Each returned profile holds a row per information set: keep the
	// list within about a gigabyte of rows.
	if most := int32(maxProfileRows / max(1, len(t.Infosets))); r.solCount[0] > most {
		r.solCount[0] = max(most, 1)
		r.capped = true
	}
	out := r.profiles()
	if r.capped {
		return out, ErrLimit
	}
	return out, nil
}

// solve computes the solutions of subgame root x, whose inner subgames are
// solved already.
func (r *speRun[T]) solve(x game.NodeID) error {
	t := r.t
	r.solStart[x] = int32(len(r.solChoice))
	simple := true
	for i := int(x) + 1; i < int(r.end[x]); i++ {
		// A subgame whose inner subgame has no pure equilibrium has none.
		if r.isRoot[i] {
			if r.solCount[i] == 0 {
				r.solCount[x] = 0
				return nil
			}
			i = int(r.end[i]) - 1
		}
	}
	for _, c := range t.Children(x) {
		if !t.IsTerminal(c) && !r.isRoot[c] {
			simple = false
			break
		}
	}
	if simple {
		r.solveSimple(x)
	} else if err := r.solveRegion(x); err != nil {
		return err
	}
	r.solCount[x] = int32(len(r.solChoice)) - r.solStart[x]
	return nil
}

// leafPay returns the payoff vector of a region leaf: a terminal's path
// payoff (sol < 0) or the payoff of solution sol of an inner subgame.
func (r *speRun[T]) leafPay(c game.NodeID, sol int32) []T {
	if sol < 0 {
		return r.pay[int(c)*r.np : int(c)*r.np+r.np]
	}
	return r.solPay[int(sol)*r.np : int(sol)*r.np+r.np]
}

// solveSimple handles a personal or chance node whose children are all
// terminals or subgame roots: one pass per combination of the children's
// solutions (just one in the untied case).
func (r *speRun[T]) solveSimple(x game.NodeID) {
	t, f, np := r.t, r.f, r.np
	ch := t.Children(x)
	s := t.Nodes[x].Infoset
	p := t.Infosets[s].Player
	idx := r.scratch[:0]
	for range ch {
		idx = append(idx, 0)
	}
	r.scratch = idx
	sol := func(a int) int32 {
		c := ch[a]
		if t.IsTerminal(c) {
			return -1
		}
		return r.solStart[c] + idx[a]
	}
	emitted := 0
	for {
		if p > 0 {
			best := r.leafPay(ch[0], sol(0))[p-1]
			for a := 1; a < len(ch); a++ {
				best = f.max(best, r.leafPay(ch[a], sol(a))[p-1])
			}
			for a := range ch {
				v := r.leafPay(ch[a], sol(a))
				if f.less(v[p-1], best) {
					continue
				}
				if emitted == r.limit {
					r.capped = true
					return
				}
				r.solPay = append(r.solPay, v...)
				r.solChoice = append(r.solChoice, int32(len(r.choicePool)))
				r.solOwner = append(r.solOwner, int32(x))
				r.choicePool = append(r.choicePool, int32(a))
				r.pushKids(ch, sol)
				emitted++
			}
		} else {
			if emitted == r.limit {
				r.capped = true
				return
			}
			for q := 0; q < np; q++ {
				v := f.zero()
				for a, c := range ch {
					v = f.add(v, f.scale(r.leafPay(c, sol(a))[q], t.Infosets[s].Probs[a]))
				}
				r.solPay = append(r.solPay, v)
			}
			r.solChoice = append(r.solChoice, int32(len(r.choicePool)))
			r.solOwner = append(r.solOwner, int32(x))
			r.pushKids(ch, sol)
			emitted++
		}
		if !r.nextCombo(ch, idx) {
			return
		}
	}
}

func (r *speRun[T]) pushKids(ch []game.NodeID, sol func(int) int32) {
	r.solKid = append(r.solKid, int32(len(r.kidPool)))
	for a, c := range ch {
		if !r.t.IsTerminal(c) {
			r.kidPool = append(r.kidPool, sol(a))
		}
	}
}

// nextCombo advances idx (first child fastest) over the solutions of the
// non-terminal nodes in nodes; false when all combinations are done.
func (r *speRun[T]) nextCombo(nodes []game.NodeID, idx []int32) bool {
	for j, c := range nodes {
		if r.t.IsTerminal(c) {
			continue
		}
		idx[j]++
		if idx[j] < r.solCount[c] {
			return true
		}
		idx[j] = 0
	}
	return false
}

// profiles turns the root's solutions into behaviour profiles, following
// each solution's choices and inner solutions down the tree with a stack.
// Pure rows are shared between infosets and profiles (treat as read-only).
func (r *speRun[T]) profiles() []Equilibrium {
	t := r.t
	rows := newPureRows()
	ordinal := make([]int32, len(t.Infosets))
	for p := 1; p <= r.np; p++ {
		for k, s := range t.PlayerInfosets(p) {
			ordinal[s] = int32(k)
		}
	}
	set := func(b game.BehaviorProfile, s int32, a int32) {
		if a != game.None {
			p := t.Infosets[s].Player
			b[p-1][ordinal[s]] = rows.get(len(t.Infosets[s].Actions), int(a))
		}
	}
	var out []Equilibrium
	var stack []int32
	for k := int32(0); k < r.solCount[0]; k++ {
		b := make(game.BehaviorProfile, r.np)
		for p := range b {
			b[p] = make([][]*big.Rat, len(t.PlayerInfosets(p+1)))
		}
		stack = append(stack[:0], r.solStart[0]+k)
		for len(stack) > 0 {
			sol := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x := game.NodeID(r.solOwner[sol])
			choice := r.choicePool[r.solChoice[sol]:]
			kids := r.kidPool[r.solKid[sol]:]
			if g, ok := r.region(x); ok {
				for j, s := range g.sets {
					set(b, s, choice[j])
				}
				stack = append(stack, kids[:len(g.kids)]...)
				continue
			}
			if s := t.Nodes[x].Infoset; t.Infosets[s].Player > 0 {
				set(b, s, choice[0])
			}
			j := 0
			for _, c := range t.Children(x) {
				if !t.IsTerminal(c) {
					stack = append(stack, kids[j])
					j++
				}
			}
		}
		out = append(out, Equilibrium{Behavior: b, Exact: true})
	}
	return out
}

// region returns the description of subgame root x when it was solved as
// a general region (the map is empty for perfect-information trees, so the
// common case costs no hashing).
func (r *speRun[T]) region(x game.NodeID) (*region, bool) {
	if len(r.regions) == 0 {
		return nil, false
	}
	g, ok := r.regions[x]
	return g, ok
}

// pureRows hands out shared probability rows: row (k, a) has k entries,
// one at a and zero elsewhere.
type pureRows struct {
	zero, one *big.Rat
	rows      map[[2]int][]*big.Rat
}

func newPureRows() *pureRows {
	return &pureRows{zero: new(big.Rat), one: big.NewRat(1, 1), rows: map[[2]int][]*big.Rat{}}
}

func (p *pureRows) get(k, a int) []*big.Rat {
	key := [2]int{k, a}
	if row, ok := p.rows[key]; ok {
		return row
	}
	row := make([]*big.Rat, k)
	for i := range row {
		row[i] = p.zero
	}
	row[a] = p.one
	p.rows[key] = row
	return row
}
