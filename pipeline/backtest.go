package pipeline

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/uncertainty"
)

// DefaultBins is the calibration table's default number of bins.
const DefaultBins = 5

// BacktestOptions set the validation of a backtest.
type BacktestOptions struct {
	Bins      int // calibration bins, 1 to history.MaxBins
	Resamples int // bootstrap resamples; 0 means history.DefaultResamples
	// Huth adds the validation on Huth's 58 crises (HuthSets).
	Huth bool
	// Horizon, when positive, scores every case at this many years from
	// its start instead of its file's horizon (the observed spell): the
	// engine forecasts P(no attack within Horizon years), the outcome is
	// history.OutcomeAt, and cases whose outcome then is unknown are left
	// out (counted in the document). The survival block scores this
	// horizon too, with censoring weights instead of dropping cases.
	Horizon float64
	// Tau is the survival block's integration limit in whole years: the
	// integrated Brier score averages the IPCW Brier scores at 1, 2, ...,
	// Tau years; 0 means history.DefaultTau.
	Tau int
	// Refit adds the engine refitted without each case's dyad (fit.Refit):
	// one refit per dyad group, cached by the data left out, fitted on
	// Options.Workers goroutines, then the group's cases rerun with it and
	// scored as contract.RefitForecaster (the document's refit block).
	Refit bool
	// Score, when given, restricts the scored cases to those loaded from
	// these files or directories (each must name loaded cases): every
	// loaded case still trains the leave-dyad-out baselines, the refits
	// and the survival block's censoring distribution, so a scored case
	// scores what it scores when every case is scored
	// (history.Case.Unscored). The unscored cases are not run.
	Score []string
}

// MaxHorizon bounds --horizon (years).
const MaxHorizon = 200

// Backtest runs every history case named by paths as of its start date
// and validates the forecasts against the outcomes (BacktestWith with the
// default bootstrap).
func Backtest(ctx context.Context, paths []string, o Options, bins int) (*contract.Backtest, error) {
	return BacktestWith(ctx, paths, o, BacktestOptions{Bins: bins})
}

// BacktestWith runs every history case named by paths as of its start date
// and cross-validates (history.Validate): the engine's forecast, the
// leave-dyad-out base rate and ex-ante logit, on all cases and on the
// closed ones, with bootstrap intervals of the Brier differences (seed
// o.Seed). paths may be empty when b.Huth is set. Drivers are skipped.
func BacktestWith(ctx context.Context, paths []string, o Options, b BacktestOptions) (*contract.Backtest, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	if b.Bins < 1 || b.Bins > history.MaxBins {
		return nil, inputErrorf("--bins must be between 1 and %d, not %d", history.MaxBins, b.Bins)
	}
	if b.Resamples != 0 && (b.Resamples < 2 || b.Resamples > history.MaxResamples) {
		return nil, inputErrorf("--resamples must be between 2 and %d, not %d", history.MaxResamples, b.Resamples)
	}
	if !(b.Horizon >= 0 && b.Horizon <= MaxHorizon) { // NaN too
		return nil, inputErrorf("--horizon must be between 0 (each file's own) and %d years, not %g", MaxHorizon, b.Horizon)
	}
	if b.Tau == 0 {
		b.Tau = history.DefaultTau
	}
	if b.Tau < 1 || b.Tau > history.MaxTau {
		return nil, inputErrorf("--tau must be between 1 and %d years, not %d", history.MaxTau, b.Tau)
	}
	if len(paths) == 0 && !b.Huth {
		return nil, inputErrorf("no history cases (give a directory, or --huth)")
	}
	cfg := history.Config{Bins: b.Bins, Resamples: b.Resamples, Seed: o.Seed}
	scfg := history.SurvivalConfig{Config: cfg, Tau: b.Tau}
	if b.Horizon > 0 {
		scfg.Extra = []float64{b.Horizon}
	}
	var (
		spells  []history.Case // every case, for the survival block
		cases   []history.Case
		hashes  = map[string]string{}
		all     []string
		missing int
		unknown int
		items   []refitItem
	)
	if len(paths) > 0 {
		scs, err := LoadOpts(o, paths...)
		if err != nil {
			return nil, err
		}
		scored, err := scoredCases(scs, b.Score)
		if err != nil {
			return nil, err
		}
		o.DriverSamples = -1
		for i, s := range scs {
			c, run, err := backtestCase(s, b.Horizon, o)
			if err != nil {
				return nil, err
			}
			// An unscored case trains the baselines with its features and
			// outcome; no engine forecast of it is read, so none is run.
			c.Unscored = scored != nil && !scored[i]
			hs := scfg.Horizons()
			if c.Unscored {
				hs = nil
			}
			sc, err := survivalCase(ctx, s, c.Case, hs, o, progressFunc(o, "backtest, survival", i, len(scs), s.Option.Name))
			if err != nil {
				return nil, err
			}
			spells = append(spells, sc)
			items = append(items, refitItem{s: s, scored: run != nil, unscored: c.Unscored, caseIdx: len(cases), spellIdx: len(spells) - 1})
			if run == nil {
				unknown++
				continue
			}
			if c.missing {
				missing++
			}
			if !c.Unscored {
				r, err := run.Run(ctx, o, progressFunc(o, "backtest", i, len(scs), s.Option.Name))
				if err != nil {
					return nil, err
				}
				c.P = r.Held.Mean
			}
			cases = append(cases, c.Case)
			hashes[s.File] = s.InputHash
			all = append(all, s.InputHash)
		}
	}
	if len(paths) > 0 && len(cases) == 0 {
		return nil, inputErrorf("no case has a known outcome at %g years (--horizon)", b.Horizon)
	}
	var v history.Validation
	if len(cases) > 0 {
		var err error
		if v, err = history.Validate(cases, cfg); err != nil {
			return nil, inputErrorf("%v", err)
		}
	}
	sv := history.SurvivalValidation{Tau: b.Tau, Horizons: scfg.Horizons()}
	if len(spells) > 0 {
		var err error
		sv, err = history.ValidateSurvival(spells, scfg)
		if errors.Is(err, history.ErrNoSpells) {
			sv.Unknown = len(spells)
		} else if err != nil {
			return nil, inputErrorf("%v", err)
		}
	}
	var extra []history.Set
	if b.Huth {
		h, err := HuthSets(ctx, cfg)
		if err != nil {
			return nil, err
		}
		extra = append(extra, h...)
	}
	var refs []contract.Reference
	if h, err := evidence.HuthAnalysis(); err == nil {
		for _, m := range h.Models {
			if m.Link == "logit" {
				refs = append(refs, contract.Reference{Name: "Huth 1988 logit, leave-one-out on its own crises", Cases: h.N, Brier: m.BrierLOO})
			}
		}
	}
	d := contract.FromBacktest(v, o.Version, CombineHashes(all...), contract.RunInfo{Seed: o.Seed, Samples: o.samples()},
		b.Bins, hashes, refs, missing, extra...)
	d.HorizonYears, d.UnknownAtHorizon = b.Horizon, unknown
	d.Survival = contract.FromSurvival(sv)
	if b.Refit && len(items) > 0 {
		r, err := refitBacktest(ctx, items, cases, spells, o, b, cfg, scfg)
		if err != nil {
			return nil, err
		}
		d.Refit = r
	}
	return d, nil
}

// scoredCases marks the loaded cases that the --score paths name (nil,
// every case scored, when there are none), after checking that no file
// is loaded twice. A path is a case file or a
// directory of them, read as the loaded paths are; each must name loaded
// cases, compared as files (os.SameFile), so a path spelled differently
// from the argument that loaded it still matches.
func scoredCases(scs []*Scenario, paths []string) ([]bool, error) {
	loaded := make([]os.FileInfo, len(scs))
	for i, s := range scs {
		fi, err := os.Stat(s.File)
		if err != nil {
			return nil, inputErrorf("%s: %v", s.File, err)
		}
		// A file loaded twice would train and be scored twice (a
		// --score list mistaken for more DIRs does this).
		for j, l := range loaded[:i] {
			if os.SameFile(fi, l) {
				return nil, inputErrorf("%s: loaded twice (also as %s); give each case once, and name the cases to score with --score", s.File, scs[j].File)
			}
		}
		loaded[i] = fi
	}
	if len(paths) == 0 {
		return nil, nil
	}
	scored := make([]bool, len(scs))
	for _, p := range paths {
		files, err := scenario.OptionFiles(p)
		if err != nil {
			return nil, inputErrorf("--score: %v", err)
		}
		if len(files) == 0 {
			return nil, inputErrorf("--score %s", scenario.NoOptionFiles(p))
		}
		for _, f := range files {
			fi, err := os.Stat(f)
			if err != nil {
				return nil, inputErrorf("--score %s: %v", f, err)
			}
			found := false
			for i, l := range loaded {
				if os.SameFile(fi, l) {
					scored[i], found = true, true
				}
			}
			if !found {
				return nil, inputErrorf("--score %s: not among the loaded cases (give it, or its directory, as an argument too: a scored case is scored with the others training)", f)
			}
		}
	}
	return scored, nil
}

type caseInfo struct {
	history.Case
	missing bool // no challenger troops in the file
}

// backtestCase reads what the validation needs from a case's file: its
// dyad, ex-ante features and any overlap with the fitting data, and the
// scenario to run. They come from the parsed file Load kept (s.source):
// the compiled option keeps the engine's view, not the file's.
// With a fixed horizon (years > 0) the case is recompiled with that
// horizon (and engine, as Load compiled it) and scored on its outcome
// then; run is nil when that outcome is unknown.
func backtestCase(s *Scenario, years float64, o Options) (c caseInfo, run *Scenario, err error) {
	sc := s.source
	x, missing := history.CaseFeatures(sc)
	overlap, err := history.HuthCrisis(sc)
	if err != nil {
		return caseInfo{}, nil, err
	}
	op := s.Option
	c = caseInfo{Case: history.Case{Name: op.Name, File: op.File, Year: op.Year, Outcome: op.Outcome, Ongoing: op.Ongoing,
		Group: history.CaseDyad(sc), X: x, Overlap: overlap}, missing: missing}
	if years <= 0 {
		return c, s, nil
	}
	if sc.Outcome == nil {
		return c, nil, nil
	}
	out, ok := history.OutcomeAt(sc.Outcome.Deterrence, sc.Outcome.YearsHeld, years)
	if !ok {
		return c, nil, nil
	}
	c.Outcome, c.Ongoing = out, false
	if run, err = atHorizon(s, years, o); err != nil {
		return caseInfo{}, nil, err
	}
	return c, run, nil
}

// atHorizon recompiles a case with its horizon set to years, in memory:
// the file is not changed, and the input hash stays the file's.
func atHorizon(s *Scenario, years float64, o Options) (*Scenario, error) {
	at := *s.source // a copy: s's compiled model keeps the parsed file
	at.Horizon = scenario.Quantity{Dist: uncertainty.PointDist(years), Source: "guarantor backtest: fixed horizon", Set: true}
	run, err := compileWith(&at, o)
	if err != nil {
		return nil, err
	}
	run.InputHash = s.InputHash
	return run, nil
}

// survivalCase completes a case's dyad, features and overlap (base, as
// backtestCase read them) with its spell (Spell) and runs the engine at
// every horizon of the survival block (P(no attack within t years), the
// case recompiled with horizon t in memory, same seed: common random
// numbers across horizons). HasSpell is false, and nothing is run, when
// the spell is unknown.
func survivalCase(ctx context.Context, s *Scenario, base history.Case, hs []float64, o Options, progress func(done, total int)) (history.Case, error) {
	c := base
	c.Outcome, c.Ongoing = s.Option.Outcome, s.Option.Ongoing // the file's, whatever --horizon made of them
	sc := s.source
	c.Spell, c.HasSpell = Spell(sc)
	if !c.HasSpell {
		return c, nil
	}
	for k, t := range hs {
		run, err := atHorizon(s, t, o)
		if err != nil {
			return history.Case{}, err
		}
		var p func(done, total int)
		if progress != nil { // the horizons one after another, as one bar
			p = func(done, total int) { progress(k*total+done, len(hs)*total) }
		}
		r, err := run.Run(ctx, o, p)
		if err != nil {
			return history.Case{}, err
		}
		c.S = append(c.S, r.Held.Mean)
	}
	return c, nil
}

// Spell is a history case's survival observation: years_held from its
// outcome (docs/cases.md: outcome date, or coding date, minus start, in
// years of 365.25 days, one decimal), failed when deterrence failed;
// held and ongoing spells are censored. A years_held of 0 (or none) is
// read from the dates instead when the file gives period.start and
// outcome.date, since a failure within weeks rounds to 0.0; ok is false
// when neither gives the spell.
func Spell(sc *scenario.Scenario) (sp history.Spell, ok bool) {
	o := sc.Outcome
	if o == nil || (o.Deterrence != "failed" && o.Deterrence != "held" && o.Deterrence != "ongoing") {
		return history.Spell{}, false
	}
	sp.Failed = o.Deterrence == "failed"
	if o.YearsHeld > 0 {
		sp.Years = o.YearsHeld
		return sp, true
	}
	if sc.Period == nil || o.Date == "" {
		return history.Spell{}, false
	}
	from, err1 := time.Parse(time.DateOnly, scenario.DateStart(sc.Period.Start))
	to, err2 := time.Parse(time.DateOnly, scenario.DateStart(o.Date))
	if err1 != nil || err2 != nil || to.Before(from) {
		return history.Spell{}, false
	}
	sp.Years = to.Sub(from).Hours() / 24 / 365.25
	return sp, true
}
