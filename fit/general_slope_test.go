package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// TestGeneralSlopeRowsHandComputation: a dyad-year's index is the bare
// dyad's from the two CINCs of the previous year, by the closed form
// ln C − ln π = c0 + c1 ln(F_B/F_A) + ln(1 + (F_B/F_A)^γ) with F_A = 0.7
// CINC_A and F_B = CINC_B; a year whose t − 1 has no CINC is dropped.
func TestGeneralSlopeRowsHandComputation(t *testing.T) {
	cinc, err := capability.Default()
	if err != nil {
		t.Skipf("capability data: %v", err)
	}
	c := deter.Default()
	rows := []evidence.GeneralDyadYear{
		{A: 2, B: 40, Year: 1962, Onset: true, Contiguous: false, PeaceYears: 3}, // USA → Cuba
		{A: 365, B: 2, Year: 1962}, // USSR → USA
		{A: 2, B: 20, Year: 1816},  // no CINC in 1815
	}
	got, dropped := GeneralSlopeRows(rows, c, cinc)
	if dropped != 1 || len(got) != 2 {
		t.Fatalf("kept %d, dropped %d; want 2 and 1", len(got), dropped)
	}
	for i, r := range rows[:2] {
		ca, _ := cinc.CINC(r.A, 1961)
		cb, _ := cinc.CINC(r.B, 1961)
		ratio := cb / (0.7 * ca)
		want := c.C0.Value + c.C1.Value*math.Log(ratio) + math.Log1p(math.Pow(ratio, c.Gamma.Value))
		if math.Abs(got[i].Index-want) > 1e-9 {
			t.Errorf("%d→%d 1962: x = %.6f, hand %.6f", r.A, r.B, got[i].Index, want)
		}
		if got[i].NoOnset == r.Onset {
			t.Errorf("%d→%d: NoOnset %v for Onset %v", r.A, r.B, got[i].NoOnset, r.Onset)
		}
		if got[i].Dyad != dyadKey(r.B, r.A) {
			t.Errorf("dyad key is not undirected")
		}
	}
	// A far stronger challenger faces a cheap, winnable war: a much lower x.
	if !(got[0].Index < got[1].Index-2) {
		t.Errorf("USA → Cuba x %.3f not well below USSR → USA x %.3f", got[0].Index, got[1].Index)
	}
}

// simulateSlopeRows draws dyad-years with index x ~ N(2, 3) and P(no
// onset) = L(icept + x'coef + b x).
func simulateSlopeRows(seed uint64, n int, icept, b float64, coef [deter.NumChallengerCovariates]float64) []GenSlopeRow {
	r := rand.New(rand.NewPCG(seed, 7))
	rows := make([]GenSlopeRow, n)
	for i := range rows {
		d := evidence.GeneralDyadYear{Rivalry: r.Float64() < 0.1, PeaceYears: r.IntN(80), NoPrior: r.Float64() < 0.4, Contiguous: r.Float64() < 0.3}
		x := covariates(d)
		v := 2 + 3*r.NormFloat64()
		eta := icept + b*v
		for j := range x {
			eta += coef[j] * x[j]
		}
		rows[i] = GenSlopeRow{X: x, Index: v, NoOnset: r.Float64() < logistic(eta), Dyad: int64(r.IntN(2000))}
	}
	return rows
}

// G1 recovers a known slope within 4 SE (and its SE is about right over
// replications); G0 and G2 hold the slope they are given.
func TestGenSlopeRecovers(t *testing.T) {
	coef := [deter.NumChallengerCovariates]float64{-1, 0.6, 1.2, -0.4}
	const b = 0.15
	var est []float64
	var meanSE float64
	for rep := range 6 {
		rows := simulateSlopeRows(uint64(rep+1), 40000, 2.5, b, coef)
		f, err := fitSlopeModel(rows, GenG1, 1.491)
		if err != nil {
			t.Fatal(err)
		}
		if f.Held || f.Boundary {
			t.Fatalf("G1 held %v boundary %v", f.Held, f.Boundary)
		}
		if math.Abs(f.Slope-b) > 4*f.SlopeSE {
			t.Errorf("rep %d: b = %.4f (SE %.4f), truth %.2f", rep, f.Slope, f.SlopeSE, b)
		}
		est = append(est, f.Slope)
		meanSE += f.SlopeSE / 6
		if rep == 0 {
			g0, err := fitSlopeModel(rows, GenG0, 1.491)
			if err != nil {
				t.Fatal(err)
			}
			g2, err := fitSlopeModel(rows, GenG2, 1.491)
			if err != nil {
				t.Fatal(err)
			}
			if !g0.Held || g0.Slope != 1.491 || !g2.Held || g2.Slope != 0 {
				t.Errorf("held slopes: G0 %v %v, G2 %v %v", g0.Held, g0.Slope, g2.Held, g2.Slope)
			}
			if !(f.LogLik > g2.LogLik && g2.LogLik > g0.LogLik) {
				t.Errorf("log-likelihoods G1 %.2f, G2 %.2f, G0 %.2f: want G1 > G2 > G0 for b = %.2f", f.LogLik, g2.LogLik, g0.LogLik, b)
			}
		}
	}
	var m, v float64
	for _, e := range est {
		m += e / 6
	}
	for _, e := range est {
		v += (e - m) * (e - m) / 5
	}
	if sd := math.Sqrt(v); sd > 2.5*meanSE || sd < meanSE/2.5 {
		t.Errorf("spread of b %.4f over replications, mean SE %.4f", sd, meanSE)
	}
}

// A true slope below 0 puts G1 at the boundary b = 0, where it is G2's fit,
// with a profile bound where the penalised profile falls by 1.92.
func TestGenSlopeBoundary(t *testing.T) {
	coef := [deter.NumChallengerCovariates]float64{-1, 0.6, 1.2, -0.4}
	rows := simulateSlopeRows(11, 30000, 2.5, -0.2, coef)
	g1, err := fitSlopeModel(rows, GenG1, 1.491)
	if err != nil {
		t.Fatal(err)
	}
	g2, err := fitSlopeModel(rows, GenG2, 1.491)
	if err != nil {
		t.Fatal(err)
	}
	if !g1.Boundary || g1.Slope != 0 || g1.Held {
		t.Fatalf("G1 boundary %v, b %v, held %v", g1.Boundary, g1.Slope, g1.Held)
	}
	if g1.Intercept != g2.Intercept || g1.LogLik != g2.LogLik {
		t.Errorf("G1 at the boundary %.6f/%.4f, G2 %.6f/%.4f", g1.Intercept, g1.LogLik, g2.Intercept, g2.LogLik)
	}
	if !(g1.Upper95 > 0) || math.Abs(g1.SlopeSE-g1.Upper95/1.96) > 1e-12 {
		t.Fatalf("profile bound %v, SE %v", g1.Upper95, g1.SlopeSE)
	}
	d, err := newSlopeDesign(rows, false)
	if err != nil {
		t.Fatal(err)
	}
	at, _, err := d.fitAt(g1.Upper95, nil)
	if err != nil {
		t.Fatal(err)
	}
	if drop := g2.Penalised - at.Penalised; math.Abs(drop-profileDrop) > 1e-3 {
		t.Errorf("penalised profile falls by %.5f at the bound, want %.5f", drop, profileDrop)
	}
}

// The refit's warm start (the committed mode, for a refit with pairs left
// out) reaches the mode the cold start reaches.
func TestGenSlopeRefitWarmStartSameMode(t *testing.T) {
	if testing.Short() {
		t.Skip("two fits on the 222,586 dyad-years")
	}
	if err := loadRefitData(); err != nil {
		t.Skip(err)
	}
	d := &refitData
	var rows []evidence.GeneralDyadYear
	var lag [][2]float64
	for i, r := range d.rows {
		if MakePair(r.A, r.B) != MakePair(2, 365) { // leave out USA-USSR
			rows, lag = append(rows, r), append(lag, d.lag[i])
		}
	}
	c := deter.Default()
	warm, err := refitGeneralSlope(rows, lag, c, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	cold, err := refitGeneralSlope(rows, lag, c, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, k := warm.Fits[GenG1], cold.Fits[GenG1]
	// Newton stops where the penalised objective (about 1e4) no longer
	// falls in floating point: the two modes agree far inside 1e-4 SE.
	if math.Abs(w.Slope-k.Slope) > 1e-4*k.SlopeSE || math.Abs(w.Intercept-k.Intercept) > 1e-4*k.InterceptSE || math.Abs(w.SlopeSE-k.SlopeSE) > 1e-4*k.SlopeSE {
		t.Errorf("warm b %v (SE %v) a %v; cold %v (SE %v) %v", w.Slope, w.SlopeSE, w.Intercept, k.Slope, k.SlopeSE, k.Intercept)
	}
	if w.Slope == c.GenSlope.Value {
		t.Error("leaving out USA-USSR did not move b at all")
	}
}
