package history

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// The 6-MP arm of Freireich et al. (1963, Blood 21), remission times in
// weeks, "+" censored, as tabulated in Kalbfleisch and Prentice (1980,
// "The Statistical Analysis of Failure Time Data", table 1.1):
// 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+.
var freireich6MP = []Spell{
	{6, true}, {6, true}, {6, true}, {6, false}, {7, true}, {9, false}, {10, true}, {10, false}, {11, false}, {13, true},
	{16, true}, {17, false}, {19, false}, {20, false}, {22, true}, {23, true}, {25, false}, {32, false}, {32, false},
	{34, false}, {35, false},
}

// Kaplan-Meier on the 6-MP data, by hand (the textbook's 0.857, 0.807,
// 0.753, 0.690, 0.627, 0.538, 0.448):
//
//	t    at risk  failures  S(t)
//	6    21       3         18/21
//	7    17       1         × 16/17
//	10   15       1         × 14/15  (9+ left the risk set; 10+ is still in it)
//	13   12       1         × 11/12
//	16   11       1         × 10/11
//	22   7        1         × 6/7
//	23   6        1         × 5/6
func TestKaplanMeierFreireich(t *testing.T) {
	km := KaplanMeier(freireich6MP)
	s := 1.0
	for _, c := range []struct{ at, num, den float64 }{{6, 18, 21}, {7, 16, 17}, {10, 14, 15}, {13, 11, 12}, {16, 10, 11}, {22, 6, 7}, {23, 5, 6}} {
		near(t, "S just before a failure time", km.Before(c.at), s, 1e-15)
		s *= c.num / c.den
		near(t, "S at a failure time", km.At(c.at), s, 1e-15)
		near(t, "S just after", km.At(c.at+0.5), s, 1e-15)
	}
	near(t, "S(23)", km.At(23), 0.448179, 5e-7)
	near(t, "S(35), the curve holds its last level", km.At(100), s, 1e-15)
	near(t, "S(0)", km.At(0), 1, 0)
}

// The censoring distribution on the same data, failures first at ties:
// at 6 weeks 21 are at risk, 3 fail, so 18 are at risk of the one
// censoring: G = 17/18; at 9, 16 at risk: × 15/16; at 10, 15 at risk, one
// fails first: × 13/14; at 11: × 12/13; at 17: × 9/10; 19: × 8/9; 20:
// × 7/8; 25 (5 at risk): × 4/5; 32 (4 at risk, 2 censored): × 2/4;
// 34: × 1/2; 35: × 0.
func TestCensoringKMFreireich(t *testing.T) {
	g := CensoringKM(freireich6MP)
	near(t, "G(6)", g.At(6), 17.0/18, 1e-15)
	near(t, "G(10-)", g.Before(10), 17.0/18*15/16, 1e-15)
	g20 := 17.0 / 18 * 15 / 16 * 13 / 14 * 12 / 13 * 9 / 10 * 8 / 9 * 7 / 8
	near(t, "G(20)", g.At(20), g20, 1e-15)
	near(t, "G(32)", g.At(32), g20*4/5*2/4, 1e-15)
	near(t, "G(35)", g.At(35), 0, 0)
	// weights at 20 weeks: 7 spells observed past 20 weigh 1/G(20); the
	// failures by 20 weigh 1/G(T-); together they stand for all 21
	w := IPCWeights(freireich6MP, g, 20)
	near(t, "a survivor's weight", w[len(w)-1], 1/g20, 1e-12)
	near(t, "a failure at 6's weight", w[0], 1, 0)
	near(t, "the failure at 13's weight", w[9], 1/(17.0/18*15/16*13/14*12/13), 1e-12)
	near(t, "a censored spell's weight", w[3], 0, 0)
	near(t, "sum of weights", floatSum(w), 21, 1e-12)
	// and the weighted share of failures by 20 is 1 - S_KM(20)
	f := 0.0
	for i, s := range freireich6MP {
		if s.Failed && s.Years <= 20 {
			f += w[i]
		}
	}
	near(t, "IPCW failure share", f/21, 1-KaplanMeier(freireich6MP).At(20), 1e-12)
}

func floatSum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// Without censoring every weight is 1 and the IPCW Brier score is the
// plain Brier score of the outcome at t.
func TestBrierIPCWWithoutCensoring(t *testing.T) {
	sp := []Spell{{0.5, true}, {3, true}, {7, true}, {12, true}, {2, true}}
	p := []float64{0.9, 0.4, 0.7, 0.2, 0.55}
	g := CensoringKM(sp)
	for _, at := range []float64{1, 2, 5, 10, 20} {
		w := IPCWeights(sp, g, at)
		y := make([]float64, len(sp))
		for i, s := range sp {
			y[i] = SurvivedPast(s, at)
			if w[i] != 1 {
				t.Fatalf("weight %v without censoring", w[i])
			}
		}
		near(t, "IPCW Brier without censoring", BrierIPCW(p, sp, w, at), Brier(p, y), 1e-15)
	}
}

// The yearly integral by hand: scores 0.1, 0.2, 0.3 at 1, 2, 3 years
// average to 0.2; an uneven grid weighs each score by its interval.
func TestIntegratedBrierByHand(t *testing.T) {
	near(t, "yearly", IntegratedBrier([]float64{1, 2, 3}, []float64{0.1, 0.2, 0.3}), 0.2, 1e-15)
	near(t, "uneven", IntegratedBrier([]float64{1, 4}, []float64{0.4, 0.1}), (0.4*1+0.1*3)/4, 1e-15)
}

// Integer weights are duplicated rows: the weighted logit fitted with
// weight 2 on a row equals the fit with that row twice.
func TestWeightedLogitIsDuplication(t *testing.T) {
	X := [][]float64{{0, 1}, {1, 0}, {0.5, 1}, {0.25, 0}, {1, 1}, {0, 0}}
	y := []float64{1, 0, 1, 0, 1, 0}
	w := []float64{1, 2, 1, 3, 1, 1}
	a, err := fitLogitWeighted(X, y, w, SlopePriorSD, InterceptPriorSD)
	if err != nil {
		t.Fatal(err)
	}
	var dx [][]float64
	var dy []float64
	for i := range X {
		for range int(w[i]) {
			dx, dy = append(dx, X[i]), append(dy, y[i])
		}
	}
	b, err := FitLogit(dx, dy)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range X {
		near(t, "P(x), weighted vs duplicated", a.Prob(x), b.Prob(x), 1e-9)
	}
	// nil weights give the unweighted fit bit for bit
	c, _ := fitLogitWeighted(X, y, nil, SlopePriorSD, InterceptPriorSD)
	d, _ := FitLogit(X, y)
	if c.B0 != d.B0 || !slices.Equal(c.B, d.B) {
		t.Errorf("nil weights: %+v, unweighted %+v", c, d)
	}
}

// Random censored data: the weights sum to n whenever a spell is observed
// past t; every IPCW Brier score and the integral lie in [0, 1]; a
// forecaster that knows each spell scores 0; the Kaplan-Meier curve is
// non-increasing in [0, 1].
func TestIPCWProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		sp := make([]Spell, n)
		for i := range sp {
			// a tenth of a year, as the case files round, so ties occur
			sp[i] = Spell{Years: float64(rapid.IntRange(0, 150).Draw(t, "tenths")) / 10, Failed: rapid.Bool().Draw(t, "failed")}
		}
		g, km := CensoringKM(sp), KaplanMeier(sp)
		grid := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
		var bs, perfect []float64
		prev := 1.0
		for _, at := range grid {
			w := IPCWeights(sp, g, at)
			observed := false
			for i, s := range sp {
				observed = observed || s.Years > at
				if w[i] < 0 || math.IsInf(w[i], 0) || math.IsNaN(w[i]) {
					t.Fatalf("weight %v", w[i])
				}
			}
			if observed && math.Abs(floatSum(w)-float64(n)) > 1e-9*float64(n) {
				t.Fatalf("weights at %v sum to %v, want %d", at, floatSum(w), n)
			}
			p := rapid.SliceOfN(rapid.Float64Range(0, 1), n, n).Draw(t, "p")
			b := BrierIPCW(p, sp, w, at)
			if !(b >= 0 && b <= 1+1e-12) {
				t.Fatalf("Brier %v at %v", b, at)
			}
			bs = append(bs, b)
			know := make([]float64, n)
			for i, s := range sp {
				know[i] = SurvivedPast(s, at)
			}
			perfect = append(perfect, BrierIPCW(know, sp, w, at))
			if s := km.At(at); s > prev || s < 0 {
				t.Fatalf("KM %v after %v", s, prev)
			} else {
				prev = s
			}
		}
		if ibs := IntegratedBrier(grid, bs); !(ibs >= 0 && ibs <= 1+1e-12) {
			t.Fatalf("IBS %v", ibs)
		}
		if ibs := IntegratedBrier(grid, perfect); ibs != 0 {
			t.Fatalf("a perfect forecaster scores %v", ibs)
		}
	})
}

// Leave-dyad-out never uses the scored dyad: changing every spell of a
// dyad (its times and whether it failed) leaves every forecast of that
// dyad unchanged, for the Kaplan-Meier survival and the IPCW logit; and
// both are refitted (some forecast outside the dyad moves).
func TestSurvivalBaselinesLeaveTheDyadOut(t *testing.T) {
	X := [][]float64{{0, 1, 0.5, 0}, {1, 0, -0.3, 1}, {0.5, 1, 1.2, 0}, {0.25, 0, -2, 0}, {1, 1, 0.1, 1}, {0, 0, 0, 0}, {0.75, 1, 2, 1}, {0.5, 0, -1, 0}}
	sp := []Spell{{0.5, true}, {12, false}, {3, true}, {8, false}, {1.5, true}, {20, false}, {4, true}, {6, true}}
	groups := []string{"A", "B", "A", "C", "D", "C", "E", "F"}
	hs := []float64{1, 2, 5, 10}
	for _, pred := range []struct {
		name string
		mk   func([]Spell) SurvivalPredictor
	}{
		{"Kaplan-Meier", KMPredictor},
		{"IPCW logit", func(s []Spell) SurvivalPredictor { return IPCWLogitPredictor(X, s) }},
	} {
		ref, err := LeaveGroupOutSurvival(groups, hs, pred.mk(sp))
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range []string{"A", "B", "C", "D", "E", "F"} {
			changed := slices.Clone(sp)
			for i := range changed {
				if groups[i] == g { // an early failure becomes a long censored spell and back
					if changed[i].Failed {
						changed[i] = Spell{Years: 30, Failed: false}
					} else {
						changed[i] = Spell{Years: 0.2, Failed: true}
					}
				}
			}
			got, err := LeaveGroupOutSurvival(groups, hs, pred.mk(changed))
			if err != nil {
				t.Fatal(err)
			}
			moved := false
			for k := range hs {
				for i := range sp {
					if groups[i] == g && got[k][i] != ref[k][i] {
						t.Errorf("%s: forecast of case %d (dyad %s) at %v years moved when its dyad's spells changed", pred.name, i, g, hs[k])
					}
					moved = moved || (groups[i] != g && got[k][i] != ref[k][i])
				}
			}
			if !moved {
				t.Errorf("%s: nothing moved when dyad %s changed: not refitted per fold", pred.name, g)
			}
		}
	}
}

// ValidateSurvival on four cases in three dyads, by hand, without
// censoring before the horizons (every weight 1): the base rate of a case
// at t is the share of the other dyads' spells lasting past t.
func TestValidateSurvivalByHand(t *testing.T) {
	x := []float64{0, 0, 0, 0}
	cases := []Case{
		{Name: "a1", Group: "A", X: x, HasSpell: true, Spell: Spell{0.5, true}, S: []float64{0.9, 0.8}},
		{Name: "a2", Group: "A", X: x, HasSpell: true, Spell: Spell{5, false}, S: []float64{0.6, 0.5}},
		{Name: "b", Group: "B", X: x, HasSpell: true, Spell: Spell{1.5, true}, S: []float64{0.7, 0.3}},
		{Name: "c", Group: "C", X: x, HasSpell: true, Spell: Spell{3, false}, Ongoing: true, S: []float64{1, 1}},
		{Name: "no spell", Group: "C", X: x, S: []float64{1, 1}},
	}
	v, err := ValidateSurvival(cases, SurvivalConfig{Config: Config{Bins: 5, Resamples: 100, Seed: 1}, Tau: 2})
	if err != nil {
		t.Fatal(err)
	}
	if v.Unknown != 1 || len(v.Cases) != 4 || v.All.N != 4 || v.All.Groups != 3 || v.Closed.N != 3 || v.All.Failed != 2 {
		t.Fatalf("validation %+v", v)
	}
	// a1 and a2 see {b: fails at 1.5, c: past 3}: S(1) = 1, S(2) = 1/2.
	// b sees {a1: 0.5, a2: 5+, c: 3+}: S(1) = 2/3, S(2) = 2/3.
	// c sees {a1, a2, b}: S(1) = 2/3, S(2) = 1/3.
	want := [][]float64{{1, 0.5}, {1, 0.5}, {2.0 / 3, 2.0 / 3}, {2.0 / 3, 1.0 / 3}}
	for i := range want {
		for k := range want[i] {
			near(t, "KM base rate", v.BaseS[i][k], want[i][k], 1e-15)
		}
	}
	// outcomes past 1: 0, 1, 1, 1; past 2: 0, 1, 0, 1; all weights 1
	y := [][]float64{{0, 1, 1, 1}, {0, 1, 0, 1}}
	eng := [][]float64{{0.9, 0.6, 0.7, 1}, {0.8, 0.5, 0.3, 1}}
	base := [][]float64{{1, 1, 2.0 / 3, 2.0 / 3}, {0.5, 0.5, 2.0 / 3, 1.0 / 3}}
	f := v.All.Forecasters
	if f[0].Name != ForecasterEngine || f[1].Name != ForecasterKM || f[2].Name != ForecasterLogitIPCW {
		t.Fatalf("forecasters %v %v %v", f[0].Name, f[1].Name, f[2].Name)
	}
	for k := range 2 {
		near(t, "engine Brier", f[0].Brier[k], Brier(eng[k], y[k]), 1e-15)
		near(t, "KM Brier", f[1].Brier[k], Brier(base[k], y[k]), 1e-15)
	}
	ibs := (Brier(eng[0], y[0]) + Brier(eng[1], y[1])) / 2
	near(t, "engine IBS", f[0].IBS, ibs, 1e-15)
	d := v.All.Differences[0]
	near(t, "IBS difference", d.Estimate, ibs-f[1].IBS, 1e-15)
	if d.ByGroup == nil || math.Abs(d.ByGroup.Estimate-d.Estimate) > 1e-15 {
		t.Errorf("dyad bootstrap %+v", d.ByGroup)
	}
	if h := v.All.Horizons[1]; h.Known != 4 || h.FailedBy != 2 || h.KM != 0.5 || h.Censoring != 1 {
		t.Errorf("at 2 years: %+v", h)
	}
	if _, err := ValidateSurvival(cases, SurvivalConfig{Config: Config{Bins: 5}, Tau: 0}); err == nil {
		t.Error("tau 0 accepted")
	}
	if _, err := ValidateSurvival(cases[:1], SurvivalConfig{Config: Config{Bins: 5}, Tau: 3}); err == nil {
		t.Error("two forecasts for three horizons accepted")
	}
}

// With censoring the IBS difference's estimate is the difference of the
// two integrated scores, whatever the forecasts.
func TestCompareSurvivalDifference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 25).Draw(t, "n")
		sp := make([]Spell, n)
		groups := make([]string, n)
		for i := range sp {
			sp[i] = Spell{Years: float64(rapid.IntRange(0, 80).Draw(t, "tenths")) / 10, Failed: rapid.Bool().Draw(t, "failed")}
			groups[i] = rapid.SampledFrom([]string{"", "a", "b"}).Draw(t, "g")
		}
		hs := []float64{1, 2, 3, 4, 2.5}
		mk := func(label string) [][]float64 {
			out := make([][]float64, len(hs))
			for k := range out {
				out[k] = rapid.SliceOfN(rapid.Float64Range(0, 1), n, n).Draw(t, label)
			}
			return out
		}
		s, err := CompareSurvival("x", sp, groups, hs, 4, []SurvivalForecasts{{Name: "a", S: mk("a")}, {Name: "b", S: mk("b"), Compare: true}},
			Config{Bins: 4, Resamples: 20, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		d := s.Differences[0]
		if math.Abs(d.Estimate-(s.Forecasters[0].IBS-s.Forecasters[1].IBS)) > 1e-12 || d.Lo > d.Hi {
			t.Fatalf("difference %+v, IBS %v %v", d, s.Forecasters[0].IBS, s.Forecasters[1].IBS)
		}
		for k := range hs {
			dk := s.AtHorizon[k][0]
			if math.Abs(dk.Estimate-(s.Forecasters[0].Brier[k]-s.Forecasters[1].Brier[k])) > 1e-12 || dk.Lo > dk.Hi {
				t.Fatalf("difference at %v years %+v, Brier %v %v", hs[k], dk, s.Forecasters[0].Brier[k], s.Forecasters[1].Brier[k])
			}
		}
		for _, f := range s.Forecasters {
			k := 0
			for _, b := range f.Calibration[0] {
				k += b.N
			}
			if k != s.Horizons[0].Known {
				t.Fatalf("%d cases in the calibration bins at 1 year, %d known", k, s.Horizons[0].Known)
			}
		}
	})
}

// Why the survival design: on simulated spells whose true survival is
// known (two kinds of case, exponential failure times with yearly
// hazards 0.3 and 0.03, censoring uniform on 0-30 years), the former
// design (each spell's forecast over its own observed length, scored
// against held/failed) ranks the true survival curve below a constant,
// because a failure's horizon ends at the failure; the IPCW integrated
// Brier score ranks the truth first, below the Kaplan-Meier curve that
// ignores the kind of case. The sample is large (4000 spells, fixed
// seed), so the margins are many standard errors wide.
func TestFileHorizonPenalisesTheTruth(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	n := 4000
	sp, rate := make([]Spell, n), make([]float64, n)
	for i := range sp {
		rate[i] = 0.3
		if i%2 == 1 {
			rate[i] = 0.03
		}
		tt, c := r.ExpFloat64()/rate[i], 30*r.Float64()
		sp[i] = Spell{Years: math.Min(tt, c), Failed: tt <= c}
	}
	// the former design: forecast over the observed spell
	y, truth, constant := make([]float64, n), make([]float64, n), make([]float64, n)
	held := 0.0
	for i, s := range sp {
		if !s.Failed {
			y[i] = 1
			held++
		}
		truth[i] = math.Exp(-rate[i] * s.Years)
	}
	for i := range constant {
		constant[i] = held / float64(n)
	}
	bt, bc := Brier(truth, y), Brier(constant, y)
	t.Logf("file horizons: Brier of the true curve %.4f, of the constant %.4f", bt, bc)
	if bt < bc+0.05 {
		t.Errorf("file horizons: the true curve scores %.4f, the constant %.4f; expected the truth to lose by more than 0.05", bt, bc)
	}
	// the survival design
	grid := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	g, km := CensoringKM(sp), KaplanMeier(sp)
	var bsTruth, bsKM []float64
	for _, at := range grid {
		w := IPCWeights(sp, g, at)
		pt, pk := make([]float64, n), make([]float64, n)
		for i := range sp {
			pt[i], pk[i] = math.Exp(-rate[i]*at), km.At(at)
		}
		bsTruth, bsKM = append(bsTruth, BrierIPCW(pt, sp, w, at)), append(bsKM, BrierIPCW(pk, sp, w, at))
	}
	it, ik := IntegratedBrier(grid, bsTruth), IntegratedBrier(grid, bsKM)
	t.Logf("IPCW integrated Brier over 1-10 years: the true curve %.4f, Kaplan-Meier %.4f", it, ik)
	if it > ik-0.02 {
		t.Errorf("IPCW: the true curve's IBS %.4f, Kaplan-Meier's %.4f; expected the truth to win by more than 0.02", it, ik)
	}
}
