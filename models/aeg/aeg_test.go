package aeg

import (
	"context"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/internal/modeltest"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/pbe"
)

// base satisfies both orderings with unit steps.
func base() Params {
	return Params{CEEM: -3, CDE: -2, CEEP: -1, CDD: 0, CED: 1, CSQ: 2, CDC: 3,
		DEEM: -4, DED: -3, DEEP: -2, DDDM: -1, DDC: 0, DDDP: 1, DDE: 2, DSQ: 3}
}

func withTypes(p Params, pCh float64, def [4]float64) Params {
	p.PCh = pCh
	p.PHH, p.PHS, p.PSH, p.PSS = def[0], def[1], def[2], def[3]
	return p
}

// TestCompleteInformation: SPEC.md §1.3 — deterrence succeeds iff the
// Challenger is Soft or the Defender is HH; otherwise a Hard Challenger
// wins DC. Each SPE verifies on the Harsanyi tree and, as a strategy pair,
// on the perfect-information tree.
func TestCompleteInformation(t *testing.T) {
	for ci, pCh := range []float64{1, 0} {
		for j := 0; j < 4; j++ {
			var def [4]float64
			def[j] = 1
			m, err := New(withTypes(base(), pCh, def))
			if err != nil {
				t.Fatal(err)
			}
			sol, err := m.Solve()
			if err != nil {
				t.Fatal(err)
			}
			eq := sol.Equilibria[0]
			want := "DC"
			if ci == 1 || j == 0 {
				want = "SQ"
			}
			if v, _ := eq.Outcomes.Get(want); v != 1 {
				t.Errorf("Ch %s vs Def %s: outcomes %v, want %s", chName[ci], defTypes[j], eq.Outcomes, want)
			}
			tr, _ := m.Game()
			modeltest.VerifyAll(t, tr, sol, 1e-9)
			checkCompleteTree(t, &m.P, ci == 0, defTypes[j], want)
		}
	}
}

func checkCompleteTree(t *testing.T, p *Params, chHard bool, def DefType, want string) {
	t.Helper()
	tr, err := p.CompleteGame(chHard, def)
	if err != nil {
		t.Fatal(err)
	}
	c, d, out := p.SPE(chHard, def)
	if out != want {
		t.Fatalf("SPE outcome %s, want %s", out, want)
	}
	prof := completeProfile(c, d)
	rep, err := pbe.Verify(tr, prof, nil, pbe.Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("SPE fails on the complete tree: %v %v", err, rep.Worst)
	}
	// The general subgame-perfect solver must find exactly this SPE.
	spe, err := solve.SPE{}.Solve(context.Background(), tr, solve.Options{})
	if err != nil || len(spe) != 1 || !sameBehavior(spe[0].Behavior, prof) {
		t.Fatalf("solve.SPE found %d SPE (%v): %v, closed form %v", len(spe), err, spe, prof)
	}
	// On a perfect-information tree the pure PBE are the pure SPE: the
	// enumerator must find exactly this one (orderings leave no ties).
	all, err := pbe.EnumPure(tr, pbe.Options{}, 0)
	if err != nil || len(all) != 1 {
		t.Fatalf("enumerator found %d SPE (%v), want 1", len(all), err)
	}
	for pl := range prof {
		for s := range prof[pl] {
			for a := range prof[pl][s] {
				if all[0].Profile[pl][s][a] != prof[pl][s][a] {
					t.Fatalf("enumerated SPE %v differs from closed form %v", all[0].Profile, prof)
				}
			}
		}
	}
}

func TestIncompleteVerifies(t *testing.T) {
	m, err := New(withTypes(base(), .5, [4]float64{.25, .25, .25, .25}))
	if err != nil {
		t.Fatal(err)
	}
	sol, err := m.Solve()
	if err != nil {
		t.Fatal(err)
	}
	if len(sol.Equilibria) == 0 {
		t.Fatal("no pure PBE found")
	}
	tr, _ := m.Game()
	modeltest.VerifyAll(t, tr, sol, 1e-9)
	modeltest.VerifyExported(t, tr, sol, 1e-9)
	if !testing.Short() { // about 3 s: the agent form has 82,944 pure profiles
		modeltest.AgreesWithSolve(t, tr, sol, 1e-9)
	}
	for i := 1; i < len(sol.Equilibria); i++ {
		a, _ := sol.Equilibria[i-1].Outcomes.Get("SQ")
		b, _ := sol.Equilibria[i].Outcomes.Get("SQ")
		if a > b {
			t.Fatalf("not ordered by P(SQ): %v > %v", a, b)
		}
	}
}

func TestOrdering(t *testing.T) {
	p := withTypes(base(), .5, [4]float64{.25, .25, .25, .3})
	var oe *models.OrderError
	if _, err := New(p); !errors.As(err, &oe) || oe.Inequality != "pHH + pHS + pSH + pSS = 1" {
		t.Fatalf("got %v", err)
	}
	p = withTypes(base(), .5, [4]float64{.25, .25, .25, .25})
	p.CED = 2.5
	if _, err := New(p); !errors.As(err, &oe) || oe.Inequality != "cSQ < cDC" && oe.Inequality != "cED < cSQ" {
		t.Fatalf("got %v", err)
	}
}

// TestPropCompleteRandomUtilities: for any utilities satisfying the
// orderings, the eight complete-information SPE follow SPEC.md's rule.
func TestPropCompleteRandomUtilities(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p Params
		c := []*float64{&p.CEEM, &p.CDE, &p.CEEP, &p.CDD, &p.CED, &p.CSQ, &p.CDC}
		d := []*float64{&p.DEEM, &p.DED, &p.DEEP, &p.DDDM, &p.DDC, &p.DDDP, &p.DDE, &p.DSQ}
		for _, chain := range [][]*float64{c, d} {
			x := rapid.Float64Range(-10, 10).Draw(t, "start")
			for _, ptr := range chain {
				x += rapid.Float64Range(.01, 3).Draw(t, "step")
				*ptr = x
			}
		}
		p.PCh, p.PHH = 1, 1
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		for _, hard := range []bool{true, false} {
			for _, def := range defTypes {
				c, d, out := p.SPE(hard, def)
				tr, _ := p.CompleteGame(hard, def)
				spe, err := solve.SPE{}.Solve(context.Background(), tr, solve.Options{})
				if err != nil || len(spe) != 1 || !sameBehavior(spe[0].Behavior, completeProfile(c, d)) {
					t.Fatalf("solve.SPE disagrees: %v %v", err, spe)
				}
				want := "DC"
				if !hard || (def.Tactical && def.Strategic) {
					want = "SQ"
				}
				if out != want {
					t.Fatalf("Ch hard=%v Def %s: %s, want %s", hard, def, out, want)
				}
			}
		}
	})
}

func BenchmarkSolveIncomplete(b *testing.B) {
	m, _ := New(withTypes(base(), .5, [4]float64{.25, .25, .25, .25}))
	for b.Loop() {
		if _, err := m.Solve(); err != nil {
			b.Fatal(err)
		}
	}
}

// completeProfile lays out a pure strategy pair on CompleteGame's tree,
// whose infosets come in the order Ch, Def, Ch after D, Def after
// escalation, Ch after E.
func completeProfile(c ChStrategy, d DefStrategy) [][][]float64 {
	b := func(x bool) []float64 {
		if x {
			return []float64{0, 1}
		}
		return []float64{1, 0}
	}
	first := []float64{0, 0, 0}
	first[d.First] = 1
	return [][][]float64{{b(c.Init), b(c.AfterD), b(c.AfterE)}, {first, b(d.AfterEsc)}}
}

func sameBehavior(b game.BehaviorProfile, f [][][]float64) bool {
	if len(b) != len(f) {
		return false
	}
	for p := range f {
		if len(b[p]) != len(f[p]) {
			return false
		}
		for s := range f[p] {
			if b[p][s] == nil || len(b[p][s]) != len(f[p][s]) {
				return false
			}
			for a := range f[p][s] {
				if x, _ := b[p][s][a].Float64(); x != f[p][s][a] {
					return false
				}
			}
		}
	}
	return true
}
