package udg

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
	"github.com/guarantor/guarantor/solve/pbe"
)

// base is ORACLES.md's common UDG parameter set P.
func base(pCh, pDef float64) Params {
	return Params{CDC: 1, CSQ: .5, CDDP: .3, CCD: 0, CDDM: -.5, DSQ: 1, DCD: .8, DDC: .2, DDDP: .4, DDDM: -.4, PCh: pCh, PDef: pDef}
}

func TestOracles(t *testing.T) {
	p := base(.5, .6)
	c := p.Cut()
	if math.Abs(c.GammaH-5.0/7) > 1e-12 || math.Abs(c.GammaS-.5) > 1e-12 || math.Abs(c.Delta-.5) > 1e-12 {
		t.Fatalf("thresholds %+v, want 5/7, 1/2, 1/2", c)
	}
	cases := []struct {
		id     string
		pCh    float64
		pDef   float64
		region string
		out    models.Dist
	}{
		{"U-1", .5, .8, "Certain deterrence", models.Dist{{Key: "SQ", Value: 1}, {Key: "DC", Value: 0}, {Key: "CD", Value: 0}, {Key: "DD", Value: 0}}},
		{"U-2", .5, .6, "Separating", models.Dist{{Key: "SQ", Value: .5}, {Key: "DC", Value: .2}, {Key: "CD", Value: 0}, {Key: "DD", Value: .3}}},
	}
	for _, tc := range cases {
		m, err := New(base(tc.pCh, tc.pDef))
		if err != nil {
			t.Fatal(err)
		}
		sol := m.Solve()
		eq := sol.Equilibria[0]
		if eq.Region != tc.region || !eq.PassesRefinement {
			t.Errorf("%s: primary region %q (passes %v), want %q", tc.id, eq.Region, eq.PassesRefinement, tc.region)
		}
		if !modeltest.SameDist(eq.Outcomes, tc.out, 1e-9) {
			t.Errorf("%s: outcomes %v, want %v", tc.id, eq.Outcomes, tc.out)
		}
		tr, err := m.Game()
		if err != nil {
			t.Fatal(err)
		}
		modeltest.VerifyAll(t, tr, sol, 1e-9)
	}
}

// TestNoInitiationFamily checks the belief-supported alternative: its
// bounds (SPEC.md §1.2) and that it is flagged as failing D1.
func TestNoInitiationFamily(t *testing.T) {
	m, _ := New(base(.5, .6))
	sol := m.Solve()
	if len(sol.Equilibria) != 2 {
		t.Fatalf("got %d equilibria, want the D1 one and the no-initiation family", len(sol.Equilibria))
	}
	alt := sol.Equilibria[1]
	if alt.PassesRefinement || !strings.Contains(alt.Note, "fails D1") {
		t.Errorf("alternative not flagged: %+v", alt)
	}
	sMin, _ := alt.Values.Get("s_min")
	if want := (5.0/7 - .6) / .4; math.Abs(sMin-want) > 1e-12 {
		t.Errorf("s_min = %v, want %v", sMin, want)
	}
	if sq, _ := alt.Outcomes.Get("SQ"); sq != 1 {
		t.Errorf("P(SQ) = %v", sq)
	}
	// Certain deterrence has no such family: deterrence holds on any beliefs.
	m2, _ := New(base(.5, .8))
	if n := len(m2.Solve().Equilibria); n != 1 {
		t.Errorf("certain deterrence: %d equilibria, want 1", n)
	}
}

func TestBluffMixes(t *testing.T) {
	p := base(.2, .3) // pDef < gammaS = .5, pCh < delta = .5
	e := SolvePrimary(&p)
	if e.Region != Bluff {
		t.Fatalf("region %v", e.Region)
	}
	wantXS := .2 * .5 / (.8 * .5)
	wantS := (.5 - .3) / .7
	if math.Abs(e.XS-wantXS) > 1e-12 || math.Abs(e.S-wantS) > 1e-12 || math.Abs(e.R-.5) > 1e-12 {
		t.Errorf("xS=%v s=%v r=%v, want %v %v .5", e.XS, e.S, e.R, wantXS, wantS)
	}
	m, _ := New(p)
	tr, _ := m.Game()
	modeltest.VerifyAll(t, tr, m.Solve(), 1e-9)
}

func TestValidateNamesInequality(t *testing.T) {
	cases := []struct {
		mut  func(*Params)
		want string
	}{
		{func(p *Params) { p.CDDP = .6 }, "cDD+ < cSQ"},
		{func(p *Params) { p.CCD = .4 }, "cCD < cDD+"},
		{func(p *Params) { p.DDDM = .3 }, "dDD- < dDC"},
		{func(p *Params) { p.DCD = .1 }, "dDC < dCD"},
		{func(p *Params) { p.PDef = 1.5 }, "0 <= pDef <= 1"},
		{func(p *Params) { p.PCh = math.NaN() }, "pCh finite"},
	}
	for _, tc := range cases {
		p := base(.5, .5)
		tc.mut(&p)
		_, err := New(p)
		var oe *models.OrderError
		if !errors.As(err, &oe) || oe.Inequality != tc.want || !errors.Is(err, models.ErrOrdering) {
			t.Errorf("want violation of %q, got %v", tc.want, err)
		}
	}
	if _, err := FromValues(models.Values{"cDC": 1}); !errors.Is(err, models.ErrParams) {
		t.Errorf("missing parameters: %v", err)
	}
}

// genParams draws valid parameters: increasing chains built from positive
// increments, priors away from 0 and 1.
func genParams(t *rapid.T) Params {
	inc := func(name string) float64 { return rapid.Float64Range(0.01, 3).Draw(t, name) }
	var p Params
	p.CDDM = rapid.Float64Range(-5, 5).Draw(t, "cDD-")
	p.CCD = p.CDDM + inc("i1")
	p.CDDP = p.CCD + inc("i2")
	p.CSQ = p.CDDP + inc("i3")
	p.CDC = p.CSQ + inc("i4")
	p.DDC = rapid.Float64Range(-5, 5).Draw(t, "dDC")
	p.DDDM = p.DDC - inc("j1")
	p.DDDP = p.DDC + inc("j2")
	p.DCD = p.DDC + inc("j3")
	p.DSQ = p.DDC + inc("j4")
	p.PCh = rapid.Float64Range(0.01, 0.99).Draw(t, "pCh")
	p.PDef = rapid.Float64Range(0.01, 0.99).Draw(t, "pDef")
	return p
}

func TestPropEveryEquilibriumVerifies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, err := New(genParams(t))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := m.Game()
		if err != nil {
			t.Fatal(err)
		}
		sol := m.Solve()
		modeltest.VerifyAll(t, tr, sol, 1e-8)
		modeltest.AgreesWithSolve(t, tr, sol, 1e-8)
		modeltest.VerifyExported(t, tr, sol, 1e-8)
	})
}

// TestPropPureEquilibriaComplete: every pure PBE the general enumerator
// finds on the tree has the primary's outcomes or is a no-initiation
// equilibrium, and in pure regions the primary is among them.
func TestPropPureEquilibriaComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		m, _ := New(p)
		tr, _ := m.Game()
		e := SolvePrimary(&p)
		primary := m.Solve().Equilibria[0].Outcomes
		found := false
		for _, d := range modeltest.PureOutcomes(t, tr) {
			sq, _ := d.Get("SQ")
			switch {
			case modeltest.SameDist(d, primary, 1e-9):
				found = true
			case sq > 1-1e-12 && p.PDef < e.GammaH:
			default:
				t.Fatalf("unexpected pure PBE %v (primary %v, region %v)", d, primary, e.Region)
			}
		}
		if e.Region != Bluff && !found {
			t.Fatalf("primary %v (%v) not found by enumeration", primary, e.Region)
		}
	})
}

func affine(p Params, a, b, c, d float64) Params {
	for _, x := range []*float64{&p.CDC, &p.CSQ, &p.CDDP, &p.CCD, &p.CDDM} {
		*x = a**x + b
	}
	for _, x := range []*float64{&p.DSQ, &p.DCD, &p.DDC, &p.DDDP, &p.DDDM} {
		*x = c**x + d
	}
	return p
}

func TestPropAffineInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		q := affine(p, rapid.Float64Range(0.1, 10).Draw(t, "a"), rapid.Float64Range(-10, 10).Draw(t, "b"),
			rapid.Float64Range(0.1, 10).Draw(t, "c"), rapid.Float64Range(-10, 10).Draw(t, "d"))
		e1, e2 := SolvePrimary(&p), SolvePrimary(&q)
		c := p.Cut()
		// Skip draws within rounding of a threshold, where the region may flip.
		if near(p.PDef, c.GammaH) || near(p.PDef, c.GammaS) || near(p.PCh, c.Delta) {
			t.Skip("at a threshold")
		}
		if e1.Region != e2.Region || !close(e1.PSQ, e2.PSQ) || !close(e1.PDD, e2.PDD) || !close(e1.PDC, e2.PDC) || !close(e1.PCD, e2.PCD) {
			t.Fatalf("not invariant: %+v vs %+v", e1, e2)
		}
	})
}

func TestPropOutcomesSumToOne(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		e := SolvePrimary(&p)
		if s := e.PSQ + e.PDC + e.PCD + e.PDD; math.Abs(s-1) > 1e-12 {
			t.Fatalf("sum %v", s)
		}
		for _, x := range []float64{e.PSQ, e.PDC, e.PCD, e.PDD, e.XS, e.S} {
			if x < -1e-12 || x > 1+1e-12 {
				t.Fatalf("probability out of range: %+v", e)
			}
		}
	})
}

// TestPropMonotone: raising a Challenger's conflict payoff raises its
// threshold; raising the Soft Defender's conflict payoff raises delta; and
// more credibility never lowers P(SQ).
func TestPropMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		q := p
		q.CDDP = p.CDDP + rapid.Float64Range(0, 1).Draw(t, "u")*(p.CSQ-p.CDDP)*0.99
		q.CCD = p.CCD + rapid.Float64Range(0, 1).Draw(t, "v")*(q.CDDP-p.CCD)*0.99
		q.DDDM = p.DDDM + rapid.Float64Range(0, 1).Draw(t, "w")*(p.DDC-p.DDDM)*0.99
		c1, c2 := p.Cut(), q.Cut()
		if c2.GammaH < c1.GammaH-1e-12 || c2.GammaS < c1.GammaS-1e-12 || c2.Delta < c1.Delta-1e-12 {
			t.Fatalf("thresholds not monotone: %+v -> %+v", c1, c2)
		}
		r := p
		r.PDef = p.PDef + rapid.Float64Range(0, 1).Draw(t, "dp")*(0.99-p.PDef)
		if a, b := SolvePrimary(&p).PSQ, SolvePrimary(&r).PSQ; b < a-1e-12 {
			t.Fatalf("P(SQ) fell from %v to %v as pDef rose %v -> %v", a, b, p.PDef, r.PDef)
		}
	})
}

// TestPropContinuous: away from thresholds a tiny change of any parameter
// moves the outcome probabilities by a comparably tiny amount.
func TestPropContinuous(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams(t)
		q := p
		const h = 1e-7
		ptr := q.ptrs()[rapid.IntRange(0, 11).Draw(t, "which")]
		*ptr += h * rapid.Float64Range(-1, 1).Draw(t, "dir")
		if q.Validate() != nil {
			t.Skip("perturbation left the domain")
		}
		e1, e2 := SolvePrimary(&p), SolvePrimary(&q)
		if e1.Region != e2.Region {
			t.Skip("crossed a threshold")
		}
		c := p.Cut()
		if math.Abs(p.PCh-c.Delta) < 1e-3 || math.Abs(1-p.PCh) < 1e-3 {
			t.Skip("near a pole of x_S")
		}
		for _, d := range []float64{e1.PSQ - e2.PSQ, e1.PDC - e2.PDC, e1.PCD - e2.PCD, e1.PDD - e2.PDD} {
			if math.Abs(d) > 1e-3 {
				t.Fatalf("jump of %v inside region %v", d, e1.Region)
			}
		}
	})
}

func near(x, y float64) bool  { return math.Abs(x-y) < 1e-9 }
func close(x, y float64) bool { return math.Abs(x-y) < 1e-9 }

func BenchmarkSolvePrimary(b *testing.B) {
	ps := []Params{base(.5, .8), base(.5, .6), base(.6, .3), base(.2, .3)}
	b.ReportAllocs()
	var sink float64
	for i := 0; b.Loop(); i++ {
		e := SolvePrimary(&ps[i&3])
		sink += e.PSQ
	}
	_ = sink
}

// TestVerifierCatchesWrongMix: the verification is not vacuous; moving the
// Soft Defender's mix off the Bluff value breaks the Soft Challenger's
// indifference, and flipping the Separating Soft Defender to resist breaks
// its own rationality.
func TestVerifierCatchesWrongMix(t *testing.T) {
	for _, pr := range []Params{base(.2, .3), base(.5, .6)} {
		m, _ := New(pr)
		tr, _ := m.Game()
		eq := m.Solve().Equilibria[0]
		for i := range eq.Strategies {
			if eq.Strategies[i].Key == "Def(Soft)" {
				s := eq.Strategies[i].Dist[1].Value + 0.1
				eq.Strategies[i].Dist = models.Dist{{Key: "C", Value: 1 - s}, {Key: "D", Value: s}}
			}
		}
		rep, err := models.Check(tr, &eq)
		if err != nil || rep.OK() {
			t.Fatalf("%s: perturbed equilibrium accepted (%v)", eq.Region, err)
		}
	}
}

// TestOraclesExact re-checks U-1 and U-2 in exact arithmetic: their
// strategies and beliefs are rational, so the regret must be exactly zero.
func TestOraclesExact(t *testing.T) {
	for _, pDef := range []float64{.8, .6} {
		m, _ := New(base(.5, pDef))
		tr, _ := m.Game()
		for _, eq := range m.Solve().Equilibria[:1] {
			prof, bel, err := models.Assessment(tr, &eq)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := pbe.VerifyExact(tr, exactProfile(prof), exactBeliefs(bel), pbe.Options{})
			if err != nil || !rep.OK() {
				t.Fatalf("pDef=%v: %v %+v", pDef, err, rep)
			}
		}
	}
}

// exactRow reads a float row as decimals, making the last entry 1 minus
// the others so that 1-0.8 is 1/5 and not the double nearest to it.
func exactRow(row []float64) []*big.Rat {
	out := models.Rats(row...)
	last := big.NewRat(1, 1)
	for _, x := range out[:len(out)-1] {
		last.Sub(last, x)
	}
	out[len(out)-1] = last
	return out
}

func exactProfile(p [][][]float64) game.BehaviorProfile {
	out := make(game.BehaviorProfile, len(p))
	for i := range p {
		for _, row := range p[i] {
			out[i] = append(out[i], exactRow(row))
		}
	}
	return out
}

func exactBeliefs(b [][]float64) [][]*big.Rat {
	out := make([][]*big.Rat, len(b))
	for i, row := range b {
		if row != nil {
			out[i] = exactRow(row)
		}
	}
	return out
}

// TestSolvePrimaryClosedPriors: the Monte Carlo path accepts priors of
// exactly 0 or 1 and never returns NaN.
func TestSolvePrimaryClosedPriors(t *testing.T) {
	for _, pCh := range []float64{0, 0.5, 1} {
		for _, pDef := range []float64{0, 0.3, 0.6, 1} {
			p := base(pCh, pDef)
			e := SolvePrimary(&p)
			for _, x := range []float64{e.PSQ, e.PDC, e.PCD, e.PDD, e.XS, e.S, e.R} {
				if math.IsNaN(x) || x < -1e-12 || x > 1+1e-12 {
					t.Fatalf("pCh=%v pDef=%v: %+v", pCh, pDef, e)
				}
			}
			if s := e.PSQ + e.PDC + e.PCD + e.PDD; math.Abs(s-1) > 1e-12 {
				t.Fatalf("sum %v", s)
			}
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	p := base(.5, .6)
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHardAlwaysInitiates: with cSQ < cDD+ < cDC (outside the validated
// orderings) the fast path still gives the right answer: a Hard
// Challenger initiates for any credibility and no no-initiation family
// exists.
func TestHardAlwaysInitiates(t *testing.T) {
	p := base(.5, .99)
	p.CDDP = .7
	e := SolvePrimary(&p)
	if e.Region != Separating || e.XH != 1 || math.Abs(e.PSQ-.5) > 1e-12 {
		t.Fatalf("%+v", e)
	}
	if _, _, ok := NoInitiationFamily(&p); ok {
		t.Fatal("family reported although a Hard Challenger always initiates")
	}
}
