package fit

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// BaseRow is one instrument's base-rate estimate from alliance fulfilment.
type BaseRow struct {
	Instrument string
	Obligation evidence.Obligation
	Era        evidence.Era
	Rate       evidence.Rate
	Logit, SE  float64 // posterior mean and SD of logit(p)
}

// logitBeta returns the mean and SD of logit(p) for p ~ Beta(a, b):
// digamma(a) - digamma(b) and sqrt(trigamma(a) + trigamma(b)) (the log of
// a Beta-prime variable; Johnson, Kotz and Balakrishnan 1995, ch. 25).
func logitBeta(a, b float64) (mean, sd float64) {
	return mathext.Digamma(a) - mathext.Digamma(b), math.Sqrt(trigamma(a) + trigamma(b))
}

// trigamma is psi'(x) for x > 0: the recurrence psi'(x) = psi'(x+1) + 1/x^2
// up to x >= 10, then the asymptotic series (Abramowitz and Stegun 6.4.12),
// whose first omitted term, 5/(66 x^11), is below 1e-12 there.
func trigamma(x float64) float64 {
	var s float64
	for x < 10 {
		s += 1 / (x * x)
		x++
	}
	x2 := 1 / (x * x)
	return s + 1/x + x2/2 + (1/x)*x2*(1.0/6-x2*(1.0/30-x2*(1.0/42-x2/30)))
}

// baseMap says which fulfilment cases stand for which instrument. A
// collective-defence treaty and a bilateral pact share the defence-pact
// rate: the BF file's multilateral defence cases after 1945 (0 of 20
// honoured) are Arab League wars, not integrated commands, so the split
// would measure those wars rather than the instrument.
//
// A security assurance is not measured here. Its obligation is to consult,
// and the file's "consultation" cases say nothing about fighting under
// one: every alliance whose only obligation is consultation is coded "not a
// case of performance" (consulLLM), so the 32 coded consultation cases are
// all alliances that also carry a defence, offence, neutrality or
// non-aggression clause, and their "honoured" measures that other clause.
// The assurance's rate is a labelled judgment built on the defence-pact
// rate instead (assuranceOdds in judgment.go).
var baseMap = []struct {
	inst string
	obl  evidence.Obligation
}{
	{"defense_pact", evidence.Defense},
	{"collective_defense", evidence.Defense},
}

// FulfilmentBases returns the fitted Base logits (pre-1945 cases, LLM
// coding, uniform prior) and the Post1945 era shift, estimated on defence
// obligations as the difference of the post- and pre-1945 posterior logits.
func FulfilmentBases() (rows []BaseRow, post deter.Estimate, err error) {
	for _, m := range baseMap {
		r, err := evidence.FulfilmentRate(evidence.LLM, m.obl, evidence.Pre1945)
		if err != nil {
			return nil, post, err
		}
		mu, s := logitBeta(r.Alpha, r.Beta)
		rows = append(rows, BaseRow{Instrument: m.inst, Obligation: m.obl, Era: evidence.Pre1945, Rate: r, Logit: mu, SE: s})
	}
	pre, err := evidence.FulfilmentRate(evidence.LLM, evidence.Defense, evidence.Pre1945)
	if err != nil {
		return nil, post, err
	}
	aft, err := evidence.FulfilmentRate(evidence.LLM, evidence.Defense, evidence.Post1945)
	if err != nil {
		return nil, post, err
	}
	m0, s0 := logitBeta(pre.Alpha, pre.Beta)
	m1, s1 := logitBeta(aft.Alpha, aft.Beta)
	post = deter.Estimate{Value: m1 - m0, SE: math.Hypot(s0, s1), Data: pre.Data,
		Method: fmt.Sprintf("Beta(1,1) posteriors, defence obligations, LLM coding: logit(%d/%d after 1945) - logit(%d/%d before)",
			aft.Honoured, aft.N(), pre.Honoured, pre.N())}
	return rows, post, nil
}
