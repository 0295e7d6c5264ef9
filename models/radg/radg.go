// Package radg is the Rudimentary Asymmetric Deterrence Game (Zagare and
// Kilgour, Perfect Deterrence, §3.4 and App. 3): A keeps the status quo (C)
// or challenges (D); after a challenge B concedes (C, outcome DC) or
// resists (D, outcome DD). B is Hard (prefers DD to DC) with probability
// pB, which A does not observe.
//
// In every Bayesian equilibrium Hard B resists and Soft B concedes; A
// challenges iff pB < alphaA = (aDC-aSQ)/(aDC-aDD), the closed form of
// SPEC.md §1.1 (our derivation; the symbol alphaA is ours).
package radg

import (
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

// Params are A's utilities a*, B's utilities b* (bDD+ for Hard, bDD- for
// Soft) and the prior pB that B is Hard.
type Params struct {
	ADD, ASQ, ADC        float64
	BDDM, BDC, BDDP, BSQ float64
	PB                   float64
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "radg",
	Summary: "Rudimentary asymmetric deterrence game: A challenges iff B's credibility pB is below alpha_A",
	Params: []models.ParamSpec{
		{Name: "aDD", Meaning: "A's utility of conflict (DD)"},
		{Name: "aSQ", Meaning: "A's utility of the status quo (SQ)"},
		{Name: "aDC", Meaning: "A's utility when B concedes (DC)"},
		{Name: "bDD-", Meaning: "Soft B's utility of conflict"},
		{Name: "bDC", Meaning: "B's utility of conceding"},
		{Name: "bDD+", Meaning: "Hard B's utility of conflict"},
		{Name: "bSQ", Meaning: "B's utility of the status quo"},
		{Name: "pB", Meaning: "probability B is Hard: its credibility"},
	},
	Orderings: []string{"aDD < aSQ < aDC", "bDD- < bDC < bDD+ < bSQ", "0 < pB < 1"},
	Example:   "aDD=0 aSQ=0.5 aDC=1 bDD-=0 bDC=0.3 bDD+=0.6 bSQ=1 pB=0.3",
}

func (p *Params) ptrs() []*float64 {
	return []*float64{&p.ADD, &p.ASQ, &p.ADC, &p.BDDM, &p.BDC, &p.BDDP, &p.BSQ, &p.PB}
}

func (p *Params) vals() []float64 {
	return []float64{p.ADD, p.ASQ, p.ADC, p.BDDM, p.BDC, p.BDDP, p.BSQ, p.PB}
}

// Validate names the first violated ordering.
func (p *Params) Validate() error {
	o := models.Order{Model: "radg"}
	o.Finite(Spec.Params, p.vals())
	o.Chain([]string{"aDD", "aSQ", "aDC"}, p.ADD, p.ASQ, p.ADC)
	o.Chain([]string{"bDD-", "bDC", "bDD+", "bSQ"}, p.BDDM, p.BDC, p.BDDP, p.BSQ)
	o.Prob("pB", p.PB, true)
	return o.Err()
}

// Model is a validated RADG.
type Model struct{ P Params }

// New validates p.
func New(p Params) (*Model, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Model{P: p}, nil
}

// FromValues builds the model from named parameters.
func FromValues(v models.Values) (*Model, error) {
	var p Params
	if err := models.Bind("radg", Spec.Params, p.ptrs(), v); err != nil {
		return nil, err
	}
	return New(p)
}

// Alpha is A's threshold alphaA = (aDC-aSQ)/(aDC-aDD): the credibility at
// which A is indifferent between the status quo and a challenge.
func (p *Params) Alpha() float64 { return (p.ADC - p.ASQ) / (p.ADC - p.ADD) }

// Solve returns the equilibrium: x = 1 (challenge) if pB < alphaA, x = 0
// otherwise. Tie rule: at pB = alphaA A is indifferent and every x in [0,1]
// is an equilibrium; x = 0 is reported first and x = 1 after it.
func (m *Model) Solve() *models.Solution {
	p := &m.P
	a := p.Alpha()
	sol := &models.Solution{Model: "radg", Parameters: models.Pack(Spec.Params, p.vals()),
		Summary: []models.Field{{Key: "alpha_A", Value: a}}}
	switch {
	case p.PB < a:
		sol.Equilibria = append(sol.Equilibria, m.equilibrium("Challenge", 1, ""))
	case p.PB > a:
		sol.Equilibria = append(sol.Equilibria, m.equilibrium("Deterrence", 0, ""))
	default:
		tie := "pB = alpha_A: A is indifferent and any x in [0,1] is an equilibrium"
		sol.Equilibria = append(sol.Equilibria, m.equilibrium("Deterrence", 0, tie), m.equilibrium("Challenge", 1, tie))
	}
	return sol
}

func (m *Model) equilibrium(region string, x float64, note string) models.Equilibrium {
	p := &m.P
	mix := func(d float64) models.Dist { return models.Dist{{Key: "C", Value: 1 - d}, {Key: "D", Value: d}} }
	return models.Equilibrium{
		Region: region, Refinement: "PBE", PassesRefinement: true, Note: note,
		Strategies: models.Table{{Key: "A", Dist: mix(x)}, {Key: "B(Hard)", Dist: mix(1)}, {Key: "B(Soft)", Dist: mix(0)}},
		Beliefs:    models.Table{{Key: "A", Dist: models.Dist{{Key: "B Hard", Value: p.PB}, {Key: "B Soft", Value: 1 - p.PB}}}},
		Outcomes:   models.Dist{{Key: "SQ", Value: 1 - x}, {Key: "DC", Value: x * (1 - p.PB)}, {Key: "DD", Value: x * p.PB}},
		PWar:       x * p.PB,
		Values:     models.Dist{{Key: "x", Value: x}, {Key: "y_H", Value: 1}, {Key: "y_S", Value: 0}},
	}
}

// Game returns the RADG tree: chance draws B's type, A moves without
// seeing it, B moves knowing it. Payoffs (A, B), exact.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Rudimentary Asymmetric Deterrence Game (guarantor radg)", "A", "B")
	pb := models.Rat(p.PB)
	kids := models.TypeRoot(b, "B's type", []string{"B Hard", "B Soft"}, []*big.Rat{pb, new(big.Rat).Sub(big.NewRat(1, 1), pb)})
	isA := b.AddInfoset(1, 0, "A", "C", "D")
	bDD := [2]float64{p.BDDP, p.BDDM}
	for i, n := range kids {
		isB := b.AddInfoset(2, 0, []string{"B(Hard)", "B(Soft)"}[i], "C", "D")
		c := b.Move(n, isA)
		b.SetOutcome(c[0], b.AddOutcome("SQ", models.Rats(p.ASQ, p.BSQ)))
		d := b.Move(c[1], isB)
		b.SetOutcome(d[0], b.AddOutcome("DC", models.Rats(p.ADC, p.BDC)))
		b.SetOutcome(d[1], b.AddOutcome("DD", models.Rats(p.ADD, bDD[i])))
	}
	return b.Build()
}
