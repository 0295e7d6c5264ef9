package history

import (
	"errors"
	"fmt"
	"math"
)

// The forecasters of a validation, as the outputs name them.
const (
	ForecasterEngine = "engine"
	ForecasterBase   = "base rate (leave-dyad-out)"
	ForecasterLogit  = "ex-ante logit (leave-dyad-out)"
	ForecasterAlways = "always deterred"
)

// FeatureNames label Case.X, the ex-ante case features of the logit
// baseline: facts every case file states as of its start, none of them an
// output of the engine (pipeline.CaseFeatures computes them).
var FeatureNames = []string{
	"strongest obligation in force and in scope (0 none or no treaty, 1 ceasefire agreement, 2 security assurance, 3 defence pact, 4 collective defence or the territory's own sovereign), /4",
	"troops in place: a guarantor's tripwire in force and in scope (1/0)",
	"local force ratio: ln(defenders' troops in the theatre on day one / challenger's deployable troops), medians, clamped to [-5, 5]; 0 when the file gives no troops",
	"nuclear guarantor: a guarantor with nuclear weapons or a nuclear umbrella in force (1/0)",
}

// DefaultResamples is the bootstrap's default number of resamples.
const DefaultResamples = 2000

// MaxResamples bounds the bootstrap (each resample is one pass over the
// cases).
const MaxResamples = 1_000_000

// Config sets a validation.
type Config struct {
	Bins      int    // calibration bins, 1 to MaxBins
	Resamples int    // bootstrap resamples, 0 means DefaultResamples
	Seed      uint64 // bootstrap seed
}

// Forecasts is one forecaster's out-of-sample forecast of every case of a
// set, in the set's order. Compare marks the baselines that the first
// forecaster is compared with by bootstrap.
type Forecasts struct {
	Name    string
	P       []float64
	Compare bool
}

// Scored is a forecaster's scores on a set and the calibration of its
// forecasts.
type Scored struct {
	Score
	Calibration []Bin
}

// Set is a validation on one set of cases (all, closed, Huth's crises):
// every forecaster's scores, and the first forecaster's Brier difference
// from each baseline with a bootstrap interval.
type Set struct {
	Name        string
	Method      string // how the set's forecasts are kept out of sample
	N, Groups   int
	BaseRate    float64
	Forecasters []Scored
	Differences []Difference
	// Notes say which baselines carry no information on the set, and why
	// (one dyad: nothing to fit; one outcome: nothing to separate).
	Notes []Note
}

// Difference is Brier(first forecaster) - Brier(Baseline): negative when
// the first forecaster is better.
type Difference struct {
	Forecaster, Baseline string
	Interval
	// ByGroup resamples whole groups (dyads); absent (zero) when every
	// case is its own group.
	ByGroup *Interval
}

// Compare scores the forecasters on outcomes y (1 held, 0 failed) and
// bootstraps the first forecaster's Brier difference from each forecaster
// marked Compare, resampling cases and, when some group holds several
// cases, also whole groups (groups[i] is case i's group key; nil or ""
// keys make each case its own group).
func Compare(name string, y []float64, groups []string, fs []Forecasts, c Config) (Set, error) {
	if groups == nil {
		groups = make([]string, len(y))
	}
	if len(groups) != len(y) {
		return Set{}, fmt.Errorf("%d group keys for %d cases", len(groups), len(y))
	}
	if err := c.check(); err != nil {
		return Set{}, err
	}
	if len(y) == 0 {
		return Set{}, ErrNoCases
	}
	ng := len(Folds(groups))
	s := Set{Name: name, N: len(y), Groups: ng, BaseRate: mean(y)}
	for _, f := range fs {
		if len(f.P) != len(y) {
			return Set{}, fmt.Errorf("%s: %d forecasts for %d cases", f.Name, len(f.P), len(y))
		}
		for i, p := range f.P {
			if !(p >= 0 && p <= 1) {
				return Set{}, fmt.Errorf("%s: forecast %v of case %d is not a probability", f.Name, p, i+1)
			}
		}
		s.Forecasters = append(s.Forecasters, Scored{Score: Score{Name: f.Name, Brier: Brier(f.P, y), LogLoss: LogLoss(f.P, y)},
			Calibration: Calibrate(f.P, y, c.Bins)})
	}
	for _, f := range fs[1:] {
		if f.Compare {
			d := Difference{Forecaster: fs[0].Name, Baseline: f.Name, Interval: BootstrapBrierDiff(fs[0].P, f.P, y, c.resamples(), c.Seed)}
			if ng < len(y) {
				g := BootstrapBrierDiffByGroup(fs[0].P, f.P, y, groups, c.resamples(), c.Seed)
				d.ByGroup = &g
			}
			s.Differences = append(s.Differences, d)
		}
	}
	return s, nil
}

func (c Config) check() error {
	if c.Bins < 1 || c.Bins > MaxBins {
		return fmt.Errorf("bins must be between 1 and %d, not %d", MaxBins, c.Bins)
	}
	if c.Resamples < 0 || c.Resamples > MaxResamples {
		return fmt.Errorf("bootstrap resamples must be between 0 (the default, %d) and %d, not %d", DefaultResamples, MaxResamples, c.Resamples)
	}
	return nil
}

func (c Config) resamples() int {
	if c.Resamples == 0 {
		return DefaultResamples
	}
	return c.Resamples
}

// Validation is the cross-validated backtest of the engine on the case
// base: every scored case with a known outcome, each baseline's
// out-of-sample forecast of it, and the scores on all cases and on the
// closed ones.
type Validation struct {
	// Cases are the scored cases (all of them without Case.Unscored).
	Cases []Case
	// BaseP and LogitP are the leave-dyad-out forecasts of the base rate
	// and the ex-ante logit for Cases, fitted on all cases outside the
	// case's dyad, unscored ones included.
	BaseP, LogitP []float64
	All, Closed   Set // Closed.N == 0 when every case is open
	// Unseen leaves out the cases with an Overlap (the engine's fitting
	// data holds a crisis of the same states during the spell), validated
	// on its own as Closed is; N == 0 when no case has an overlap or every
	// case has one.
	Unseen Set
}

// ErrNoScored reports a validation whose scored cases (those without
// Case.Unscored) are all left out: none has a known outcome, or a spell.
var ErrNoScored = errors.New("no scored case has a known outcome")

// Validate cross-validates the baselines on the cases (those with a known
// outcome) and scores them beside the engine. Every fitted baseline is
// refitted without the dyad of the case it forecasts (LeaveGroupOut by
// Case.Group); the engine's forecast Case.P is taken as given, since the
// engine fits nothing on the case base. The closed cases are validated on
// their own: their baselines are refitted on closed cases only, as their
// base rate is that of the closed cases. Cases marked Unscored train the
// baselines of every set they belong to but are not scored (SubsetMethod).
func Validate(cases []Case, c Config) (Validation, error) {
	if err := c.check(); err != nil {
		return Validation{}, err
	}
	var v Validation
	var known []Case // scored or not: the training cases
	for _, k := range cases {
		if k.Outcome == 0 || k.Outcome == 1 {
			if len(k.X) != len(FeatureNames) {
				return Validation{}, fmt.Errorf("%s: %d ex-ante features, want %d", k.File, len(k.X), len(FeatureNames))
			}
			known = append(known, k)
			if !k.Unscored {
				v.Cases = append(v.Cases, k)
			}
		}
	}
	if len(known) == 0 {
		return Validation{}, ErrNoCases
	}
	if len(v.Cases) == 0 {
		return Validation{}, ErrNoScored
	}
	all, base, logit, err := validateSet("all cases", known, c)
	if err != nil {
		return Validation{}, err
	}
	v.All, v.BaseP, v.LogitP = all, base, logit
	var closed []Case
	for _, k := range known {
		if !k.Ongoing {
			closed = append(closed, k)
		}
	}
	if anyScored(closed) {
		if v.Closed, _, _, err = validateSet("closed cases", closed, c); err != nil {
			return Validation{}, err
		}
	}
	var unseen []Case
	for _, k := range known {
		if k.Overlap == "" {
			unseen = append(unseen, k)
		}
	}
	if len(unseen) < len(known) && anyScored(unseen) {
		if v.Unseen, _, _, err = validateSet("cases outside the engine's fitting data", unseen, c); err != nil {
			return Validation{}, err
		}
	}
	return v, nil
}

// anyScored reports whether some case of cs is scored.
func anyScored(cs []Case) bool {
	for _, k := range cs {
		if !k.Unscored {
			return true
		}
	}
	return false
}

// SubsetMethod is appended to a set's Method when some of its cases are
// Unscored (backtest --score).
const SubsetMethod = "; only the cases named by --score are scored: every loaded case of the set (scored or not) " +
	"trains the leave-dyad-out baselines and, in the survival scores, estimates the censoring distribution, so each " +
	"scored case's loss is the one it has in the run that scores every case"

// subsetName names a set of which only some cases are scored, so that no
// output reads a subset's scores as the whole set's; with every case
// scored it is name itself.
func subsetName(name string, cs []Case) string {
	n := 0
	for _, k := range cs {
		if !k.Unscored {
			n++
		}
	}
	if n == len(cs) {
		return name
	}
	return fmt.Sprintf("%s: the %d scored (--score) of %d", name, n, len(cs))
}

// scoredIndex lists the scored cases of cs, and marks them; scored is
// nil when every case is scored.
func scoredIndex(cs []Case) (idx []int, scored []bool) {
	scored = make([]bool, len(cs))
	all := true
	for i, k := range cs {
		if !k.Unscored {
			idx = append(idx, i)
			scored[i] = true
		} else {
			all = false
		}
	}
	if all {
		scored = nil
	}
	return idx, scored
}

// pick is xs at the indices idx.
func pick[T any](xs []T, idx []int) []T {
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = xs[i]
	}
	return out
}

// validateSet fits the baselines on every case of cs and scores the
// scored ones; base and logit are the scored cases' forecasts.
func validateSet(name string, cs []Case, c Config) (Set, []float64, []float64, error) {
	n := len(cs)
	y, p, groups := make([]float64, n), make([]float64, n), make([]string, n)
	X := make([][]float64, n)
	for i, k := range cs {
		y[i], p[i], groups[i], X[i] = float64(k.Outcome), k.P, k.Group, k.X
	}
	base, err := LeaveGroupOut(groups, BaseRatePredictor(y))
	if err != nil {
		return Set{}, nil, nil, err
	}
	logit, err := LeaveGroupOut(groups, LogitPredictor(X, y))
	if err != nil {
		return Set{}, nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	idx, scored := scoredIndex(cs)
	ys, ps, gs, bs, ls := pick(y, idx), pick(p, idx), pick(groups, idx), pick(base, idx), pick(logit, idx)
	always := make([]float64, len(idx))
	for i := range always {
		always[i] = 1
	}
	s, err := Compare(subsetName(name, cs), ys, gs, []Forecasts{
		{Name: ForecasterEngine, P: ps},
		{Name: ForecasterBase, P: bs, Compare: true},
		{Name: ForecasterLogit, P: ls, Compare: true},
		{Name: ForecasterAlways, P: always},
	}, c)
	s.Method = SetMethod
	if scored != nil {
		s.Method += SubsetMethod
	}
	s.Notes = fileHorizonNotes(groups, y, scored)
	return s, bs, ls, err
}

// SetMethod is the Method of the case base's sets.
const SetMethod = "the engine's forecasts as they are (it fits nothing on the case base); the base rate and " +
	"the ex-ante logit refitted without the scored case's whole dyad"

// clamp bounds a feature, mapping NaN to 0, so that a degenerate file
// (zero troops on one side) gives a finite, bounded input.
func clamp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Min(math.Max(x, lo), hi)
}

// OutcomeAt is a case's outcome at a fixed horizon of years from its
// start, from its observed outcome (deterrence held, failed or ongoing)
// and the years it held: failed by then (0), still holding then (1), or
// not known (ok false) when the spell ended without a failure before the
// horizon, or the file gives no years held. Scoring every case at the
// same horizon keeps the forecast ex ante: a file's own horizon is the
// observed spell, which for a failed case is the time to failure.
func OutcomeAt(deterrence string, yearsHeld, years float64) (outcome int, ok bool) {
	switch {
	case yearsHeld <= 0:
		return 0, false
	case deterrence == "failed" && yearsHeld <= years:
		return 0, true
	case yearsHeld >= years:
		return 1, true
	}
	return 0, false
}
