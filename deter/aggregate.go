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
)

// Aggregations lists the forms in the order `guarantor fit` reports them.
var Aggregations = []Aggregation{AggExpected, AggGeometricCost, AggPerSet}

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
	return "", fmt.Errorf("aggregation %q: expected one of expected, geometric-cost, per-set", s)
}

// piFloor bounds π_S away from 0 on the log scale (a challenger with no
// force at all).
const piFloor = 1e-300

// Aggregate returns ln C̄ and ln Π for the responding sets S with
// probabilities p[S], challenger's chances pi[S] and log costs lnC[S]
// (equal lengths; p sums to 1). It allocates nothing.
func (a Aggregation) Aggregate(p, pi, lnC []float64) (logCbar, logPi float64) {
	switch a {
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
