package spellindex

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	. "github.com/guarantor/guarantor/fit"
)

// directedPlus loads the directed post-war spells once, with the bare
// index and x⁺ under the committed coefficients.
var directedPlus = sync.OnceValues(func() ([2][]Spell, error) {
	var out [2][]Spell
	sp, _, err := PostWarSpells(5)
	if err != nil {
		return out, err
	}
	if err := AddPostWarCovariates(sp); err != nil {
		return out, err
	}
	dir, _, err := DirectSpells(sp, 5)
	if err != nil {
		return out, err
	}
	SetNationalIndex(dir, deter.Default())
	plus := append([]Spell(nil), dir...)
	if _, err := SetGuarantorIndex(plus, deter.Default(), Index); err != nil {
		return out, err
	}
	return [2][]Spell{dir, plus}, nil
})

// A spell whose target had known defence pacts when the war ended: Israel
// (666) against Egypt (651) after the Six Day War (COW war 169, 1967).
// Egypt's Arab League partners (Joint Defence and Economic Co-operation
// Treaty, 1950; ATOP 3180) that did not fight, among them Saudi Arabia
// (670) and Lebanon (660), are its guarantors; Syria (652) and Jordan (663)
// fought and are not. With them the engine's index is above the bare
// dyad's (guarantors only add to the defending side), and without them it
// is deter.NationalIndex.
func TestGuarantorIndexSixDayWar(t *testing.T) {
	cinc, err := capability.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := deter.Default()
	s := Spell{A: 666, B: 651, WarNum: 169, End: 1967}
	if s.CA, err = cinc.CINC(666, 1967); err != nil {
		t.Fatal(err)
	}
	if s.CB, err = cinc.CINC(651, 1967); err != nil {
		t.Fatal(err)
	}
	gs, n, err := SpellGuarantors(s, cinc)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []int{660, 670} {
		if !slices.Contains(gs, g) {
			t.Errorf("guarantors %v lack %d", gs, g)
		}
	}
	for _, g := range []int{652, 663, 666, 651} {
		if slices.Contains(gs, g) {
			t.Errorf("guarantors %v include %d", gs, g)
		}
	}
	if n.Belligerent != 2 {
		t.Errorf("belligerents excluded %d, want 2 (Syria, Jordan)", n.Belligerent)
	}
	pc := PointCoefficients(c)
	bareEngine, qs, err := Index(pc, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	bare := deter.NationalIndex(c, s.CA, s.CB, NationalDeployChallenger, NationalDeployProtege)
	if len(qs) != 0 || math.Abs(bareEngine-bare) > 1e-9*math.Max(1, math.Abs(bare)) {
		t.Errorf("no guarantor: engine x %v (%d q), deter.NationalIndex %v", bareEngine, len(qs), bare)
	}
	plus, qs, err := Index(pc, s, gs)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != len(gs) || !(plus > bare) {
		t.Errorf("with %d guarantors: x+ %v (%d q), bare %v", len(gs), plus, len(qs), bare)
	}
	for _, q := range qs {
		if !(q > 0 && q < 1) {
			t.Errorf("q %v", q)
		}
	}
}

// On every real directed spell: x⁺ is the bare index when the target has
// no guarantor (SetGuarantorIndex fails otherwise) and at least it when it
// has some.
func TestGuarantorIndexAllSpells(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every post-war spell")
	}
	d, err := directedPlus()
	if err != nil {
		t.Fatal(err)
	}
	bare, plus := d[0], d[1]
	more := 0
	for i := range bare {
		if plus[i].Index < bare[i].Index-1e-9*math.Max(1, math.Abs(bare[i].Index)) {
			t.Errorf("spell %d→%d (%d): x+ %v below the bare %v", bare[i].A, bare[i].B, bare[i].End, plus[i].Index, bare[i].Index)
		}
		if plus[i].Index > bare[i].Index+1e-9 {
			more++
		}
	}
	if more == 0 {
		t.Error("no spell's index moved with its guarantors")
	}
}

// simulateOn draws outcomes for spells whose Index is given, hazard
// e^{η − a (x − mean x)} on the non-cured, the covariates' η as
// simulateCov's.
func simulateOn(r *rand.Rand, idx []float64, pc, k, lam, a float64, delta [NumPostWarCovariates]float64) []Spell {
	sp := make([]Spell, len(idx))
	for i := range sp { // covariates as fit's simulator draws them; one dyad per spell
		sp[i].A = i + 1
		if r.Float64() < 0.4 {
			sp[i].X[0] = 1
		}
		if r.Float64() < 0.35 {
			sp[i].X[1] = 1
		}
		sp[i].X[2] = math.Log1p(float64(r.IntN(4) * r.IntN(2)))
	}
	var m float64
	for _, x := range idx {
		m += x / float64(len(idx))
	}
	for i := range sp {
		s := &sp[i]
		s.Index = idx[i]
		var eta float64
		for j := range s.X {
			eta += delta[j] * s.X[j]
		}
		eta -= a * (s.Index - m)
		cens := 1 + r.IntN(80)
		s.Years, s.Event = cens, false
		if r.Float64() >= pc {
			tt := lam * math.Pow(-math.Log(1-r.Float64())*math.Exp(-eta), 1/k)
			if y := max(int(math.Ceil(tt)), 1); y <= cens {
				s.Years, s.Event = y, true
			}
		}
	}
	return sp
}

// M3's estimator recovers a known a⁺ from 4,000 simulated spells whose
// indices are the real x⁺ (resampled), within 4 SE; and the pre-registered
// CV prefers the index that generated the outcomes.
func TestGuarSlopeRecoversAndCVChoosesTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("fits on 4,000 simulated spells and cross-validates")
	}
	d, err := directedPlus()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(31, 32))
	const n = 4000
	xb, xp := make([]float64, n), make([]float64, n)
	for i := range n {
		j := r.IntN(len(d[0]))
		xb[i], xp[i] = d[0][j].Index, d[1][j].Index
	}
	delta := [NumPostWarCovariates]float64{1.2, 0.4, -0.3}
	const truth = 0.3
	sp := simulateOn(r, xp, 0.4, 0.9, 40, truth, delta)
	f, err := FitSlope(sp, SlopeFitted, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.Boundary || !(f.SESlope > 0) || math.Abs(f.Slope-truth) > 4*f.SESlope {
		t.Errorf("a+ = %v (SE %v, boundary %v), truth %v", f.Slope, f.SESlope, f.Boundary, truth)
	}
	// The same outcomes with the bare index: the CV (each simulated spell
	// its own dyad) must prefer x⁺, which generated them, and the reverse.
	bare := append([]Spell(nil), sp...)
	for i := range bare {
		bare[i].Index = xb[i]
	}
	cv, err := CrossValidateGuar(sp, bare, sp, 10, 1, SlopeFitted)
	if err != nil {
		t.Fatal(err)
	}
	if !cv.M3Wins {
		t.Errorf("outcomes from x+: CV M3 %v, adopted %v", cv.M3, cv.Adopted)
	}
	sb := simulateOn(r, xb, 0.4, 0.9, 40, truth, delta)
	plus := append([]Spell(nil), sb...)
	for i := range plus {
		plus[i].Index = xp[i]
	}
	cv, err = CrossValidateGuar(sb, sb, plus, 10, 1, SlopeFitted)
	if err != nil {
		t.Fatal(err)
	}
	if cv.M3Wins {
		t.Errorf("outcomes from the bare x: CV M3 %v, adopted %v", cv.M3, cv.Adopted)
	}
}

// fit's copy of the engine's guarantor limit is the engine's.
func TestMaxGuarantors(t *testing.T) {
	if MaxGuarantors != assess.MaxGuarantors {
		t.Errorf("fit.MaxGuarantors %d, assess.MaxGuarantors %d", MaxGuarantors, assess.MaxGuarantors)
	}
}
