package aeg

import (
	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve/pbe"
)

// behaviour is a type-contingent behaviour profile of the Harsanyi tree,
// leaving out the last moves, which are dominant (a Hard Challenger
// counter-escalates after E, a Soft one backs down; a strategically Hard
// Defender counter-escalates after the Challenger escalates).
type behaviour struct {
	init   [2]float64    // P(initiate) by Challenger type
	afterD [2]float64    // P(escalate after an in-kind response) by Challenger type
	first  [4][3]float64 // Defender's first response (C, D, E) by type
}

func (p *Params) table(b *behaviour) models.Table {
	two := func(a, c string, x float64) models.Dist {
		return models.Dist{{Key: a, Value: 1 - x}, {Key: c, Value: x}}
	}
	var t models.Table
	for i := 0; i < 2; i++ {
		t = append(t,
			models.Row{Key: infoCh(i), Dist: two("C", "D", b.init[i])},
			models.Row{Key: infoChAfterD(i), Dist: two("C", "E", b.afterD[i])},
			models.Row{Key: infoChAfterE(i), Dist: two("C", "E", boolf(i == 0))})
	}
	for j := 0; j < 4; j++ {
		f := b.first[j]
		t = append(t,
			models.Row{Key: infoDef(j), Dist: models.Dist{{Key: "C", Value: f[0]}, {Key: "D", Value: f[1]}, {Key: "E", Value: f[2]}}},
			models.Row{Key: infoDefAfterE(j), Dist: two("C", "E", boolf(defTypes[j].Strategic))})
	}
	return t
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// defValue is Defender type j's payoff of first response a when a
// demander is Hard with probability q and the Challenger types escalate
// after an in-kind response with probabilities e.
func (p *Params) defValue(j, a int, q float64, e [2]float64) float64 {
	v := [2]float64{}
	for i := 0; i < 2; i++ {
		pay := p.payoffs(i, j)
		switch a {
		case Concede:
			v[i] = pay["DC"][1]
		case InKind:
			esc := pay["ED"][1]
			if defTypes[j].Strategic {
				esc = pay["EE"][1]
			}
			v[i] = (1-e[i])*pay["DD"][1] + e[i]*esc
		default:
			if i == 0 {
				v[i] = pay["EE"][1]
			} else {
				v[i] = pay["DE"][1]
			}
		}
	}
	return q*v[0] + (1-q)*v[1]
}

// chValue is Challenger type i's payoff of initiating against Defender
// type j's first response a, given its own escalation probability e.
func (p *Params) chValue(i, j, a int, e float64) float64 {
	pay := p.payoffs(i, j)
	switch a {
	case Concede:
		return pay["DC"][0]
	case InKind:
		esc := pay["ED"][0]
		if defTypes[j].Strategic {
			esc = pay["EE"][0]
		}
		return (1-e)*pay["DD"][0] + e*esc
	}
	if i == 0 {
		return pay["EE"][0]
	}
	return pay["DE"][0]
}

// mixedPBE searches the PBE in which one Challenger type mixes its
// initiation and one Defender type mixes between two first responses,
// each making the other indifferent (the structure of UDG's Bluff), with
// everything else pure: it solves the two indifference conditions for
// every such pattern and keeps the profiles the PBE verifier accepts on
// the tree. Equilibria with more mixing are not searched.
func (m *Model) mixedPBE(tr *game.Tree) []models.Equilibrium {
	p := &m.P
	pd := p.defProbs()
	var out []models.Equilibrium
	pairs := [3][2]int{{Concede, InKind}, {Concede, Escalate}, {InKind, Escalate}}
	for im := 0; im < 2; im++ { // mixing Challenger type
		for otherInit := 0; otherInit < 2; otherInit++ {
			for esc := 0; esc < 4; esc++ { // pure escalation choices after D
				e := [2]float64{float64(esc & 1), float64(esc >> 1)}
				for jm := 0; jm < 4; jm++ { // mixing Defender type
					if pd[jm] == 0 {
						continue
					}
					for _, pr := range pairs {
						for others := 0; others < 27; others++ {
							b, ok := p.pattern(im, otherInit, e, jm, pr, others)
							if !ok {
								continue
							}
							eq := models.Equilibrium{Strategies: p.table(&b)}
							prof, _, err := models.Assessment(tr, &eq)
							if err != nil {
								continue
							}
							bel, ok := pbe.Complete(tr, prof, pbe.Options{})
							if !ok {
								continue
							}
							if rep, err := pbe.Verify(tr, prof, bel, pbe.Options{}); err != nil || !rep.OK() {
								continue
							}
							out = append(out, m.numerical(tr, prof, bel, "PBE (one mixing pair; off-path beliefs limits of trembles)"))
						}
					}
				}
			}
		}
	}
	return out
}

// pattern solves the indifference conditions of one candidate pattern.
func (p *Params) pattern(im, otherInit int, e [2]float64, jm int, pr [2]int, others int) (behaviour, bool) {
	var b behaviour
	b.afterD = e
	b.init[1-im] = float64(otherInit)
	k := others
	for j := 0; j < 4; j++ {
		if j == jm {
			continue
		}
		b.first[j][k%3] = 1
		k /= 3
	}
	// Defender jm indifferent between pr[0] and pr[1]: linear in q.
	d0 := p.defValue(jm, pr[0], 0, e) - p.defValue(jm, pr[1], 0, e)
	d1 := p.defValue(jm, pr[0], 1, e) - p.defValue(jm, pr[1], 1, e)
	if d0 == d1 {
		return b, false
	}
	q := d0 / (d0 - d1)
	if !(q > 0 && q < 1) {
		return b, false
	}
	// The mixing Challenger type's initiation probability that yields q.
	var x float64
	if im == 1 { // Soft mixes, Hard plays otherInit
		if otherInit == 0 {
			return b, false
		}
		x = p.PCh * (1 - q) / ((1 - p.PCh) * q)
	} else {
		if otherInit == 0 {
			return b, false
		}
		x = (1 - p.PCh) * q / (p.PCh * (1 - q))
	}
	if !(x > 0 && x < 1) {
		return b, false
	}
	b.init[im] = x
	// Challenger im indifferent: sum over Defender types of its value is
	// linear in y, the weight of pr[0] in Defender jm's mix.
	pd := p.defProbs()
	base, slope := -p.CSQ, 0.0
	for j := 0; j < 4; j++ {
		if j == jm {
			v0, v1 := p.chValue(im, j, pr[0], e[im]), p.chValue(im, j, pr[1], e[im])
			base += pd[j] * v1
			slope += pd[j] * (v0 - v1)
			continue
		}
		for a := 0; a < 3; a++ {
			base += pd[j] * b.first[j][a] * p.chValue(im, j, a, e[im])
		}
	}
	if slope == 0 {
		return b, false
	}
	y := -base / slope
	if !(y > 0 && y < 1) {
		return b, false
	}
	b.first[jm][pr[0]], b.first[jm][pr[1]] = y, 1-y
	return b, true
}
