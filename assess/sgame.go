package assess

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

// GameTypes is the number of challenger valuation types in the exported
// game tree: quantiles of the logistic valuation distribution.
const GameTypes = 5

// structuralGame returns the structural engine's game at the inputs'
// medians as an exact tree whose equilibrium gives the engine's
// P(deterrence) for that draw. Chance draws the challenger's valuation V,
// ln V ~ Logistic(μ, s) with s = 1/b and μ = −a/b for the stage's index
// a + b·x (x = ln C̄ − ln Π): Huth's A0 and A1 in a crisis, the general
// stage's own intercept (+ x'α) and slope in peacetime. The challenger,
// knowing V, keeps the status quo (payoff 0) or attacks; chance then draws
// the responding set S with the guarantors' joint response probabilities
// (behavioural, not strategic: the guarantors are not players), and the
// war's outcome with π_S. The challenger's payoff is V − C_S if it
// prevails, −C_S if not, so each type attacks iff V·Π > C̄, i.e. ln V > x.
// Under the informed form's immediate stage the order is V, then S, then
// the challenger's decision knowing both (attack iff ln V > ln C_S − ln π_S).
//
// After a war (stage postwar) the engine's answer is not a crisis decision
// but the post-war spells' survival, S_C→P(1)·S_P→C(1). The tree says that
// with the same players: chance first draws whether the protégé renews the
// war within the year (1 − S_P→C(1)); if not, the challenger's valuation is
// drawn with Huth's scale 1/A1 and placed (a = logit S_C→P(1) − A1·x) so
// that the types that attack have probability 1 − S_C→P(1). The post-war
// slope is a hazard ratio's, not a valuation's scale: read as one, it gave
// valuations from 1e-36 to 1e49.
//
// Types: the GameTypes quantile bins of the valuation, each split where a
// decision threshold falls inside it (x, or every x_S), each type's V at its
// part's median. No type then straddles a threshold, so the tree's
// equilibrium P(status quo) is the engine's exactly (up to the 1e-12
// rounding of exactProbs). The index forms other than expected aggregate Π
// and C̄ otherwise than an expected payoff; their tree is the expected-
// utility reading of the same sets, and its equilibrium is not theirs.
func (m *Model) structuralGame() (*game.Tree, error) {
	s := m.st
	w := s.newWork()
	s.eval(w)
	s.evalPhase(w, 0) // leave phase 0's sets in w
	c := &w.coef
	a, weight := s.indexSlope(c, w.x)
	a += w.xalpha // 0 unless the stage is general
	if !(weight > 0) {
		return nil, fmt.Errorf("structural game: the index's slope is %v at the medians, so the valuation has no finite scale", weight)
	}
	x := math.Log(w.out.Cbar) - math.Log(w.out.Pi)
	b := game.NewBuilder("Structural deterrence game (guarantor assess, MODEL.md §3): "+m.Opt.Name, "Challenger")
	comment := fmt.Sprintf("at the inputs' medians; %s; P(status quo) = %.6g; Pi = %.6g, Cbar = %.6g", s.equation(), w.out.PSQ, w.out.Pi, w.out.Cbar)
	if s.informedStage() {
		comment += " (not the informed challenger's inputs: it sees S before it decides)"
	}
	sCP, sPC := 1.0, 1.0
	if s.postwar {
		sCP, sPC = s.directions(w, c, 1)
		a = logit(sCP) - weight*x
		comment = fmt.Sprintf("at the inputs' medians; post-war stage: %s = %.6g; the protégé renews within the year with P %.6g, and the challenger's valuation (scale 1/A1 = %.6g) is placed so that its types that attack have P 1 − S_C→P(1) = %.6g at x = ln Cbar − ln Pi = %.6g (Pi = %.6g, Cbar = %.6g)",
			s.equation(), w.out.PSQ, 1-sPC, 1/weight, 1-sCP, x, w.out.Pi, w.out.Cbar)
	}
	b.SetComment(comment)
	mu, scale := -a/weight, 1/weight
	nset := 1 << s.n
	// The thresholds in ln V, as quantiles u = L(a + b·t) of the valuation.
	var cuts []float64
	if s.informedStage() {
		for sub := range nset {
			if w.pS[sub] > 0 {
				cuts = append(cuts, deter.Logistic(a+weight*(w.lnC[sub]-math.Log(max(w.pi[sub], 1e-300)))))
			}
		}
	} else {
		cuts = append(cuts, deter.Logistic(a+weight*x))
	}
	bins := typeBins(cuts)
	types, vals := make([]string, len(bins)-1), make([]float64, len(bins)-1)
	mass := make([]float64, len(bins)-1)
	for j := range types {
		u := (bins[j] + bins[j+1]) / 2
		vals[j] = math.Exp(mu + scale*math.Log(u/(1-u)))
		types[j] = fmt.Sprintf("V = %.4g", vals[j])
		mass[j] = bins[j+1] - bins[j]
	}
	tprobs := exactProbs(mass)
	var kids []int
	if s.postwar {
		is := b.AddChanceInfoset(0, "the protégé renews the war within the year", []string{"it renews", "it does not"}, exactProbs([]float64{1 - sPC, sPC}))
		ch := b.Move(b.Root(), is)
		b.SetOutcome(ch[0], b.AddOutcome("war renewed by the protégé", models.Rats(0)))
		vs := b.AddChanceInfoset(0, "challenger's valuation", types, tprobs)
		kids = b.Move(ch[1], vs)
		for j, n := range kids {
			b.SetLabel(n, types[j])
		}
	} else {
		kids = models.TypeRoot(b, "challenger's valuation", types, tprobs)
	}
	setNames := make([]string, nset)
	setProbs := exactProbs(w.pS[:nset])
	for sub := range nset {
		var ids []string
		for i, gp := range s.c.Guarantors {
			if sub&(1<<i) != 0 {
				ids = append(ids, gp.ID)
			}
		}
		setNames[sub] = "{" + strings.Join(ids, ",") + "}"
	}
	if s.informedStage() {
		// The informed challenger (deter.AggInformed) sees the responding
		// set before it decides: chance draws S after V, and each (type,
		// set) is its own information set. Each attacks iff V·π_S > C_S.
		for j, n := range kids {
			rs := b.AddChanceInfoset(0, "responding set ("+types[j]+")", setNames, setProbs)
			for sub, sn := range b.Move(n, rs) {
				b.SetLabel(sn, setNames[sub])
				is := b.AddInfoset(1, 0, types[j]+", sees "+setNames[sub], "status quo", "attack")
				ch := b.Move(sn, is)
				b.SetOutcome(ch[0], b.AddOutcome("status quo", models.Rats(0)))
				war := b.AddChanceInfoset(0, "war "+setNames[sub], []string{"challenger prevails", "defence prevails"}, exactProbs([]float64{w.pi[sub], 1 - w.pi[sub]}))
				ends := b.Move(ch[1], war)
				cost := w.cost[sub]
				b.SetOutcome(ends[0], b.AddOutcome("challenger prevails against "+setNames[sub], models.Rats(vals[j]-cost)))
				b.SetOutcome(ends[1], b.AddOutcome("defence prevails ("+setNames[sub]+")", models.Rats(-cost)))
			}
		}
		return b.Build()
	}
	for j, n := range kids {
		is := b.AddInfoset(1, 0, types[j], "status quo", "attack")
		ch := b.Move(n, is)
		b.SetOutcome(ch[0], b.AddOutcome("status quo", models.Rats(0)))
		rs := b.AddChanceInfoset(0, "responding set", setNames, setProbs)
		sets := b.Move(ch[1], rs)
		for sub, sn := range sets {
			b.SetLabel(sn, setNames[sub])
			war := b.AddChanceInfoset(0, "war "+setNames[sub], []string{"challenger prevails", "defence prevails"}, exactProbs([]float64{w.pi[sub], 1 - w.pi[sub]}))
			ends := b.Move(sn, war)
			cost := w.cost[sub]
			b.SetOutcome(ends[0], b.AddOutcome("challenger prevails against "+setNames[sub], models.Rats(vals[j]-cost)))
			b.SetOutcome(ends[1], b.AddOutcome("defence prevails ("+setNames[sub]+")", models.Rats(-cost)))
		}
	}
	return b.Build()
}

// binEps is the narrowest type kept, in probability: a threshold closer
// than this to a bin's edge (or to another threshold) does not split it,
// since a narrower type would carry less mass than exactProbs resolves.
const binEps = 1e-10

// typeBins returns the edges of the valuation types in quantile space: 0,
// the GameTypes quantile edges, and the cuts strictly inside (0, 1), in
// order, without near-duplicates.
func typeBins(cuts []float64) []float64 {
	edges := []float64{0, 1}
	for j := 1; j < GameTypes; j++ {
		edges = append(edges, float64(j)/GameTypes)
	}
	for _, u := range cuts {
		if u > binEps && u < 1-binEps {
			edges = append(edges, u)
		}
	}
	sort.Float64s(edges)
	out := edges[:1]
	for _, e := range edges[1:] {
		if e-out[len(out)-1] > binEps {
			out = append(out, e)
		}
	}
	if out[len(out)-1] != 1 {
		out[len(out)-1] = 1
	}
	return out
}

// exactProbs converts probabilities to exact rationals that sum to 1: each
// is rounded to 12 decimals and the last takes the remainder.
func exactProbs(p []float64) []*big.Rat {
	out := make([]*big.Rat, len(p))
	sum := new(big.Rat)
	last := 0
	for i, v := range p {
		if v > p[last] {
			last = i
		}
	}
	for i, v := range p {
		if i == last {
			continue
		}
		r := big.NewRat(int64(math.Round(min(max(v, 0), 1)*1e12)), 1e12)
		out[i] = r
		sum.Add(sum, r)
	}
	out[last] = new(big.Rat).Sub(big.NewRat(1, 1), sum)
	if out[last].Sign() < 0 {
		out[last].SetInt64(0)
	}
	return out
}

// profileStructural places the option in the analogue feature space at the
// inputs' medians.
func (m *Model) profileStructural() Profile {
	s := m.st
	w := s.newWork()
	s.eval(w)
	p := Profile{Name: m.Opt.Name, File: m.Opt.File, Year: m.Opt.Year, Outcome: m.Opt.Outcome, Ongoing: m.Opt.Ongoing}
	troops := 0.0
	for i := range s.n {
		if k, err := ParseKind(s.strongest(i)); err == nil {
			p.F[0] = math.Max(p.F[0], strength[k])
		}
		for _, t := range s.phases[0].g[i].inPlace {
			troops += math.Max(w.x[t], 0)
		}
		if s.phases[0].g[i].umbrella {
			p.F[3] = 1
		}
		p.F[4] = math.Max(p.F[4], w.q[i])
	}
	p.F[1] = math.Min(math.Log1p(troops)/math.Log1p(1e5), 1)
	p.F[2] = w.out.PWinAll
	p.F[5] = math.Min(float64(s.n)/5, 1)
	return p
}
