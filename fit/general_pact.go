package fit

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// The general stage's guarantee test (docs/fit.md, "General-stage
// guarantees: the target's defence pacts (pre-registered)"). Each directed
// dyad-year A→B of the adopted G1 rows gets the target's guarantors in
// t − 1 (B's ATOP defence partners that are not also A's: rule 2), the
// engine's index with them x⁺ (rule 3: computed by the engine itself, from
// the row's scenario, as the post-war test's) and the indicator d (B has at
// least one guarantor). Four models are compared by the G1 comparison's
// 10-fold CV by dyad: G1 (adopted), G3 (x⁺ in place of x), G4 (G1 + δ·d)
// and G5 (G3 + δ·d, reported only).

// DyadYearQuery is one dyad-year's engine input: challenger A and target B
// by COW code, the year the engine reads (t − 1: the scenario's period
// starts on 1 January of it) and the guarantors (COW codes, each with a
// CINC in Year, at most MaxGuarantors, sorted), each holding one public
// defence pact.
type DyadYearQuery struct {
	A, B, Year int
	Guarantors []int
}

// DyadYearIndexFunc computes the engine's index x = ln C̄ − ln Π of each
// query under pc (PointCoefficients), at the medians of the judgment
// inputs, under `challenge: {kind: invasion, stage: general}`; qsum[i] is
// the sum of query i's guarantors' q_g. Package fit/spellindex implements
// it with the engine (DyadYearIndex), which fit cannot import.
type DyadYearIndexFunc func(ctx context.Context, pc *deter.Coefficients, qs []DyadYearQuery) (x, qsum []float64, err error)

// GenPactCounts describes the guarantors of the dyad-years (rule 2, rule 3).
type GenPactCounts struct {
	Rows int // the G1 rows
	// WithGuarantor rows have at least one guarantor under rule 2 (d = 1,
	// whatever the guarantors' CINC); Pairs are guarantor-row pairs under
	// rule 2; CrossCutting counts B's defence partners excluded because
	// they are also A's.
	WithGuarantor, Pairs, CrossCutting int
	// NoCINC counts guarantor-row pairs dropped from x⁺ for a missing
	// CINC in t − 1; Truncated rows had more than MaxGuarantors
	// guarantors with a CINC, and Cut counts the weakest left out.
	NoCINC, Truncated, Cut int
	// IndexRows have at least one guarantor in the engine; IndexPairs are
	// the guarantor-row pairs the engine read, MeanQ their mean q_g.
	IndexRows, IndexPairs int
	MeanQ                 float64
	// MaxBareDiff is the largest |x⁺ − x| over the rows without a
	// guarantor in the engine (checked below 1e-9), MinDiff the smallest
	// x⁺ − x over the rows with one, MedianDiff and MaxDiff its median
	// and largest.
	MaxBareDiff, MinDiff, MedianDiff, MaxDiff float64
}

// addRow adds one row's guarantor counts (RowGuarantors) to n.
func (n *GenPactCounts) addRow(k GenPactCounts) {
	n.WithGuarantor += k.WithGuarantor
	n.Pairs += k.Pairs
	n.CrossCutting += k.CrossCutting
	n.NoCINC += k.NoCINC
	n.Truncated += k.Truncated
	n.Cut += k.Cut
}

// RowGuarantors returns the guarantors of the directed dyad-year a→b in
// year (rule 2, read in year − 1), those of them the engine reads (a CINC
// in year − 1; at most MaxGuarantors, the highest CINC kept) and the
// counts of this row.
func RowGuarantors(a, b, year int, cinc *capability.Index) (all, engine []int, n GenPactCounts, err error) {
	all, n.CrossCutting, err = evidence.TargetDefencePartners(a, b, year-1)
	if err != nil {
		return nil, nil, n, err
	}
	n.Pairs = len(all)
	if len(all) > 0 {
		n.WithGuarantor = 1
	}
	for _, g := range all {
		if v, err := cinc.CINC(g, year-1); err != nil || !(v > 0) {
			n.NoCINC++
			continue
		}
		engine = append(engine, g)
	}
	if len(engine) > MaxGuarantors {
		// The engine takes at most MaxGuarantors; each guarantor raises x,
		// so the weakest, which move it least, are left out (ties by code).
		sort.SliceStable(engine, func(i, j int) bool {
			ci, _ := cinc.CINC(engine[i], year-1)
			cj, _ := cinc.CINC(engine[j], year-1)
			return ci > cj
		})
		n.Truncated, n.Cut = 1, len(engine)-MaxGuarantors
		engine = engine[:MaxGuarantors]
		sort.Ints(engine)
	}
	return all, engine, n, nil
}

// GeneralPactRows builds the G1 rows of the dyad-years all (the same rows,
// in the same order, x from c's γ, c0 and c1) with d set, the same rows
// with x⁺ as Index, the engine's queries (one per row) and the counts. x⁺
// is computed by engine under c's point estimates; a row without a
// guarantor in the engine must get x⁺ = x within 1e-9 (rule 3), else it
// fails, and its x⁺ is then x exactly (rule 3: x⁺ = x on those rows; so
// the x⁺ table fit.Refit reads holds only the rows with a guarantor).
func GeneralPactRows(ctx context.Context, all []evidence.GeneralDyadYear, c *deter.Coefficients, engine DyadYearIndexFunc) (bare, plus []GenSlopeRow, qs []DyadYearQuery, n GenPactCounts, err error) {
	cinc, err := capability.Default()
	if err != nil {
		return nil, nil, nil, n, err
	}
	if bare, qs, n, err = pactQueries(all, laggedCINC(all, cinc), c, cinc); err != nil {
		return nil, nil, nil, n, err
	}
	xs, qsum, err := engine(ctx, PointCoefficients(c), qs)
	if err != nil {
		return nil, nil, nil, n, err
	}
	if len(xs) != len(qs) || len(qsum) != len(qs) {
		return nil, nil, nil, n, fmt.Errorf("general-stage guarantees: the engine returned %d indices for %d rows", len(xs), len(qs))
	}
	plus = append([]GenSlopeRow(nil), bare...)
	var diffs []float64
	var qtot float64
	n.MinDiff = math.Inf(1)
	for i, q := range qs {
		plus[i].Index = xs[i]
		d := xs[i] - bare[i].Index
		if len(q.Guarantors) == 0 {
			n.MaxBareDiff = math.Max(n.MaxBareDiff, math.Abs(d))
			if math.Abs(d) > 1e-9*math.Max(1, math.Abs(bare[i].Index)) || math.IsNaN(d) {
				return nil, nil, nil, n, fmt.Errorf("general-stage guarantees: %d→%d in %d without a guarantor: engine index %v, G1 index %v", q.A, q.B, q.Year+1, xs[i], bare[i].Index)
			}
			plus[i].Index = bare[i].Index // x⁺ = x on these rows (rule 3)
			continue
		}
		n.IndexRows++
		n.IndexPairs += len(q.Guarantors)
		qtot += qsum[i]
		diffs = append(diffs, d)
		n.MinDiff = math.Min(n.MinDiff, d)
		n.MaxDiff = math.Max(n.MaxDiff, d)
	}
	if n.IndexPairs > 0 {
		n.MeanQ = qtot / float64(n.IndexPairs)
	}
	if len(diffs) > 0 {
		sort.Float64s(diffs)
		n.MedianDiff = diffs[len(diffs)/2]
	} else {
		n.MinDiff = 0
	}
	return bare, plus, qs, n, nil
}

// pactQueries builds the G1 rows of the dyad-years all (lag their lagged
// CINCs, x from c) with d set, the engine's query of each row (its
// guarantors, rule 2 and rule 3) and the guarantor counts.
func pactQueries(all []evidence.GeneralDyadYear, lag [][2]float64, c *deter.Coefficients, cinc *capability.Index) (bare []GenSlopeRow, qs []DyadYearQuery, n GenPactCounts, err error) {
	bare, _ = slopeRowsFrom(all, lag, c)
	n.Rows = len(bare)
	qs = make([]DyadYearQuery, 0, len(bare))
	j := 0
	for i, r := range all {
		if math.IsNaN(lag[i][0]) {
			continue
		}
		gs, eg, k, err := RowGuarantors(r.A, r.B, r.Year, cinc)
		if err != nil {
			return nil, nil, n, err
		}
		bare[j].Pact = len(gs) > 0
		n.addRow(k)
		qs = append(qs, DyadYearQuery{A: r.A, B: r.B, Year: r.Year - 1, Guarantors: eg})
		j++
	}
	if j != len(bare) {
		return nil, nil, n, fmt.Errorf("general-stage guarantees: %d rows with both CINCs, %d in the slope fit", j, len(bare))
	}
	return bare, qs, n, nil
}

// GenPactModels are the guarantee test's models in report order.
var GenPactModels = [4]GenSlopeModel{GenG1, GenG3, GenG4, GenG5}

// GeneralPactReport is the pre-registered guarantee test.
type GeneralPactReport struct {
	Counts GenPactCounts
	Onsets int
	// Fits are G1, G3, G4 and G5 (GenPactModels order) on all the rows.
	Fits  [4]GenSlopeFit
	Folds int
	Seed  uint64
	Dyads int
	// CV is each model's summed held-out log-likelihood, SE the standard
	// error over dyads of its difference from G1's (0 for G1).
	CV, SE [4]float64
	// Adopted is the model the rule adopts: GenG1 (neither G3 nor G4 beats
	// it), GenG3 or GenG4.
	Adopted GenSlopeModel
	// Plus is x⁺ of the rows with a guarantor in the engine, the table
	// `guarantor fit --write` writes for fit.Refit (not part of the report).
	Plus *IndexPlus `json:"-"`
}

// Ran reports whether the test was run (fit.Options.EngineDyadYearIndex set).
func (g GeneralPactReport) Ran() bool { return g.Folds > 0 }

// fitGeneralPact runs the guarantee test on the dyad-years all: x and x⁺
// from c (the run's coefficients with the judgments filled: rule 3's
// committed coefficients when the run reproduces them), the four models
// on all rows, and rule 5's 10-fold CV on the general fit's folds.
func fitGeneralPact(ctx context.Context, all []evidence.GeneralDyadYear, c *deter.Coefficients, folds int, seed uint64, engine DyadYearIndexFunc) (GeneralPactReport, error) {
	r := GeneralPactReport{Folds: folds, Seed: seed, Adopted: GenG1}
	bare, plus, qs, n, err := GeneralPactRows(ctx, all, c, engine)
	if err != nil {
		return r, err
	}
	if r.Plus, err = newIndexPlus(qs, plus, PointCoefficients(c)); err != nil {
		return r, err
	}
	r.Counts = n
	for _, row := range bare {
		if !row.NoOnset {
			r.Onsets++
		}
	}
	sets := [][]GenSlopeRow{bare, plus, bare, plus}
	for m, model := range GenPactModels {
		f, err := fitSlopeModel(sets[m], model, 0)
		if err != nil {
			return r, fmt.Errorf("general-stage guarantees, model %d: %w", m, err)
		}
		r.Fits[m] = *f
	}
	fold, nd, err := slopeFolds(bare, all, folds, seed)
	if err != nil {
		return r, err
	}
	r.Dyads = nd
	if r.CV, r.SE, err = crossValidateGenPact(ctx, bare, plus, fold, folds); err != nil {
		return r, err
	}
	r.Adopted = pactRule(r.CV)
	return r, nil
}

// crossValidateGenPact is rule 5's loop: G1, G3, G4 and G5 refitted on every
// training set (bare rows for G1 and G4, plus rows for G3 and G5), their
// summed held-out log-likelihoods and the SEs of the differences from G1.
func crossValidateGenPact(ctx context.Context, bare, plus []GenSlopeRow, fold map[int64]int, folds int) (cv, se [4]float64, err error) {
	sets := [][]GenSlopeRow{bare, plus, bare, plus}
	score, per, err := genCV(ctx, sets, fold, folds, func(m int, train []GenSlopeRow) (*GenSlopeFit, error) {
		return fitSlopeModelMode(train, GenPactModels[m], 0, true)
	})
	if err != nil {
		return cv, se, fmt.Errorf("general-stage guarantees %w", err)
	}
	copy(cv[:], score)
	for m := 1; m < len(se); m++ {
		se[m] = per.diffSE(0, m)
	}
	return cv, se, nil
}

// CrossValidateGenPact runs rule 5 on rows whose own dyads are dealt into
// folds (seed as the general fit's shuffle): for simulations, where the
// rows are not the MID sample. It returns the CV scores, their SEs against
// G1 (GenPactModels order) and the model the rule adopts.
func CrossValidateGenPact(bare, plus []GenSlopeRow, folds int, seed uint64) (cv, se [4]float64, adopted GenSlopeModel, err error) {
	var keys []int64
	seen := map[int64]bool{}
	for _, r := range bare {
		if !seen[r.Dyad] {
			seen[r.Dyad] = true
			keys = append(keys, r.Dyad)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if folds < 2 || folds > len(keys) {
		return cv, se, GenG1, fmt.Errorf("general-stage guarantees CV: %d folds for %d dyads", folds, len(keys))
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	fold := make(map[int64]int, len(keys))
	for i, k := range keys {
		fold[k] = i % folds
	}
	if cv, se, err = crossValidateGenPact(context.Background(), bare, plus, fold, folds); err != nil {
		return cv, se, GenG1, err
	}
	return cv, se, pactRule(cv), nil
}

// FitGenModel fits model m of the comparisons on rows (for G3 and G5 the
// rows carry x⁺ as Index), with the profile bounds at a boundary.
func FitGenModel(rows []GenSlopeRow, m GenSlopeModel) (*GenSlopeFit, error) {
	return fitSlopeModel(rows, m, 0)
}

// pactRule is rule 5: G3 or G4 replaces G1 only if its CV score is higher
// than G1's; if both are, the higher of the two. cv is in GenPactModels
// order; G5 is not eligible.
func pactRule(cv [4]float64) GenSlopeModel {
	best, at := GenG1, cv[0]
	for _, m := range []int{1, 2} {
		if cv[m] > at {
			best, at = GenPactModels[m], cv[m]
		}
	}
	return best
}

// genPactMethod starts the method of gen_slope when G3 is adopted: the
// general slope is then measured on the index with the target's defence
// pacts (fit.Refit reads it to refit G3, not G1).
const genPactMethod = "penalised ML (G3, the index with the target's defence pacts): "

// GeneralPactAdopted reports whether c's general slope is G3's.
func GeneralPactAdopted(c *deter.Coefficients) bool {
	return c.GeneralSlopeFitted() && strings.HasPrefix(c.GenSlope.Method, genPactMethod)
}

// fillGeneralPact applies rule 6 (docs/fit.md, "General-stage guarantees"):
// with G3 adopted, AGeneral, GenSlope, GenRef and the challenger
// covariates become G3's (the engine's equation is G1's, with the
// scenario's own x: theatre forces and the file's guarantors); with G1
// kept nothing changes. G4 would need a new engine term that was not built
// (it was not adopted), so it is an error.
func fillGeneralPact(c *deter.Coefficients, g GeneralPactReport, data string) error {
	switch g.Adopted {
	case GenG1:
		return nil
	case GenG3:
	default:
		return fmt.Errorf("general-stage guarantees: model %d adopted, but only G3's engine rule is implemented", g.Adopted)
	}
	f := g.Fits[1]
	choice := fmt.Sprintf("adopted by %d-fold CV by dyad (seed %d): G3 %.2f vs G1 %.2f (G4 %.2f)", g.Folds, g.Seed, g.CV[1], g.CV[0], g.CV[2])
	if g.Folds == 0 {
		choice = "adopted as in the committed fit"
	}
	data += "; COW NMC 7.0 (CINC in the year before); ATOP 5.1 (the target's defence partners in the year before)"
	method := fmt.Sprintf("logit of no use-of-force MID onset (A on the initiating side, hostility >= 4) in %d directed politically relevant dyad-years with both CINCs in the year before (%d onsets), on the challenger covariates and the engine's index x+ = ln C - ln pi of the dyad with the target's ATOP defence partners in the year before (not also the challenger's) as guarantors, each with a public defense_pact on national capability (at most 10, the strongest; docs/fit.md, General-stage guarantees); Cauchy(0, 2.5) on standardised inputs (Gelman et al. 2008), the slope restricted to >= 0; %s",
		g.Counts.Rows, g.Onsets, choice)
	se := "SE from the observed information"
	if f.Boundary {
		se = fmt.Sprintf("mode at the boundary b = 0; SE = the 95%% profile upper bound %.4g / 1.96", f.Upper95)
	}
	c.AGeneral = deter.Estimate{Value: f.Intercept, SE: f.InterceptSE, Data: data,
		Method: genPactMethod + method + "; the intercept at the covariate means and x = gen_ref (the whole intercept of the general stage: A0 does not enter it); SE from the observed information"}
	c.GenSlope = deter.Estimate{Value: f.Slope, SE: f.SlopeSE, Data: data,
		Method: genPactMethod + method + "; logit slope per unit of x (the engine reads it with the scenario's own x: theatre forces and the file's guarantors); " + se}
	c.GenRef = deter.Estimate{Value: f.Ref, Data: data,
		Method: fmt.Sprintf("mean of the index x+ (G3: with the target's defence pacts) over the %d dyad-years of the fit (the reference at which AGeneral applies)", g.Counts.Rows)}
	fillGeneralCovariates(c, f, data, genPactMethod+method)
	return nil
}

// dyadYearEngine is the engine's dyad-year index that fit.Run uses when
// its Options name none, registered by fit/spellindex (fit cannot import
// the engine): fit's own test binary registers it so that Run there
// reproduces the committed, G3-adopting fit. Refit does not use it: it
// reads the x⁺ table (xplus.go).
var dyadYearEngine struct {
	sync.Mutex
	f DyadYearIndexFunc
}

// SetDyadYearIndex registers the engine's dyad-year index as fit.Run's
// default (fit/spellindex does, in its init).
func SetDyadYearIndex(f DyadYearIndexFunc) {
	dyadYearEngine.Lock()
	defer dyadYearEngine.Unlock()
	dyadYearEngine.f = f
}

// refitPlus is x⁺ of every row of refitData.rows under the committed
// coefficients (NaN where a lagged CINC is missing), read once per process
// from the committed table (deter.IndexPlusTable) after checking that it
// belongs to the embedded coefficients and data.
var refitPlus struct {
	once sync.Once
	x    []float64
	err  error
}

func loadRefitPlus(ctx context.Context) ([]float64, error) {
	refitPlus.once.Do(func() {
		if err := loadRefitData(); err != nil {
			refitPlus.err = err
			return
		}
		t, err := CommittedIndexPlus()
		if err != nil {
			refitPlus.err = fmt.Errorf("fit.Refit: %w", err)
			return
		}
		refitPlus.x, refitPlus.err = refitPlusFrom(t, deter.EmbeddedJSON())
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return refitPlus.x, refitPlus.err
}

// refitPlusFrom checks t against the refit data's queries and the
// coefficients.json coefficientsJSON, and spreads it over refitData.rows:
// NaN without both lagged CINCs, the table's x⁺ on the rows with a
// guarantor, x under the committed coefficients on the others (rule 3).
func refitPlusFrom(t *IndexPlus, coefficientsJSON []byte) ([]float64, error) {
	d := &refitData
	cinc, err := capability.Default()
	if err != nil {
		return nil, err
	}
	bare, qs, _, err := pactQueries(d.rows, d.lag, deter.Default(), cinc)
	if err != nil {
		return nil, err
	}
	if err := t.matches(qs, coefficientsJSON); err != nil {
		return nil, fmt.Errorf("fit.Refit: %w", err)
	}
	x := make([]float64, len(d.rows))
	j, k := 0, 0
	for i := range d.rows {
		x[i] = math.NaN()
		if math.IsNaN(d.lag[i][0]) {
			continue
		}
		x[i] = bare[j].Index
		if len(qs[j].Guarantors) > 0 {
			x[i] = t.Rows[k].X
			k++
		}
		j++
	}
	return x, nil
}
