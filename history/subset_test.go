package history

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// Marking cases Unscored (backtest --score) changes what is scored, never
// what is fitted: on random case bases, split into a scored part and the
// rest, each part's baselines forecast every case as the full run does,
// and the parts' scores, weighted by their cases, add up to the full
// run's, set by set, forecaster by forecaster, for the integrated and the
// yearly IPCW Brier scores and the file-horizon Brier scores. It holds
// because G is estimated on every case of a set, scored or not.
func TestUnscoredCasesTrainButAreNotScored(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 24).Draw(t, "n")
		tau := rapid.IntRange(1, 4).Draw(t, "tau")
		hs := SurvivalConfig{Tau: tau}.Horizons()
		cases := make([]Case, n)
		for i := range cases {
			sp := Spell{Years: float64(rapid.IntRange(0, 12).Draw(t, "half-years")) / 2, Failed: rapid.Bool().Draw(t, "failed")}
			s := make([]float64, len(hs))
			p := 1.0
			for k := range s {
				p *= rapid.Float64Range(0.5, 1).Draw(t, "hazard")
				s[k] = p
			}
			out := 1
			if sp.Failed {
				out = 0
			}
			cases[i] = Case{Name: fmt.Sprint(i), File: fmt.Sprint(i), P: s[0], Outcome: out, Ongoing: !sp.Failed && rapid.Bool().Draw(t, "open"),
				Group: fmt.Sprint(rapid.IntRange(0, n/2).Draw(t, "dyad")), Spell: sp, HasSpell: true, S: s,
				X: rapid.SliceOfN(rapid.Float64Range(-1, 1), 4, 4).Draw(t, "x")}
			if rapid.IntRange(0, 4).Draw(t, "overlap") == 0 {
				cases[i].Overlap = "a crisis"
			}
		}
		mark := rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "scored")
		if !slices.Contains(mark, true) || !slices.Contains(mark, false) {
			return
		}
		parts := [2][]Case{slices.Clone(cases), slices.Clone(cases)}
		for i, m := range mark {
			parts[0][i].Unscored, parts[1][i].Unscored = !m, m
		}
		c := SurvivalConfig{Config: Config{Bins: 3, Resamples: 20, Seed: 1}, Tau: tau}
		full, err := ValidateSurvival(cases, c)
		if err != nil {
			t.Fatal(err)
		}
		fullV, err := Validate(cases, c.Config)
		if err != nil {
			t.Fatal(err)
		}
		var subs [2]SurvivalValidation
		var subV [2]Validation
		for p := range parts {
			if subs[p], err = ValidateSurvival(parts[p], c); err != nil {
				t.Fatal(err)
			}
			if subV[p], err = Validate(parts[p], c.Config); err != nil {
				t.Fatal(err)
			}
			// The baselines' forecasts of the scored cases are the full run's.
			j := 0
			for i, k := range full.Cases {
				if parts[p][i].Unscored {
					continue
				}
				if subs[p].Cases[j].File != k.File || !slices.Equal(subs[p].BaseS[j], full.BaseS[i]) || !slices.Equal(subs[p].LogitS[j], full.LogitS[i]) {
					t.Fatalf("part %d, case %s: baselines %v %v, full run %v %v", p, k.File, subs[p].BaseS[j], subs[p].LogitS[j], full.BaseS[i], full.LogitS[i])
				}
				if subV[p].BaseP[j] != fullV.BaseP[i] || subV[p].LogitP[j] != fullV.LogitP[i] {
					t.Fatalf("part %d, case %s: file-horizon baselines differ from the full run's", p, k.File)
				}
				j++
			}
			if j != len(subs[p].Cases) || j != len(subV[p].Cases) {
				t.Fatalf("part %d: %d scored, %d and %d listed", p, j, len(subs[p].Cases), len(subV[p].Cases))
			}
		}
		pick := func(v SurvivalValidation, k int) SurvivalSet { return [3]SurvivalSet{v.All, v.Closed, v.Unseen}[k] }
		for k := range 3 {
			f := pick(full, k)
			if f.N == 0 {
				continue
			}
			a, b := pick(subs[0], k), pick(subs[1], k)
			if a.N+b.N != f.N {
				t.Fatalf("set %q: parts score %d + %d cases of %d", f.Name, a.N, b.N, f.N)
			}
			for fi, fc := range f.Forecasters {
				sum := func(get func(SurvivalScored) float64) float64 {
					s := 0.0
					for _, part := range []SurvivalSet{a, b} {
						if part.N > 0 {
							s += float64(part.N) * get(part.Forecasters[fi])
						}
					}
					return s / float64(f.N)
				}
				if got := sum(func(s SurvivalScored) float64 { return s.IBS }); math.Abs(got-fc.IBS) > 1e-12 {
					t.Fatalf("set %q, %s: parts give IBS %v, the full run %v", f.Name, fc.Name, got, fc.IBS)
				}
				for h := range hs {
					if got := sum(func(s SurvivalScored) float64 { return s.Brier[h] }); math.Abs(got-fc.Brier[h]) > 1e-12 {
						t.Fatalf("set %q, %s at %v years: parts give %v, the full run %v", f.Name, fc.Name, hs[h], got, fc.Brier[h])
					}
				}
			}
		}
		pickV := func(v Validation, k int) Set { return [3]Set{v.All, v.Closed, v.Unseen}[k] }
		for k := range 3 {
			f := pickV(fullV, k)
			if f.N == 0 {
				continue
			}
			a, b := pickV(subV[0], k), pickV(subV[1], k)
			if a.N+b.N != f.N {
				t.Fatalf("file-horizon set %q: parts score %d + %d cases of %d", f.Name, a.N, b.N, f.N)
			}
			for fi, fc := range f.Forecasters {
				s := 0.0
				for _, part := range []Set{a, b} {
					if part.N > 0 {
						s += float64(part.N) * part.Forecasters[fi].Brier
					}
				}
				if got := s / float64(f.N); math.Abs(got-fc.Brier) > 1e-12 {
					t.Fatalf("file-horizon set %q, %s: parts give %v, the full run %v", f.Name, fc.Name, got, fc.Brier)
				}
			}
		}
	})
}

// Marking no case changes nothing, and a validation whose scored cases
// are all left out says so.
func TestUnscoredEdges(t *testing.T) {
	cs := []Case{
		{File: "a", Outcome: 0, Group: "x", X: make([]float64, 4), Spell: Spell{Years: 2, Failed: true}, HasSpell: true, S: []float64{0.9, 0.5}},
		{File: "b", Outcome: 1, Group: "y", X: make([]float64, 4), Spell: Spell{Years: 3}, HasSpell: true, S: []float64{0.9, 0.8}},
		{File: "c", Outcome: 1, Group: "z", X: make([]float64, 4)},
	}
	c := SurvivalConfig{Config: Config{Bins: 2, Resamples: 10, Seed: 1}, Tau: 2}
	v, err := ValidateSurvival(cs, c)
	if err != nil || v.All.Name != "all cases" || v.All.Method != SurvivalMethod {
		t.Fatalf("no case marked: %q %q %v", v.All.Name, v.All.Method, err)
	}
	cs[0].Unscored, cs[1].Unscored = true, true
	if _, err := ValidateSurvival(cs, c); err != ErrNoSpells {
		t.Errorf("no scored case with a spell: %v, want ErrNoSpells", err)
	}
	cs[2].Unscored = true
	if _, err := Validate(cs, c.Config); err != ErrNoScored {
		t.Errorf("no scored case: %v, want ErrNoScored", err)
	}
	cs[2].Unscored, cs[1].Unscored = false, false
	v, err = ValidateSurvival(cs, c)
	if err != nil || v.All.N != 1 || v.All.Name != "all cases: the 1 scored (--score) of 2" || v.All.Method != SurvivalMethod+SubsetMethod {
		t.Fatalf("one of two scored: %d %q %v", v.All.N, v.All.Name, err)
	}
}
