package assess

import (
	"context"
	"github.com/guarantor/guarantor/scenario"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/capability"
)

// With no tripwire, stake, audience cost or signal, and the war-cost term
// at its reference, commitment is the base rate (DESIGN.md §2).
func TestCommitmentIsBaseRateWithoutTerms(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors = o.Guarantors[:1]
	o.Guarantors[0].Instruments = []Instrument{{Kind: DefensePact}}
	m := compile(t, o)
	w := m.newWork()
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		m.sample(r, w, -1, 0)
		set(t, m, w, CoefWarCost, 0)
		m.eval(w)
		base := w.x[m.g[0].base]
		if math.Abs(w.pFight[0]-base) > 1e-12 {
			t.Fatalf("P(fight) = %v, base rate %v", w.pFight[0], base)
		}
	}
	// and the war-cost term vanishes when P(win) equals the reference
	m.sample(r, w, -1, 0)
	m.eval(w)
	set(t, m, w, CoefWarCostRef, w.pWinG[0])
	m.eval(w)
	if base := w.x[m.g[0].base]; math.Abs(w.pFight[0]-base) > 1e-12 {
		t.Fatalf("P(fight) = %v at the reference, base rate %v", w.pFight[0], base)
	}
}

// The base rate of a defence pact is the Berkemeier-Fuhrmann posterior:
// 42/102 honoured under the LLM coding, all years (docs/evidence.md).
func TestBaseRateFromEvidence(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	a, b, ok := BetaParams(m.Inputs[m.g[0].base].Dist)
	if !ok || a != 43 || b != 61 {
		t.Fatalf("US base rate %v, want beta(43, 61) (42/102 honoured, uniform prior)", m.Inputs[m.g[0].base].Dist)
	}
}

// Effective credibility closed forms: two guarantors that can win only
// together; independent responses give p1·p2, a pure bloc min(p1, p2).
func TestEffectiveCredibilityClosedForm(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors = o.Guarantors[1:]
	m := compile(t, o)
	w := m.newWork()
	w.x = m.Median()
	for _, s := range []string{"guarantors.uk.capability", "guarantors.fr.capability"} {
		set(t, m, w, s, 1)
	}
	set(t, m, w, "guarantors.uk.deploy", 1)
	set(t, m, w, "guarantors.fr.deploy", 1)
	set(t, m, w, "challenger.capability", 3) // deploys half: 1.5
	set(t, m, w, "protege.capability", 0)
	set(t, m, w, CoefContestG, 10) // a sharp contest: one guarantor loses, two win
	for _, rho := range []float64{0, 1, 0.3} {
		set(t, m, w, CoefCorrelation, rho)
		m.eval(w)
		p1, p2 := w.pFight[0], w.pFight[1]
		want := (1-rho)*p1*p2 + rho*math.Min(p1, p2)
		if math.Abs(w.d.Cred-want) > 1e-12 {
			t.Errorf("rho %v: credibility %v, want %v (p = %v, %v)", rho, w.d.Cred, want, p1, p2)
		}
	}
}

// The draw's deterrence probability is the UDG's D1 solution at the
// draw's parameters, and certain deterrence holds iff pDef >= gammaH.
func TestDeterrenceFollowsUDG(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		m.sample(r, w, -1, 0)
		m.eval(w)
		d := &w.d
		if d.NoGain {
			continue
		}
		if err := d.Game.Validate(); err != nil {
			t.Fatalf("UDG parameters invalid: %v (%+v)", err, d.Game)
		}
		gh := (d.Game.CDC - d.Game.CSQ) / (d.Game.CDC - d.Game.CDDP)
		if (d.Game.PDef >= gh) != (d.Eq.PSQ == 1) {
			t.Fatalf("pDef %v, gammaH %v, PSQ %v", d.Game.PDef, gh, d.PSQ)
		}
		if want := d.Satisfied + (1-d.Satisfied-d.Determined)*d.Eq.PSQ; math.Abs(d.PSQ-want) > 1e-12 {
			t.Fatalf("P(SQ) %v, want satisfied %v + playing x game %v", d.PSQ, d.Satisfied, d.Eq.PSQ)
		}
		if d.PSQ < 0 || d.PSQ > 1 || math.Abs(d.Eq.PSQ+d.Eq.PDC+d.Eq.PCD+d.Eq.PDD-1) > 1e-12 {
			t.Fatalf("outcome probabilities %+v", d.Eq)
		}
	}
}

// Durability: the yearly hazard after the first decision is h =
// rate·P(war)·HR.
func TestDurabilityClosedForm(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors[2].Instruments = append(o.Guarantors[2].Instruments, Instrument{Kind: CeasefireAgreement, Monitors: true})
	m := compile(t, o)
	w := m.newWork()
	w.x = m.Median()
	m.eval(w)
	i, _ := m.Index(DurRate)
	j, _ := m.Index(DurMonitors)
	want := w.x[i] * w.d.PWar * w.x[j]
	if math.Abs(w.d.Hazard-want) > 1e-15 {
		t.Fatalf("hazard %v, want %v", w.d.Hazard, want)
	}
}

// With no guarantor, the challenger types whose cost of war exceeds the
// gain from attacking the protégé alone stay put, the others attack:
// P(no attack) = max(0, 1 - (1 - P(protégé wins))/(rel·kappaMax)).
func TestNoGuarantorSatisfiedShare(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors = nil
	m := compile(t, o)
	w := m.newWork()
	for _, kmax := range []float64{0.2, 1, 3, 10} {
		set(t, m, w, ChCostMax, kmax)
		m.eval(w)
		pw0, r0 := w.pwin[0], w.rel[0]
		want := max(0, 1-(1-pw0)/(r0*kmax))
		if math.Abs(w.d.PSQ-want) > 1e-12 || math.Abs(w.d.PWar-(1-want)) > 1e-12 {
			t.Errorf("kappaMax %v: P(SQ) %v P(war) %v, want %v (pw0 %v, rel %v)", kmax, w.d.PSQ, w.d.PWar, want, pw0, r0)
		}
		if kmax == 10 && !(want > 0) {
			t.Errorf("kappaMax 10 should leave satisfied types (pw0 %v rel %v)", pw0, r0)
		}
	}
}

// A run is identical for a seed whatever the number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	var prev *Result
	for _, wk := range []int{1, 2, 5} {
		r, err := m.Run(context.Background(), Config{Samples: 3000, Seed: 9, Workers: wk, DriverSamples: 300}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil {
			if r.PDeter != prev.PDeter || r.NoWar[2] != prev.NoWar[2] || r.Guarantors[1].PFight != prev.Guarantors[1].PFight {
				t.Fatalf("workers %d: %+v, differs from %+v", wk, r.PDeter, prev.PDeter)
			}
			for k := range r.Drivers {
				if r.Drivers[k] != prev.Drivers[k] {
					t.Fatalf("workers %d: driver %d differs", wk, k)
				}
			}
		}
		prev = r
	}
	r2, _ := m.Run(context.Background(), Config{Samples: 3000, Seed: 10, DriverSamples: -1}, "test")
	if r2.PDeter == prev.PDeter {
		t.Fatal("another seed gave the same estimate")
	}
}

// The per-draw path allocates nothing.
func TestDrawAllocatesNothing(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	s := newStream()
	s.pcg.Seed(1, 1)
	if n := testing.AllocsPerRun(1000, func() { m.sample(s.r, w, -1, 0); m.eval(w) }); n != 0 {
		t.Fatalf("%v allocations per draw", n)
	}
}

func BenchmarkDraw3Guarantors(b *testing.B) {
	m := compile(b, threeGuarantors(b))
	w := m.newWork()
	s := newStream()
	s.pcg.Seed(1, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.sample(s.r, w, -1, 0)
		m.eval(w)
	}
}

func BenchmarkRun3Guarantors(b *testing.B) {
	m := compile(b, threeGuarantors(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(context.Background(), Config{Samples: 20000, Seed: 1, DriverSamples: -1}, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// The theatre check reproduces the 3:1 rule: under the square law with a
// defender advantage of 9 (capability.DefenderAdvantage), 100 defenders
// against 300 attackers is an even contest; a guarantor's 50 more tip it.
func TestTheatreThreeToOne(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors = o.Guarantors[:1]
	o.Guarantors[0].Forces = Input{Dist: Point(50)}
	o.Theatre = &Theatre{Challenger: Input{Dist: Point(300)}, Protege: Input{Dist: Point(100)}, Advantage: Input{Dist: Point(9)}}
	m := compile(t, o)
	w := m.newWork()
	w.x = m.Median()
	m.eval(w)
	if math.Abs(w.pwin[0]-0.5) > 1e-12 {
		t.Fatalf("P(win) alone %v, want 0.5", w.pwin[0])
	}
	want := 9 * 150.0 * 150 / (9*150*150 + 300*300)
	if math.Abs(w.pwin[1]-want) > 1e-12 || w.d.PWinAll != w.pwin[1] {
		t.Fatalf("P(win) with the guarantor %v, want %v", w.pwin[1], want)
	}
}

// The cached contest agrees with capability.ContestSuccess draw after draw.
func TestContestCacheMatches(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	r := rand.New(rand.NewPCG(5, 6))
	cap, _ := m.Index("guarantors.uk.capability")
	for k := range 300 {
		m.sample(r, w, -1, 0)
		if k%3 == 0 {
			w.x[cap] = r.Float64() * 0.05 // changing masses must refresh the cache
		}
		if k%7 == 0 {
			w.x[cap] = 0
		}
		m.eval(w)
		mch := eff(w.x, m.ch.capSlots)
		for s := range w.pwin {
			want := capability.ContestSuccess(w.mass[s], mch, w.x[m.coef.g])
			if math.Abs(w.pwin[s]-want) > 1e-12 {
				t.Fatalf("draw %d subset %d: %v, want %v", k, s, w.pwin[s], want)
			}
		}
	}
}

// The README's three-guarantor option (UK and French tripwires, US air
// backstop), one draw per op.
func BenchmarkDrawEuropeanTripwireUSBackstop(b *testing.B) {
	opts, err := LoadOptionsWith([]string{"../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"}, scenario.EngineUDG)
	if err != nil {
		b.Skip("example not available:", err)
	}
	m := compile(b, opts[0])
	w := m.newWork()
	s := newStream()
	s.pcg.Seed(1, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.sample(s.r, w, -1, 0)
		m.eval(w)
	}
}

func TestExampleDrawAllocatesNothing(t *testing.T) {
	opts, err := LoadOptionsWith([]string{"../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"}, scenario.EngineUDG)
	if err != nil {
		t.Skip("example not available:", err)
	}
	m := compile(t, opts[0])
	w := m.newWork()
	s := newStream()
	s.pcg.Seed(1, 1)
	if n := testing.AllocsPerRun(1000, func() { m.sample(s.r, w, -1, 0); m.eval(w) }); n != 0 {
		t.Fatalf("%v allocations per draw", n)
	}
}

// Option-level conditions: with a capable US (p1) and an incapable UK (p2)
// deciding independently, P(some fights) = 1-(1-p1)(1-p2) and P(those who
// fight can win) = p1 / P(some fights).
func TestAnyFightCanWinClosedForm(t *testing.T) {
	o := threeGuarantors(t)
	o.Guarantors = o.Guarantors[:2]
	o.Guarantors[1].Capability = Input{Dist: Point(1e-9)}
	m := compile(t, o)
	w := m.newWork()
	w.x = m.Median()
	set(t, m, w, "challenger.capability", 0.02) // the US with Ukraine can win; Ukraine alone cannot
	set(t, m, w, CoefCorrelation, 0)
	m.eval(w)
	if w.pwin[1] < 0.5 || w.pwin[2] >= 0.5 || w.pwin[0] >= 0.5 {
		t.Fatalf("set-up: P(win) %v", w.pwin)
	}
	p1, p2 := w.pFight[0], w.pFight[1]
	any := 1 - (1-p1)*(1-p2)
	if math.Abs(w.d.AnyFight-any) > 1e-12 || math.Abs(w.d.CanWin-p1/any) > 1e-12 {
		t.Fatalf("AnyFight %v CanWin %v, want %v %v", w.d.AnyFight, w.d.CanWin, any, p1/any)
	}
}

// A nuclear umbrella shrinks the share of determined challenger types but,
// being discounted by resolve like any war cost, never removes it: no
// option is certain because one guarantor is nuclear.
func TestNuclearTermScalesWithResolve(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	prev := math.Inf(1)
	for _, k := range []float64{0, 0.5, 3, 30} {
		set(t, m, w, ChNuclearCost, k)
		m.eval(w)
		if !(w.d.Determined > 0) || w.d.Determined > prev {
			t.Fatalf("nuclear cost %v: determined share %v (previous %v)", k, w.d.Determined, prev)
		}
		prev = w.d.Determined
	}
}
