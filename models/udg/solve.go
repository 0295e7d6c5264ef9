package udg

import (
	"fmt"

	"github.com/guarantor/guarantor/models"
)

// Region is a region of the D1-consistent equilibrium.
type Region uint8

// The four regions, in order of falling credibility.
const (
	CertainDeterrence Region = iota // pDef >= GammaH: no one initiates
	Separating                      // GammaS <= pDef < GammaH: only Hard initiates
	Attack                          // pDef < GammaS, pCh >= Delta: both initiate
	Bluff                           // pDef < GammaS, pCh < Delta: Soft mixes
)

var regionNames = [...]string{"Certain deterrence", "Separating", "Attack", "Bluff"}

func (r Region) String() string { return regionNames[r] }

// Primary is the D1-consistent equilibrium in numbers.
type Primary struct {
	Region Region
	Thresholds
	// XH, XS: probabilities that a Hard / Soft Challenger initiates.
	XH, XS float64
	// S: probability that a Soft Defender resists (Hard always resists).
	S float64
	// R = pDef + (1-pDef)S: probability of resistance to an initiation,
	// the Defender's behavioural credibility.
	R float64
	// Q: the Defender's belief that an initiator is Hard (the D1 belief,
	// 1, when no one initiates).
	Q float64
	// Outcome probabilities.
	PSQ, PDC, PCD, PDD float64
}

// SolvePrimary returns the D1-consistent PBE. It assumes p is valid (call
// Validate once at the boundary) and allocates nothing. It stays correct
// when a draw puts cDD+ between cSQ and cDC (GammaH > 1: a Hard Challenger
// initiates whatever the Defender does), a case Validate rejects as
// trivial but a Monte Carlo caller may meet.
//
// Tie rule: at a threshold the indifferent player takes the status-quo side
// (no initiation at pDef = GammaH or GammaS, and the Soft Defender concedes
// at pCh = Delta, where Attack and Bluff coincide).
func SolvePrimary(p *Params) Primary {
	var e Primary
	e.Thresholds = p.Cut()
	e.Q = 1
	switch {
	case p.PDef >= e.GammaH:
		e.Region = CertainDeterrence
	case p.PDef >= e.GammaS:
		e.Region, e.XH = Separating, 1
	case p.PCh >= e.Delta:
		e.Region, e.XH, e.XS, e.Q = Attack, 1, 1, p.PCh
	default:
		e.Region, e.XH, e.Q = Bluff, 1, e.Delta
		e.XS = p.PCh * (1 - e.Delta) / ((1 - p.PCh) * e.Delta)
		e.S = (e.GammaS - p.PDef) / (1 - p.PDef)
	}
	e.R = p.PDef + (1-p.PDef)*e.S
	init := p.PCh*e.XH + (1-p.PCh)*e.XS
	e.PDD = p.PCh * e.XH * e.R
	e.PCD = (1 - p.PCh) * e.XS * e.R
	e.PDC = init * (1 - e.R)
	e.PSQ = 1 - init
	return e
}

// NoInitiationFamily describes the belief-supported no-initiation PBE that
// exist for pDef < GammaH: the Defender believes a deviating initiator is
// Hard with probability at most QMax (= Delta) and a Soft Defender resists
// with probability at least SMin = (GammaH - pDef)/(1 - pDef). ok is false
// when the family does not exist (pDef >= GammaH).
func NoInitiationFamily(p *Params) (qMax, sMin float64, ok bool) {
	c := p.Cut()
	if p.PDef >= c.GammaH || c.GammaH > 1 { // GammaH > 1: a Hard Challenger (cDD+ > cSQ) always initiates
		return 0, 0, false
	}
	return c.Delta, (c.GammaH - p.PDef) / (1 - p.PDef), true
}

// Solve returns the D1-consistent equilibrium first, then the
// no-initiation alternative (its least-resolute member) when it exists.
func (m *Model) Solve() *models.Solution {
	p := &m.P
	e := SolvePrimary(p)
	sol := &models.Solution{
		Model:      "udg",
		Parameters: models.Pack(Spec.Params, p.vals()),
		Summary: []models.Field{
			{Key: "gamma_H", Value: e.GammaH}, {Key: "gamma_S", Value: e.GammaS}, {Key: "delta", Value: e.Delta},
		},
	}
	primary := m.equilibrium(e.Region.String(), e.XH, e.XS, e.S, e.Q)
	primary.PassesRefinement = true
	primary.Note = primaryNote(e)
	sol.Equilibria = append(sol.Equilibria, primary)
	if qMax, sMin, ok := NoInitiationFamily(p); ok {
		alt := m.equilibrium("No initiation (belief-supported)", 0, 0, sMin, qMax)
		alt.Note = fmt.Sprintf("fails D1: rests on the off-path belief that an initiator is Soft (q <= %.6g) and on a Soft Defender resisting with probability >= %.6g; shown is the family's least-resolute member. Deterrence here is not implied by credibility pDef=%.6g < gamma_H=%.6g", qMax, sMin, p.PDef, e.GammaH)
		alt.Values = append(alt.Values, models.KV{Key: "q_max", Value: qMax}, models.KV{Key: "s_min", Value: sMin})
		sol.Equilibria = append(sol.Equilibria, alt)
	}
	return sol
}

func primaryNote(e Primary) string {
	switch e.Region {
	case CertainDeterrence:
		return "deterrence holds for any off-path belief: pDef >= gamma_H; D1 belief shown (an initiator is Hard)"
	case Separating:
		return "only a Hard Challenger initiates; a Soft Defender concedes"
	case Attack:
		return "both Challenger types initiate; a Soft Defender concedes"
	}
	return "a Soft Challenger bluffs with probability x_S and a Soft Defender resists with probability s, each making the other indifferent"
}

// equilibrium assembles the full report for the given behaviour: initiation
// probabilities xH, xS, Soft Defender resistance s, and Defender belief q.
func (m *Model) equilibrium(region string, xH, xS, s, q float64) models.Equilibrium {
	p := &m.P
	r := p.PDef + (1-p.PDef)*s
	init := p.PCh*xH + (1-p.PCh)*xS
	hardDef := p.PDef / r
	if r == 0 {
		// pDef = 0 and no Soft resistance: the information set after
		// resistance is off the path and its Hard node has prior 0 (the
		// complete-information limit); the prior is the belief.
		hardDef = p.PDef
	}
	mix := func(d float64) models.Dist { return models.Dist{{Key: "C", Value: 1 - d}, {Key: "D", Value: d}} }
	return models.Equilibrium{
		Region:     region,
		Refinement: "D1",
		Strategies: models.Table{
			{Key: infoCh[0], Dist: mix(xH)},
			{Key: infoCh[1], Dist: mix(xS)},
			{Key: infoDef[0], Dist: mix(1)},
			{Key: infoDef[1], Dist: mix(s)},
			{Key: infoLast[0], Dist: mix(1)},
			{Key: infoLast[1], Dist: mix(0)},
		},
		Beliefs: models.Table{
			{Key: infoCh[0], Dist: models.Dist{{Key: "Def Hard", Value: p.PDef}, {Key: "Def Soft", Value: 1 - p.PDef}}},
			{Key: infoCh[1], Dist: models.Dist{{Key: "Def Hard", Value: p.PDef}, {Key: "Def Soft", Value: 1 - p.PDef}}},
			{Key: infoDef[0], Dist: models.Dist{{Key: "Ch Hard", Value: q}, {Key: "Ch Soft", Value: 1 - q}}},
			{Key: infoDef[1], Dist: models.Dist{{Key: "Ch Hard", Value: q}, {Key: "Ch Soft", Value: 1 - q}}},
			{Key: infoLast[0], Dist: models.Dist{{Key: "Def Hard", Value: hardDef}, {Key: "Def Soft", Value: 1 - hardDef}}},
			{Key: infoLast[1], Dist: models.Dist{{Key: "Def Hard", Value: hardDef}, {Key: "Def Soft", Value: 1 - hardDef}}},
		},
		Outcomes: models.Dist{
			{Key: "SQ", Value: 1 - init},
			{Key: "DC", Value: init * (1 - r)},
			{Key: "CD", Value: (1 - p.PCh) * xS * r},
			{Key: "DD", Value: p.PCh * xH * r},
		},
		PWar: p.PCh * xH * r,
		Values: models.Dist{
			{Key: "credibility", Value: p.PDef},
			{Key: "behavioural_credibility", Value: r},
			{Key: "x_H", Value: xH}, {Key: "x_S", Value: xS}, {Key: "s", Value: s}, {Key: "q", Value: q},
		},
	}
}
