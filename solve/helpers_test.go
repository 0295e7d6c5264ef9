package solve

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
)

// tb is what testing.T and rapid.T share.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// checkNash fails t unless every profile has exactly zero regret.
func checkNash(t tb, g game.Game, eqs []Equilibrium) {
	t.Helper()
	for i, eq := range eqs {
		r, err := Regret(g, eq)
		if err != nil {
			t.Fatalf("equilibrium %d (%s): regret: %v", i, gambitLine(eq), err)
		}
		if r.Sign() != 0 {
			t.Fatalf("equilibrium %d (%s) has regret %s", i, gambitLine(eq), r.RatString())
		}
	}
}

// checkSPE fails t unless every profile has zero regret in every subgame.
func checkSPE(t tb, g *game.Tree, eqs []Equilibrium) {
	t.Helper()
	for i, eq := range eqs {
		r, err := SubgameRegret(g, eq.Behavior)
		if err != nil {
			t.Fatalf("equilibrium %d (%s): subgame regret: %v", i, gambitLine(eq), err)
		}
		if r.Sign() != 0 {
			t.Fatalf("equilibrium %d (%s) has subgame regret %s", i, gambitLine(eq), r.RatString())
		}
	}
}

// gambitLine renders a profile the way gambit -q does, nil rows as zeros.
func gambitLine(eq Equilibrium) string {
	var parts []string
	if eq.Mixed != nil {
		for _, row := range eq.Mixed {
			for _, v := range row {
				parts = append(parts, game.RatString(v))
			}
		}
	} else {
		for _, pl := range eq.Behavior {
			for _, row := range pl {
				for _, v := range row {
					parts = append(parts, game.RatString(v))
				}
			}
		}
	}
	// An empty profile prints as a bare "NE", as Gambit does.
	return strings.Join(append([]string{"NE"}, parts...), ",")
}

func gambitLines(g game.Game, eqs []Equilibrium) []string {
	var out []string
	for _, eq := range eqs {
		if eq.Behavior != nil {
			eq.Behavior = fillZeros(g.(*game.Tree), eq.Behavior)
		}
		out = append(out, gambitLine(eq))
	}
	return out
}

func fillZeros(t *game.Tree, b game.BehaviorProfile) game.BehaviorProfile {
	out := make(game.BehaviorProfile, len(b))
	for p := range b {
		out[p] = make([][]*big.Rat, len(b[p]))
		for k, row := range b[p] {
			if row == nil {
				s := t.PlayerInfosets(p + 1)[k]
				row = make([]*big.Rat, len(t.Infosets[s].Actions))
				for a := range row {
					row[a] = new(big.Rat)
				}
			}
			out[p][k] = row
		}
	}
	return out
}

func solveAll(t tb, s Solver, g game.Game) []Equilibrium {
	t.Helper()
	eqs, err := s.Solve(context.Background(), g, Options{})
	if err != nil {
		t.Fatalf("%T: %v", s, err)
	}
	return eqs
}

func bimatrix(a, b [][]int64) *game.Table {
	ra := make([][]*big.Rat, len(a))
	rb := make([][]*big.Rat, len(b))
	for i := range a {
		ra[i] = game.Rats(a[i]...)
		rb[i] = game.Rats(b[i]...)
	}
	return game.NewBimatrix("test", ra, rb)
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
