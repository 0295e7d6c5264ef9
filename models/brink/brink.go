// Package brink is the probabilistic-threat window (SPEC.md §3; a generic
// Dixit-Skeath-style formalisation of Schelling's threat that leaves
// something to chance, our derivation): the Defender commits to a device
// that brings disaster with probability q if the Challenger defies. A Hard
// Challenger (probability p) always defies; a Soft one with gain G and
// disaster loss L_s complies iff q >= q_e = G/(G+L_s) (effectiveness). The
// Defender gets W on compliance, -Y on unpunished defiance (the no-threat
// baseline) and -L on disaster, so the threat is acceptable iff
// q <= q_a = (1-p)(W+Y)/(p(L-Y)). Brinkmanship is feasible iff q_e <= q_a.
//
// A tripwire is a device whose q is its reliability rho; the article's two
// conditions map to rho (commitment) and L_s (the Challenger's loss, which
// capability raises).
package brink

import (
	"math"
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

// Params of the window. Rho, when HasRho, is the device's disaster
// probability; otherwise the equilibrium is reported at q = q_e.
type Params struct {
	P, G, Ls, W, Y, L float64
	Rho               float64
	HasRho            bool
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "brink",
	Summary: "Brinkmanship window: a threat of disaster with probability q deters iff q_e <= q <= q_a",
	Params: []models.ParamSpec{
		{Name: "p", Meaning: "probability the Challenger is Hard (always defies)"},
		{Name: "G", Meaning: "Soft Challenger's gain from defiance"},
		{Name: "L_s", Meaning: "Soft Challenger's loss in a disaster"},
		{Name: "W", Meaning: "Defender's utility of compliance"},
		{Name: "Y", Meaning: "Defender's loss from unpunished defiance (utility -Y)"},
		{Name: "L", Meaning: "Defender's loss in a disaster (utility -L)"},
		{Name: "rho", Meaning: "reliability of the tripwire: its disaster probability q (default: q_e)", Optional: true},
	},
	Orderings: []string{"0 < p < 1", "G > 0", "L_s > 0", "W + Y > 0", "Y < L", "0 <= rho <= 1"},
	Example:   "p=0.5 G=1 L_s=4 W=1 Y=1 L=11",
}

// Validate names the first violated ordering.
func (p *Params) Validate() error {
	o := models.Order{Model: "brink"}
	o.Finite(Spec.Params, []float64{p.P, p.G, p.Ls, p.W, p.Y, p.L, p.Rho})
	o.Prob("p", p.P, true)
	o.Less("0", 0, "G", p.G)
	o.Less("0", 0, "L_s", p.Ls)
	o.Less("-Y", -p.Y, "W", p.W)
	o.Less("Y", p.Y, "L", p.L)
	if p.HasRho {
		o.Prob("rho", p.Rho, false)
	}
	return o.Err()
}

// Model is a validated window.
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
	if err := models.Bind("brink", Spec.Params, []*float64{&p.P, &p.G, &p.Ls, &p.W, &p.Y, &p.L, &p.Rho}, v); err != nil {
		return nil, err
	}
	_, p.HasRho = v["rho"]
	return New(p)
}

// Window returns q_e, q_a and whether q_e <= q_a.
func (p *Params) Window() (qe, qa float64, feasible bool) {
	qe = p.G / (p.G + p.Ls)
	qa = (1 - p.P) * (p.W + p.Y) / (p.P * (p.L - p.Y))
	return qe, qa, qe <= qa
}

// Q is the threat probability analysed: rho if given, else q_e.
func (p *Params) Q() float64 {
	if p.HasRho {
		return p.Rho
	}
	qe, _, _ := p.Window()
	return qe
}

// Solve reports the window and the equilibrium at q = Q(). Tie rules: the
// Soft Challenger complies at q = q_e and the Defender threatens at q = q_a
// (the window is closed).
func (m *Model) Solve() *models.Solution {
	p := &m.P
	qe, qa, ok := p.Window()
	q := p.Q()
	params := models.Dist{{Key: "p", Value: p.P}, {Key: "G", Value: p.G}, {Key: "L_s", Value: p.Ls}, {Key: "W", Value: p.W}, {Key: "Y", Value: p.Y}, {Key: "L", Value: p.L}}
	if p.HasRho {
		params = append(params, models.KV{Key: "rho", Value: p.Rho})
	}
	sol := &models.Solution{Model: "brink", Parameters: params,
		Summary: []models.Field{{Key: "q_e", Value: qe}, {Key: "q_a", Value: qa}, {Key: "feasible", Value: ok}, {Key: "q", Value: q}}}
	comply := q >= qe
	threaten := comply && q <= qa && q > 0
	region := "Deterrence by risk (effective and acceptable)"
	switch {
	case !comply:
		region = "Ineffective threat (q < q_e)"
	case !threaten:
		region = "Unacceptable threat (q > q_a)"
	}
	two := func(a, b string, x float64) models.Dist {
		return models.Dist{{Key: a, Value: 1 - x}, {Key: b, Value: x}}
	}
	t := boolf(threaten)
	eq := models.Equilibrium{
		Region: region, Refinement: "SPE", PassesRefinement: true,
		Strategies: models.Table{
			{Key: "Def", Dist: two("No threat", "Threaten", t)},
			{Key: "Ch(Soft) threatened", Dist: two("Comply", "Defy", 1-boolf(comply))},
			{Key: "Ch(Soft) unthreatened", Dist: two("Comply", "Defy", 1)},
		},
		Beliefs: models.Table{{Key: "Def", Dist: models.Dist{{Key: "Ch Hard", Value: p.P}, {Key: "Ch Soft", Value: 1 - p.P}}}},
	}
	var sq, defy, disaster float64
	if threaten {
		sq, defy, disaster = 1-p.P, p.P*(1-q), p.P*q
	} else {
		defy = 1
	}
	eq.Outcomes = models.Dist{{Key: "SQ", Value: sq}, {Key: "DEFY", Value: defy}, {Key: "DISASTER", Value: disaster}}
	eq.PWar = disaster
	eq.Values = models.Dist{{Key: "q", Value: q}, {Key: "EU_Def", Value: sq*p.W - defy*p.Y - disaster*p.L}}
	sol.Equilibria = []models.Equilibrium{eq}
	return sol
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Game returns the tree for threat probability Q(): chance draws the
// Challenger's type; the Defender, not knowing it, threatens or not; a Soft
// Challenger complies or defies (a Hard one defies without a move); after
// defiance under a threat, chance brings disaster with probability q.
// Payoffs (Defender, Challenger), exact.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Brinkmanship window (guarantor brink)", "Defender", "Challenger")
	one := big.NewRat(1, 1)
	pr := models.Rat(p.P)
	kids := models.TypeRoot(b, "Challenger's type", []string{"Ch Hard", "Ch Soft"}, []*big.Rat{pr, new(big.Rat).Sub(one, pr)})
	def := b.AddInfoset(1, 0, "Def", "No threat", "Threaten")
	soft := [2]int{b.AddInfoset(2, 0, "Ch(Soft) unthreatened", "Comply", "Defy"), b.AddInfoset(2, 0, "Ch(Soft) threatened", "Comply", "Defy")}
	q := models.Rat(math.Max(0, math.Min(1, p.Q())))
	unpunished := models.Rats(-p.Y, p.G)
	defy := func(n int, threat bool) {
		if !threat {
			b.SetOutcome(n, b.AddOutcome("DEFY", unpunished))
			return
		}
		c := b.Move(n, b.AddChanceInfoset(0, "device", []string{"disaster", "no disaster"}, []*big.Rat{q, new(big.Rat).Sub(one, q)}))
		b.SetOutcome(c[0], b.AddOutcome("DISASTER", models.Rats(-p.L, -p.Ls)))
		b.SetOutcome(c[1], b.AddOutcome("DEFY", unpunished))
	}
	for i, n := range kids {
		b.SetLabel(n, []string{"Ch Hard", "Ch Soft"}[i])
		d := b.Move(n, def)
		for th, after := range d {
			if i == 0 {
				defy(after, th == 1)
				continue
			}
			c := b.Move(after, soft[th])
			b.SetOutcome(c[0], b.AddOutcome("SQ", models.Rats(p.W, 0)))
			defy(c[1], th == 1)
		}
	}
	return b.Build()
}
