package assess

import (
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// drawAt fills w with a draw from a seed the property chose.
func drawAt(m *Model, w *work, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	m.sample(r, w, -1, 0)
}

// More troops at risk never lower a guarantor's commitment, all else equal.
func TestPropertyTroopsNeverLowerCommitment(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	troops, _ := m.Index("guarantors.uk.tripwire[1].troops")
	rapid.Check(t, func(t *rapid.T) {
		drawAt(m, w, rapid.Uint64().Draw(t, "seed"))
		a := rapid.Float64Range(0, 1e5).Draw(t, "a")
		b := a + rapid.Float64Range(0, 1e5).Draw(t, "more")
		w.x[troops] = a
		m.eval(w)
		pa, cra := w.pFight[1], w.d.Cred
		w.x[troops] = b
		m.eval(w)
		// 1e-12 absorbs float rounding when the troop counts differ by an ulp.
		if w.pFight[1] < pa-1e-12 {
			t.Fatalf("troops %v -> %v lowered P(fight) %v -> %v", a, b, pa, w.pFight[1])
		}
		if w.d.Cred < cra-1e-12 {
			t.Fatalf("troops %v -> %v lowered credibility %v -> %v", a, b, cra, w.d.Cred)
		}
	})
}

// A signal with likelihood ratio below 1 never raises commitment.
func TestPropertySignalBelowOneNeverRaises(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	lr, _ := m.Index("guarantors.uk.signals.pledge.lr")
	rapid.Check(t, func(t *rapid.T) {
		drawAt(m, w, rapid.Uint64().Draw(t, "seed"))
		w.x[lr] = 1
		m.eval(w)
		p1 := w.pFight[1]
		w.x[lr] = rapid.Float64Range(1e-6, 1).Draw(t, "lr")
		m.eval(w)
		if w.pFight[1] > p1 {
			t.Fatalf("LR %v raised P(fight) %v -> %v", w.x[lr], p1, w.pFight[1])
		}
	})
}

// Removing the only capable guarantor never raises P(deterrence holds).
// The US is the only guarantor that can matter (the others bring almost
// nothing); each draw is evaluated with and without it on shared inputs.
func TestPropertyRemovingOnlyCapableGuarantor(t *testing.T) {
	full := threeGuarantors(t)
	for _, i := range []int{1, 2} {
		full.Guarantors[i].Capability = Input{Dist: Point(1e-7)}
	}
	without := full
	without.Guarantors = full.Guarantors[1:]
	mf, mw := compile(t, full), compile(t, without)
	wf, ww := mf.newWork(), mw.newWork()
	chCap, _ := mf.Index("challenger.capability")
	rapid.Check(t, func(t *rapid.T) {
		drawAt(mf, wf, rapid.Uint64().Draw(t, "seed"))
		wf.x[chCap] = rapid.Float64Range(0.001, 0.2).Draw(t, "challenger")
		for j, in := range mw.Inputs { // share every common input
			i, _ := mf.Index(in.Name)
			ww.x[j] = wf.x[i]
		}
		mf.eval(wf)
		mw.eval(ww)
		if ww.d.PSQ > wf.d.PSQ+1e-12 {
			t.Fatalf("P(deterrence) rose from %v to %v without the US (cred %v -> %v)", wf.d.PSQ, ww.d.PSQ, wf.d.Cred, ww.d.Cred)
		}
	})
}

// Adding any guarantor (same inputs otherwise) never lowers effective
// credibility: capable coalitions form an up-set.
func TestPropertyCredibilityMonotoneInCommitment(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	w := m.newWork()
	base, _ := m.Index("guarantors.fr.base_rate")
	corr, _ := m.Index(CoefCorrelation)
	rapid.Check(t, func(t *rapid.T) {
		drawAt(m, w, rapid.Uint64().Draw(t, "seed"))
		w.x[corr] = rapid.Float64Range(0, 1).Draw(t, "rho")
		a := rapid.Float64Range(0, 1).Draw(t, "a")
		w.x[base] = a
		m.eval(w)
		c0 := w.d.Cred
		w.x[base] = a + (1-a)*rapid.Float64Range(0, 1).Draw(t, "up")
		m.eval(w)
		if w.d.Cred < c0-1e-12 {
			t.Fatalf("higher base rate lowered credibility %v -> %v", c0, w.d.Cred)
		}
	})
}
