package aeg

import (
	"fmt"
	"sort"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve/pbe"
)

// Defender first responses.
const (
	Concede  = 0 // C: outcome DC
	InKind   = 1 // D
	Escalate = 2 // E
)

// ChStrategy is a Challenger type's pure strategy: initiate, escalate after
// an in-kind response, counter-escalate after the Defender escalates.
type ChStrategy struct{ Init, AfterD, AfterE bool }

// DefStrategy is a Defender type's pure strategy: its first response and
// whether it counter-escalates after the Challenger escalates.
type DefStrategy struct {
	First    int
	AfterEsc bool
}

// outcomeOrder is the canonical order of the six outcomes.
var outcomeOrder = []string{"SQ", "DC", "DD", "ED", "DE", "EE"}

// chBest is Challenger type i's best response to a Defender pure strategy.
// Orderings make every comparison strict.
func (p *Params) chBest(i int, d DefStrategy) ChStrategy {
	pay := p.payoffs(i, 0) // the Challenger's payoffs do not depend on the Defender's type
	var c ChStrategy
	c.AfterE = pay["EE"][0] > pay["DE"][0]
	esc := pay["ED"][0]
	if d.AfterEsc {
		esc = pay["EE"][0]
	}
	c.AfterD = esc > pay["DD"][0]
	c.Init = true // value of initiating, given the later moves
	c.Init = pay[p.outcome(c, d)][0] > pay["SQ"][0]
	return c
}

// defBest is Defender type j's best response to a Challenger pure strategy
// (given that the Challenger initiated).
func (p *Params) defBest(j int, c ChStrategy) DefStrategy {
	pay := p.payoffs(0, j) // the Defender's payoffs do not depend on the Challenger's type
	var d DefStrategy
	d.AfterEsc = pay["EE"][1] > pay["ED"][1]
	best, bestV := Concede, pay["DC"][1]
	for _, r := range []int{InKind, Escalate} {
		d.First = r
		c2 := c
		c2.Init = true
		if v := pay[p.outcome(c2, d)][1]; v > bestV {
			best, bestV = r, v
		}
	}
	d.First = best
	return d
}

// outcome is the outcome of a pure strategy pair.
func (p *Params) outcome(c ChStrategy, d DefStrategy) string {
	switch {
	case !c.Init:
		return "SQ"
	case d.First == Concede:
		return "DC"
	case d.First == InKind && !c.AfterD:
		return "DD"
	case d.First == InKind && !d.AfterEsc:
		return "ED"
	case d.First == InKind:
		return "EE"
	case !c.AfterE:
		return "DE"
	}
	return "EE"
}

// SPE solves the complete-information game between the given types by
// backward induction and returns both strategies and the outcome.
func (p *Params) SPE(chHard bool, def DefType) (ChStrategy, DefStrategy, string) {
	i, j := typeIndex(chHard, def)
	d := DefStrategy{AfterEsc: p.payoffs(0, j)["EE"][1] > p.payoffs(0, j)["ED"][1]}
	c := p.chBest(i, d) // AfterD and AfterE do not depend on d.First
	d = p.defBest(j, c)
	c = p.chBest(i, d)
	return c, d, p.outcome(c, d)
}

// Solve returns the SPE under complete information, else every distinct
// pure PBE outcome found on the Harsanyi tree.
func (m *Model) Solve() (*models.Solution, error) {
	p := &m.P
	sol := &models.Solution{Model: "aeg", Parameters: models.Pack(Spec.Params, p.vals())}
	if chHard, def, ok := p.Complete(); ok {
		sol.Summary = []models.Field{{Key: "complete_information", Value: true}}
		sol.Equilibria = []models.Equilibrium{m.complete(chHard, def)}
		return sol, nil
	}
	sol.Summary = []models.Field{{Key: "complete_information", Value: false}}
	eqs, err := m.purePBE()
	if err != nil {
		return nil, err
	}
	sol.Summary = append(sol.Summary, models.Field{Key: "pbe_found", Value: len(eqs) > 0})
	sol.Equilibria = eqs
	return sol, nil
}

func (m *Model) complete(chHard bool, def DefType) models.Equilibrium {
	p := &m.P
	i0, j0 := typeIndex(chHard, def)
	c0, d0, out := p.SPE(chHard, def)
	var ch [2]ChStrategy
	var df [4]DefStrategy
	for i := 0; i < 2; i++ {
		ch[i] = p.chBest(i, d0)
	}
	for j := 0; j < 4; j++ {
		df[j] = p.defBest(j, c0)
	}
	ch[i0], df[j0] = c0, d0
	yes := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	two := func(a, b string, x bool) models.Dist {
		return models.Dist{{Key: a, Value: 1 - yes(x)}, {Key: b, Value: yes(x)}}
	}
	eq := models.Equilibrium{Refinement: "SPE", PassesRefinement: true}
	for i := 0; i < 2; i++ {
		eq.Strategies = append(eq.Strategies,
			models.Row{Key: infoCh(i), Dist: two("C", "D", ch[i].Init)},
			models.Row{Key: infoChAfterD(i), Dist: two("C", "E", ch[i].AfterD)},
			models.Row{Key: infoChAfterE(i), Dist: two("C", "E", ch[i].AfterE)})
	}
	for j := 0; j < 4; j++ {
		first := models.Dist{{Key: "C"}, {Key: "D"}, {Key: "E"}}
		first[df[j].First].Value = 1
		eq.Strategies = append(eq.Strategies,
			models.Row{Key: infoDef(j), Dist: first},
			models.Row{Key: infoDefAfterE(j), Dist: two("C", "E", df[j].AfterEsc)})
	}
	chBelief := models.Dist{{Key: "Ch Hard", Value: yes(i0 == 0)}, {Key: "Ch Soft", Value: yes(i0 == 1)}}
	defBelief := make(models.Dist, 4)
	for j := range defBelief {
		defBelief[j] = models.KV{Key: "Def " + defTypes[j].String(), Value: yes(j == j0)}
	}
	for j := 0; j < 4; j++ {
		eq.Beliefs = append(eq.Beliefs, models.Row{Key: infoDef(j), Dist: chBelief}, models.Row{Key: infoDefAfterE(j), Dist: chBelief})
	}
	for i := 0; i < 2; i++ {
		eq.Beliefs = append(eq.Beliefs, models.Row{Key: infoCh(i), Dist: defBelief},
			models.Row{Key: infoChAfterD(i), Dist: defBelief}, models.Row{Key: infoChAfterE(i), Dist: defBelief})
	}
	for _, o := range outcomeOrder {
		eq.Outcomes = append(eq.Outcomes, models.KV{Key: o, Value: yes(o == out)})
	}
	eq.PWar = warProb(eq.Outcomes)
	if out == "SQ" {
		eq.Region = "Deterrence"
		eq.Note = fmt.Sprintf("complete information: Challenger %s, Defender %s; deterrence holds (the Challenger is Soft, or the Defender is Hard at both levels)", chName[i0], def)
	} else {
		eq.Region = "Deterrence fails (" + out + ")"
		eq.Note = fmt.Sprintf("complete information: Challenger %s, Defender %s", chName[i0], def)
	}
	return eq
}

// warProb is the probability of conflict: every outcome but SQ and DC.
func warProb(d models.Dist) float64 {
	w := 0.0
	for _, kv := range d {
		if kv.Key != "SQ" && kv.Key != "DC" {
			w += kv.Value
		}
	}
	return w
}

// purePBE enumerates the pure PBE of the Harsanyi tree and keeps one per
// distinct outcome distribution, least favourable to deterrence first.
func (m *Model) purePBE() ([]models.Equilibrium, error) {
	tr, err := m.Game()
	if err != nil {
		return nil, err
	}
	all, err := pbe.EnumPure(tr, pbe.Options{}, 0)
	if err != nil {
		return nil, err
	}
	var out []models.Equilibrium
	for _, a := range all {
		dist := outcomes(tr, a.Profile)
		dup := false
		for _, e := range out {
			if sameDist(e.Outcomes, dist) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		out = append(out, m.numerical(tr, a.Profile, a.Beliefs, "PBE (pure; off-path beliefs limits of trembles)"))
	}
	for _, e := range m.mixedPBE(tr) {
		dup := false
		for _, o := range out {
			if sameDist(o.Outcomes, e.Outcomes) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		sa, _ := out[a].Outcomes.Get("SQ")
		sb, _ := out[b].Outcomes.Get("SQ")
		return sa < sb
	})
	for k := range out {
		sq, _ := out[k].Outcomes.Get("SQ")
		out[k].Region = fmt.Sprintf("PBE %d of %d (P(SQ)=%.4g)", k+1, len(out), sq)
		out[k].Note = "incomplete information: found numerically on the Harsanyi tree (all pure PBE, and mixed PBE with one mixing Challenger type and one mixing Defender type); no closed form is available (SPEC.md §1.3); equilibria with other off-path play but the same outcomes are omitted; ordered from least to most favourable to deterrence; D1 not applied"
	}
	return out, nil
}

// outcomes is the outcome distribution of prof in canonical order.
func outcomes(tr *game.Tree, prof [][][]float64) models.Dist {
	raw := models.OutcomeDist(tr, prof)
	var dist models.Dist
	for _, o := range outcomeOrder {
		v, _ := raw.Get(o)
		dist = append(dist, models.KV{Key: o, Value: v})
	}
	return dist
}

// numerical wraps an assessment found on the tree as an Equilibrium.
func (m *Model) numerical(tr *game.Tree, prof [][][]float64, bel [][]float64, refinement string) models.Equilibrium {
	strat, b := models.FromAssessment(tr, prof, bel)
	dist := outcomes(tr, prof)
	return models.Equilibrium{Refinement: refinement, PassesRefinement: true, Strategies: strat, Beliefs: b, Outcomes: dist, PWar: warProb(dist)}
}

func sameDist(a, b models.Dist) bool {
	for i := range a {
		d := a[i].Value - b[i].Value
		if d > 1e-9 || d < -1e-9 {
			return false
		}
	}
	return true
}
