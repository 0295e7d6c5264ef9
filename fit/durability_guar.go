package fit

import (
	"fmt"
	"math"
	"sort"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// The post-war hazard slope with the target's defence pacts (docs/fit.md,
// "Post-war hazard slope with the target's defence pacts
// (pre-registered)"): model M3 is the adopted directed model (FitSlope,
// SlopeFitted) with the bare-dyad index replaced by x⁺, the engine's own
// index for challenger A, protege B and B's ATOP defence partners in the
// war's last year (evidence.DefencePacts). x⁺ is computed by the engine
// itself, from a generated scenario, so the slope is measured on the scale
// the engine applies it on; with no guarantor x⁺ is deter.NationalIndex.

// GuarCounts describes the guarantors of the directed spells.
type GuarCounts struct {
	Spells        int // directed spells
	WithGuarantor int // spells with at least one guarantor
	Pairs         int // guarantor-spell pairs
	// Excluded defence partners, by rule, and partners dropped because
	// their CINC in the war's last year is missing.
	CrossCutting, Belligerent, NoCINC int
	// Truncated spells had more than MaxGuarantors guarantors; the
	// strongest by CINC were kept (docs/fit.md, rule 2's amendment), and
	// Cut counts the guarantors left out.
	Truncated, Cut int
	MeanQ          float64 // mean q_g over the pairs
	// MaxBareDiff is the largest |x⁺ − deter.NationalIndex| over spells
	// without a guarantor (checked below 1e-9).
	MaxBareDiff float64
}

// PointCoefficients returns a copy of c with every standard error 0, so
// that the catalogue reads each fitted input as a point at its estimate.
func PointCoefficients(c *deter.Coefficients) *deter.Coefficients {
	p := c.Clone()
	for _, n := range p.Scalars() {
		n.E.SE = 0
	}
	for k, e := range p.Base {
		e.SE = 0
		p.Base[k] = e
	}
	for k, e := range p.HR {
		e.SE = 0
		p.HR[k] = e
	}
	return p
}

// EngineIndexFunc is the engine's index x = ln C̄ − ln Π for directed
// spell s with guarantors gs (COW codes), each holding one public defence
// pact on national capability, under coefficients pc (PointCoefficients),
// at the medians of the judgment inputs; qs are the guarantors' q_g. Package
// fit/spellindex implements it with the engine (package assess, which fit
// cannot import: assess's tests import fit).
type EngineIndexFunc func(pc *deter.Coefficients, s Spell, gs []int) (x float64, qs []float64, err error)

// MaxGuarantors is the engine's limit (MaxGuarantors; a test in
// fit/spellindex holds them equal).
const MaxGuarantors = 10

// SpellGuarantors returns the guarantors of directed spell s (rule 2),
// those with a CINC in the war's last year, and the exclusions.
func SpellGuarantors(s Spell, cinc *capability.Index) ([]int, GuarCounts, error) {
	var n GuarCounts
	gs, ex, err := evidence.DefencePacts(s.A, s.B, s.WarNum, s.End)
	if err != nil {
		return nil, n, err
	}
	n.CrossCutting, n.Belligerent = ex.CrossCutting, ex.Belligerent
	var out []int
	for _, g := range gs {
		if v, err := cinc.CINC(g, s.End); err != nil || v <= 0 {
			n.NoCINC++
			continue
		}
		out = append(out, g)
	}
	if len(out) > MaxGuarantors {
		// The engine sums over every responding set and takes at most
		// MaxGuarantors; each guarantor raises x, so the weakest, which
		// move it least, are left out (ties by code, for a fixed order).
		sort.SliceStable(out, func(i, j int) bool {
			ci, _ := cinc.CINC(out[i], s.End)
			cj, _ := cinc.CINC(out[j], s.End)
			return ci > cj
		})
		n.Truncated, n.Cut = 1, len(out)-MaxGuarantors
		out = out[:MaxGuarantors]
		sort.Ints(out)
	}
	return out, n, nil
}

// SetGuarantorIndex replaces each directed spell's Index by x⁺ under c's
// point estimates. It fails if a spell without a guarantor gets an index
// other than deter.NationalIndex (the pre-registered check).
func SetGuarantorIndex(sp []Spell, c *deter.Coefficients, engine EngineIndexFunc) (GuarCounts, error) {
	n := GuarCounts{Spells: len(sp)}
	cinc, err := capability.Default()
	if err != nil {
		return n, err
	}
	pc := PointCoefficients(c)
	var qsum float64
	for i := range sp {
		gs, k, err := SpellGuarantors(sp[i], cinc)
		if err != nil {
			return n, err
		}
		n.CrossCutting += k.CrossCutting
		n.Belligerent += k.Belligerent
		n.NoCINC += k.NoCINC
		n.Truncated += k.Truncated
		n.Cut += k.Cut
		x, qs, err := engine(pc, sp[i], gs)
		if err != nil {
			return n, err
		}
		if len(gs) > 0 {
			n.WithGuarantor++
			n.Pairs += len(gs)
			for _, q := range qs {
				qsum += q
			}
		} else {
			bare := deter.NationalIndex(pc, sp[i].CA, sp[i].CB, NationalDeployChallenger, NationalDeployProtege)
			d := math.Abs(x - bare)
			n.MaxBareDiff = math.Max(n.MaxBareDiff, d)
			if d > 1e-9*math.Max(1, math.Abs(bare)) {
				return n, fmt.Errorf("spell %d→%d (%d): engine index %v without a guarantor, deter.NationalIndex %v", sp[i].A, sp[i].B, sp[i].End, x, bare)
			}
		}
		sp[i].Index = x
	}
	if n.Pairs > 0 {
		n.MeanQ = qsum / float64(n.Pairs)
	}
	return n, nil
}

// GuarCV is the pre-registered comparison of M3 (x⁺) with the adopted
// directed model (M1, bare-dyad x), on the same folds.
type GuarCV struct {
	Folds, Dyads int
	Seed         uint64
	// M3 and Adopted are the summed held-out log-likelihoods; SE is the
	// standard error of the summed difference M3 − adopted over dyads.
	M3, Adopted, SE float64
	// M3Wins: M3's score is higher, so it replaces the adopted model.
	M3Wins bool
}

// GuarReport is M3's fit and its comparison.
type GuarReport struct {
	Counts GuarCounts
	M3     SlopeFit // SlopeFitted on x⁺
	CV     GuarCV
}

// CrossValidateGuar runs rule 5: both models refitted on each training set
// of the slope CV's folds (dyadFolds over the undirected spells' pairs);
// bare and plus are the same directed spells with x and x⁺ as Index.
//
// model is the adopted directed model's form (SlopeFitted, or SlopeOutcome
// when the war outcome was adopted by its own rule): the pre-registration
// compares M3 with the adopted model, its η included, so both sides use it.
func CrossValidateGuar(undirected, bare, plus []Spell, folds int, seed uint64, model SlopeModel) (GuarCV, error) {
	r, err := crossValidateDirected("post-war slope with pacts", undirected, [][]Spell{bare, plus}, folds, seed, 0, 1, func(_ int, train []Spell) (SlopeFit, error) {
		return FitSlope(train, model, 0, 0)
	})
	cv := GuarCV{Folds: r.Folds, Seed: r.Seed, Dyads: r.Dyads}
	if err != nil {
		return cv, err
	}
	cv.Adopted, cv.M3, cv.SE = r.Score[0], r.Score[1], r.SE()
	cv.M3Wins = cv.M3 > cv.Adopted
	return cv, nil
}

// durabilityGuar computes x⁺ for the directed spells dir (bare index
// filled) under huth, fits M3 and runs the comparison.
func durabilityGuar(undirected, dir []Spell, folds int, seed uint64, huth *deter.Coefficients, engine EngineIndexFunc, model SlopeModel) (GuarReport, error) {
	var r GuarReport
	if engine == nil {
		return r, nil // no engine given (Options.EngineIndex): M3 is not run
	}
	plus := append([]Spell(nil), dir...)
	// huth is the set as far as the run has filled it: the judgments
	// (among them the era keys, so the post-1945 term of a defence pact)
	// come after durability. x⁺ is the committed coefficients' index (rule
	// 3), so it is computed with them filled in; the durability fields do
	// not enter x.
	c := huth.Clone()
	fillJudgments(c)
	var err error
	if r.Counts, err = SetGuarantorIndex(plus, c, engine); err != nil {
		return r, err
	}
	if r.CV, err = CrossValidateGuar(undirected, dir, plus, folds, seed, model); err != nil {
		return r, err
	}
	r.M3, err = FitSlope(plus, model, 0, 0)
	return r, err
}
