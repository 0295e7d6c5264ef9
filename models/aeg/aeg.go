// Package aeg is the Asymmetric Escalation Game (Zagare and Kilgour,
// Perfect Deterrence ch. 6-9, App. 6-8; tree reconstructed from the 1995
// abstract, SPEC.md §1.3): the Challenger keeps the status quo (C) or
// initiates (D); the Defender concedes (C, outcome DC), responds in kind
// (D) or escalates (E). After D the Challenger stops (DD) or escalates, and
// the Defender then concedes (ED) or counter-escalates (EE). After E the
// Challenger backs down (DE) or counter-escalates (EE).
//
// The Challenger is strategically Hard (prefers EE to DE) with probability
// pCh. The Defender has a tactical type (Hard prefers DD to DC) and a
// strategic type (Hard prefers EE to ED), with probabilities pHH, pHS, pSH,
// pSS (tactical, strategic).
//
// Under complete information (pCh in {0,1}, one Defender type certain) the
// subgame-perfect equilibrium is solved in closed form: deterrence holds
// iff the Challenger is Soft or the Defender is Hard at both levels. Under
// incomplete information the book's threshold set was not available, so
// Solve searches the Harsanyi-transformed tree numerically: every pure PBE
// (pbe.EnumPure) and every PBE with one mixing Challenger type and one
// mixing Defender type (indifference conditions solved pattern by pattern,
// each candidate confirmed by the PBE verifier). It reports each distinct
// outcome distribution, least favourable to deterrence first.
package aeg

import (
	"fmt"
	"math"

	"github.com/guarantor/guarantor/models"
)

// Params are the twenty parameters: Challenger utilities c*, Defender
// utilities d*, and the type probabilities.
type Params struct {
	CEEM, CDE, CEEP, CDD, CED, CSQ, CDC        float64
	DEEM, DED, DEEP, DDDM, DDC, DDDP, DDE, DSQ float64
	PCh, PHH, PHS, PSH, PSS                    float64
}

// Spec documents the parameters and orderings.
var Spec = models.Spec{
	Name:    "aeg",
	Summary: "Asymmetric escalation game: tactical and strategic Defender types; complete-information SPE and numerical PBE",
	Params: []models.ParamSpec{
		{Name: "cEE-", Meaning: "Soft Challenger's utility of escalated conflict (EE)"},
		{Name: "cDE", Meaning: "Challenger's utility when it backs down after the Defender escalates (DE)"},
		{Name: "cEE+", Meaning: "Hard Challenger's utility of escalated conflict"},
		{Name: "cDD", Meaning: "Challenger's utility of limited conflict (DD)"},
		{Name: "cED", Meaning: "Challenger's utility when it escalates and the Defender does not (ED)"},
		{Name: "cSQ", Meaning: "Challenger's utility of the status quo"},
		{Name: "cDC", Meaning: "Challenger's utility when the Defender concedes (DC)"},
		{Name: "dEE-", Meaning: "strategically Soft Defender's utility of escalated conflict"},
		{Name: "dED", Meaning: "Defender's utility when the Challenger escalates and it does not (ED)"},
		{Name: "dEE+", Meaning: "strategically Hard Defender's utility of escalated conflict"},
		{Name: "dDD-", Meaning: "tactically Soft Defender's utility of limited conflict"},
		{Name: "dDC", Meaning: "Defender's utility of conceding"},
		{Name: "dDD+", Meaning: "tactically Hard Defender's utility of limited conflict"},
		{Name: "dDE", Meaning: "Defender's utility when it escalates and the Challenger backs down"},
		{Name: "dSQ", Meaning: "Defender's utility of the status quo"},
		{Name: "pCh", Meaning: "probability the Challenger is (strategically) Hard"},
		{Name: "pHH", Meaning: "probability the Defender is Hard tactically and strategically"},
		{Name: "pHS", Meaning: "probability the Defender is tactically Hard, strategically Soft"},
		{Name: "pSH", Meaning: "probability the Defender is tactically Soft, strategically Hard"},
		{Name: "pSS", Meaning: "probability the Defender is Soft at both levels"},
	},
	Orderings: []string{
		"cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC",
		"dEE- < dED < dEE+ < dDD- < dDC < dDD+ < dDE < dSQ",
		"0 <= pCh <= 1", "0 <= pHH, pHS, pSH, pSS", "pHH + pHS + pSH + pSS = 1",
	},
	Example: "cEE-=-3 cDE=-2 cEE+=-1 cDD=0 cED=1 cSQ=2 cDC=3 dEE-=-4 dED=-3 dEE+=-2 dDD-=-1 dDC=0 dDD+=1 dDE=2 dSQ=3 pCh=1 pHH=0 pHS=1 pSH=0 pSS=0",
}

func (p *Params) ptrs() []*float64 {
	return []*float64{&p.CEEM, &p.CDE, &p.CEEP, &p.CDD, &p.CED, &p.CSQ, &p.CDC,
		&p.DEEM, &p.DED, &p.DEEP, &p.DDDM, &p.DDC, &p.DDDP, &p.DDE, &p.DSQ,
		&p.PCh, &p.PHH, &p.PHS, &p.PSH, &p.PSS}
}

func (p *Params) vals() []float64 {
	out := make([]float64, 0, 20)
	for _, x := range p.ptrs() {
		out = append(out, *x)
	}
	return out
}

// sumTol is how far the Defender's type probabilities may sum from 1
// (decimal inputs such as 0.1+0.2+0.3+0.4 do not sum to 1 exactly in
// float64).
const sumTol = 1e-9

// Validate names the first violated ordering.
func (p *Params) Validate() error {
	o := models.Order{Model: "aeg"}
	o.Finite(Spec.Params, p.vals())
	o.Chain([]string{"cEE-", "cDE", "cEE+", "cDD", "cED", "cSQ", "cDC"}, p.CEEM, p.CDE, p.CEEP, p.CDD, p.CED, p.CSQ, p.CDC)
	o.Chain([]string{"dEE-", "dED", "dEE+", "dDD-", "dDC", "dDD+", "dDE", "dSQ"}, p.DEEM, p.DED, p.DEEP, p.DDDM, p.DDC, p.DDDP, p.DDE, p.DSQ)
	o.Prob("pCh", p.PCh, false)
	for i, x := range p.defProbs() {
		o.Prob(defProbName[i], x, false)
	}
	s := p.PHH + p.PHS + p.PSH + p.PSS
	o.Require(math.Abs(s-1) <= sumTol, "pHH + pHS + pSH + pSS = 1", fmt.Sprintf("sum=%g", s))
	return o.Err()
}

var defProbName = [4]string{"pHH", "pHS", "pSH", "pSS"}

func (p *Params) defProbs() [4]float64 { return [4]float64{p.PHH, p.PHS, p.PSH, p.PSS} }

// Model is a validated AEG.
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
	if err := models.Bind("aeg", Spec.Params, p.ptrs(), v); err != nil {
		return nil, err
	}
	return New(p)
}

// DefType is the Defender's (tactical, strategic) type; true is Hard.
type DefType struct{ Tactical, Strategic bool }

// defTypes lists the Defender types in parameter order HH, HS, SH, SS.
var defTypes = [4]DefType{{true, true}, {true, false}, {false, true}, {false, false}}

func (d DefType) String() string {
	s := func(h bool) string {
		if h {
			return "H"
		}
		return "S"
	}
	return s(d.Tactical) + s(d.Strategic)
}

// Complete reports whether the priors are degenerate (complete
// information), and the certain types.
func (p *Params) Complete() (chHard bool, def DefType, ok bool) {
	if p.PCh != 0 && p.PCh != 1 {
		return false, DefType{}, false
	}
	for i, x := range p.defProbs() {
		if x == 1 {
			return p.PCh == 1, defTypes[i], true
		}
	}
	return false, DefType{}, false
}
