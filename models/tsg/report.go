package tsg

import (
	"math/big"
	"strings"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
)

var (
	typeName = [2]string{"R", "U"}
	infoSig  = [2]string{"G(R)", "G(U)"}
	infoO    = [2]string{"O after 0", "O after T"}
)

func infoResp(typ, s int) string { return "G(" + typeName[typ] + ") challenged after " + signalName[s] }

func (m *Model) equilibrium(c candidate) models.Equilibrium {
	p := &m.P
	prior := [2]float64{p.Pi, 1 - p.Pi}
	two := func(a, b string, x float64) models.Dist {
		return models.Dist{{Key: a, Value: 1 - x}, {Key: b, Value: x}}
	}
	eq := models.Equilibrium{Region: regionName(c.sig), Refinement: "D1", PassesRefinement: c.d1}
	var sq, war, bd, eu, pT float64
	var notes []string
	for typ := 0; typ < 2; typ++ {
		s := c.sig[typ]
		eq.Strategies = append(eq.Strategies, models.Row{Key: infoSig[typ], Dist: two("0", "T", float64(s))})
		eq.Beliefs = append(eq.Beliefs, models.Row{Key: infoSig[typ], Dist: models.Dist{{Key: "C Determined", Value: p.Lambda}, {Key: "C Opportunistic", Value: 1 - p.Lambda}}})
		pc := p.Lambda + (1-p.Lambda)*boolf(c.challenge[s])
		sq += prior[typ] * (1 - pc)
		if p.fights(typ, s) {
			war += prior[typ] * pc
		} else {
			bd += prior[typ] * pc
		}
		eu += prior[typ] * p.payoff(typ, s, boolf(c.challenge[s]))
		pT += prior[typ] * float64(s)
	}
	for s := 0; s < 2; s++ {
		eq.Strategies = append(eq.Strategies, models.Row{Key: infoO[s], Dist: two("N", "Ch", boolf(c.challenge[s]))})
		eq.Beliefs = append(eq.Beliefs, models.Row{Key: infoO[s], Dist: models.Dist{{Key: "G R", Value: c.rho[s]}, {Key: "G U", Value: 1 - c.rho[s]}}})
	}
	for typ := 0; typ < 2; typ++ {
		for s := 0; s < 2; s++ {
			eq.Strategies = append(eq.Strategies, models.Row{Key: infoResp(typ, s), Dist: two("BD", "F", boolf(p.fights(typ, s)))})
			den := p.Lambda + (1-p.Lambda)*boolf(c.challenge[s])
			det := 0.5 // unreached and payoff-irrelevant: any belief
			if den > 0 {
				det = p.Lambda / den
			}
			eq.Beliefs = append(eq.Beliefs, models.Row{Key: infoResp(typ, s), Dist: models.Dist{{Key: "C Determined", Value: det}, {Key: "C Opportunistic", Value: 1 - det}}})
		}
	}
	eq.Outcomes = models.Dist{{Key: "SQ", Value: sq}, {Key: "WAR", Value: war}, {Key: "BD", Value: bd}}
	eq.PWar = war
	eq.Values = models.Dist{
		{Key: "EU_G", Value: eu},
		{Key: "EU_R", Value: p.payoff(0, c.sig[0], boolf(c.challenge[c.sig[0]]))},
		{Key: "EU_U", Value: p.payoff(1, c.sig[1], boolf(c.challenge[c.sig[1]]))},
		{Key: "p_T", Value: pT},
		{Key: "mu_0", Value: p.mu(0, c.rho[0])},
		{Key: "mu_T", Value: p.mu(1, c.rho[1])},
	}
	if c.sig[1] == Tripwire && !p.Binds() {
		notes = append(notes, "U bluffs: it deploys a tripwire and backs down if challenged")
	} else {
		notes = append(notes, "no bluff")
	}
	for s := 0; s < 2; s++ {
		if !c.onPath[s] {
			notes = append(notes, "off-path signal "+signalName[s]+" met by "+map[bool]string{true: "a challenge", false: "no challenge"}[c.challenge[s]])
		}
	}
	if !c.d1 {
		notes = append(notes, "fails D1: the off-path response needs a belief D1 rules out")
	}
	eq.Note = strings.Join(notes, "; ")
	return eq
}

// Game returns the TSG tree: chance draws (Guarantor type, Challenger
// type); the Guarantor signals knowing its type; the Opportunistic
// Challenger sees the signal, not the type; a Determined one challenges
// without a move; a challenged Guarantor fights (F) or backs down (BD) not
// knowing which Challenger it faces. Payoffs (Guarantor, Challenger), exact.
func (m *Model) Game() (*game.Tree, error) {
	p := &m.P
	b := game.NewBuilder("Tripwire Signalling Game (guarantor tsg)", "Guarantor", "Challenger")
	one := big.NewRat(1, 1)
	pg := [2]*big.Rat{models.Rat(p.Pi), new(big.Rat).Sub(one, models.Rat(p.Pi))}
	pc := [2]*big.Rat{models.Rat(p.Lambda), new(big.Rat).Sub(one, models.Rat(p.Lambda))}
	cName := [2]string{"C Determined", "C Opportunistic"}
	var labels []string
	var probs []*big.Rat
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			labels = append(labels, "G "+typeName[i]+", "+cName[j])
			probs = append(probs, new(big.Rat).Mul(pg[i], pc[j]))
		}
	}
	kids := models.TypeRoot(b, "types", labels, probs)
	var isSig [2]int
	var isO [2]int
	var isResp [2][2]int
	for i := 0; i < 2; i++ {
		isSig[i] = b.AddInfoset(1, 0, infoSig[i], "0", "T")
	}
	for s := 0; s < 2; s++ {
		isO[s] = b.AddInfoset(2, 0, infoO[s], "N", "Ch")
		for i := 0; i < 2; i++ {
			isResp[i][s] = b.AddInfoset(1, 0, infoResp(i, s), "BD", "F")
		}
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			n := kids[2*i+j]
			b.SetLabel(n, cName[j])
			for s, after := range b.Move(n, isSig[i]) {
				chal := after
				if j == 1 { // Opportunistic: a move
					b.SetLabel(after, "G "+typeName[i])
					o := b.Move(after, isO[s])
					b.SetOutcome(o[0], b.AddOutcome("SQ", []*big.Rat{models.RatSum(p.value(i), -p.sunk(s)), new(big.Rat)}))
					chal = o[1]
				}
				b.SetLabel(chal, cName[j])
				r := b.Move(chal, isResp[i][s])
				b.SetOutcome(r[0], b.AddOutcome("BD", []*big.Rat{models.RatSum(-p.audience(s), -p.sunk(s)), models.Rat(p.B)}))
				b.SetOutcome(r[1], b.AddOutcome("WAR", []*big.Rat{models.RatSum(p.value(i), -p.Kappa, -p.sunk(s)), models.Rat(-p.C)}))
			}
		}
	}
	return b.Build()
}

func (p *Params) sunk(s int) float64 {
	if s == Tripwire {
		return p.K
	}
	return 0
}

func (p *Params) audience(s int) float64 {
	if s == Tripwire {
		return p.A
	}
	return 0
}
