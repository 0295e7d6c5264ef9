// Package modeltest holds checks shared by the model packages' tests:
// verifying every reported equilibrium on the model's own tree, comparing
// outcome distributions, and cross-checking closed forms against the
// general pure-PBE enumerator.
package modeltest

import (
	"math"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve/pbe"
)

// TB is the part of testing.TB (and rapid.T) the helpers use.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// VerifyAll checks every equilibrium of sol with the PBE verifier on tr,
// and that its reported outcome probabilities match the tree's and sum to
// 1, all within tol.
func VerifyAll(t TB, tr *game.Tree, sol *models.Solution, tol float64) {
	t.Helper()
	for i := range sol.Equilibria {
		eq := &sol.Equilibria[i]
		prof, bel, err := models.Assessment(tr, eq)
		if err != nil {
			t.Fatalf("%s: %v", eq.Region, err)
		}
		rep, err := pbe.Verify(tr, prof, bel, pbe.Options{Tol: tol})
		if err != nil {
			t.Fatalf("%s: verify: %v", eq.Region, err)
		}
		if !rep.OK() {
			t.Fatalf("%s (params %v): %v", eq.Region, sol.Parameters, rep.Worst)
		}
		got := models.OutcomeDist(tr, prof)
		sum := 0.0
		for _, kv := range eq.Outcomes {
			sum += kv.Value
			g, _ := got.Get(kv.Key)
			if math.Abs(g-kv.Value) > tol {
				t.Fatalf("%s: outcome %s reported %v, tree gives %v", eq.Region, kv.Key, kv.Value, g)
			}
		}
		for _, kv := range got {
			if _, ok := eq.Outcomes.Get(kv.Key); !ok && kv.Value > tol {
				t.Fatalf("%s: outcome %s has probability %v on the tree but is not reported", eq.Region, kv.Key, kv.Value)
			}
		}
		if math.Abs(sum-1) > tol {
			t.Fatalf("%s: outcome probabilities sum to %v", eq.Region, sum)
		}
	}
}

// SameDist reports whether a and b agree within tol on every key of
// either (absent keys count as 0).
func SameDist(a, b models.Dist, tol float64) bool {
	for _, kv := range a {
		y, _ := b.Get(kv.Key)
		if math.Abs(kv.Value-y) > tol {
			return false
		}
	}
	for _, kv := range b {
		x, _ := a.Get(kv.Key)
		if math.Abs(kv.Value-x) > tol {
			return false
		}
	}
	return true
}

// PureOutcomes enumerates the pure PBE of tr and returns their distinct
// outcome distributions.
func PureOutcomes(t TB, tr *game.Tree) []models.Dist {
	t.Helper()
	eqs, err := pbe.EnumPure(tr, pbe.Options{}, 0)
	if err != nil {
		t.Fatalf("enumerate: %v", err)
	}
	var out []models.Dist
	for _, e := range eqs {
		d := models.OutcomeDist(tr, e.Profile)
		dup := false
		for _, o := range out {
			if SameDist(o, d, 1e-9) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}

var _ testing.TB = (*testing.T)(nil)
