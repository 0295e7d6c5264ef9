package assess

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/deter"
)

// contestCost is deter.Contest and exp(deter.LogWarCost) with one shared
// logarithm: the same numbers, zero forces included.
func TestContestCostMatchesDeter(t *testing.T) {
	c := deter.Default().Clone()
	rapid.Check(t, func(rt *rapid.T) {
		force := func(label string) float64 {
			if rapid.IntRange(0, 5).Draw(rt, label+" zero") == 0 {
				return 0
			}
			return math.Exp(rapid.Float64Range(-20, 20).Draw(rt, label))
		}
		fc, fs := force("fc"), force("fs")
		gamma := rapid.Float64Range(0.05, 5).Draw(rt, "gamma")
		umb := rapid.Bool().Draw(rt, "umbrella")
		c.C0.Value = rapid.Float64Range(-3, 3).Draw(rt, "c0")
		c.C1.Value = rapid.Float64Range(0, 3).Draw(rt, "c1")
		c.CN.Value = rapid.Float64Range(0, 3).Draw(rt, "cn")
		pi, cost := contestCost(c, fc, math.Log(fc), fs, gamma, umb)
		wantPi, wantCost := deter.Contest(fc, fs, gamma), math.Exp(deter.LogWarCost(c, fs, fc, umb))
		if math.Abs(pi-wantPi) > 1e-12 || math.Abs(cost-wantCost) > 1e-9*wantCost {
			rt.Fatalf("fc %g fs %g: (%g, %g), deter (%g, %g)", fc, fs, pi, cost, wantPi, wantCost)
		}
	})
}

// One guarantor, independent response (correlation 0): the engine's draw
// equals MODEL.md §3 written out with deter's functions.
func TestStructuralOneGuarantorClosedForm(t *testing.T) {
	m := compileYAML(t, `name: closed form
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 40000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 50000, arrival_days: 20, source: judgment}
      instruments:
        - {type: defense_pact, ratified: true}
        - {type: tripwire, troops: 2000, posture: frontline}
        - {type: economic_stake, value_usd_bn: 4}
      signals: [{text: test, likelihood_ratio: 1.5}]
model:
  response: {correlation: 0}
`)
	s := m.st
	w := s.newWork()
	s.eval(w)
	x := w.x
	get := func(name string) float64 {
		i, ok := s.c.Index(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return x[i]
	}
	c := &w.coef
	fc, fp := 100000.0, 40000.0
	fg := 2000 + 50000*math.Exp(-20/get("model.capability.arrival_scale"))
	gamma := get("model.challenger.contest_exponent")
	d := deter.Default()
	era := func(k string) float64 {
		if d.EraApplies(k) {
			return c.Post1945.Value
		}
		return 0
	}
	base := max(get("model.response.base.none")+era("none"), get("model.response.base.defense_pact")+era("defense_pact"),
		get("model.response.base.tripwire")+era("tripwire"), get("model.response.base.economic_stake")+era("economic_stake"))
	q := deter.Response(c, deter.ResponseInput{Base: base, Troops: 2000 * get("model.exposure.frontline"),
		StakeUSDbn: 100 * 4 / get("model.response.trade_usd_bn"), Audience: get("model.response.democracy"),
		PWin: 1 - deter.Contest(fc, fp+fg, gamma), LogLR: math.Log(1.5)})
	pi := (1-q)*deter.Contest(fc, fp, gamma) + q*deter.Contest(fc, fp+fg, gamma)
	cbar := (1-q)*math.Exp(deter.LogWarCost(c, fp, fc, false)) + q*math.Exp(deter.LogWarCost(c, fp+fg, fc, false))
	psq, index := deter.StatusQuo(c, math.Log(cbar), math.Log(pi), false)
	if d.Aggregation == deter.AggInformed {
		// The informed challenger sees whether the guarantor resists:
		// P(SQ) = (1 − q) L(A0 + A1 x_∅) + q L(A0 + A1 x_g); the index
		// (the cure share's) stays the expected form's.
		l0, _ := deter.StatusQuo(c, deter.LogWarCost(c, fp, fc, false), math.Log(deter.Contest(fc, fp, gamma)), false)
		l1, _ := deter.StatusQuo(c, deter.LogWarCost(c, fp+fg, fc, false), math.Log(deter.Contest(fc, fp+fg, gamma)), false)
		psq = (1-q)*l0 + q*l1
	}
	if math.Abs(w.q[0]-q) > 1e-12 || math.Abs(w.out.Pi-pi) > 1e-12 || math.Abs(w.out.Cbar-cbar) > 1e-12*cbar || math.Abs(w.out.PSQ-psq) > 1e-12 {
		t.Errorf("engine q %.12g Pi %.12g Cbar %.12g PSQ %.12g; by hand %.12g %.12g %.12g %.12g", w.q[0], w.out.Pi, w.out.Cbar, w.out.PSQ, q, pi, cbar, psq)
	}
	hr := get("model.durability.third_party_guarantee")
	if got, want := s.survival(w, c, 10), deter.Survival(c, index, 10, hr); math.Abs(got-want) > 1e-12 {
		t.Errorf("survival %.12g, want %.12g", got, want)
	}
}

// The Gaussian copula by quadrature against brute force: P(exactly S
// responds) from 400,000 correlated normal draws agrees within 0.004, and
// the marginals are the q_g exactly (to 1e-9).
func TestCopulaQuadrature(t *testing.T) {
	m := compileYAML(t, `name: copula
challenger: RUS
protege: UKR
horizon: 10
option:
  guarantors:
    - {country: USA, id: a, instruments: []}
    - {country: UKG, id: b, instruments: []}
    - {country: FRN, id: c, instruments: []}
`)
	s := m.st
	w := s.newWork()
	r := rand.New(rand.NewPCG(3, 4))
	for _, rho := range []float64{0.05, 0.14, 0.2, 0.5, 0.9} {
		w.x[s.coef.rho] = rho
		copy(w.q, []float64{0.3, 0.62, 0.07})
		s.responseSets(w)
		var freq [8]float64
		const n = 400000
		for range n {
			z0 := r.NormFloat64()
			sub := 0
			for i, q := range w.q {
				z := math.Sqrt(rho)*z0 + math.Sqrt(1-rho)*r.NormFloat64()
				if 0.5*math.Erfc(-z/math.Sqrt2) < q {
					sub |= 1 << i
				}
			}
			freq[sub]++
		}
		for sub := range 8 {
			if d := math.Abs(w.pS[sub] - freq[sub]/n); d > 0.004 {
				t.Errorf("rho %.1f: P(S=%03b) %.4f by quadrature, %.4f by simulation", rho, sub, w.pS[sub], freq[sub]/n)
			}
		}
		for i, q := range w.q {
			marg := 0.0
			for sub := range 8 {
				if sub&(1<<i) != 0 {
					marg += w.pS[sub]
				}
			}
			if math.Abs(marg-q) > 1e-9 {
				t.Errorf("rho %.1f: marginal of %d is %.6f, q %.6f", rho, i, marg, q)
			}
		}
	}
}

// An instrument that ends within the horizon counts only until its end:
// survival is the same as without the end until then, and no higher after.
func TestInstrumentEndPhases(t *testing.T) {
	src := `name: phases
challenger: RUS
protege: UKR
horizon: {value: 20, source: judgment}
period: {start: 2000-01-01}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 60000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 80000, source: judgment}
      instruments:
        - {type: defense_pact, ratified: true%s}
model:
  durability: {third_party_guarantee: 0.7} # a guarantee that shortens peace would make its end lengthen it
`
	open, ended := compileYAML(t, fmt.Sprintf(src, "")), compileYAML(t, fmt.Sprintf(src, ", end: 2004-12-31"))
	if len(ended.st.phases) != 2 || len(open.st.phases) != 1 {
		t.Fatalf("phases: %d and %d", len(ended.st.phases), len(open.st.phases))
	}
	wo, we := open.st.newWork(), ended.st.newWork()
	for i := range uint64(50) {
		open.st.sample(wo, 1, i, -1, 0)
		ended.st.sample(we, 1, i, -1, 0)
		open.st.eval(wo)
		ended.st.eval(we)
		if wo.out.PSQ != we.out.PSQ {
			t.Fatalf("draw %d: P(deterrence) at the start differs: %v vs %v", i, wo.out.PSQ, we.out.PSQ)
		}
		for _, y := range []float64{1, 3, 4.9} {
			if a, b := open.st.survival(wo, &wo.coef, y), ended.st.survival(we, &we.coef, y); math.Abs(a-b) > 1e-12 {
				t.Errorf("draw %d: survival at %g years %v vs %v before the end", i, y, a, b)
			}
		}
		for _, y := range []float64{6, 10, 20} {
			if a, b := open.st.survival(wo, &wo.coef, y), ended.st.survival(we, &we.coef, y); b > a+1e-12 {
				t.Errorf("draw %d: survival at %g years rises when the pact ends: %v -> %v", i, y, a, b)
			}
		}
	}
}

// Partial dates name spans: an end in a 30-day month or a bare year is read
// as the span's last day, a start as its first.
func TestYearsBetweenPartialDates(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		last bool
		want float64 // days
	}{
		{"2000-01-01", "2000-06", true, 181}, {"2000-01-01", "2000-06", false, 152}, {"2000-01-01", "2000", true, 365},
		{"2000-01-01", "2001", false, 366}, {"2000", "2000-02-29", false, 59},
	} {
		if got := yearsBetween(tc.a, tc.b, tc.last) * 365.25; math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s to %s (last %v): %v days, want %v", tc.a, tc.b, tc.last, got, tc.want)
		}
	}
	if !math.IsInf(yearsBetween("2000", "June", false), 1) {
		t.Error("an unreadable date is not +Inf")
	}
}

// An instrument that starts within the horizon counts from its start: the
// same P(deterrence) now, and no lower survival after it starts.
func TestInstrumentStartPhases(t *testing.T) {
	src := `name: start
challenger: RUS
protege: UKR
horizon: {value: 20, source: judgment}
period: {start: 2000-01-01}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 60000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 80000, source: judgment}
      instruments:
        - {type: security_assurance}
%s
model:
  durability: {third_party_guarantee: 0.7}
`
	without := compileYAML(t, fmt.Sprintf(src, ""))
	with := compileYAML(t, fmt.Sprintf(src, "        - {type: defense_pact, ratified: true, start: 2004-06}"))
	if len(with.st.phases) != 2 {
		t.Fatalf("%d phases", len(with.st.phases))
	}
	a, b := without.st.newWork(), with.st.newWork()
	for i := range uint64(50) {
		without.st.sample(a, 1, i, -1, 0)
		with.st.sample(b, 1, i, -1, 0)
		without.st.eval(a)
		with.st.eval(b)
		if a.out.PSQ != b.out.PSQ {
			t.Fatalf("draw %d: a pact that has not started moves P(deterrence): %v vs %v", i, a.out.PSQ, b.out.PSQ)
		}
		for _, y := range []float64{6, 12, 20} {
			if sa, sb := without.st.survival(a, &a.coef, y), with.st.survival(b, &b.coef, y); sb < sa-1e-12 {
				t.Errorf("draw %d: survival at %g years falls when a pact starts: %v -> %v", i, y, sa, sb)
			}
		}
	}
}
