package fit

import (
	"context"
	"fmt"
	"math"

	"github.com/guarantor/guarantor/deter"
)

// AggregationRow scores one form of the challenger's aggregation over
// responses (deter.Aggregation) on Huth's crises, every crisis predicted by
// the chain refitted without it.
type AggregationRow struct {
	Form deter.Aggregation
	// Wins marks the form the pre-registered rule picks among all the rows
	// (the highest LOOLogLik unless it beats expected by less than
	// aggregationTie): the form the fit uses.
	Wins bool
	// LOOLogLik is the sum over crises of the leave-one-out log predictive
	// density of the observed outcome (status quo, back-down or war): the
	// criterion (docs/fit.md).
	LOOLogLik float64
	// DiffSE is the standard error of LOOLogLik minus the expected form's,
	// from the per-crisis differences (sqrt(n) times their SD); 0 for the
	// expected form itself.
	DiffSE float64
	// LOOBrier is the leave-one-out Brier score of P(status quo): reported,
	// not used to choose.
	LOOBrier float64
	// LogLik is the in-sample log-likelihood at the full-data fit.
	LogLik float64
	// Params are the full-data fit's estimates and SEs under the form.
	Params []ParamRow
}

// aggregationTie is the margin (nats of LOO log predictive density) below
// which the current form, deter.AggExpected, is kept (docs/fit.md).
const aggregationTie = 0.1

// CompareAggregations scores every form in deter.Aggregations on ks by
// leave-one-out log predictive density. The rule (docs/fit.md, fixed before
// any form was scored) picks the highest, unless it beats the expected form
// by less than aggregationTie; that row has Wins set. It returns the rows
// and the form the fit uses: the winner (the engine runs every compared
// form; deter.AggInformed's general and post-war stages read the expected
// form's index). spec's own Aggregation is ignored.
func CompareAggregations(ctx context.Context, ks []Crisis, spec HuthSpec) ([]AggregationRow, deter.Aggregation, error) {
	n := len(ks)
	y := make([]float64, n)
	for i, k := range ks {
		y[i] = k.Deterred()
	}
	var rows []AggregationRow
	var base []float64 // per-crisis LOO log density of the expected form
	for _, a := range deter.Aggregations {
		sp := spec
		sp.Aggregation = a
		ll := make([]float64, n)
		psq := make([]float64, n)
		for i := range ks {
			if err := ctx.Err(); err != nil {
				return nil, "", err
			}
			train := make([]Crisis, 0, n-1)
			train = append(append(train, ks[:i]...), ks[i+1:]...)
			f, err := FitHuth(train, sp)
			if err != nil {
				return nil, "", fmt.Errorf("aggregation %s, leave out crisis %d: %w", a, ks[i].ID, err)
			}
			m := newHuthModel(f.Sol.Theta, sp)
			ll[i] = m.logLik(&ks[i])
			_, psq[i] = m.probs(&ks[i])
		}
		f, err := FitHuth(ks, sp)
		if err != nil {
			return nil, "", fmt.Errorf("aggregation %s: %w", a, err)
		}
		r := AggregationRow{Form: a, LOOBrier: Brier(psq, y), LogLik: f.LogLik, Params: huthReport(ks, f, "").Params}
		for _, v := range ll {
			r.LOOLogLik += v
		}
		if a == deter.AggExpected {
			base = ll
		} else {
			d := make([]float64, n)
			for i := range d {
				d[i] = ll[i] - base[i]
			}
			r.DiffSE = math.Sqrt(float64(n)) * sd(d)
		}
		rows = append(rows, r)
	}
	return rows, chooseAggregation(rows), nil
}

// chooseAggregation applies the pre-registered rule to rows (rows[0] is the
// expected form): the highest LOO log density wins, unless it beats
// expected by less than aggregationTie. It sets the winner's Wins and
// returns it: the form the fit uses.
func chooseAggregation(rows []AggregationRow) deter.Aggregation {
	best := 0
	for i, r := range rows {
		if r.LOOLogLik > rows[best].LOOLogLik {
			best = i
		}
	}
	if rows[best].LOOLogLik-rows[0].LOOLogLik < aggregationTie {
		best = 0
	}
	rows[best].Wins = true
	return rows[best].Form
}

// crisisOutcomes returns the probabilities of a one-defender crisis's three
// outcomes under the form a, for the sets {} and {defender} with
// probabilities p = (1 − q, q), challenger's chances pi and log costs lnC.
//
// An index form has the challenger decide before the defender's response,
// against their mixture; a defender that is attacked then fights with
// probability q:
//
//	SQ = L(A0 + A1 x̄),  back-down = (1 − SQ)(1 − q),  war = (1 − SQ) q.
//
// The informed form has it decide after it has seen whether the defender
// resisted (docs/fit.md, "A fourth form"), and a defender that resisted
// fights:
//
//	SQ = q L_D + (1 − q) L_∅,  back-down = (1 − q)(1 − L_∅),  war = q (1 − L_D),
//
// with L_S = L(A0 + A1 (ln C_S − ln π_S)); here 1 − L_S is L of the
// negated index, so that a near-certain status quo keeps its tail.
func crisisOutcomes(a deter.Aggregation, c *deter.Coefficients, p, pi, lnC [2]float64) (sq, backDown, war float64) {
	if a == "" {
		a = deter.AggExpected
	}
	q := p[1]
	if a.Index() {
		lc, lp := a.Aggregate(p[:], pi[:], lnC[:])
		sq, _ := deter.StatusQuo(c, lc, lp, false)
		// 1 − SQ as the fit has always computed it: the committed
		// coefficients are reproduced bit for bit (TestCommitted).
		return sq, (1 - sq) * (1 - q), (1 - sq) * q
	}
	l0, i0 := deter.SetStatusQuo(c, lnC[0], pi[0])
	lD, iD := deter.SetStatusQuo(c, lnC[1], pi[1])
	return q*lD + (1-q)*l0, (1 - q) * deter.Logistic(-i0), q * deter.Logistic(-iD)
}
