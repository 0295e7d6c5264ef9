package tsg

import (
	"fmt"

	"github.com/guarantor/guarantor/models"
)

// tieTol absorbs rounding in the equality cases of the closed-form
// conditions (a type indifferent between signals, mu exactly t).
const tieTol = 1e-12

var signalName = [2]string{"0", "T"}

// candidate is a pure assessment: each type's signal, the Opportunistic
// Challenger's response to each signal and its belief rho (that the
// Guarantor is Resolved) after each.
type candidate struct {
	sig       [2]int     // by type
	challenge [2]bool    // by signal
	rho       [2]float64 // by signal
	onPath    [2]bool
	d1        bool
}

// Solve enumerates every pure PBE. Equilibria passing D1 come first; among
// them, the enumeration order is pooling on T, separating (R: T),
// separating (R: 0), pooling on 0.
func (m *Model) Solve() *models.Solution {
	p := &m.P
	sol := &models.Solution{Model: "tsg", Parameters: models.Pack(Spec.Params, p.vals()),
		Summary: []models.Field{{Key: "t", Value: p.T()}, {Key: "binding_threshold", Value: p.Kappa - p.VU}, {Key: "binds", Value: p.Binds()}}}
	var pass, fail []models.Equilibrium
	for _, sig := range [][2]int{{Tripwire, Tripwire}, {Tripwire, None}, {None, Tripwire}, {None, None}} {
		for _, c := range p.candidates(sig) {
			eq := m.equilibrium(c)
			if c.d1 {
				pass = append(pass, eq)
			} else {
				fail = append(fail, eq)
			}
		}
	}
	sol.Equilibria = append(pass, fail...)
	return sol
}

// candidates returns the PBE with the given signals (zero, one or two: an
// off-path signal may be met by either response when beliefs allow).
func (p *Params) candidates(sig [2]int) []candidate {
	var c candidate
	c.sig = sig
	off := -1
	for s := 0; s < 2; s++ {
		// A type of prior probability 0 (pi = 0 or 1, the complete-
		// information limit) puts no weight on its signal: a signal only
		// it sends is off the path.
		r, u := sig[0] == s && p.Pi > 0, sig[1] == s && p.Pi < 1
		c.onPath[s] = r || u
		if !c.onPath[s] {
			off = s
			continue
		}
		rhoR := 0.0
		if r {
			rhoR = p.Pi
		}
		rhoU := 0.0
		if u {
			rhoU = 1 - p.Pi
		}
		c.rho[s] = rhoR / (rhoR + rhoU)
		c.challenge[s] = p.mu(s, c.rho[s]) < p.T()
	}
	var out []candidate
	if off < 0 {
		if p.incentive(&c) {
			c.d1 = true
			out = append(out, c)
		}
		return out
	}
	for _, ch := range []bool{false, true} {
		d := c
		d.challenge[off] = ch
		rho, ok := p.supportingBelief(off, ch)
		if !ok {
			continue
		}
		d.rho[off] = rho
		if !p.incentive(&d) {
			continue
		}
		d.d1, d.rho[off] = p.d1(&d, off)
		out = append(out, d)
	}
	return out
}

// mu is the probability the Guarantor fights after s given belief rho.
func (p *Params) mu(s int, rho float64) float64 {
	m := rho
	if p.fights(1, s) {
		m = 1
	}
	return m
}

// supportingBelief returns a belief rho after the off-path signal s under
// which the Opportunistic Challenger's response ch is optimal.
func (p *Params) supportingBelief(s int, ch bool) (float64, bool) {
	if ch { // needs mu < t: lowest mu is at rho = 0
		return 0, p.mu(s, 0) < p.T()
	}
	return 1, true // mu(1) = 1 >= t
}

// incentive checks that each type's signal is a best response.
func (p *Params) incentive(c *candidate) bool {
	sigma := [2]float64{}
	for s := 0; s < 2; s++ {
		if c.challenge[s] {
			sigma[s] = 1
		}
	}
	for typ := 0; typ < 2; typ++ {
		own := c.sig[typ]
		if p.payoff(typ, own, sigma[own]) < p.payoff(typ, 1-own, sigma[1-own])-tieTol {
			return false
		}
	}
	return true
}

// d1 applies the D1 criterion at the off-path signal s: the type that gains
// from deviating for the larger set of challenge probabilities gets the
// off-path belief. It returns whether the prescribed response survives and
// a D1 belief supporting it.
func (p *Params) d1(c *candidate, s int) (bool, float64) {
	var sup [2]float64 // deviation gains iff sigma < sup[typ] (clamped)
	for typ := 0; typ < 2; typ++ {
		eqPay := p.payoff(typ, c.sig[typ], boolf(c.challenge[c.sig[typ]]))
		hi, lo := p.payoff(typ, s, 0), p.payoff(typ, s, 1)
		switch {
		case hi <= eqPay+tieTol:
			sup[typ] = 0
		case lo > eqPay+tieTol:
			sup[typ] = 1
		default:
			sup[typ] = (hi - eqPay) / (hi - lo)
		}
	}
	lo, hi := 0.0, 1.0 // allowed range of rho
	switch {
	case sup[0] > sup[1]+tieTol:
		lo = 1
	case sup[1] > sup[0]+tieTol:
		hi = 0
	}
	for _, rho := range []float64{lo, hi} {
		if (p.mu(s, rho) < p.T()) == c.challenge[s] {
			return true, rho
		}
	}
	return false, c.rho[s]
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func regionName(sig [2]int) string {
	switch {
	case sig[0] == sig[1]:
		return "Pooling on " + signalName[sig[0]]
	default:
		return fmt.Sprintf("Separating (R: %s, U: %s)", signalName[sig[0]], signalName[sig[1]])
	}
}
