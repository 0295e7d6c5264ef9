package contract

import "github.com/guarantor/guarantor/history"

// Backtest is the document of `guarantor backtest`.
type Backtest struct {
	Header
	RunInfo
	Bins int `json:"bins" doc:"calibration bins"`
	// Survival is the headline: the time-dependent Brier score with
	// inverse-probability-of-censoring weights at fixed horizons.
	Survival    Survival       `json:"survival" doc:"the headline scores: P(no attack within t years of the start) against each case's spell, the IPCW Brier score at fixed horizons and its integral (docs/backtest.md); the keys after it score the file horizons, which leak the outcome"`
	LogLossClip float64        `json:"log_loss_clip" doc:"forecasts are clipped to [clip, 1-clip] in the log loss"`
	Cases       []BacktestCase `json:"cases"`
	BaseRate    float64        `json:"base_rate" doc:"share of cases where deterrence held (open cases count as held to date)"`
	Scores      []Score        `json:"scores" doc:"file horizons (they leak the outcome: a failed case's horizon ends at its failure), every case, cross-validated: the engine, the leave-dyad-out base rate, the ex-ante logit (leave-dyad-out), always deterred"`
	ClosedCases int            `json:"closed_cases" doc:"cases whose outcome is final"`
	// ClosedBaseRate and ClosedScores leave out the open cases.
	ClosedBaseRate float64     `json:"closed_base_rate"`
	ClosedScores   []Score     `json:"closed_scores"`
	Calibration    []Bin       `json:"calibration" doc:"the engine's forecasts, every case"`
	References     []Reference `json:"references" doc:"published scores on other case sets, for scale only"`
	Validation     Validation  `json:"validation" doc:"cross-validation: method, baselines, bootstrap intervals, calibration, per set"`
	// HorizonYears and UnknownAtHorizon describe --horizon.
	HorizonYears     float64 `json:"horizon_years" doc:"0: each case is scored over its file's horizon; else every case over this many years from its start, outcome then"`
	UnknownAtHorizon int     `json:"unknown_at_horizon" doc:"cases left out because their outcome at horizon_years is unknown (the spell ended earlier without a failure)"`
	// Refit is --refit: the engine with its coefficients refitted without
	// each case's dyad, scored on the same cases as the committed engine.
	Refit *Refit `json:"refit,omitempty" doc:"with --refit: the engine refitted leave-dyad-out (every coefficient re-estimated without the data of the scored case's dyad), scored like the committed engine; absent without --refit"`
}

// RefitForecaster names the refitted engine in Refit's scores.
const RefitForecaster = "engine, refitted leave-dyad-out"

// RefitMethod is Refit.Method.
const RefitMethod = "for each dyad group of the case base, every coefficient fitted on data with dyads is re-estimated " +
	"without that group's data (fit.Refit): the general-deterrence logit without the challenger-protege pairs' " +
	"dyad-years (with the adopted index slope and its reference), the directed post-war cure Weibull (slope, dyad " +
	"covariates, war outcome) without their spells, Huth's structural fit without the crises matched " +
	"to the group's cases (the fit_overlap rule: challenger and a guarantor, within the spell), and what is read off " +
	"that fit (the fulfilment bases' covariate offset, di_ref, the mapped bases); the " +
	"alliance-fulfilment rates and rho are not keyed by pair and stay as committed, and the specification choices " +
	"(aggregation, adopting the post-war covariates) are held at the committed fit's. The group's cases are then " +
	"rerun with those coefficients (same seed and draws)"

// Refit is the leave-dyad-out refitted engine's backtest.
type Refit struct {
	Method     string      `json:"method" doc:"what is refitted and what is not"`
	Forecaster string      `json:"forecaster" doc:"the refitted engine's name in the scores below"`
	Refits     int         `json:"refits" doc:"coefficient sets fitted: one per dyad group (distinct exclusions)"`
	Cases      []RefitCase `json:"cases" doc:"every case with the data left out for it and the refitted engine's forecasts"`
	Survival   Survival    `json:"survival" doc:"the survival scores with the refitted engine in place of the committed one (the baselines are the same)"`
	Sets       []Set       `json:"sets" doc:"the file-horizon scores with the refitted engine in place of the committed one"`
}

// RefitCase is one case of the refit backtest.
type RefitCase struct {
	Name             string    `json:"name"`
	File             string    `json:"file"`
	Dyad             string    `json:"dyad"`
	Excluded         string    `json:"excluded" doc:"the data left out: COW code pairs (dyad-years and post-war spells) and Huth crises (case_id)"`
	HuthDropped      int       `json:"huth_dropped" doc:"Huth crises left out"`
	DyadYearsDropped int       `json:"dyad_years_dropped" doc:"general-deterrence dyad-years left out (both directions)"`
	SpellsDropped    int       `json:"spells_dropped" doc:"post-war spells left out"`
	Forecast         *float64  `json:"forecast" doc:"the refitted engine's file-horizon forecast; null when the case is not scored there"`
	Survival         []float64 `json:"survival" doc:"the refitted engine's P(no attack within t years), at survival.horizons_years; empty without a spell"`
}

// BacktestCase is one scored history case.
type BacktestCase struct {
	Name      string  `json:"name"`
	File      string  `json:"file"`
	Year      int     `json:"year"`
	InputHash string  `json:"input_hash"`
	Forecast  float64 `json:"forecast" doc:"the engine's P(the challenger does not attack over the case's horizon)"`
	Outcome   string  `json:"outcome" enum:"held,failed,held_to_date"`
	Dyad      string  `json:"dyad" doc:"challenger-protege pair (a territory: its sovereign), either order; cross-validation leaves the whole dyad out"`
	// BaseRateForecast and LogitForecast are fitted on every case outside
	// the dyad (the all-cases set).
	BaseRateForecast float64   `json:"base_rate_forecast" doc:"share held among the cases outside this dyad"`
	LogitForecast    float64   `json:"logit_forecast" doc:"the ex-ante logit refitted on the cases outside this dyad"`
	Features         []float64 `json:"features" doc:"the ex-ante features, in the order of validation.features"`
	FitOverlap       string    `json:"fit_overlap" doc:"a crisis in the engine's fitting data between this case's challenger and one of its guarantors during the spell (a Huth 1988 crisis, possibly this very episode), or empty"`
}

// Score is a forecaster's Brier score and log loss (natural log).
type Score struct {
	Forecaster string  `json:"forecaster"`
	Brier      float64 `json:"brier"`
	LogLoss    float64 `json:"log_loss"`
}

// Bin is one row of the calibration table.
type Bin struct {
	Lo           float64 `json:"lo"`
	Hi           float64 `json:"hi"`
	Cases        int     `json:"cases"`
	MeanForecast float64 `json:"mean_forecast" doc:"0 when the bin is empty"`
	ObservedHeld float64 `json:"observed_held" doc:"share of the bin's cases where deterrence held; 0 when empty"`
}

// Reference is a published score on a different case set.
type Reference struct {
	Name  string  `json:"name"`
	Cases int     `json:"cases"`
	Brier float64 `json:"brier"`
}

// Validation describes how the backtest keeps every forecast out of
// sample, and scores each set of cases.
type Validation struct {
	Method           string   `json:"method" doc:"how each forecast is kept out of sample"`
	Engine           string   `json:"engine" doc:"why the engine's forecasts are out of sample, and where they are not"`
	Features         []string `json:"features" doc:"the ex-ante logit's features"`
	SlopePriorSD     float64  `json:"slope_prior_sd" doc:"normal prior SD on each standardised logit slope (fixed, never tuned)"`
	InterceptPriorSD float64  `json:"intercept_prior_sd" doc:"normal prior SD on the logit intercept"`
	Resamples        int      `json:"resamples" doc:"bootstrap resamples (cases drawn with replacement)"`
	BootstrapSeed    uint64   `json:"bootstrap_seed"`
	MissingForces    int      `json:"missing_forces" doc:"cases whose file gives no challenger troops (force ratio set to 0)"`
	Sets             []Set    `json:"sets" doc:"all cases, closed cases (when some are open), the cases without a fit_overlap (when some have one), and with --huth Huth's 58 crises"`
}

// Set is the validation on one set of cases.
type Set struct {
	Name        string            `json:"name"`
	Method      string            `json:"method" doc:"how this set's forecasts are kept out of sample"`
	Cases       int               `json:"cases"`
	Groups      int               `json:"groups" doc:"dyads (folds) behind the cases"`
	BaseRate    float64           `json:"base_rate" doc:"share where deterrence held"`
	Scores      []Score           `json:"scores" doc:"out-of-sample scores, the first forecaster first"`
	Differences []BrierDifference `json:"differences" doc:"Brier of the first forecaster minus each baseline's (negative: better)"`
	Calibration []Calibration     `json:"calibration"`
	Notes       []BaselineNote    `json:"notes" doc:"baselines that carry no information on this set, and why (one dyad: nothing to fit; one outcome: nothing to separate); empty when every baseline was fitted on data"`
}

// BaselineNote says why a baseline's forecasts on a set carry no
// information: its numbers are placeholders, not estimates.
type BaselineNote struct {
	Forecaster string `json:"forecaster"`
	Note       string `json:"note"`
}

func notes(ns []history.Note) []BaselineNote {
	out := []BaselineNote{}
	for _, n := range ns {
		out = append(out, BaselineNote{Forecaster: n.Forecaster, Note: n.Text})
	}
	return out
}

// BrierDifference is a Brier difference with its bootstrap interval.
type BrierDifference struct {
	Forecaster string  `json:"forecaster"`
	Baseline   string  `json:"baseline"`
	Difference float64 `json:"difference" doc:"on the cases themselves"`
	SE         float64 `json:"se" doc:"standard deviation over the resamples"`
	Lo         float64 `json:"lo" doc:"2.5th percentile over the resamples"`
	Hi         float64 `json:"hi" doc:"97.5th percentile over the resamples"`
	// ByDyad resamples whole dyads (groups) instead of cases.
	ByDyad *DyadInterval `json:"by_dyad,omitempty" doc:"the interval when whole dyads are resampled (cluster bootstrap); absent when every case is its own dyad"`
}

// DyadInterval is a cluster-bootstrap interval.
type DyadInterval struct {
	SE float64 `json:"se"`
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// Calibration is one forecaster's calibration table.
type Calibration struct {
	Forecaster string `json:"forecaster"`
	Bins       []Bin  `json:"bins"`
}

// ValidationMethod and EngineOutOfSample are the texts of
// Validation.Method and Validation.Engine for the case base.
const (
	ValidationMethod = "leave-dyad-out: every fitted baseline (the base rate, the ex-ante logit) is refitted " +
		"without the scored case's whole challenger-protege dyad; closed cases are validated on closed cases alone"
	EngineOutOfSample = "the engine fits nothing on the case base: its coefficients are estimated on other data " +
		"(Huth's 1988 crises, alliance fulfilment, COW and MID post-war spells; docs/fit.md), so its forecasts " +
		"are out of sample by construction, except where that data holds a crisis of the case's challenger and " +
		"one of its guarantors during the spell (cases[].fit_overlap names it; the set of the cases without one " +
		"is scored apart) and for the ceasefire cases whose wars are among the durability fit's post-war spells"
)

// FromBacktest maps history's validation onto the document. hashes holds
// each case's input hash, by file; extra sets (Huth's crises) are
// appended after all and closed.
func FromBacktest(v history.Validation, version, hash string, run RunInfo, bins int, hashes map[string]string, refs []Reference,
	missing int, extra ...history.Set) *Backtest {
	d := &Backtest{Header: NewHeader("backtest", version, hash), RunInfo: run, Bins: bins, LogLossClip: history.LogLossClip,
		Survival: Survival{Sets: []SurvivalSet{}, Cases: []SurvivalCase{}, Horizons: []float64{}},
		Cases:    []BacktestCase{}, Calibration: []Bin{}, Scores: []Score{}, ClosedScores: []Score{}, References: refs,
		BaseRate: v.All.BaseRate, ClosedCases: v.Closed.N, ClosedBaseRate: v.Closed.BaseRate}
	if d.References == nil {
		d.References = []Reference{}
	}
	for i, c := range v.Cases {
		d.Cases = append(d.Cases, BacktestCase{Name: c.Name, File: c.File, Year: c.Year, InputHash: hashes[c.File],
			Forecast: c.P, Outcome: OutcomeWord(c.Outcome, c.Ongoing), Dyad: c.Group,
			BaseRateForecast: v.BaseP[i], LogitForecast: v.LogitP[i], Features: append([]float64{}, c.X...), FitOverlap: c.Overlap})
	}
	d.Validation = Validation{Method: ValidationMethod, Engine: EngineOutOfSample, Features: history.FeatureNames,
		SlopePriorSD: history.SlopePriorSD, InterceptPriorSD: history.InterceptPriorSD, MissingForces: missing, Sets: []Set{}}
	var sets []history.Set
	if v.All.N > 0 {
		sets = append(sets, v.All)
		d.Scores = scores(v.All.Forecasters)
		d.Calibration = binRows(v.All.Forecasters[0].Calibration)
	}
	if v.Closed.N > 0 {
		if v.Closed.N < v.All.N { // else the same set twice
			sets = append(sets, v.Closed)
		}
		d.ClosedScores = scores(v.Closed.Forecasters)
	}
	if v.Unseen.N > 0 {
		sets = append(sets, v.Unseen)
	}
	for _, s := range append(sets, extra...) {
		d.Validation.Sets = append(d.Validation.Sets, fromSet(s))
		for _, df := range s.Differences {
			d.Validation.Resamples, d.Validation.BootstrapSeed = df.Resamples, df.Seed
		}
	}
	return d
}

func fromSet(s history.Set) Set {
	out := Set{Name: s.Name, Method: s.Method, Cases: s.N, Groups: s.Groups, BaseRate: s.BaseRate, Scores: scores(s.Forecasters),
		Differences: []BrierDifference{}, Calibration: []Calibration{}, Notes: notes(s.Notes)}
	for _, df := range s.Differences {
		out.Differences = append(out.Differences, brierDifference(df))
	}
	for _, f := range s.Forecasters {
		if f.Name == history.ForecasterAlways {
			continue // one bin, nothing to read
		}
		out.Calibration = append(out.Calibration, Calibration{Forecaster: f.Name, Bins: binRows(f.Calibration)})
	}
	return out
}

func brierDifference(df history.Difference) BrierDifference {
	bd := BrierDifference{Forecaster: df.Forecaster, Baseline: df.Baseline, Difference: df.Estimate, SE: df.SE, Lo: df.Lo, Hi: df.Hi}
	if g := df.ByGroup; g != nil {
		bd.ByDyad = &DyadInterval{SE: g.SE, Lo: g.Lo, Hi: g.Hi}
	}
	return bd
}

func scores(ss []history.Scored) []Score {
	out := []Score{}
	for _, s := range ss {
		out = append(out, Score{Forecaster: s.Name, Brier: s.Brier, LogLoss: s.LogLoss})
	}
	return out
}

func binRows(bs []history.Bin) []Bin {
	out := []Bin{}
	for _, c := range bs {
		out = append(out, Bin{Lo: c.Lo, Hi: c.Hi, Cases: c.N, MeanForecast: c.MeanP, ObservedHeld: c.Observed})
	}
	return out
}

// Survival is the survival backtest: every case's spell (years to the
// failure, or censored when it ended without one or is still open)
// against each forecaster's P(no attack within t years), at yearly
// horizons.
type Survival struct {
	Method    string         `json:"method" doc:"the design: scores, weights, forecasters"`
	Censoring string         `json:"censoring" doc:"what a censored spell is, and how ties are handled"`
	TauYears  int            `json:"tau_years" doc:"the integrated Brier score averages the yearly scores at 1, 2, ..., tau_years"`
	Horizons  []float64      `json:"horizons_years" doc:"the horizons scored, in the order of every per-horizon list: 1, ..., tau_years, then --horizon when it is off the grid"`
	NoSpell   int            `json:"no_spell" doc:"cases left out: the file gives neither years held nor the dates to compute them"`
	Sets      []SurvivalSet  `json:"sets" doc:"all cases, closed cases (when some are open), the cases without a fit_overlap (when some have one)"`
	Cases     []SurvivalCase `json:"cases" doc:"every scored case with its spell and the three forecasts at each horizon (the baselines as fitted for the all-cases set)"`
}

// SurvivalCase is one case of the survival backtest.
type SurvivalCase struct {
	Name        string    `json:"name"`
	File        string    `json:"file"`
	Dyad        string    `json:"dyad"`
	SpellYears  float64   `json:"spell_years" doc:"years from the start to the failure, or to the end of the observed spell"`
	Failed      bool      `json:"failed" doc:"the spell ended in a failure; else it is censored (held to its end, or held to date)"`
	Engine      []float64 `json:"engine" doc:"the engine's P(no attack within t years), at horizons_years"`
	KaplanMeier []float64 `json:"kaplan_meier" doc:"the Kaplan-Meier survival of the cases outside this dyad, at horizons_years"`
	Logit       []float64 `json:"logit" doc:"the IPCW ex-ante logit refitted on the cases outside this dyad, at horizons_years"`
}

// SurvivalSet is the survival backtest on one set of cases.
type SurvivalSet struct {
	Name            string            `json:"name"`
	Method          string            `json:"method"`
	Cases           int               `json:"cases"`
	Groups          int               `json:"groups" doc:"dyads (folds) behind the cases"`
	Failed          int               `json:"failed" doc:"spells that ended in a failure, at any time"`
	IntegratedBrier []ForecasterBrier `json:"integrated_brier" doc:"each forecaster's integrated Brier score over (0, tau_years]"`
	Differences     []BrierDifference `json:"differences" doc:"integrated Brier score of the engine minus each baseline's (negative: the engine is better), with bootstrap intervals (censoring weights held fixed)"`
	Horizons        []SurvivalHorizon `json:"horizons" doc:"per horizon, in the order of horizons_years"`
	Notes           []BaselineNote    `json:"notes" doc:"baselines that carry no information on this set, and why (one dyad: nothing to fit; no failure: nothing to learn); empty when every baseline was fitted on data"`
}

// SurvivalHorizon is a set's scores at one horizon.
type SurvivalHorizon struct {
	Years       float64           `json:"years"`
	Known       int               `json:"known" doc:"cases whose status then is known (failed by then, or observed past it): the cases with a weight"`
	FailedBy    int               `json:"failed_by" doc:"failures at or before this horizon"`
	KaplanMeier float64           `json:"kaplan_meier" doc:"the set's Kaplan-Meier survival at this horizon"`
	Censoring   float64           `json:"censoring" doc:"G: the Kaplan-Meier probability of not being censored by this horizon, behind the weights"`
	Brier       []ForecasterBrier `json:"brier" doc:"each forecaster's IPCW Brier score at this horizon"`
	Differences []BrierDifference `json:"differences" doc:"the engine's Brier score at this horizon minus each baseline's, with bootstrap intervals (censoring weights held fixed)"`
	Calibration []Calibration     `json:"calibration" doc:"cases with a known status, binned by forecast; mean_forecast and observed_held are IPCW-weighted"`
}

// ForecasterBrier is one forecaster's Brier score (at a horizon, or integrated).
type ForecasterBrier struct {
	Forecaster string  `json:"forecaster"`
	Brier      float64 `json:"brier"`
}

// SurvivalMethodText and CensoringText are the texts of Survival.Method
// and Survival.Censoring.
const (
	CensoringText = "a failed case's spell ends at its failure (an event); a case that held is censored at the end of its " +
		"spell, and an open one (held to date) at its coding date; a spell censored at or before t has weight 0 at t. " +
		"Ties: at equal times failures come before censorings, in both Kaplan-Meier curves"
)

// FromSurvival maps the survival validation onto the document's block.
func FromSurvival(v history.SurvivalValidation) Survival {
	out := Survival{Method: history.SurvivalMethod, Censoring: CensoringText, TauYears: v.Tau, Horizons: append([]float64{}, v.Horizons...),
		NoSpell: v.Unknown, Sets: []SurvivalSet{}, Cases: []SurvivalCase{}}
	if out.Horizons == nil {
		out.Horizons = []float64{}
	}
	for i, c := range v.Cases {
		sc := SurvivalCase{Name: c.Name, File: c.File, Dyad: c.Group, SpellYears: c.Spell.Years, Failed: c.Spell.Failed,
			Engine: append([]float64{}, c.S...), KaplanMeier: []float64{}, Logit: []float64{}}
		if i < len(v.BaseS) {
			sc.KaplanMeier = append(sc.KaplanMeier, v.BaseS[i]...)
			sc.Logit = append(sc.Logit, v.LogitS[i]...)
		}
		out.Cases = append(out.Cases, sc)
	}
	for _, s := range []history.SurvivalSet{v.All, v.Closed, v.Unseen} {
		if s.N > 0 {
			out.Sets = append(out.Sets, fromSurvivalSet(s))
		}
	}
	return out
}

func fromSurvivalSet(s history.SurvivalSet) SurvivalSet {
	out := SurvivalSet{Name: s.Name, Method: s.Method, Cases: s.N, Groups: s.Groups, Failed: s.Failed,
		IntegratedBrier: []ForecasterBrier{}, Differences: []BrierDifference{}, Horizons: []SurvivalHorizon{}, Notes: notes(s.Notes)}
	for _, f := range s.Forecasters {
		out.IntegratedBrier = append(out.IntegratedBrier, ForecasterBrier{Forecaster: f.Name, Brier: f.IBS})
	}
	for _, df := range s.Differences {
		out.Differences = append(out.Differences, brierDifference(df))
	}
	for k, h := range s.Horizons {
		sh := SurvivalHorizon{Years: h.Years, Known: h.Known, FailedBy: h.FailedBy, KaplanMeier: h.KM, Censoring: h.Censoring,
			Brier: []ForecasterBrier{}, Differences: []BrierDifference{}, Calibration: []Calibration{}}
		if k < len(s.AtHorizon) {
			for _, df := range s.AtHorizon[k] {
				sh.Differences = append(sh.Differences, brierDifference(df))
			}
		}
		for _, f := range s.Forecasters {
			sh.Brier = append(sh.Brier, ForecasterBrier{Forecaster: f.Name, Brier: f.Brier[k]})
			if k < len(f.Calibration) {
				sh.Calibration = append(sh.Calibration, Calibration{Forecaster: f.Name, Bins: binRows(f.Calibration[k])})
			}
		}
		out.Horizons = append(out.Horizons, sh)
	}
	return out
}

// RenameEngine names the engine RefitForecaster in every score, difference
// and calibration table of r (they come from the committed engine's
// validation code, which calls it history.ForecasterEngine).
func (r *Refit) RenameEngine() {
	ren := func(s *string) {
		if *s == history.ForecasterEngine {
			*s = RefitForecaster
		}
	}
	diffs := func(ds []BrierDifference) {
		for i := range ds {
			ren(&ds[i].Forecaster)
			ren(&ds[i].Baseline)
		}
	}
	cals := func(cs []Calibration) {
		for i := range cs {
			ren(&cs[i].Forecaster)
		}
	}
	for i := range r.Sets {
		s := &r.Sets[i]
		for j := range s.Scores {
			ren(&s.Scores[j].Forecaster)
		}
		diffs(s.Differences)
		cals(s.Calibration)
	}
	for i := range r.Survival.Sets {
		s := &r.Survival.Sets[i]
		for j := range s.IntegratedBrier {
			ren(&s.IntegratedBrier[j].Forecaster)
		}
		diffs(s.Differences)
		for j := range s.Horizons {
			h := &s.Horizons[j]
			for k := range h.Brier {
				ren(&h.Brier[k].Forecaster)
			}
			diffs(h.Differences)
			cals(h.Calibration)
		}
	}
}
