// Package tsg is the Tripwire Signalling Game, a two-type toy of Fearon's
// (1997) tying hands versus sinking costs (SPEC.md §2, our derivation): a
// Guarantor, Resolved (R, probability pi) or Unresolved (U), sends no
// signal (0) or deploys a tripwire (T) with sunk cost k and audience cost a
// (paid only if it backs down after a challenge). A Determined Challenger
// (probability lambda) always challenges; an Opportunistic one challenges
// iff the probability mu that the Guarantor fights is below t = b/(b+c).
//
// A tripwire binds the Unresolved type iff a >= kappa - V_U (the article's
// condition 1: not responding after the troops are hit must cost more than
// war). Solve enumerates every pure PBE (pooling and separating) with
// exact conditions, marks which pass D1, and computes the Guarantor's
// ex-ante expected utility. Mixed (semi-separating) equilibria, which
// exist only on knife edges of this toy, are not computed.
package tsg

import (
	"github.com/guarantor/guarantor/models"
)

// Params of the TSG.
type Params struct {
	Pi, VR, VU, Kappa, Lambda, B, C, A, K float64
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "tsg",
	Summary: "Tripwire signalling game: tying hands (audience cost a) vs sinking costs (k), pooling and separating PBE",
	Params: []models.ParamSpec{
		{Name: "pi", Meaning: "probability the Guarantor is Resolved (V_R > kappa)"},
		{Name: "V_R", Meaning: "value of the stake to a Resolved Guarantor"},
		{Name: "V_U", Meaning: "value of the stake to an Unresolved Guarantor"},
		{Name: "kappa", Meaning: "the Guarantor's cost of war"},
		{Name: "lambda", Meaning: "probability the Challenger is Determined (always challenges)"},
		{Name: "b", Meaning: "Challenger's gain if the Guarantor backs down"},
		{Name: "c", Meaning: "Challenger's cost of a fight"},
		{Name: "a", Meaning: "audience cost of backing down after deploying a tripwire (tying hands)", Optional: true},
		{Name: "k", Meaning: "sunk cost of deploying a tripwire (sinking costs)", Optional: true},
	},
	Orderings: []string{"0 < V_U < kappa < V_R", "0 <= pi <= 1", "0 <= lambda <= 1", "b > 0", "c > 0", "a >= 0", "k >= 0"},
	Example:   "pi=0.3 V_R=10 V_U=2 kappa=5 lambda=0.2 b=1 c=1 a=4 k=0",
}

func (p *Params) ptrs() []*float64 {
	return []*float64{&p.Pi, &p.VR, &p.VU, &p.Kappa, &p.Lambda, &p.B, &p.C, &p.A, &p.K}
}

func (p *Params) vals() []float64 {
	return []float64{p.Pi, p.VR, p.VU, p.Kappa, p.Lambda, p.B, p.C, p.A, p.K}
}

// Validate names the first violated ordering.
func (p *Params) Validate() error {
	o := models.Order{Model: "tsg"}
	o.Finite(Spec.Params, p.vals())
	o.Chain([]string{"0", "V_U", "kappa", "V_R"}, 0, p.VU, p.Kappa, p.VR)
	o.Prob("pi", p.Pi, false)
	o.Prob("lambda", p.Lambda, false)
	o.Less("0", 0, "b", p.B)
	o.Less("0", 0, "c", p.C)
	o.LessEq("0", 0, "a", p.A)
	o.LessEq("0", 0, "k", p.K)
	return o.Err()
}

// Model is a validated TSG.
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
	if err := models.Bind("tsg", Spec.Params, p.ptrs(), v); err != nil {
		return nil, err
	}
	return New(p)
}

// T is the Opportunistic Challenger's threshold b/(b+c): it challenges iff
// the probability that the Guarantor fights is below T.
func (p *Params) T() float64 { return p.B / (p.B + p.C) }

// Binds reports whether a tripwire commits the Unresolved type to fight:
// a >= kappa - V_U (tie: it fights).
func (p *Params) Binds() bool { return p.A >= p.Kappa-p.VU }

// Signals.
const (
	None     = 0
	Tripwire = 1
)

// fights reports whether type (0 = R, 1 = U) fights after signal s.
func (p *Params) fights(typ, s int) bool {
	if typ == 0 {
		return true
	}
	return s == Tripwire && p.Binds()
}

func (p *Params) value(typ int) float64 {
	if typ == 0 {
		return p.VR
	}
	return p.VU
}

// challenged is type typ's payoff after signal s when challenged.
func (p *Params) challenged(typ, s int) float64 {
	cost := 0.0
	if s == Tripwire {
		cost = p.K
	}
	if p.fights(typ, s) {
		return p.value(typ) - p.Kappa - cost
	}
	if s == Tripwire {
		return -p.A - cost
	}
	return 0
}

// quiet is type typ's payoff after signal s when not challenged.
func (p *Params) quiet(typ, s int) float64 {
	if s == Tripwire {
		return p.value(typ) - p.K
	}
	return p.value(typ)
}

// payoff is type typ's expected payoff from signal s when the
// Opportunistic Challenger challenges with probability sigma.
func (p *Params) payoff(typ, s int, sigma float64) float64 {
	pc := p.Lambda + (1-p.Lambda)*sigma
	return pc*p.challenged(typ, s) + (1-pc)*p.quiet(typ, s)
}
