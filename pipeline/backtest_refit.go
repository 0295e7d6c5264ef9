package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/scenario"
)

// refitItem is one loaded case of a backtest, with where its forecasts
// sit among the scored cases (file horizons) and the spells.
type refitItem struct {
	s                 *Scenario
	scored            bool // scored over the file horizon (or --horizon)
	unscored          bool // trains only (--score): not rerun, not listed
	caseIdx, spellIdx int
}

// CaseExclusion is the data a leave-dyad-out refit leaves out for one
// case: its challenger-protege pair (the protege's sovereign for a
// territory; the pair the engine reads its dyad covariates for), and the
// Huth crises history.HuthCrisisIDs matches to it (the fit_overlap rule).
// A party without a COW code contributes no pair.
func CaseExclusion(sc *scenario.Scenario) (fit.Exclusion, error) {
	var x fit.Exclusion
	a, b := sc.Challenger.Code, sc.Protege.Code
	if sc.Territory != nil {
		b = 0
		if sc.Territory.Sovereign != nil {
			b = sc.Territory.Sovereign.Code
		}
	}
	if a != 0 && b != 0 {
		x.Dyads = []fit.Pair{fit.MakePair(a, b)}
	}
	ids, err := history.HuthCrisisIDs(sc)
	if err != nil {
		return x, err
	}
	x.Huth = ids
	return x, nil
}

type refitted struct {
	coef *deter.Coefficients
	n    fit.RefitCounts
	err  error
}

// refitBacktest refits the coefficients without each dyad group's data
// (one fit per distinct exclusion, on o.Workers goroutines), reruns every
// case with its group's coefficients exactly as the committed engine was
// run (same seed, draws and horizons) and scores the refitted forecasts
// against the same baselines.
func refitBacktest(ctx context.Context, items []refitItem, cases, spells []history.Case, o Options, b BacktestOptions,
	cfg history.Config, scfg history.SurvivalConfig) (*contract.Refit, error) {
	group := map[string]fit.Exclusion{}
	for _, it := range items {
		x, err := CaseExclusion(it.s.source)
		if err != nil {
			return nil, err
		}
		g := history.CaseDyad(it.s.source)
		u := group[g]
		u.Dyads = append(u.Dyads, x.Dyads...)
		u.Huth = append(u.Huth, x.Huth...)
		group[g] = u
	}
	fits := map[string]*refitted{}
	var keys []string
	for _, it := range items { // file order: deterministic
		if it.unscored { // its group's exclusion counts it; its own refit is not needed
			continue
		}
		k := group[history.CaseDyad(it.s.source)].Key()
		if _, ok := fits[k]; !ok {
			fits[k] = &refitted{}
			keys = append(keys, k)
		}
	}
	byKey := map[string]fit.Exclusion{}
	for _, x := range group {
		byKey[x.Key()] = x
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan string)
	for range min(workers, len(keys)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				r := fits[k] // each key is written by one worker
				r.coef, r.n, r.err = fit.Refit(ctx, byKey[k])
			}
		}()
	}
	for _, k := range keys {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, k := range keys {
		if err := fits[k].err; err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, err
			}
			return nil, fmt.Errorf("refit without %s: %w", k, err)
		}
	}

	cases2 := append([]history.Case(nil), cases...)
	spells2 := append([]history.Case(nil), spells...)
	out := &contract.Refit{Method: contract.RefitMethod, Forecaster: contract.RefitForecaster, Refits: len(keys), Cases: []contract.RefitCase{}}
	for i, it := range items {
		if it.unscored {
			continue
		}
		k := group[history.CaseDyad(it.s.source)].Key()
		r := fits[k]
		o2 := o
		o2.Coefficients = r.coef
		rc := contract.RefitCase{Name: it.s.Option.Name, File: it.s.File, Dyad: history.CaseDyad(it.s.source), Excluded: k,
			HuthDropped: r.n.HuthDropped, DyadYearsDropped: r.n.DyadYearsDropped, SpellsDropped: r.n.SpellsDropped, Survival: []float64{}}
		if it.scored {
			var run *Scenario
			var err error
			if b.Horizon > 0 {
				run, err = atHorizon(it.s, b.Horizon, o2)
			} else {
				at := *it.s.source
				run, err = compileWith(&at, o2)
			}
			if err != nil {
				return nil, err
			}
			res, err := run.Run(ctx, o2, progressFunc(o, "backtest, refitted", i, len(items), it.s.Option.Name))
			if err != nil {
				return nil, err
			}
			p := res.Held.Mean
			cases2[it.caseIdx].P, rc.Forecast = p, &p
		}
		if base := spells2[it.spellIdx]; base.HasSpell {
			base.S = nil
			sc, err := survivalCase(ctx, it.s, base, scfg.Horizons(), o2, progressFunc(o, "backtest, refitted survival", i, len(items), it.s.Option.Name))
			if err != nil {
				return nil, err
			}
			spells2[it.spellIdx] = sc
			rc.Survival = append(rc.Survival, sc.S...)
		}
		out.Cases = append(out.Cases, rc)
	}
	if len(cases2) > 0 {
		v, err := history.Validate(cases2, cfg)
		if err != nil {
			return nil, inputErrorf("%v", err)
		}
		out.Sets = contract.FromBacktest(v, o.Version, "", contract.RunInfo{}, b.Bins, nil, nil, 0).Validation.Sets
	}
	sv := history.SurvivalValidation{Tau: b.Tau, Horizons: scfg.Horizons()}
	if len(spells2) > 0 {
		var err error
		sv, err = history.ValidateSurvival(spells2, scfg)
		if errors.Is(err, history.ErrNoSpells) {
			sv.Unknown = len(spells2)
		} else if err != nil {
			return nil, inputErrorf("%v", err)
		}
	}
	out.Survival = contract.FromSurvival(sv)
	out.RenameEngine()
	return out, nil
}
