package fit

import (
	"context"
	"math"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// With nothing left out, Refit gives the committed coefficients: every
// value, SE, centre and prior of deter.Default, bit for bit.
func TestRefitEmptyReproducesCommitted(t *testing.T) {
	c, n, err := Refit(context.Background(), Exclusion{})
	if err != nil {
		t.Fatal(err)
	}
	if n.HuthDropped+n.DyadYearsDropped+n.SpellsDropped != 0 {
		t.Errorf("nothing excluded, yet dropped %+v", n)
	}
	got, want := c.All(), deter.Default().All()
	if len(got) != len(want) {
		t.Fatalf("%d estimates, committed %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.E.Value != w.E.Value || g.E.SE != w.E.SE || g.E.Centre != w.E.Centre || g.E.Prior != w.E.Prior {
			t.Errorf("%s: refit %v (SE %v, centre %v), committed %s %v (SE %v, centre %v)",
				g.Name, g.E.Value, g.E.SE, g.E.Centre, w.Name, w.E.Value, w.E.SE, w.E.Centre)
		}
	}
	if c.Aggregation != deter.Default().Aggregation || len(c.EraKeys) != len(deter.Default().EraKeys) {
		t.Errorf("aggregation %q era keys %v, committed %q %v", c.Aggregation, c.EraKeys, deter.Default().Aggregation, deter.Default().EraKeys)
	}
}

// Excluding a pair removes exactly its rows: the dyad-years and spells
// counted independently from the data, and the named Huth crises.
func TestRefitExclusionCounts(t *testing.T) {
	rows, err := evidence.GeneralSample(generalFrom, generalTo)
	if err != nil {
		t.Fatal(err)
	}
	sp, _, err := PostWarSpells(5)
	if err != nil {
		t.Fatal(err)
	}
	ks, _, err := HuthCrises()
	if err != nil {
		t.Fatal(err)
	}
	// Israel (666) with Egypt (651) and Jordan (663): several wars each.
	pairs := []Pair{{651, 666}, {666, 663}}
	var wantRows, wantSpells int
	for _, r := range rows {
		if (r.A == 651 && r.B == 666) || (r.A == 666 && r.B == 651) || (r.A == 666 && r.B == 663) || (r.A == 663 && r.B == 666) {
			wantRows++
		}
	}
	for _, s := range sp {
		if (s.A == 651 && s.B == 666) || (s.A == 663 && s.B == 666) {
			wantSpells++
		}
	}
	if wantRows == 0 || wantSpells == 0 {
		t.Fatalf("test pairs have %d dyad-years and %d spells: pick pairs with data", wantRows, wantSpells)
	}
	huth := []int{ks[0].ID, ks[5].ID, ks[5].ID}
	c, n, err := Refit(context.Background(), Exclusion{Dyads: pairs, Huth: huth})
	if err != nil {
		t.Fatal(err)
	}
	want := RefitCounts{HuthCrises: len(ks) - 2, HuthDropped: 2, DyadYears: len(rows) - wantRows, DyadYearsDropped: wantRows,
		Spells: len(sp) - wantSpells, SpellsDropped: wantSpells}
	if n != want {
		t.Errorf("counts %+v, want %+v", n, want)
	}
	// Leaving data out moves every fitted block.
	d := deter.Default()
	for _, p := range []struct {
		name string
		a, b float64
	}{{"a0", c.A0.Value, d.A0.Value}, {"a_rivalry", c.ARivalry.Value, d.ARivalry.Value}, {"k", c.K.Value, d.K.Value}, {"d_rivalry", c.DRivalry.Value, d.DRivalry.Value}} {
		if p.a == p.b {
			t.Errorf("%s unchanged (%v) after leaving data out", p.name, p.a)
		}
	}
}

func TestExclusionKey(t *testing.T) {
	a := Exclusion{Dyads: []Pair{{666, 651}, {2, 365}, {651, 666}}, Huth: []int{9, 3, 9}}
	b := Exclusion{Dyads: []Pair{{2, 365}, {651, 666}}, Huth: []int{3, 9}}
	if a.Key() != b.Key() || a.Key() != "dyads 2-365 651-666; huth 3 9" {
		t.Errorf("keys %q and %q", a.Key(), b.Key())
	}
	if (Exclusion{}).Key() == a.Key() || !(Exclusion{}).Empty() || a.Empty() {
		t.Error("empty exclusion")
	}
}

func BenchmarkRefit(b *testing.B) {
	x := Exclusion{Dyads: []Pair{{651, 666}}}
	for range b.N {
		if _, _, err := Refit(context.Background(), x); err != nil {
			b.Fatal(err)
		}
	}
}

// Refits run concurrently (backtest --refit fits on every core) give the
// same coefficients as one after another.
func TestRefitConcurrent(t *testing.T) {
	xs := []Exclusion{{Dyads: []Pair{{651, 666}}}, {Dyads: []Pair{{260, 365}}, Huth: []int{37}}, {}, {Dyads: []Pair{{750, 770}}}}
	want := make([]*deter.Coefficients, len(xs))
	for i, x := range xs {
		c, _, err := Refit(context.Background(), x)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = c
	}
	got := make([]*deter.Coefficients, len(xs))
	done := make(chan int)
	for i, x := range xs {
		go func() {
			got[i], _, _ = Refit(context.Background(), x)
			done <- i
		}()
	}
	for range xs {
		<-done
	}
	for i := range xs {
		a, _ := want[i].Marshal()
		b, _ := got[i].Marshal()
		if string(a) != string(b) {
			t.Errorf("%s: concurrent refit differs", xs[i].Key())
		}
	}
}

// RefitAggregation under another form refits Huth's chain under that form:
// its in-sample log-likelihood is the one `guarantor fit` prints for the
// form (docs/fit.md: −43.721 geometric-cost, −43.899 per-set), the
// coefficients read off the fit are that fit's, and what does not depend
// on the form (the post-war cure Weibull, the general-deterrence
// covariates) stays the committed value. The committed fit's form gives
// Refit exactly, and an unknown form is an error.
func TestRefitAggregation(t *testing.T) {
	ctx := context.Background()
	ks, _, err := HuthCrises()
	if err != nil {
		t.Skip("Huth's crises unavailable:", err)
	}
	committed := deter.Default()
	for _, c := range []struct {
		a      deter.Aggregation
		loglik float64
	}{{deter.AggGeometricCost, -43.721}, {deter.AggPerSet, -43.899}} {
		got, _, err := RefitAggregation(ctx, Exclusion{}, c.a)
		if err != nil {
			t.Fatal(err)
		}
		spec := DefaultHuthSpec
		spec.Aggregation = c.a
		f, err := FitHuth(ks, spec)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(f.LogLik-c.loglik) > 0.0005 {
			t.Errorf("%s: in-sample log-likelihood %.4f, docs/fit.md %.3f", c.a, f.LogLik, c.loglik)
		}
		if got.Aggregation != c.a || got.A0.Value != f.Sol.Theta[pA0] || got.A1.Value != math.Exp(f.Sol.Theta[pLogA1]) ||
			got.C1.Value != f.Sol.Theta[pC1] || got.Gamma.Value != math.Exp(f.Sol.Theta[pLogG]) {
			t.Errorf("%s: refit %s A0 %v A1 %v C1 %v gamma %v; FitHuth %v %v %v %v", c.a, got.Aggregation, got.A0.Value, got.A1.Value,
				got.C1.Value, got.Gamma.Value, f.Sol.Theta[pA0], math.Exp(f.Sol.Theta[pLogA1]), f.Sol.Theta[pC1], math.Exp(f.Sol.Theta[pLogG]))
		}
		if got.A1.Value == committed.A1.Value || got.DIRef.Value == committed.DIRef.Value {
			t.Errorf("%s: A1 %v DIRef %v, the same as the committed (expected) fit's", c.a, got.A1.Value, got.DIRef.Value)
		}
		same := func(a, b deter.Estimate) bool { return a.Value == b.Value && a.SE == b.SE }
		// The general covariates depend on the Huth fit only through the
		// index of the general stage's own slope (x from the refit's γ, c0,
		// c1), so they stay put only under the carry-over.
		if !same(got.K, committed.K) || !same(got.Lambda, committed.Lambda) || !same(got.PC0, committed.PC0) || !same(got.DRivalry, committed.DRivalry) ||
			!committed.GeneralSlopeFitted() && !same(got.ARivalry, committed.ARivalry) {
			t.Errorf("%s: the post-war fit changed with the aggregation form", c.a)
		}
	}
	exp, _, err := RefitAggregation(ctx, Exclusion{}, committed.Aggregation)
	if err != nil {
		t.Fatal(err)
	}
	ref, _, err := Refit(ctx, Exclusion{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := exp.Marshal()
	b, _ := ref.Marshal()
	if string(a) != string(b) {
		t.Error("RefitAggregation under the committed form differs from Refit")
	}
	if _, _, err := RefitAggregation(ctx, Exclusion{}, "risk-averse"); err == nil {
		t.Error("an unknown aggregation form was accepted")
	}
}
