package logit

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// regretTol bounds the regret of a branch end point at lambda = 10^6: a
// profile there is within about (payoff range)/lambda of equilibrium.
const regretTol = 1e-4

func near(t *testing.T, got game.MixedProfile, want [][]float64) {
	t.Helper()
	f := got.Float()
	for p := range want {
		for s := range want[p] {
			if math.Abs(f[p][s]-want[p][s]) > 1e-4 {
				t.Fatalf("got %v, want %v", f, want)
			}
		}
	}
}

func TestSolveTableKnown(t *testing.T) {
	// Gambit's 2x2.nfg answer with gambit-logit -e: 0.5,0.5,0.333333,0.666667.
	g := testgames.Bimatrix([][]int64{{2, 0}, {0, 1}}, [][]int64{{0, 1}, {1, 0}})
	p, err := SolveTable(context.Background(), g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	near(t, p, [][]float64{{0.5, 0.5}, {1.0 / 3, 2.0 / 3}})
	// Prisoner's dilemma: the branch ends at the dominant-strategy profile.
	pd := testgames.Bimatrix([][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}})
	p, err = SolveTable(context.Background(), pd, Options{})
	if err != nil {
		t.Fatal(err)
	}
	near(t, p, [][]float64{{0, 1}, {0, 1}})
}

func TestBranchLambdaAtZeroIsCentroid(t *testing.T) {
	g := testgames.Bimatrix([][]int64{{3, 0, 1}, {5, 1, 0}}, [][]int64{{3, 5, 0}, {0, 1, 2}})
	var first *Point
	n := 0
	_, err := SolveTable(context.Background(), g, Options{Branch: func(p Point) {
		if first == nil {
			first = &p
		}
		n++
	}})
	if err != nil || first == nil {
		t.Fatal(err)
	}
	if first.Lambda != 0 || math.Abs(first.Probs[0]-0.5) > 1e-12 || math.Abs(first.Probs[2]-1.0/3) > 1e-12 {
		t.Fatalf("first point %+v", *first)
	}
	if n < 10 {
		t.Fatalf("only %d points on the branch", n)
	}
}

// Every end point must be an approximate equilibrium, also for n players
// and degenerate payoffs.
func TestSolveTableRandom(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		players := rapid.IntRange(2, 3).Draw(rt, "players")
		shape := make([]int, players)
		for i := range shape {
			shape[i] = rapid.IntRange(1, 4).Draw(rt, "s")
		}
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomN(rand.New(rand.NewPCG(seed, 3)), shape, rapid.Int64Range(1, 10).Draw(rt, "k"))
		p, err := SolveTable(context.Background(), g, Options{})
		if err != nil {
			rt.Fatal(err)
		}
		r, _ := check.TableRegret(g, p).Float64()
		if r > regretTol*10 {
			rt.Fatalf("regret %g for %v", r, p.Float())
		}
	})
}

// Every point of the branch must be a logit QRE: each probability equals
// the logistic response to the other's mixed strategy. Battle of the sexes
// (3,2 / 0,0 / 0,0 / 2,3): the branch from the centroid converges to the
// mixed equilibrium (3/5, 2/5), (2/5, 3/5), since at x_T = 3/5 and
// y_L = 2/5 both players are indifferent and the branch approaches it
// monotonically.
func TestBranchPointsAreQRE(t *testing.T) {
	g := testgames.Bimatrix([][]int64{{3, 0}, {0, 2}}, [][]int64{{2, 0}, {0, 3}})
	bad := 0
	end, err := SolveTable(context.Background(), g, Options{Branch: func(p Point) {
		x, y, l := p.Probs[0], p.Probs[2], p.Lambda
		if l > 1e3 {
			return
		}
		wantX := 1 / (1 + math.Exp(-l*(3*y-2*(1-y))))
		wantY := 1 / (1 + math.Exp(-l*(2*x-3*(1-x))))
		if math.Abs(x-wantX) > 1e-8 || math.Abs(y-wantY) > 1e-8 {
			bad++
		}
	}})
	if err != nil || bad > 0 {
		t.Fatalf("err %v, %d points off the QRE correspondence", err, bad)
	}
	near(t, end, [][]float64{{0.6, 0.4}, {0.4, 0.6}})
}
