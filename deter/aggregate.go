package deter

import (
	"fmt"
	"math"
)

// Aggregation is how the challenger folds the distribution of responding
// sets into one decision: the ln C̄ and ln Π that StatusQuo reads. The
// theory does not settle it, so `guarantor fit` compares the forms on
// Huth's crises by leave-one-out log predictive density (docs/fit.md, "How
// the challenger aggregates over responses") and records the chosen one in
// Coefficients.Aggregation. Every form is monotone in set inclusion: a
// larger responding set has a higher ln C_S and a lower π_S, so a
// responding set that grows pointwise raises ln C̄ − ln Π under each.
//
// AggInformed is a fourth form: the challenger decides after it sees which
// guarantors resist, so its immediate stage has no single index, only a
// probability averaged over sets (Aggregation.StatusQuo). It won the
// pre-registered comparison (docs/fit.md, "A fourth form") and the engine
// runs it; the general and post-war stages, which act before a crisis or
// after a war when there is no counter-threat to observe, read the
// expected form's index (Aggregation.StageIndex).
type Aggregation string

// The aggregation forms.
const (
	// AggExpected is risk-neutral: C̄ = E_R[C_S], Π = E_R[π_S] (MODEL.md §3).
	AggExpected Aggregation = "expected"
	// AggGeometricCost averages the cost on the log scale: ln C̄ =
	// E_R[ln C_S], Π = E_R[π_S].
	AggGeometricCost Aggregation = "geometric-cost"
	// AggPerSet weighs each set's cost-to-prize ratio on the log scale:
	// ln C̄ − ln Π = E_R[ln C_S − ln π_S].
	AggPerSet Aggregation = "per-set"
	// AggInformed is MODEL.md §3's crisis stage: the challenger sees the
	// responding set S before it decides, so P(SQ) = Σ_S P(S) L(A0 + A1
	// (ln C_S − ln π_S)) (docs/fit.md, "A fourth form: the informed
	// challenger"). It has no single ln C̄ − ln Π, so Aggregate cannot
	// serve it; the engine's general and post-war stages read the
	// expected form's index instead (StageIndex).
	AggInformed Aggregation = "informed"
)

// Aggregations lists the forms the engine implements, in the order
// `guarantor fit` reports them; a coefficient file may name any of them.
var Aggregations = []Aggregation{AggExpected, AggGeometricCost, AggPerSet, AggInformed}

// Index reports whether the form reduces the responding sets to one index
// ln C̄ − ln Π (Aggregate) for the immediate stage.
func (a Aggregation) Index() bool { return a != AggInformed }

// StageIndex is the index form the general and post-war stages read under
// a: a itself for an index form, AggExpected for AggInformed. Before a
// crisis (general stage) or after a war (post-war stage) there is no
// counter-threat for the challenger to observe, so it faces the joint
// distribution of responses, and those stages' slopes (gen_slope, the
// post-war slopes) were fitted on the expected form's x = ln C̄ − ln Π
// (docs/assess.md, "The informed challenger's stages").
func (a Aggregation) StageIndex() Aggregation {
	if a.Index() {
		return a
	}
	return AggExpected
}

// ParseAggregation reads a form's name; "" is AggExpected (coefficient
// files written before the field existed).
func ParseAggregation(s string) (Aggregation, error) {
	if s == "" {
		return AggExpected, nil
	}
	for _, a := range Aggregations {
		if string(a) == s {
			return a, nil
		}
	}
	return "", fmt.Errorf("aggregation %q: expected one of expected, geometric-cost, per-set, informed", s)
}

// piFloor bounds π_S away from 0 on the log scale (a challenger with no
// force at all).
const piFloor = 1e-300

// Aggregate returns ln C̄ and ln Π for the responding sets S with
// probabilities p[S], challenger's chances pi[S] and log costs lnC[S]
// (equal lengths; p sums to 1). It allocates nothing. AggInformed has no
// such index: it returns NaN for both, so a caller that forgets to check
// Index gets NaN, not a silently different form.
func (a Aggregation) Aggregate(p, pi, lnC []float64) (logCbar, logPi float64) {
	switch a {
	case AggInformed:
		return math.NaN(), math.NaN()
	case AggGeometricCost:
		var pm float64
		for s, w := range p {
			logCbar += w * lnC[s]
			pm += w * pi[s]
		}
		return logCbar, math.Log(math.Max(pm, piFloor))
	case AggPerSet:
		for s, w := range p {
			if w == 0 {
				continue
			}
			logCbar += w * lnC[s]
			logPi += w * math.Log(math.Max(pi[s], piFloor))
		}
		return logCbar, logPi
	default:
		var pm, cm float64
		for s, w := range p {
			pm += w * pi[s]
			cm += w * math.Exp(lnC[s])
		}
		return math.Log(cm), math.Log(math.Max(pm, piFloor))
	}
}

// StatusQuo returns the immediate-stage P(status quo) under the form for
// the responding sets S with probabilities p[S], challenger's chances
// pi[S] and log costs lnC[S] (as Aggregate). An index form reads
// StatusQuo(ln C̄, ln Π); AggInformed averages each set's probability:
//
//	P(SQ) = Σ_S p[S] · L(A0 + A1 (lnC[S] − ln pi[S])).
//
// Derivation (docs/fit.md): the challenger's valuation V, ln V ~
// Logistic(μ, 1/A1), is independent of S, and it attacks the set it sees
// iff V π_S > C_S. With one set of mass 1 every form gives the same value.
// It allocates nothing.
func (a Aggregation) StatusQuo(c *Coefficients, p, pi, lnC []float64) float64 {
	if a != AggInformed {
		lc, lp := a.Aggregate(p, pi, lnC)
		v, _ := StatusQuo(c, lc, lp, false)
		return v
	}
	var s float64
	for i, w := range p {
		if w == 0 {
			continue // a set that never occurs, whatever its (possibly infinite) index
		}
		v, _ := SetStatusQuo(c, lnC[i], pi[i])
		s += w * v
	}
	return s
}

// SetStatusQuo is one responding set's immediate-stage P(status quo) and
// its index under the informed form: StatusQuo at ln C_S and ln π_S, with
// π_S floored on the log scale as Aggregate floors Π.
func SetStatusQuo(c *Coefficients, lnC, pi float64) (psq, index float64) {
	return StatusQuo(c, lnC, math.Log(math.Max(pi, piFloor)), false)
}
