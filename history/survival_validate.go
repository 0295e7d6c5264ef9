package history

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// The survival backtest's forecasters, as the outputs name them.
const (
	ForecasterKM        = "Kaplan-Meier (leave-dyad-out)"
	ForecasterLogitIPCW = "ex-ante logit, IPCW (leave-dyad-out)"
)

// DefaultTau is the survival backtest's default integration limit in
// years: the integrated Brier score averages the yearly scores at 1, 2,
// ..., DefaultTau years.
const DefaultTau = 10

// MaxTau bounds --tau (years); the engine is run once per year of the
// grid.
const MaxTau = 50

// SurvivalMethod is the Method of the survival sets.
const SurvivalMethod = "time-dependent Brier score with inverse-probability-of-censoring weights (Graf et al. 1999) at " +
	"fixed horizons from each case's start, and its integral over (0, tau]; the censoring distribution is the " +
	"Kaplan-Meier estimate on the set's own cases; the engine's P(no attack within t years) as it is (it fits " +
	"nothing on the case base); the Kaplan-Meier survival and the ex-ante logit (IPCW, at each horizon) refitted " +
	"without the scored case's whole dyad"

// SurvivalConfig sets a survival validation: the yearly grid of the
// integrated Brier score is 1, 2, ..., Tau; Extra horizons (--horizon)
// are scored too but do not enter the integral.
type SurvivalConfig struct {
	Config
	Tau   int
	Extra []float64
}

// Horizons are the horizons scored, in the order of Case.S: the grid 1,
// ..., Tau, then each Extra horizon not on it.
func (c SurvivalConfig) Horizons() []float64 {
	var hs []float64
	for k := 1; k <= c.Tau; k++ {
		hs = append(hs, float64(k))
	}
	for _, t := range c.Extra {
		if !slices.Contains(hs, t) {
			hs = append(hs, t)
		}
	}
	return hs
}

func (c SurvivalConfig) check() error {
	if err := c.Config.check(); err != nil {
		return err
	}
	if c.Tau < 1 || c.Tau > MaxTau {
		return fmt.Errorf("tau must be between 1 and %d years, not %d", MaxTau, c.Tau)
	}
	for _, t := range c.Extra {
		if !(t > 0) || math.IsInf(t, 0) {
			return fmt.Errorf("horizon %v: must be a positive number of years", t)
		}
	}
	return nil
}

// SurvivalScored is one forecaster's survival scores on a set: the
// integrated Brier score over the grid, the IPCW Brier score at every
// horizon (SurvivalValidation.Horizons) and, except for "always
// deterred", its calibration at every horizon (CalibrateIPCW).
type SurvivalScored struct {
	Name        string
	IBS         float64
	Brier       []float64
	Calibration [][]Bin
}

// HorizonStats describes a set at one horizon.
type HorizonStats struct {
	Years float64
	// Known counts the cases whose status at Years is known (failed by
	// then, or observed past it): the cases with a weight; FailedBy the
	// failures at or before Years.
	Known, FailedBy int
	// KM is the Kaplan-Meier survival of the set's scored cases at Years,
	// Censoring the censoring distribution G(Years) behind the weights
	// (estimated on every case of the set, scored or not).
	KM, Censoring float64
}

// SurvivalSet is the survival validation on one set of cases.
type SurvivalSet struct {
	Name, Method string
	N, Groups    int
	Failed       int // failures observed at any time
	Horizons     []HorizonStats
	Forecasters  []SurvivalScored
	// Differences are IBS(engine) - IBS(baseline), with bootstrap
	// intervals of the per-case weighted loss differences (the censoring
	// weights held fixed). AtHorizon[k] are the same differences of the
	// Brier scores at Horizons[k].
	Differences []Difference
	AtHorizon   [][]Difference
	// Notes say which baselines carry no information on the set, and why
	// (one dyad: nothing to fit; no failure: nothing to learn).
	Notes []Note
}

// SurvivalValidation is the survival backtest of the case base.
type SurvivalValidation struct {
	Tau      int
	Horizons []float64 // scored; the first Tau make the integral's grid
	Cases    []Case    // the scored cases with a spell, in input order
	// BaseS and LogitS are the leave-dyad-out forecasts of the all-cases
	// set: BaseS[i][k] is case i's at Horizons[k].
	BaseS, LogitS [][]float64
	// Unknown counts the cases left out for want of a spell (no outcome,
	// or no years held), scored or not.
	Unknown int
	// All, Closed, Unseen as in Validation; N == 0 when absent.
	All, Closed, Unseen SurvivalSet
}

// ErrNoSpells reports a survival validation without a case that has a
// spell.
var ErrNoSpells = errors.New("survival backtest: no case gives its years held")

// ValidateSurvival scores the engine's survival forecasts (Case.S, at
// c.Horizons()) against each case's spell, beside the leave-dyad-out
// Kaplan-Meier survival and ex-ante logit, with the time-dependent IPCW
// Brier score at every horizon and its integral over the grid, for all
// cases, the closed ones and the cases outside the fitting data; each set
// is scored on its own (its censoring distribution and its baselines
// fitted on its cases alone). Cases without a spell (Case.HasSpell) are
// counted in Unknown. Cases marked Unscored train the baselines and enter
// the censoring distribution of every set they belong to, but are not
// scored (SubsetMethod); it is ErrNoSpells when no scored case has a
// spell.
func ValidateSurvival(cases []Case, c SurvivalConfig) (SurvivalValidation, error) {
	if err := c.check(); err != nil {
		return SurvivalValidation{}, err
	}
	hs := c.Horizons()
	v := SurvivalValidation{Tau: c.Tau, Horizons: hs}
	var train []Case // scored or not
	for _, k := range cases {
		if !k.HasSpell {
			v.Unknown++
			continue
		}
		if len(k.X) != len(FeatureNames) {
			return SurvivalValidation{}, fmt.Errorf("%s: %d ex-ante features, want %d", k.File, len(k.X), len(FeatureNames))
		}
		if !k.Unscored && len(k.S) != len(hs) {
			return SurvivalValidation{}, fmt.Errorf("%s: %d survival forecasts for %d horizons", k.File, len(k.S), len(hs))
		}
		if !(k.Spell.Years >= 0) || math.IsInf(k.Spell.Years, 0) {
			return SurvivalValidation{}, fmt.Errorf("%s: years held %v", k.File, k.Spell.Years)
		}
		train = append(train, k)
		if !k.Unscored {
			v.Cases = append(v.Cases, k)
		}
	}
	if len(v.Cases) == 0 {
		return v, ErrNoSpells
	}
	var err error
	if v.All, v.BaseS, v.LogitS, err = validateSurvivalSet("all cases", train, hs, c); err != nil {
		return SurvivalValidation{}, err
	}
	var closed, unseen []Case
	for _, k := range train {
		if !k.Ongoing {
			closed = append(closed, k)
		}
		if k.Overlap == "" {
			unseen = append(unseen, k)
		}
	}
	if len(closed) < len(train) && anyScored(closed) {
		if v.Closed, _, _, err = validateSurvivalSet("closed cases", closed, hs, c); err != nil {
			return SurvivalValidation{}, err
		}
	}
	if len(unseen) < len(train) && anyScored(unseen) {
		if v.Unseen, _, _, err = validateSurvivalSet("cases outside the engine's fitting data", unseen, hs, c); err != nil {
			return SurvivalValidation{}, err
		}
	}
	return v, nil
}

// validateSurvivalSet fits the baselines and the censoring distribution
// on every case of cs and scores the scored ones; base and logit are the
// scored cases' forecasts, indexed [case][horizon].
func validateSurvivalSet(name string, cs []Case, hs []float64, c SurvivalConfig) (SurvivalSet, [][]float64, [][]float64, error) {
	n := len(cs)
	sp, groups, X := make([]Spell, n), make([]string, n), make([][]float64, n)
	for i, k := range cs {
		sp[i], groups[i], X[i] = k.Spell, k.Group, k.X
	}
	base, err := LeaveGroupOutSurvival(groups, hs, KMPredictor(sp))
	if err != nil {
		return SurvivalSet{}, nil, nil, err
	}
	logit, err := LeaveGroupOutSurvival(groups, hs, IPCWLogitPredictor(X, sp))
	if err != nil {
		return SurvivalSet{}, nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	idx, scored := scoredIndex(cs)
	engine := make([][]float64, len(hs)) // [horizon][scored case]
	always := make([][]float64, len(hs))
	for k := range hs {
		engine[k] = make([]float64, len(idx))
		for j, i := range idx {
			engine[k][j] = cs[i].S[k]
		}
		base[k], logit[k] = pick(base[k], idx), pick(logit[k], idx)
		always[k] = slices.Repeat([]float64{1}, len(idx))
	}
	// G comes from every case of the set, scored or not: the censoring
	// process is assumed the same for every case (the weights' premise),
	// so the larger sample estimates it better, and a scored case then
	// carries the weight it has when every case is scored.
	s, err := compareSurvival(subsetName(name, cs), pick(sp, idx), pick(groups, idx), hs, c.Tau, []SurvivalForecasts{
		{Name: ForecasterEngine, S: engine},
		{Name: ForecasterKM, S: base, Compare: true},
		{Name: ForecasterLogitIPCW, S: logit, Compare: true},
		{Name: ForecasterAlways, S: always, NoCalibration: true},
	}, c.Config, CensoringKM(sp))
	s.Method = SurvivalMethod
	if scored != nil {
		s.Method += SubsetMethod
	}
	s.Notes = survivalNotes(groups, sp, scored)
	return s, transpose(base), transpose(logit), err
}

func transpose(m [][]float64) [][]float64 {
	if len(m) == 0 {
		return nil
	}
	out := make([][]float64, len(m[0]))
	for i := range out {
		out[i] = make([]float64, len(m))
		for k := range m {
			out[i][k] = m[k][i]
		}
	}
	return out
}

// SurvivalForecasts is one forecaster's survival forecasts of a set:
// S[k][i] is P(case i lasts past horizon k).
type SurvivalForecasts struct {
	Name          string
	S             [][]float64
	Compare       bool // bootstrap the first forecaster's IBS minus this one's
	NoCalibration bool
}

// CompareSurvival scores survival forecasts of the spells sp at the
// horizons hs (the first tau of which, 1..tau years, make the integral's
// grid) with the IPCW Brier score, the censoring distribution estimated
// on sp, and bootstraps the first forecaster's integrated Brier score
// minus each baseline's marked Compare: the per-case weighted loss
// differences integrated over the grid are resampled by case and, when
// some group holds several cases, by group, with the weights held fixed
// (neither G nor the forecasts are refitted per resample, as in Compare).
func CompareSurvival(name string, sp []Spell, groups []string, hs []float64, tau int, fs []SurvivalForecasts, c Config) (SurvivalSet, error) {
	return compareSurvival(name, sp, groups, hs, tau, fs, c, CensoringKM(sp))
}

// compareSurvival is CompareSurvival with the censoring distribution g
// given: estimated on sp, or on a set of which sp is the scored part.
func compareSurvival(name string, sp []Spell, groups []string, hs []float64, tau int, fs []SurvivalForecasts, c Config, g Curve) (SurvivalSet, error) {
	n := len(sp)
	if groups == nil {
		groups = make([]string, n)
	}
	if len(groups) != n {
		return SurvivalSet{}, fmt.Errorf("%d group keys for %d cases", len(groups), n)
	}
	if err := c.check(); err != nil {
		return SurvivalSet{}, err
	}
	if n == 0 {
		return SurvivalSet{}, ErrNoSpells
	}
	if tau < 1 || tau > len(hs) {
		return SurvivalSet{}, fmt.Errorf("tau %d with %d horizons", tau, len(hs))
	}
	ng := len(Folds(groups))
	s := SurvivalSet{Name: name, N: n, Groups: ng}
	for _, x := range sp {
		if x.Failed {
			s.Failed++
		}
	}
	km := KaplanMeier(sp)
	w := make([][]float64, len(hs))
	for k, t := range hs {
		w[k] = IPCWeights(sp, g, t)
		st := HorizonStats{Years: t, KM: km.At(t), Censoring: g.At(t)}
		for i, x := range sp {
			if w[k][i] > 0 {
				st.Known++
				if x.Years <= t {
					st.FailedBy++
				}
			}
		}
		s.Horizons = append(s.Horizons, st)
	}
	grid := hs[:tau]
	// loss[f][i]: case i's weighted squared error integrated over the
	// grid, divided by tau; its mean over the cases is the IBS.
	loss := make([][]float64, len(fs))
	for fi, f := range fs {
		if len(f.S) != len(hs) {
			return SurvivalSet{}, fmt.Errorf("%s: forecasts at %d horizons, want %d", f.Name, len(f.S), len(hs))
		}
		sc := SurvivalScored{Name: f.Name}
		loss[fi] = make([]float64, n)
		for k, t := range hs {
			if len(f.S[k]) != n {
				return SurvivalSet{}, fmt.Errorf("%s: %d forecasts for %d cases", f.Name, len(f.S[k]), n)
			}
			for i, p := range f.S[k] {
				if !(p >= 0 && p <= 1) {
					return SurvivalSet{}, fmt.Errorf("%s: forecast %v of case %d at %g years is not a probability", f.Name, p, i+1, t)
				}
			}
			sc.Brier = append(sc.Brier, BrierIPCW(f.S[k], sp, w[k], t))
			if !f.NoCalibration {
				sc.Calibration = append(sc.Calibration, CalibrateIPCW(f.S[k], sp, w[k], t, c.Bins))
			}
			if k < tau {
				dt := t
				if k > 0 {
					dt -= grid[k-1]
				}
				for i, p := range f.S[k] {
					y := SurvivedPast(sp[i], t)
					loss[fi][i] += w[k][i] * (p - y) * (p - y) * dt / grid[tau-1]
				}
			}
		}
		sc.IBS = IntegratedBrier(grid, sc.Brier[:tau])
		s.Forecasters = append(s.Forecasters, sc)
	}
	diff := func(base string, d []float64) Difference {
		df := Difference{Forecaster: fs[0].Name, Baseline: base, Interval: BootstrapMean(d, c.resamples(), c.Seed)}
		if ng < n {
			gi := BootstrapMeanByGroup(d, groups, c.resamples(), c.Seed)
			df.ByGroup = &gi
		}
		return df
	}
	s.AtHorizon = make([][]Difference, len(hs))
	for fi, f := range fs[1:] {
		if !f.Compare {
			continue
		}
		d := make([]float64, n)
		for i := range d {
			d[i] = loss[0][i] - loss[fi+1][i]
		}
		s.Differences = append(s.Differences, diff(f.Name, d))
		for k, t := range hs {
			dk := make([]float64, n)
			for i := range dk {
				y := SurvivedPast(sp[i], t)
				a, b := fs[0].S[k][i], f.S[k][i]
				dk[i] = w[k][i] * ((a-y)*(a-y) - (b-y)*(b-y))
			}
			s.AtHorizon[k] = append(s.AtHorizon[k], diff(f.Name, dk))
		}
	}
	return s, nil
}
