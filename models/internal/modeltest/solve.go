package modeltest

import (
	"context"
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/pbe"
)

// ExactProfile converts a float profile to rationals, each row's last entry
// set to 1 minus the others so rows sum to exactly 1.
func ExactProfile(p [][][]float64) game.BehaviorProfile {
	out := make(game.BehaviorProfile, len(p))
	for i := range p {
		for _, row := range p[i] {
			r := make([]*big.Rat, len(row))
			last := big.NewRat(1, 1)
			for a, x := range row {
				r[a] = new(big.Rat).SetFloat64(x)
				if a < len(row)-1 {
					last.Sub(last, r[a])
				}
			}
			r[len(row)-1] = last
			out[i] = append(out[i], r)
		}
	}
	return out
}

// AgreesWithSolve cross-checks a model's equilibria with the general
// solvers on its tree: every reported equilibrium must have no profitable
// deviation for any player (solve.RegretFloat, the Nash condition) and none
// in any subgame (solve.SubgameRegretFloat); and every pure PBE found by
// pbe.EnumPure must be among the agent-form pure equilibria that
// solve.EnumPure{Agent: true} finds on the same tree.
func AgreesWithSolve(t TB, tr *game.Tree, sol *models.Solution, tol float64) {
	t.Helper()
	for i := range sol.Equilibria {
		eq := &sol.Equilibria[i]
		prof, _, err := models.Assessment(tr, eq)
		if err != nil {
			t.Fatalf("%s: %v", eq.Region, err)
		}
		b := ExactProfile(prof)
		r, err := solve.RegretFloat(tr, solve.Equilibrium{Behavior: b})
		if err != nil || r > tol {
			t.Fatalf("%s: solve.RegretFloat = %v (%v)", eq.Region, r, err)
		}
		if r, err := solve.SubgameRegretFloat(tr, b); err != nil || r > tol {
			t.Fatalf("%s: solve.SubgameRegretFloat = %v (%v)", eq.Region, r, err)
		}
	}
	agent, err := solve.EnumPure{Agent: true}.Solve(context.Background(), tr, solve.Options{})
	if err != nil {
		t.Fatalf("solve.EnumPure agent form: %v", err)
	}
	ours, err := pbe.EnumPure(tr, pbe.Options{}, 0)
	if err != nil {
		t.Fatalf("pbe.EnumPure: %v", err)
	}
	for _, a := range ours {
		found := false
		for _, e := range agent {
			if sameProfile(a.Profile, e.Behavior) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("pure PBE %v is not an agent-form equilibrium for solve.EnumPure", a.Profile)
		}
	}
}

func sameProfile(a [][][]float64, b game.BehaviorProfile) bool {
	if len(a) != len(b) {
		return false
	}
	for p := range a {
		if len(a[p]) != len(b[p]) {
			return false
		}
		for s := range a[p] {
			if len(a[p][s]) != len(b[p][s]) {
				return false
			}
			for i, x := range a[p][s] {
				if b[p][s][i] == nil {
					return false
				}
				if y, _ := b[p][s][i].Float64(); y != x {
					return false
				}
			}
		}
	}
	return true
}

// Model is what every model package's *Model offers the checks.
type Model interface {
	Game() (*game.Tree, error)
	Solve() *models.Solution
}

// CheckSolution builds m's tree and solution and requires at least one
// equilibrium, each passing VerifyAll on the tree and on its exported and
// re-read copy, all within tol; with agree, the solution must also match
// the general solver (AgreesWithSolve), which callers turn off near a
// model's knife edges.
func CheckSolution(t TB, m Model, agree bool, tol float64) {
	t.Helper()
	tr, err := m.Game()
	if err != nil {
		t.Fatalf("game tree: %v", err)
	}
	sol := m.Solve()
	if len(sol.Equilibria) == 0 {
		t.Fatalf("no equilibrium")
	}
	VerifyAll(t, tr, sol, tol)
	if agree {
		AgreesWithSolve(t, tr, sol, tol)
	}
	VerifyExported(t, tr, sol, tol)
}
