package spellindex

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
	. "github.com/guarantor/guarantor/fit"
)

// sampledRows are every 60th dyad-year of the general sample (about 3,700 G1 rows, the
// real covariates, d and x), their queries, and x⁺ through DyadYearIndex
// under the committed coefficients; x⁺ for the whole sample is what
// `guarantor fit` computes.
var sampledRows = sync.OnceValues(func() (struct {
	bare, plus []GenSlopeRow
	qs         []DyadYearQuery
}, error) {
	var out struct {
		bare, plus []GenSlopeRow
		qs         []DyadYearQuery
	}
	all, err := evidence.GeneralSample(evidence.SystemFirstYear, evidence.MIDLastYear)
	if err != nil {
		return out, err
	}
	var sub []evidence.GeneralDyadYear
	for i := 0; i < len(all); i += 60 {
		sub = append(sub, all[i])
	}
	c := deter.Default()
	// The queries and G1 rows come from GeneralPactRows; its engine is
	// DyadYearIndex, so its bare-row check runs too.
	capture := func(ctx context.Context, pc *deter.Coefficients, qs []DyadYearQuery) ([]float64, []float64, error) {
		out.qs = qs
		return DyadYearIndex(ctx, pc, qs)
	}
	out.bare, out.plus, _, _, err = GeneralPactRows(context.Background(), sub, c, capture)
	return out, err
})

// The fast path (one parse per pair and guarantor set, the period set per
// row) equals the per-row YAML path on 250 sampled rows with guarantors
// and 50 without, to 1e-9; x⁺ is the bare index without guarantors and at
// least it with them.
func TestDyadYearIndexMatchesYAML(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the engine on about 3,700 dyad-years")
	}
	s, err := sampledRows()
	if err != nil {
		t.Fatal(err)
	}
	pc := PointCoefficients(deter.Default())
	with, without := 0, 0
	for i, q := range s.qs {
		if len(q.Guarantors) > 0 && with >= 250 || len(q.Guarantors) == 0 && without >= 50 {
			continue
		}
		if len(q.Guarantors) > 0 {
			with++
		} else {
			without++
		}
		x, _, err := yamlIndex(pc, q)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(x-s.plus[i].Index) > 1e-9*math.Max(1, math.Abs(x)) {
			t.Errorf("%d→%d in %d (%d guarantors): fast path %v, YAML %v", q.A, q.B, q.Year+1, len(q.Guarantors), s.plus[i].Index, x)
		}
	}
	if with < 250 || without < 50 {
		t.Fatalf("only %d rows with guarantors and %d without in the sample", with, without)
	}
	moved := 0
	for i, q := range s.qs {
		b, p := s.bare[i].Index, s.plus[i].Index
		switch {
		case len(q.Guarantors) == 0 && math.Abs(p-b) > 1e-9*math.Max(1, math.Abs(b)):
			t.Errorf("%d→%d in %d without a guarantor: x+ %v, x %v", q.A, q.B, q.Year+1, p, b)
		case len(q.Guarantors) > 0 && p < b-1e-9*math.Max(1, math.Abs(b)):
			t.Errorf("%d→%d in %d: x+ %v below x %v", q.A, q.B, q.Year+1, p, b)
		case p > b+1e-9:
			moved++
		}
	}
	if moved == 0 {
		t.Error("no row's index moved with its guarantors")
	}
}

// A known row: USSR → West Germany in 1960 (read in 1959) has the US, the
// UK and France among its guarantors (NATO), d = 1, and x⁺ above x; the
// engine's bare index is deter.NationalIndex of the 1959 CINCs; the worker
// count does not change the result.
func TestDyadYearIndexKnownRow(t *testing.T) {
	cinc, err := capability.Default()
	if err != nil {
		t.Fatal(err)
	}
	all, eng, _, err := RowGuarantors(365, 260, 1960, cinc)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []int{2, 200, 220} {
		if !slices.Contains(all, g) || !slices.Contains(eng, g) {
			t.Errorf("guarantors %v (engine %v) lack %d", all, eng, g)
		}
	}
	c := deter.Default()
	pc := PointCoefficients(c)
	qs := []DyadYearQuery{{A: 365, B: 260, Year: 1959, Guarantors: eng}, {A: 365, B: 260, Year: 1959}}
	x, qsum, err := DyadYearIndex(context.Background(), pc, qs)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := cinc.CINC(365, 1959)
	cb, _ := cinc.CINC(260, 1959)
	bare := deter.NationalIndex(c, ca, cb, NationalDeployChallenger, NationalDeployProtege)
	if math.Abs(x[1]-bare) > 1e-9*math.Max(1, math.Abs(bare)) || qsum[1] != 0 {
		t.Errorf("no guarantor: engine x %v (q sum %v), deter.NationalIndex %v", x[1], qsum[1], bare)
	}
	if !(x[0] > bare) || !(qsum[0] > 0 && qsum[0] < float64(len(eng))) {
		t.Errorf("with %d guarantors: x+ %v, bare %v, q sum %v", len(eng), x[0], bare, qsum[0])
	}
	one, _, err := yamlIndex(pc, qs[0])
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(one-x[0]) > 1e-9*math.Max(1, math.Abs(one)) {
		t.Errorf("YAML path %v, fast path %v", one, x[0])
	}
}

// simulatePact draws outcomes on resampled real rows: P(no onset) =
// L(icept + x'coef + b (v − mean v) + delta d) with v the row's Index.
func simulatePact(r *rand.Rand, src []GenSlopeRow, n int, icept, b, delta float64) (idx []int, rows []GenSlopeRow) {
	coef := [deter.NumChallengerCovariates]float64{-1, 0.6, 1.2, -0.4}
	var m float64
	for _, s := range src {
		m += s.Index / float64(len(src))
	}
	rows = make([]GenSlopeRow, n)
	idx = make([]int, n)
	for i := range rows {
		j := r.IntN(len(src))
		idx[i] = j
		s := src[j]
		eta := icept + b*(s.Index-m)
		for k := range s.X {
			eta += coef[k] * s.X[k]
		}
		if s.Pact {
			eta += delta
		}
		s.NoOnset = r.Float64() < 1/(1+math.Exp(-eta))
		s.Dyad = int64(i) // one dyad per simulated row
		rows[i] = s
	}
	return idx, rows
}

// with copies rows with Index taken from src at idx.
func with(rows []GenSlopeRow, src []GenSlopeRow, idx []int) []GenSlopeRow {
	out := append([]GenSlopeRow(nil), rows...)
	for i := range out {
		out[i].Index = src[idx[i]].Index
	}
	return out
}

// G3 recovers a known b⁺ and G4 a known δ from onsets simulated on the real
// x⁺, x and d (resampled), within 4 SE; and the pre-registered CV picks the
// model that generated the outcomes (G3 from x⁺, G4 from d, G1 from x).
func TestGenPactRecoversAndCVChoosesTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the engine on about 3,700 dyad-years and cross-validates simulations")
	}
	s, err := sampledRows()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(41, 42))
	const n = 40000
	// Outcomes from x⁺ with b⁺ = 0.25.
	idx, plus := simulatePact(r, s.plus, n, 3, 0.25, 0)
	bare := with(plus, s.bare, idx)
	f, err := FitGenModel(plus, GenG3)
	if err != nil {
		t.Fatal(err)
	}
	if f.Boundary || math.Abs(f.Slope-0.25) > 4*f.SlopeSE {
		t.Errorf("G3: b+ %v (SE %v, boundary %v), truth 0.25", f.Slope, f.SlopeSE, f.Boundary)
	}
	if _, _, m, err := CrossValidateGenPact(bare, plus, 10, 1); err != nil || m != GenG3 {
		t.Errorf("outcomes from x+: the CV adopts %v (%v), want G3", m, err)
	}
	// Outcomes from d with δ = 0.5 (and the bare x with b = 0.05).
	idx, bare = simulatePact(r, s.bare, n, 3, 0.05, 0.5)
	plus = with(bare, s.plus, idx)
	f, err = FitGenModel(bare, GenG4)
	if err != nil {
		t.Fatal(err)
	}
	if f.PactBoundary || math.Abs(f.Pact-0.5) > 4*f.PactSE {
		t.Errorf("G4: delta %v (SE %v, boundary %v), truth 0.5", f.Pact, f.PactSE, f.PactBoundary)
	}
	if _, _, m, err := CrossValidateGenPact(bare, plus, 10, 1); err != nil || m != GenG4 {
		t.Errorf("outcomes from d: the CV adopts %v (%v), want G4", m, err)
	}
	// Outcomes from the bare x with b = 0.6: G1 stays.
	idx, bare = simulatePact(r, s.bare, n, 3, 0.6, 0)
	plus = with(bare, s.plus, idx)
	if cv, _, m, err := CrossValidateGenPact(bare, plus, 10, 1); err != nil || m != GenG1 {
		t.Errorf("outcomes from x: the CV adopts %v (%v; scores %v), want G1", m, err, cv)
	}
}
