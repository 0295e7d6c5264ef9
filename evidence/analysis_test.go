package evidence

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// Published headline figures (Berkemeier & Fuhrmann 2018 abstract; ORACLES.md
// E-2). They are the yardstick the computed rates are compared with, never
// returned as results. tol is how far our recount may sit from the rounded
// published figure; the 1945-2003 gap is the one known difference (see
// docs/evidence.md).
var published = []struct {
	name     string
	o        Obligation
	e        Era
	pub, tol float64
}{
	{"overall", AnyObligation, AllYears, .50, .005},
	{"pre-1945", AnyObligation, Pre1945, .66, .005},
	{"1945-2003", AnyObligation, Post1945, .22, .025},
	{"defense pacts", Defense, AllYears, .41, .005},
	{"nonaggression", NonAggression, AllYears, .37, .005},
	{"offensive", Offense, AllYears, .74, .005},
	{"neutrality", Neutrality, AllYears, .78, .005},
}

func TestFulfilmentAgainstPublished(t *testing.T) {
	for _, p := range published {
		r, err := FulfilmentRate(LLM, p.o, p.e)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-14s LLM %d/%d = %.3f (published %.2f), 95%% [%.3f, %.3f]", p.name, r.Honoured, r.N(), r.Share, p.pub, r.Lo, r.Hi)
		if math.Abs(r.Share-p.pub) > p.tol {
			t.Errorf("%s: %.3f vs published %.2f", p.name, r.Share, p.pub)
		}
	}
	all, _ := FulfilmentRate(LLM, AnyObligation, AllYears)
	if all.Honoured != 73 || all.Violated != 73 {
		t.Errorf("LLM counts %d/%d, SOURCE.md says 73/73", all.Honoured, all.Violated)
	}
	bf, _ := FulfilmentRate(BF, AnyObligation, AllYears)
	if bf.Honoured != 69 || bf.Violated != 70 {
		t.Errorf("BF counts %d/%d, SOURCE.md says 69/70", bf.Honoured, bf.Violated)
	}
}

func TestFulfilmentPosterior(t *testing.T) {
	rates, err := FulfilmentTable()
	if err != nil {
		t.Fatal(err)
	}
	if len(rates) != 2*6*3 {
		t.Fatalf("%d rates", len(rates))
	}
	for _, r := range rates {
		if r.Alpha != 1+float64(r.Honoured) || r.Beta != 1+float64(r.Violated) {
			t.Errorf("%v/%v/%v: posterior Beta(%v,%v) from %d/%d", r.Coding, r.Obligation, r.Era, r.Alpha, r.Beta, r.Honoured, r.Violated)
		}
		// the interval's ends are the 2.5% and 97.5% quantiles: check with
		// the regularized incomplete beta function
		if lo := mathext.RegIncBeta(r.Alpha, r.Beta, r.Lo); math.Abs(lo-0.025) > 1e-6 {
			t.Errorf("I(lo) = %v", lo)
		}
		if hi := mathext.RegIncBeta(r.Alpha, r.Beta, r.Hi); math.Abs(hi-0.975) > 1e-6 {
			t.Errorf("I(hi) = %v", hi)
		}
		if r.Era == AllYears {
			pre, _ := FulfilmentRate(r.Coding, r.Obligation, Pre1945)
			post, _ := FulfilmentRate(r.Coding, r.Obligation, Post1945)
			if pre.Honoured+post.Honoured != r.Honoured || pre.Violated+post.Violated != r.Violated {
				t.Errorf("%v/%v: eras do not add up", r.Coding, r.Obligation)
			}
		}
		if r.Data == "" {
			t.Error("rate does not name its data")
		}
	}
	if _, err := FulfilmentRate(LLM, Obligation(9), AllYears); err == nil || Obligation(9).String() != "invalid" {
		t.Error("invalid obligation accepted")
	}
	if _, err := FulfilmentRateWithPrior(LLM, Defense, AllYears, Prior{0, 1}); err == nil {
		t.Error("improper prior accepted")
	}
	j, _ := FulfilmentRateWithPrior(LLM, Defense, AllYears, Prior{.5, .5})
	if j.Alpha != 42.5 || j.Beta != 60.5 {
		t.Errorf("Jeffreys posterior Beta(%v,%v)", j.Alpha, j.Beta)
	}
}

func TestLeedsAnac(t *testing.T) {
	for v, want := range map[string][2]int{"honor3": {93, 137}, "honor2": {95, 137}} {
		r, err := LeedsAnacRate(v)
		if err != nil {
			t.Fatal(err)
		}
		if r.Honoured != want[0] || r.N() != want[1] {
			t.Errorf("%s: %d/%d, SOURCE.md says %d/%d", v, r.Honoured, r.N(), want[0], want[1])
		}
	}
	if _, err := LeedsAnacRate("honor9"); err == nil {
		t.Error("unknown variable accepted")
	}
}

func TestHuth(t *testing.T) {
	r, err := HuthAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 58 || r.Successes != 34 {
		t.Fatalf("n=%d successes=%d, SOURCE.md says 58 and 34", r.N, r.Successes)
	}
	// leave-one-out base rate in closed form: a success is predicted by
	// (s-1)/(n-1), a failure by s/(n-1)
	n, s := 58.0, 34.0
	base := (s*math.Pow((n-s)/(n-1), 2) + (n-s)*math.Pow(s/(n-1), 2)) / n
	if math.Abs(r.BrierBase-base) > 1e-12 {
		t.Errorf("base-rate LOO Brier %v, want %v", r.BrierBase, base)
	}
	for _, m := range r.Models {
		t.Logf("%s: log-lik %.3f, Brier in-sample %.4f, LOO %.4f (base %.4f), failed folds %d", m.Link, m.LogLik, m.BrierIn, m.BrierLOO, r.BrierBase, m.LOOFailures)
		if len(m.Coefs) != len(HuthRegressors)+1 {
			t.Fatalf("%d coefficients", len(m.Coefs))
		}
		if !(m.BrierIn < m.BrierLOO) {
			t.Errorf("%s: in-sample Brier %v not below out-of-sample %v", m.Link, m.BrierIn, m.BrierLOO)
		}
		for _, c := range m.Coefs {
			if !(c.SE > 0) || math.IsNaN(c.Estimate) {
				t.Errorf("%s %s: estimate %v SE %v", m.Link, c.Name, c.Estimate, c.SE)
			}
		}
	}
	// logit and probit must tell the same story: same signs, and the usual
	// scale ratio (logit/probit about 1.6-1.8) on the clearly non-zero ones
	lg, pb := r.Models[0], r.Models[1]
	for j := range lg.Coefs {
		if lg.Coefs[j].P < 0.05 {
			ratio := lg.Coefs[j].Estimate / pb.Coefs[j].Estimate
			if ratio < 1.4 || ratio > 2.1 {
				t.Errorf("%s: logit/probit ratio %.2f", lg.Coefs[j].Name, ratio)
			}
		}
	}
}

func TestTripwireSampleRows(t *testing.T) {
	d, err := loadSampleData()
	if err != nil {
		t.Fatal(err)
	}
	rows := d.build(2010, 2014)
	find := func(a, b, y int) *dyadYear {
		for i := range rows {
			if rows[i].a == a && rows[i].b == b && rows[i].year == y {
				return &rows[i]
			}
		}
		return nil
	}
	ru := find(365, 369, 2014)
	if ru == nil || !ru.contig || !ru.rivalry || ru.usPact {
		t.Fatalf("Russia->Ukraine 2014: %+v (want land contiguity, TSS rivalry, no US pact)", ru)
	}
	if ee := find(365, 366, 2012); ee == nil || !ee.usPact {
		t.Errorf("Russia->Estonia 2012: %+v (want a US defence pact through NATO)", ee)
	}
	if de := find(365, 255, 2012); de == nil || de.troops < 10000 {
		t.Errorf("Russia->Germany 2012: %+v (Germany hosts tens of thousands of US troops)", de)
	}
	if find(2, 365, 2012) != nil || find(365, 2, 2012) != nil {
		t.Error("the US is in the sample")
	}
	if find(41, 950, 2012) != nil {
		t.Error("Haiti->Fiji is not politically relevant but is in the sample")
	}
	for _, r := range rows {
		if r.peace < 0 || r.capShare <= 0 || r.capShare >= 1 {
			t.Fatalf("bad row %+v", r)
		}
	}
}

func TestTripwire(t *testing.T) {
	if testing.Short() {
		t.Skip("tripwire regression builds ~130,000 dyad-years")
	}
	r, err := Tripwire(TripwireOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Coefs {
		t.Logf("%-30s %8.4f (SE %.4f, p %.3f)", c.Name, c.Estimate, c.SE, c.P)
	}
	t.Logf("n = %d, events = %d, log-lik %.1f (null %.1f); %s", r.N, r.Events, r.LogLik, r.LogLikNull, r.Data)
	if r.N < 100000 || r.Events < 500 || r.LogLik <= r.LogLikNull {
		t.Errorf("n %d events %d log-lik %v null %v", r.N, r.Events, r.LogLik, r.LogLikNull)
	}
	if _, err := Tripwire(TripwireOptions{From: 1940}); err == nil {
		t.Error("years before troop data accepted")
	}
}
