package fit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"pgregory.net/rapid"
)

// The informed crisis likelihood against a hand computation (Python,
// 1/(1+exp(-x)) set by set): A0 = −0.4, A1 = 1.3, q = 0.3, π = (0.6, 0.2),
// ln C = (0, 1). L_∅ = L(−0.4 + 1.3 (0 − ln 0.6)), L_D = L(−0.4 + 1.3 (1 −
// ln 0.2)); SQ = 0.7 L_∅ + 0.3 L_D, back-down = 0.7 (1 − L_∅), war = 0.3 (1
// − L_D).
func TestCrisisOutcomesHand(t *testing.T) {
	c := &deter.Coefficients{}
	c.A0.Value, c.A1.Value = -0.4, 1.3
	sq, bd, war := crisisOutcomes(deter.AggInformed, c, [2]float64{0.7, 0.3}, [2]float64{0.6, 0.2}, [2]float64{0, 1})
	for _, v := range []struct {
		name      string
		got, want float64
	}{{"status quo", sq, 0.6816132321912428}, {"back-down", bd, 0.30405386416916474}, {"war", war, 0.014332903639592387}} {
		if math.Abs(v.got-v.want) > 1e-14 {
			t.Errorf("%s: %.16g, want %.16g", v.name, v.got, v.want)
		}
	}
}

// For every form and any parameters, a crisis's three outcome
// probabilities are probabilities and sum to 1, the status quo is
// deter's Aggregation.StatusQuo for the sets {} and {defender}, and under
// the informed form a war needs a defender that resisted and a challenger
// that attacked it: war = q (1 − L_D), so war ≤ q.
func TestCrisisOutcomesSumToOne(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		theta := make([]float64, nHuth)
		for j := range theta {
			theta[j] = rapid.Float64Range(-3, 3).Draw(rt, huthNames[j])
		}
		k := Crisis{IBF: math.Exp(rapid.Float64Range(-4, 4).Draw(rt, "ln ibf")), Ally: rapid.Bool().Draw(rt, "ally"),
			Nuclear: rapid.Bool().Draw(rt, "nuclear"), DemDefender: rapid.Bool().Draw(rt, "dem"), Trade: rapid.Float64Range(0, 10).Draw(rt, "trade")}
		for _, a := range deter.Aggregations {
			spec := DefaultHuthSpec
			spec.Aggregation = a
			m := newHuthModel(theta, spec)
			q, sq, bd, war := m.outcomes(&k)
			for _, p := range []float64{q, sq, bd, war} {
				if !(p >= 0 && p <= 1) {
					rt.Fatalf("%s: probability %v out of [0, 1] (q %v, sq %v, bd %v, war %v)", a, p, q, sq, bd, war)
				}
			}
			if s := sq + bd + war; math.Abs(s-1) > 1e-12 {
				rt.Fatalf("%s: outcomes sum to %v", a, s)
			}
			g := m.c.Gamma.Value
			r := spec.ratio(&k)
			pi := []float64{deter.Contest(1, spec.ProtegeShare*r, g), deter.Contest(1, r, g)}
			lnC := []float64{deter.LogWarCost(&m.c, spec.ProtegeShare*r, 1, false), deter.LogWarCost(&m.c, r, 1, k.Nuclear)}
			if want := a.StatusQuo(&m.c, []float64{1 - q, q}, pi, lnC); math.Abs(sq-want) > 1e-12 {
				rt.Fatalf("%s: status quo %v, deter gives %v", a, sq, want)
			}
			if a == deter.AggInformed {
				lD, _ := deter.StatusQuo(&m.c, lnC[1], math.Log(pi[1]), false)
				if war > q+1e-15 || math.Abs(war-q*(1-lD)) > 1e-12 {
					rt.Fatalf("informed: war %v, q %v, q (1 - L_D) %v", war, q, q*(1-lD))
				}
			}
		}
	})
}

// The pre-registered rule: the highest LOO log density wins unless it beats
// expected by less than 0.1 nats; the winner is adopted, the informed form
// too (the engine runs it).
func TestChooseAggregation(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ll      [4]float64 // expected, geometric-cost, per-set, informed
		wins    int
		adopted deter.Aggregation
	}{
		{"expected best", [4]float64{-54.5, -56.8, -56.2, -55}, 0, deter.AggExpected},
		{"per-set by 0.5", [4]float64{-54.5, -56.8, -54.0, -55}, 2, deter.AggPerSet},
		{"per-set within the tie", [4]float64{-54.5, -56.8, -54.45, -55}, 0, deter.AggExpected},
		{"informed by 0.2", [4]float64{-54.5, -56.8, -56.2, -54.3}, 3, deter.AggInformed},
		{"informed within the tie", [4]float64{-54.5, -56.8, -56.2, -54.45}, 0, deter.AggExpected},
		{"informed over per-set", [4]float64{-54.5, -56.8, -54.0, -53.0}, 3, deter.AggInformed},
	} {
		rows := make([]AggregationRow, len(deter.Aggregations))
		for i, a := range deter.Aggregations {
			rows[i] = AggregationRow{Form: a, LOOLogLik: tc.ll[i]}
		}
		got := chooseAggregation(rows)
		if got != tc.adopted {
			t.Errorf("%s: adopted %s, want %s", tc.name, got, tc.adopted)
		}
		for i, r := range rows {
			if r.Wins != (i == tc.wins) {
				t.Errorf("%s: %s Wins %v", tc.name, r.Form, r.Wins)
			}
		}
	}
}

// simulateInformed draws crises from the informed model at theta: the
// defender resists with probability q, the challenger sees it and attacks
// with probability 1 − L_S, a defender that resisted fights.
func simulateInformed(theta []float64, spec HuthSpec, n int, r *rand.Rand) []Crisis {
	m := newHuthModel(theta, spec)
	ks := make([]Crisis, n)
	for i := range ks {
		k := Crisis{IBF: math.Exp(r.NormFloat64() * 0.9), Ally: r.IntN(2) == 1, Nuclear: r.IntN(3) == 0,
			DemDefender: r.IntN(2) == 1, Trade: math.Max(math.Exp(r.NormFloat64())-0.5, 0)}
		q, _ := m.probs(&k)
		g, x := m.c.Gamma.Value, spec.ratio(&k)
		resists := r.Float64() < q
		f, nuc := spec.ProtegeShare*x, false
		if resists {
			f, nuc = x, k.Nuclear
		}
		l, _ := deter.StatusQuo(&m.c, deter.LogWarCost(&m.c, f, 1, nuc), math.Log(deter.Contest(1, f, g)), false)
		switch {
		case r.Float64() < l:
			k.Outcome = StatusQuo
		case resists:
			k.Outcome = War
		default:
			k.Outcome = BackDown
		}
		ks[i] = k
	}
	return ks
}

// On crises simulated by the sequence itself (resist, see, decide), the
// informed likelihood recovers the parameters within four SEs, and it fits
// them better than the expected form does: the likelihood is the
// simulation's, term by term.
func TestFitHuthInformedRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation recovery takes a few seconds")
	}
	truth := []float64{0.3, -0.5, 0.8, 0.7, 2.0, math.Log(1.5), 0.8, 1.0, -0.2, math.Log(1.2)}
	spec := DefaultHuthSpec
	spec.Aggregation = deter.AggInformed
	ks := simulateInformed(truth, spec, 4000, rand.New(rand.NewPCG(5, 6)))
	f, err := FitHuth(ks, spec)
	if err != nil {
		t.Fatal(err)
	}
	for j, v := range f.Sol.Theta {
		if d := math.Abs(v - truth[j]); d > 4*f.Sol.SE[j] {
			t.Errorf("%s: estimate %.3f (SE %.3f), truth %.3f", huthNames[j], v, f.Sol.SE[j], truth[j])
		}
	}
	fe, err := FitHuth(ks, DefaultHuthSpec)
	if err != nil {
		t.Fatal(err)
	}
	if fe.LogLik >= f.LogLik {
		t.Errorf("on informed data the expected form fits as well: %.2f vs informed %.2f", fe.LogLik, f.LogLik)
	}
}

// oneDefender returns P(SQ) in a one-defender crisis at challenger force 1,
// protege force fP and defender force fG that resists with probability q,
// under the form a with the Huth chain's coefficients c.
func oneDefender(a deter.Aggregation, c *deter.Coefficients, fP, fG, q float64, nuclear bool) float64 {
	g := c.Gamma.Value
	p := []float64{1 - q, q}
	pi := []float64{deter.Contest(1, fP, g), deter.Contest(1, fP+fG, g)}
	lnC := []float64{deter.LogWarCost(c, fP, 1, false), deter.LogWarCost(c, fP+fG, 1, nuclear)}
	return a.StatusQuo(c, p, pi, lnC)
}

// TestInformedMeasure is a measurement, not a check of a choice (the
// choice is CompareAggregations's, by the pre-registered rule): with
// Huth's chain refitted under each form, the largest move in P(SQ) that a
// defender resisting with probability q < 0.05 makes in a one-defender
// Huth-like crisis, over a grid of forces (protege 0.1–1 and defender
// 0.1–30 times the challenger's), and the per-crisis LOO log densities of
// expected and informed. It checks what the informed form promises: the
// move is at most q times the gap between the two sets' probabilities.
//
//	GUARANTOR_INFORMED_MEASURE=1 go test ./fit -run TestInformedMeasure -v
func TestInformedMeasure(t *testing.T) {
	if os.Getenv("GUARANTOR_INFORMED_MEASURE") == "" {
		t.Skip("a measurement: GUARANTOR_INFORMED_MEASURE=1 go test ./fit -run TestInformedMeasure -v")
	}
	ks, _, err := HuthCrises()
	if err != nil {
		t.Skip("Huth's crises unavailable:", err)
	}
	const q = 0.05 // the move rises in q, so this bounds every q < 0.05
	var fPs, fGs []float64
	for i := 0; i <= 9; i++ {
		fPs = append(fPs, 0.1+0.1*float64(i))
	}
	for i := 0; i <= 60; i++ {
		fGs = append(fGs, 0.1*math.Pow(300, float64(i)/60)) // 0.1 to 30, log-spaced
	}
	for _, a := range []deter.Aggregation{deter.AggExpected, deter.AggInformed} {
		spec := DefaultHuthSpec
		spec.Aggregation = a
		f, err := FitHuth(ks, spec)
		if err != nil {
			t.Fatal(err)
		}
		m := newHuthModel(f.Sol.Theta, spec)
		c := &m.c
		t.Logf("%s: A0 %.3f A1 %.3f gamma %.3f C1 %.3f CN %.3f; in-sample log-likelihood %.3f", a, c.A0.Value, c.A1.Value, c.Gamma.Value, c.C1.Value, c.CN.Value, f.LogLik)
		for _, nuc := range []bool{false, true} {
			var best, bestP, bestG, base float64
			over2 := 0
			for _, fP := range fPs {
				for _, fG := range fGs {
					p0 := oneDefender(a, c, fP, fG, 0, nuc)
					mv := oneDefender(a, c, fP, fG, q, nuc) - p0
					if mv > 0.02 {
						over2++
					}
					if mv > best {
						best, bestP, bestG, base = mv, fP, fG, p0
					}
					if a == deter.AggInformed {
						hi := oneDefender(a, c, fP, fG, 1, nuc)
						if mv < -1e-12 || mv > q*(hi-p0)+1e-12 {
							t.Errorf("protege %.2f defender %.2f: move %v outside [0, q (%v - %v)]", fP, fG, mv, hi, p0)
						}
					}
				}
			}
			t.Logf("%s, nuclear %v: largest move at q = %.2f: %+.2f points (protege %.1f, defender %.2f of the challenger; P(SQ) without it %.3f); %d of %d grid points move 2 points or more",
				a, nuc, q, 100*best, bestP, bestG, base, over2, len(fPs)*len(fGs))
			line := ""
			for _, qq := range []float64{0.005, 0.01, 0.02, 0.03, 0.04} {
				var mx float64
				for _, fP := range fPs {
					for _, fG := range fGs {
						mx = math.Max(mx, oneDefender(a, c, fP, fG, qq, nuc)-oneDefender(a, c, fP, fG, 0, nuc))
					}
				}
				line += fmt.Sprintf(" q %.3f: %.2f;", qq, 100*mx)
			}
			t.Logf("%s, nuclear %v: largest move (points) at smaller q:%s", a, nuc, line)
		}
	}

	// Per-crisis LOO log densities: where the informed form gains and loses.
	loo := func(a deter.Aggregation) []float64 {
		spec := DefaultHuthSpec
		spec.Aggregation = a
		ll := make([]float64, len(ks))
		for i := range ks {
			train := append(append([]Crisis{}, ks[:i]...), ks[i+1:]...)
			f, err := FitHuth(train, spec)
			if err != nil {
				t.Fatal(err)
			}
			m := newHuthModel(f.Sol.Theta, spec)
			ll[i] = m.logLik(&ks[i])
		}
		return ll
	}
	e, in := loo(deter.AggExpected), loo(deter.AggInformed)
	idx := make([]int, len(ks))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return math.Abs(in[idx[a]]-e[idx[a]]) > math.Abs(in[idx[b]]-e[idx[b]]) })
	var byOutcome [3]float64
	for i := range ks {
		byOutcome[ks[i].Outcome] += in[i] - e[i]
	}
	t.Logf("LOO log density, informed minus expected, by outcome: status quo %+.3f, back-down %+.3f, war %+.3f", byOutcome[0], byOutcome[1], byOutcome[2])
	for _, i := range idx[:8] {
		k := ks[i]
		t.Logf("crisis %d (%d, outcome %d, ibf %.2f, nuclear %v): expected %.3f informed %.3f (%+.3f)", k.ID, k.Year, k.Outcome, k.IBF, k.Nuclear, e[i], in[i], in[i]-e[i])
	}
}

// The sensitivity rows are refitted under the form the fit chose (the
// committed one, which the engine runs), whatever else they vary: under
// informed they were refitted under expected until the review of the
// informed change.
func TestSensitivitySpecsKeepTheForm(t *testing.T) {
	for _, form := range deter.Aggregations {
		base := DefaultHuthSpec
		base.Aggregation = form
		specs := sensitivitySpecs(base)
		if len(specs) != 6 {
			t.Fatalf("%d specs, want 6", len(specs))
		}
		seen := map[HuthSpec]bool{}
		for _, s := range specs {
			if s.Aggregation != form {
				t.Errorf("base form %s: a row refitted under %q: %+v", form, s.Aggregation, s)
			}
			seen[s] = true
		}
		want := base
		want.Balance, want.PriorWidth = "ibf", 1
		if !seen[want] || len(seen) != 6 {
			t.Errorf("base form %s: the rows %+v do not include the base spec %+v once among six distinct specs", form, specs, want)
		}
	}
}
