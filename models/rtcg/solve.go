package rtcg

import (
	"fmt"

	"github.com/guarantor/guarantor/models"
)

// Region names.
const (
	Commitment  = "Unequivocal commitment"
	Abandonment = "Abandonment"
	NoDemand    = "No demand"
	Withholding = "Withholding"
	Straddle    = "Straddle"
)

// play is one equilibrium's behaviour: demand probabilities, support
// probability and the Defender's belief that a demander is Hard.
type play struct {
	region     string
	xH, xS, s  float64
	q          float64
	note       string
	passesD1   bool
	extraValue models.Dist
}

// primary derives the D1-consistent equilibrium (SPEC.md §1.4).
//
// Tie rules: the Defender supports when indifferent (q = q*, SPEC's "iff
// q <= q*"), so pCh = q* falls in the straddle; a Challenger indifferent
// between demanding and the status quo keeps the status quo (cN = cSQ).
func (p *Params) primary() play {
	cN, dN := p.Withhold()
	switch {
	case dN <= p.DW:
		return play{region: Commitment, s: 1, q: 1, passesD1: true,
			note: "the Defender supports whatever it believes (dN <= dW): no Challenger type demands"}
	case dN >= p.DCB:
		if cN > p.CSQ {
			return play{region: Abandonment, xH: 1, xS: 1, q: p.PCh, passesD1: true,
				note: "the Defender never supports (dN >= dCB) and the withhold lottery beats the status quo: both types demand"}
		}
		return play{region: Abandonment, q: 1, passesD1: true,
			note: "the Defender would never support (dN >= dCB), but the withhold lottery is no better than the status quo (cN <= cSQ): no demand"}
	case cN <= p.CSQ:
		return play{region: NoDemand, q: 1, passesD1: true,
			note: "the withhold lottery is no better than the status quo (cN <= cSQ): no demand whatever the Defender does"}
	}
	qs := p.QStar()
	if p.PCh > qs {
		return play{region: Withholding, xH: 1, xS: 1, q: p.PCh, passesD1: true,
			note: "both types demand; a demander is Hard with probability pCh > q*, so the Defender withholds"}
	}
	return play{region: Straddle, xH: 1, xS: p.PCh * (1 - qs) / ((1 - p.PCh) * qs), s: (cN - p.CSQ) / (cN - p.CCB), q: qs, passesD1: true,
		note: "the Defender supports with probability s* (a straddle); a Soft Challenger demands with probability x_S, keeping the Defender indifferent"}
}

// Solve returns the D1-consistent equilibrium first and, where it exists,
// the belief-supported no-demand alternative (least-resolute member).
func (m *Model) Solve() *models.Solution {
	p := &m.P
	cN, dN := p.Withhold()
	sol := &models.Solution{Model: "rtcg", Parameters: models.Pack(Spec.Params, p.vals()),
		Summary: []models.Field{{Key: "p_hat", Value: p.PHat()}, {Key: "q_star", Value: p.QStar()}, {Key: "c_N", Value: cN}, {Key: "d_N", Value: dN}}}
	sol.Equilibria = append(sol.Equilibria, m.equilibrium(p.primary()))
	if dN > p.DW && dN < p.DCB && cN > p.CSQ {
		// Both types would demand against s = 0; a Hard Challenger is held
		// back only if support comes with probability >= sH, which the
		// Defender gives only if it believes a demander is Soft enough.
		sH := (cN - p.CSQ) / (cN - p.CWP)
		qs := p.QStar()
		alt := play{region: "No demand (belief-supported)", s: sH, q: qs,
			note:       fmt.Sprintf("fails D1: rests on the off-path belief that a demander is Soft (q <= %.6g) and on support with probability >= %.6g; shown is the family's least-resolute member", qs, sH),
			extraValue: models.Dist{{Key: "q_max", Value: qs}, {Key: "s_min", Value: sH}}}
		sol.Equilibria = append(sol.Equilibria, m.equilibrium(alt))
	}
	return sol
}

func (m *Model) equilibrium(e play) models.Equilibrium {
	p := &m.P
	demand := p.PCh*e.xH + (1-p.PCh)*e.xS
	two := func(a, b string, x float64) models.Dist {
		return models.Dist{{Key: a, Value: 1 - x}, {Key: b, Value: x}}
	}
	pro := models.Dist{{Key: "Pro Realigner", Value: p.PPro}, {Key: "Pro Accommodator", Value: 1 - p.PPro}}
	chType := models.Dist{{Key: "Ch Hard", Value: e.q}, {Key: "Ch Soft", Value: 1 - e.q}}
	def := models.Dist{
		{Key: "Ch Hard, Pro Realigner", Value: e.q * p.PPro}, {Key: "Ch Hard, Pro Accommodator", Value: e.q * (1 - p.PPro)},
		{Key: "Ch Soft, Pro Realigner", Value: (1 - e.q) * p.PPro}, {Key: "Ch Soft, Pro Accommodator", Value: (1 - e.q) * (1 - p.PPro)},
	}
	eq := models.Equilibrium{
		Region: e.region, Refinement: "D1", PassesRefinement: e.passesD1, Note: e.note,
		Strategies: models.Table{
			{Key: infoCh[0], Dist: two("Q", "Dm", e.xH)},
			{Key: infoCh[1], Dist: two("Q", "Dm", e.xS)},
			{Key: "Def", Dist: two("N", "S", e.s)},
			{Key: infoAfterS[0], Dist: two("B", "W", 1)},
			{Key: infoAfterS[1], Dist: two("B", "W", 0)},
			{Key: infoPro[0], Dist: two("A", "R", 1)},
			{Key: infoPro[1], Dist: two("A", "R", 0)},
		},
		Beliefs: models.Table{
			{Key: infoCh[0], Dist: pro}, {Key: infoCh[1], Dist: pro},
			{Key: "Def", Dist: def},
			{Key: infoAfterS[0], Dist: pro}, {Key: infoAfterS[1], Dist: pro},
			{Key: infoPro[0], Dist: chType}, {Key: infoPro[1], Dist: chType},
		},
		Outcomes: models.Dist{
			{Key: "SQ", Value: 1 - demand},
			{Key: "CB", Value: (1 - p.PCh) * e.xS * e.s},
			{Key: "WAR", Value: p.PCh * e.xH * e.s},
			{Key: "PA", Value: demand * (1 - e.s) * (1 - p.PPro)},
			{Key: "RL", Value: demand * (1 - e.s) * p.PPro},
		},
		PWar:   p.PCh * e.xH * e.s,
		Values: models.Dist{{Key: "x_H", Value: e.xH}, {Key: "x_S", Value: e.xS}, {Key: "s", Value: e.s}, {Key: "q", Value: e.q}},
	}
	eq.Values = append(eq.Values, e.extraValue...)
	return eq
}

// Primary is the D1-consistent equilibrium in numbers, for Monte Carlo use.
type Primary struct {
	Region string // one of the region constants
	// XH, XS: demand probabilities of the Hard and Soft Challenger; S: the
	// Defender's support probability; Q: its belief that a demander is Hard.
	XH, XS, S, Q             float64
	PSQ, PCB, PWar, PPA, PRL float64
}

// SolvePrimary returns the D1-consistent equilibrium without allocating.
// It assumes p is valid (call Validate once at the boundary).
func SolvePrimary(p *Params) Primary {
	e := p.primary()
	d := p.PCh*e.xH + (1-p.PCh)*e.xS
	return Primary{
		Region: e.region, XH: e.xH, XS: e.xS, S: e.s, Q: e.q,
		PSQ: 1 - d, PCB: (1 - p.PCh) * e.xS * e.s, PWar: p.PCh * e.xH * e.s,
		PPA: d * (1 - e.s) * (1 - p.PPro), PRL: d * (1 - e.s) * p.PPro,
	}
}
