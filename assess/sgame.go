package assess

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

// GameTypes is the number of challenger valuation types in the exported
// game tree: quantiles of the logistic valuation distribution.
const GameTypes = 5

// structuralGame returns the structural engine's game at the inputs'
// medians as an exact tree: chance draws the challenger's valuation V
// (GameTypes quantile types of ln V ~ Logistic(μ, s), μ = −(intercept +
// general + x'α)/weight, s = 1/weight); the challenger, knowing V, keeps the
// status quo (payoff 0) or attacks; chance then draws the responding set S
// with the guarantors' joint response probabilities (behavioural, not
// strategic: the guarantors are not players), and the war's outcome with
// π_S. The challenger's payoff is V − C_S if it prevails, −C_S if not.
// Each type's best response (attack iff V·Π > C̄) is the engine's. Under
// the informed form's immediate stage the order is V, then S, then the
// challenger's decision knowing both (attack iff V·π_S > C_S).
func (m *Model) structuralGame() (*game.Tree, error) {
	s := m.st
	w := s.newWork()
	s.eval(w)
	s.evalPhase(w, 0) // leave phase 0's sets in w
	c := &w.coef
	a, weight := c.A0.Value, c.A1.Value
	if s.general {
		a, weight = deter.GeneralLogit(c) // the general stage's own slope when fitted
	}
	a += w.xalpha // 0 unless the stage is general
	if !(weight > 0) {
		return nil, fmt.Errorf("structural game: the index's slope is %v at the medians, so the valuation has no finite scale", weight)
	}
	mu, scale := -a/weight, 1/weight
	b := game.NewBuilder("Structural deterrence game (guarantor assess, MODEL.md §3): "+m.Opt.Name, "Challenger")
	comment := fmt.Sprintf("at the inputs' medians; Pi = %.6g, Cbar = %.6g, P(status quo) = %.6g", w.out.Pi, w.out.Cbar, w.out.PSQ)
	if s.informedStage() {
		comment = fmt.Sprintf("at the inputs' medians; informed challenger (it sees the responding set S before it decides): P(status quo) = sum over S of P(S) L(A0 + A1 (ln C_S - ln pi_S)) = %.6g; Pi = %.6g and Cbar = %.6g are not its inputs", w.out.PSQ, w.out.Pi, w.out.Cbar)
	}
	if s.postwar {
		// After a war the tree is the crisis decision whose index sets the
		// post-war hazard; its own P(status quo) is not the engine's answer.
		_, sq := deter.StatusQuo(c, math.Log(w.out.Cbar), math.Log(w.out.Pi), false)
		comment = fmt.Sprintf("at the inputs' medians; Pi = %.6g, Cbar = %.6g; post-war stage: this is the crisis decision (its P(status quo) = L(%.6g) = %.6g is not the engine's answer); its index x = ln Cbar - ln Pi enters the post-war cure Weibull as the hazard ratio exp(-A1 (x - x_ref)) = %.6g, and P(deterrence) = S(1 year) = %.6g",
			w.out.Pi, w.out.Cbar, sq, deter.Logistic(sq), math.Exp(-w.ph[0].z), w.out.PSQ)
	}
	b.SetComment(comment)
	types, tprobs := make([]string, GameTypes), make([]*big.Rat, GameTypes)
	vals := make([]float64, GameTypes)
	for j := range GameTypes {
		u := (float64(j) + 0.5) / GameTypes
		vals[j] = math.Exp(mu + scale*math.Log(u/(1-u)))
		types[j] = fmt.Sprintf("V = %.4g", vals[j])
		tprobs[j] = big.NewRat(1, GameTypes)
	}
	kids := models.TypeRoot(b, "challenger's valuation", types, tprobs)
	nset := 1 << s.n
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
