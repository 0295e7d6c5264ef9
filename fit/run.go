package fit

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// Options control a full fit.
type Options struct {
	Folds     int    // k for k-fold cross-validation (default 10)
	Seed      uint64 // fold assignment and bootstrap (default 1)
	Bootstrap int    // bootstrap resamples (default 2000)
	Spec      HuthSpec
	// Sensitivity also refits and scores the Huth model at other protege
	// shares (0.1 and 0.5), for the report; it does not change the fit.
	Sensitivity bool
	Command     string // recorded in the provenance
	Date        string // recorded in the provenance (YYYY-MM-DD)
	// Progress, if set, is called with a short description of each step.
	Progress func(step string)
	// EngineIndex computes the engine's index of a post-war spell with its
	// guarantors (fit/spellindex.Index) for the pre-registered slope with
	// the target's defence pacts; nil skips that model.
	EngineIndex EngineIndexFunc
	// EngineDyadYearIndex computes the engine's index of dyad-years with
	// the target's guarantors (fit/spellindex.DyadYearIndex) for the
	// general stage's pre-registered guarantee test; nil: the one
	// registered by SetDyadYearIndex, and without one the test is skipped
	// (and the run does not reproduce the committed G3 fit).
	EngineDyadYearIndex DyadYearIndexFunc
}

// ParamRow is one fitted structural parameter.
type ParamRow struct {
	Name           string
	Estimate, SE   float64
	Prior, Meaning string
}

// Score is one model's out-of-sample Brier scores on Huth's crises.
type Score struct {
	Model      string
	LOO, KFold float64
	WarLOO     *float64 `json:",omitempty"` // Brier of P(war), leave-one-out (absent where the model has none)
	InSample   float64
	// Forecasts are the leave-one-out P(status quo), in Huth's row order,
	// and Calibration bins them in fifths.
	Forecasts   []float64
	Calibration []CalibrationBin
}

// Validation holds the Huth cross-validation.
type Validation struct {
	Scores []Score
	// Differences of leave-one-out Brier scores (structural minus other),
	// with bootstrap intervals over cases.
	VsBase, VsLogit Interval
	Folds           int
	Seed            uint64
	Sensitivity     []SensitivityRow
	// Aggregations compares the forms of the challenger's aggregation over
	// responses; Aggregation is the one the fit uses (docs/fit.md).
	Aggregations []AggregationRow
	Aggregation  deter.Aggregation
}

// SensitivityRow is the structural model under another specification.
type SensitivityRow struct {
	Balance                   string
	PriorWidth                float64
	Aggregation               deter.Aggregation // the form it was refitted under (the fit's own)
	ProtegeShare, LogLik, LOO float64
}

// HuthReport is the structural fit on Huth's crises.
type HuthReport struct {
	N, StatusQuo, BackDown, War int
	Params                      []ParamRow
	LogLik                      float64
	Status                      string
	Iterations                  int
	Spec                        HuthSpec
	Data                        string
	Logit                       *Logit // penalised ex-ante logit on all 58, for the table
}

// DurabilityReport is the post-war spell fit.
type DurabilityReport struct {
	Fit        CureFit // renewed war (MID hostility 5)
	UseOfForce CureFit // sensitivity: any use of force (hostility >= 4)
	Data       string
	LRCure     float64 // 2 (logLik cure - logLik plain Weibull), renewed war
	// CV is the k-fold out-of-sample log-likelihood per spell, cure and
	// plain Weibull, each refitted without the fold it scores.
	CV DurabilityCV
	// Cov is the cure Weibull with the post-war dyad covariates (docs/fit.md,
	// pre-registered), LRCov its likelihood ratio against Fit (3 df), CovCV
	// the pre-registered comparison by dyad, and UseOfForceCov the
	// covariate model with any use of force as the event (sensitivity).
	Cov, UseOfForceCov CureCovFit
	LRCov              float64
	CovCV              PostWarCovCV
	// Directed are the directed spells' counts, Slope the three models of
	// the pre-registered post-war slope (SlopeModel order) on them, and
	// SlopeCV their comparison (docs/fit.md, "Post-war hazard slope").
	Directed DirectedCounts
	Slope    [3]SlopeFit
	SlopeCV  SlopeCV
	// Outcomes count the directed spells by the war's outcome, Outcome is
	// M3 (M1 with the war outcome) and OutcomeCV its pre-registered
	// comparison with M1 (docs/fit.md, "War outcome").
	Outcomes  OutcomeCounts
	Outcome   SlopeFit
	OutcomeCV OutcomeCV
	// Guar is M3, the slope of the index with the target's defence pacts,
	// and its comparison with the adopted model (docs/fit.md, "Post-war
	// hazard slope with the target's defence pacts").
	Guar GuarReport
	// Pact is M4, the adopted model with the defence-pact indicator, and
	// its comparison with the adopted model (docs/fit.md, "Post-war
	// defence-pact indicator").
	Pact PactReport
	// Bilateral is M5, the adopted model with the bilateral-war indicator,
	// and its comparison with the adopted model (docs/fit.md, "Bilateral
	// wars").
	Bilateral BilateralReport
}

// DurabilityCV compares the cure and plain Weibull out of sample.
type DurabilityCV struct {
	Folds               int
	CureLogLik, Weibull float64 // mean log-likelihood per held-out spell
}

// Result is everything `guarantor fit` computes.
type Result struct {
	Coefficients *deter.Coefficients
	Huth         HuthReport
	Validation   Validation
	Bases        []BaseRow
	Durability   DurabilityReport
	General      GeneralReport
	// GeneralSlope is the pre-registered comparison of the general stage's
	// index slope (docs/fit.md); the engine reads it when adopted.
	GeneralSlope GeneralSlopeReport
	// GeneralPact is the pre-registered guarantee test of the general
	// stage (docs/fit.md, "General-stage guarantees: the target's defence
	// pacts"); not run without Options.EngineDyadYearIndex.
	GeneralPact GeneralPactReport
	Rho         RhoFit
	// Joined is the ATOP x COW tabulation behind the security-assurance
	// judgment (reported, not fitted; see JoinedTable).
	Joined []JoinCount
	// Offset is what the fitted covariate terms add, on average, over
	// Huth's defenders: BE mean ln(1+trade) + BA mean dem + BD mean (P(win) - 1/2).
	// It is subtracted from the fulfilment logits (see fillBases).
	Offset deter.Estimate
}

// Run fits every parameter and validates the Huth model. It is
// deterministic for given Options.
func Run(ctx context.Context, o Options) (*Result, error) {
	o = o.withDefaults()
	step := func(s string) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	res := &Result{}
	c := &deter.Coefficients{Base: map[string]deter.Estimate{}, HR: map[string]deter.Estimate{}}
	res.Coefficients = c

	step("Huth structural model")
	ks, hd, err := HuthCrises()
	if err != nil {
		return nil, err
	}
	var aggs []AggregationRow
	if o.Spec.Aggregation == "" {
		step("the challenger's aggregation over responses (leave-one-out log predictive density)")
		if aggs, o.Spec.Aggregation, err = CompareAggregations(ctx, ks, o.Spec); err != nil {
			return nil, err
		}
	}
	c.Aggregation = o.Spec.Aggregation
	f, err := FitHuth(ks, o.Spec)
	if err != nil {
		return nil, err
	}
	res.Huth = huthReport(ks, f, hd)
	fillHuth(c, f, hd)

	step("cross-validation on Huth's crises")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if res.Validation, err = validate(ctx, ks, o); err != nil {
		return nil, err
	}
	res.Validation.Aggregations, res.Validation.Aggregation = aggs, o.Spec.Aggregation
	X, y := make([][]float64, len(ks)), make([]float64, len(ks))
	for i, k := range ks {
		X[i], y[i] = exAnteRow(k), k.Deterred()
	}
	if res.Huth.Logit, err = FitLogit(ExAnteInputs, X, y, true); err != nil {
		return nil, err
	}

	step("alliance fulfilment base rates")
	if res.Bases, c.Post1945, err = FulfilmentBases(); err != nil {
		return nil, err
	}
	res.Offset = responseOffset(ks, f)
	fillBases(c, res.Bases, res.Offset)
	if res.Joined, err = JoinedTable(); err != nil {
		return nil, err
	}

	step("correlation of allies' responses (random-intercept probit)")
	cases, err := evidence.FulfilmentCases(evidence.LLM)
	if err != nil {
		return nil, err
	}
	if res.Rho, err = FitRho(cases); err != nil {
		return nil, err
	}
	c.Rho = deter.Estimate{Value: res.Rho.Rho, SE: res.Rho.Upper95 / 1.96, Data: res.Bases[0].Rate.Data,
		Method: fmt.Sprintf("random-intercept probit of fulfilment (LLM coding, %d cases in %d wars, %d wars with several; era fixed effect), marginal ML by Gauss-Hermite: rho = sigma^2/(1+sigma^2), the latent correlation of two allies invoked in the same war. Estimate at the boundary 0; 95%% profile upper bound %.3f; SE = that bound / 1.96. Caveat: allies of one war are not always guarantors of one protege", res.Rho.Cases, res.Rho.Wars, res.Rho.MultiWars, res.Rho.Upper95)}
	if res.Rho.Rho > 1e-3 {
		c.Rho.Method = strings.Replace(c.Rho.Method, "Estimate at the boundary 0; ", "", 1)
	}

	step("post-war spells (cure Weibull)")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.DIRef = postWarReference(ks, f)
	if res.Durability, err = durability(o.Folds, o.Seed, c, o.EngineIndex); err != nil {
		return nil, err
	}
	fillDurability(c, res.Durability)

	step("general deterrence: penalised logit on MID dyad-years, 10-fold CV by dyad")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if res.General, err = fitGeneralDeterrence(ctx, o.Folds, o.Seed); err != nil {
		return nil, err
	}
	res.General.Reference = huthReference(ks, f)
	fillGeneral(c, res.General)

	step("general stage: the index slope on the MID dyad-years (pre-registered), 10-fold CV by dyad")
	gRows, err := evidence.GeneralSample(generalFrom, generalTo)
	if err != nil {
		return nil, err
	}
	if res.GeneralSlope, err = fitGeneralSlope(ctx, gRows, c, o.Folds, o.Seed); err != nil {
		return nil, err
	}
	fillGeneralSlope(c, res.GeneralSlope, res.General.Data)
	c.DIRef = postWarReference(ks, f)

	if o.EngineDyadYearIndex == nil {
		// The registered engine (fit/spellindex, when the program imports
		// it), so that a run reproduces the committed, G3-adopting fit.
		dyadYearEngine.Lock()
		o.EngineDyadYearIndex = dyadYearEngine.f
		dyadYearEngine.Unlock()
	}
	if o.EngineDyadYearIndex != nil {
		step("general stage: the target's defence pacts (pre-registered), x+ through the engine, 10-fold CV by dyad")
		// x⁺ is the committed coefficients' index (rule 3): the set as far as
		// the run has filled it, with the judgments (among them the era
		// keys) filled into a copy, as for the post-war test.
		pc := c.Clone()
		fillJudgments(pc)
		if res.GeneralPact, err = fitGeneralPact(ctx, gRows, pc, o.Folds, o.Seed, o.EngineDyadYearIndex); err != nil {
			return nil, err
		}
		if err := fillGeneralPact(c, res.GeneralPact, res.General.Data); err != nil {
			return nil, err
		}
	}

	fillJudgments(c)
	c.Provenance = deter.Provenance{
		DataVersion: dataVersion(),
		Command:     o.Command,
		Date:        o.Date,
		Note:        fmt.Sprintf("Huth protege share %.2f (judgment); CV folds %d, seed %d, bootstrap %d", o.Spec.ProtegeShare, o.Folds, o.Seed, o.Bootstrap),
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("fit produced invalid coefficients: %w", err)
	}
	return res, nil
}

// Datasets are the embedded datasets a full fit reads.
var Datasets = []string{"huth_1988", "alliance_reliability", "cow_war", "mid", "cow_states", "atop", "us_troops", "cow_nmc", "rivalries"}

func dataVersion() string {
	var s string
	for i, n := range Datasets {
		d, err := evidence.DatasetOf(n)
		if err != nil {
			continue
		}
		if i > 0 {
			s += "; "
		}
		s += n + " " + d.Version
	}
	return s
}

var huthMeaning = [nHuth]string{
	"defender intercept in Huth's crises (crisis-selected; not the engine's Base)",
	"+ military alliance defender-protege (milallia)",
	"BE: ln(1 + defender-protege trade, fortrade)",
	"BA: democratic defender (dem_def)",
	"BD: P(defender and protege prevail) - 1/2",
	"ln Gamma: contest exponent on the immediate balance (ibf)",
	"C1: cost slope on ln(F_S/F_C)",
	"CN: nuclear cost, only if the defender responds",
	"A0: status-quo intercept (immediate deterrence)",
	"ln A1: weight of ln Cbar - ln Pi",
}

func huthReport(ks []Crisis, f HuthFit, data string) HuthReport {
	r := HuthReport{N: len(ks), LogLik: f.LogLik, Status: f.Sol.Status, Iterations: f.Sol.Iterations, Spec: f.Spec, Data: data}
	for _, k := range ks {
		switch k.Outcome {
		case StatusQuo:
			r.StatusQuo++
		case BackDown:
			r.BackDown++
		default:
			r.War++
		}
	}
	pr := newHuthPriors(ks, f.Spec)
	for j, n := range f.Names {
		prior := fmt.Sprintf("Cauchy(0, %.3g)", pr.scale[j])
		if j == pLogG || j == pLogA1 {
			prior = fmt.Sprintf("Normal(0, %.3g)", pr.scale[j])
		}
		r.Params = append(r.Params, ParamRow{Name: n, Estimate: f.Sol.Theta[j], SE: f.Sol.SE[j], Prior: prior, Meaning: huthMeaning[j]})
	}
	return r
}

const huthMethod = "penalised ML: structural model with one defender (deter.Response, Contest, LogWarCost, StatusQuo) on Huth's 3 outcomes; Cauchy(0, 2.5) on standardised inputs (Gelman et al. 2008); SE from the observed information"

func fillHuth(c *deter.Coefficients, f HuthFit, data string) {
	th, se := f.Sol.Theta, f.Sol.SE
	e := func(v, s float64) deter.Estimate {
		return deter.Estimate{Value: v, SE: s, Data: data, Method: huthMethod}
	}
	c.BE = e(th[pBE], se[pBE])
	c.BE.Method += "; fitted on ln(1 + fortrade), Huth's defender-protege trade measure, by its values the protege's per cent of the defender's trade (not confirmed from Huth's codebook). Supply the stake in those units (see deter.ResponseInput.StakeUSDbn), not in US$bn"
	c.BA = e(th[pBA], se[pBA])
	c.BA.Method += "; audience = democratic defender (dem_def)"
	c.BD = e(th[pBD], se[pBD])
	g := math.Exp(th[pLogG])
	c.Gamma = e(g, g*se[pLogG])
	c.Gamma.Method += "; on Huth's immediate balance of forces (theatre forces), SE by the delta method"
	c.C1 = e(th[pC1], se[pC1])
	c.CN = e(th[pCN], se[pCN])
	c.CN.Method += "; nuclear = the defender has nuclear weapons"
	c.A0 = e(th[pA0], se[pA0])
	a1 := math.Exp(th[pLogA1])
	c.A1 = e(a1, a1*se[pLogA1])
	c.C0 = deter.Estimate{Value: 0, SE: 0, Data: data, Method: "normalisation",
		Prior: "normalisation, not a finding: in P(SQ) = L(A0 + A1 (ln Cbar - ln Pi)) only A0 + A1 C0 is identified, so C0 = 0 and A0 absorbs it"}
}

func (o Options) withDefaults() Options {
	if o.Folds == 0 {
		o.Folds = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = 2000
	}
	if o.Spec.ProtegeShare == 0 {
		o.Spec = DefaultHuthSpec
	}
	return o
}

// fillBases sets Base from the fulfilment logits, centred: a fulfilment
// rate is the average over allies with their own stakes, audiences and
// prospects, so Base (the logit at zero covariates, as ResponseIndex
// reads it) is the fulfilment logit minus what the covariate terms add at
// the average defender. Without covariates in the fulfilment file, Huth's
// defenders stand in for the average ally (an assumption, stated in Method).
func fillBases(c *deter.Coefficients, rows []BaseRow, off deter.Estimate) {
	for _, r := range rows {
		c.Base[r.Instrument] = deter.Estimate{Value: r.Logit - off.Value, SE: math.Hypot(r.SE, off.SE), Data: r.Rate.Data + "; " + off.Data,
			Method: fmt.Sprintf("Beta(1,1) posterior of %s obligations honoured before 1945 (LLM coding, %d/%d): mean logit %.3f (SD %.3f), minus %.3f, the covariate terms' mean over Huth's defenders (they stand in for the average ally)",
				r.Obligation, r.Rate.Honoured, r.Rate.N(), r.Logit, r.SE, off.Value)}
	}
}

// responseOffset is the mean over Huth's crises of BE ln(1+trade) + BA dem
// + BD (P(defender wins) - 1/2) under the fit, with a delta-method SE from
// the fit's covariance.
func responseOffset(ks []Crisis, f HuthFit) deter.Estimate {
	g := func(th []float64) float64 {
		m := newHuthModel(th, f.Spec)
		var s float64
		for _, k := range ks {
			s += m.c.BE.Value*math.Log1p(k.Trade) + m.c.BA.Value*b2f(k.DemDefender) +
				m.c.BD.Value*(0.5-deter.Contest(1, f.Spec.ratio(&k), m.c.Gamma.Value))
		}
		return s / float64(len(ks))
	}
	v, se := deltaMethod(g, f.Sol)
	return deter.Estimate{Value: v, SE: se, Data: "Huth structural fit", Method: "mean covariate contribution over Huth's 58 defenders"}
}

// deltaMethod returns g(theta) and its SE from the solution's covariance,
// with a central-difference gradient.
func deltaMethod(g func([]float64) float64, s Solution) (float64, float64) {
	th := append([]float64(nil), s.Theta...)
	v := g(th)
	grad := make([]float64, len(th))
	for j := range th {
		h := 1e-5 * math.Max(1, math.Abs(th[j]))
		th[j] += h
		up := g(th)
		th[j] -= 2 * h
		dn := g(th)
		th[j] += h
		grad[j] = (up - dn) / (2 * h)
	}
	var vr float64
	for a := range grad {
		for b := range grad {
			vr += grad[a] * grad[b] * s.Cov.At(a, b)
		}
	}
	return v, math.Sqrt(math.Max(vr, 0))
}

// postWarReference is the post-war stage's reference index (deter
// PostWarSurvival): the mean over Huth's crises of x = ln Cbar - ln Pi
// under the fit, with a delta-method SE from the fit's covariance. The
// post-war spells carry no index of their own, so the average spell is
// assumed to sit at the index of the average crisis input, the same
// reference the general-deterrence fit reads its intercept at (huthReference).
// Under the informed form x is the expected form's (huthModel.stageIndex):
// the post-war stage reads that index.
func postWarReference(ks []Crisis, f HuthFit) deter.Estimate {
	g := func(th []float64) float64 {
		m := newHuthModel(th, f.Spec)
		var s float64
		for i := range ks {
			s += (m.stageIndex(&ks[i]) - m.c.A0.Value) / m.c.A1.Value
		}
		return s / float64(len(ks))
	}
	v, se := deltaMethod(g, f.Sol)
	return deter.Estimate{Value: v, SE: se, Data: "Huth structural fit",
		Method: fmt.Sprintf("mean over Huth's %d crises of the index x = ln Cbar - ln Pi under the fit; SE by the delta method from the fit's covariance", len(ks)),
		Prior:  "assumption, not a fit: the mean index over Huth's crises. No stage reads it while the fitted post-war and general slopes are adopted (pw_slope, gen_slope); the post-war stage uses it, as exp(-A1 (x - this)), only when the coefficient set carries A1 over (pw_slope not adopted; docs/fit.md): then the average post-war dyad is assumed to sit at the index of the average Huth crisis input"}
}
