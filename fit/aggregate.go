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
}

// aggregationTie is the margin (nats of LOO log predictive density) below
// which the current form, deter.AggExpected, is kept (docs/fit.md).
const aggregationTie = 0.1

// CompareAggregations scores every deter.Aggregation on ks by leave-one-out
// log predictive density and returns the rows and the chosen form: the
// highest, unless it beats the expected form by less than aggregationTie.
// spec's own Aggregation is ignored.
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
		r := AggregationRow{Form: a, LOOBrier: Brier(psq, y), LogLik: f.LogLik}
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
	best := rows[0]
	for _, r := range rows[1:] {
		if r.LOOLogLik > best.LOOLogLik {
			best = r
		}
	}
	if best.LOOLogLik-rows[0].LOOLogLik < aggregationTie {
		best = rows[0]
	}
	return rows, best.Form, nil
}
