package pipeline

import (
	"context"
	"fmt"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/history"
)

// DefaultBins is the calibration table's default number of bins.
const DefaultBins = 5

// Backtest runs every history case named by paths as of its start date
// and scores the forecasts against the outcomes (history.Evaluate). bins
// must be in [1, history.MaxBins]. Drivers are skipped.
func Backtest(ctx context.Context, paths []string, o Options, bins int) (*contract.Backtest, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	if bins < 1 || bins > history.MaxBins {
		return nil, fmt.Errorf("%w: --bins must be between 1 and %d, not %d", ErrInput, history.MaxBins, bins)
	}
	scs, err := LoadWith(o.Engine, paths...)
	if err != nil {
		return nil, err
	}
	o.DriverSamples = -1
	var cases []history.Case
	hashes := map[string]string{}
	var all []string
	for i, s := range scs {
		r, err := s.Run(ctx, o, progressFunc(o, "backtest", i, len(scs), s.Option.Name))
		if err != nil {
			return nil, err
		}
		op := s.Option
		cases = append(cases, history.Case{Name: op.Name, File: op.File, Year: op.Year, P: r.Held.Mean, Outcome: op.Outcome, Ongoing: op.Ongoing})
		hashes[op.File] = s.InputHash
		all = append(all, s.InputHash)
	}
	b, err := history.Evaluate(cases, bins)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	var refs []contract.Reference
	if h, err := evidence.HuthAnalysis(); err == nil {
		for _, m := range h.Models {
			if m.Link == "logit" {
				refs = append(refs, contract.Reference{Name: "Huth 1988 logit, leave-one-out on its own crises", Cases: h.N, Brier: m.BrierLOO})
			}
		}
	}
	return contract.FromBacktest(b, o.Version, CombineHashes(all...), contract.RunInfo{Seed: o.Seed, Samples: o.samples()}, bins, hashes, refs), nil
}
