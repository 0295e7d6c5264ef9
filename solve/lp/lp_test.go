package lp

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

func TestSolveTableKnown(t *testing.T) {
	// Rock-paper-scissors: the unique equilibrium is uniform.
	a := [][]int64{{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}
	b := [][]int64{{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}}
	p, err := SolveTable(context.Background(), testgames.Bimatrix(a, b))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range p {
		for _, v := range row {
			if v.RatString() != "1/3" {
				t.Fatalf("got %v", p)
			}
		}
	}
	// A 2x2 zero-sum game with value 1/5 (classical example):
	// A = [[1, -1], [-2, 3]]: x = (5/7, 2/7), y = (4/7, 3/7).
	a2 := [][]int64{{1, -1}, {-2, 3}}
	b2 := [][]int64{{-1, 1}, {2, -3}}
	p, err = SolveTable(context.Background(), testgames.Bimatrix(a2, b2))
	if err != nil {
		t.Fatal(err)
	}
	got := p[0][0].RatString() + "," + p[0][1].RatString() + "," + p[1][0].RatString() + "," + p[1][1].RatString()
	if got != "5/7,2/7,4/7,3/7" {
		t.Fatalf("got %s", got)
	}
	if _, err := SolveTable(context.Background(), testgames.Bimatrix([][]int64{{1}}, [][]int64{{2}})); err != nil {
		t.Fatal("a 1x1 game is constant-sum:", err)
	}
	if _, err := SolveTable(context.Background(), testgames.Bimatrix([][]int64{{1, 0}}, [][]int64{{2, 0}})); err != ErrNotConstantSum {
		t.Fatal("want ErrNotConstantSum, got", err)
	}
}

func TestSolveTableRandomZeroSum(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.IntRange(1, 6).Draw(rt, "m")
		n := rapid.IntRange(1, 6).Draw(rt, "n")
		seed := rapid.Uint64().Draw(rt, "seed")
		r := rand.New(rand.NewPCG(seed, 4))
		k := rapid.Int64Range(1, 5).Draw(rt, "k")
		a := make([][]int64, m)
		b := make([][]int64, m)
		for i := range a {
			a[i] = make([]int64, n)
			b[i] = make([]int64, n)
			for j := range a[i] {
				a[i][j] = r.Int64N(k) - k/2
				b[i][j] = 7 - a[i][j]
			}
		}
		g := testgames.Bimatrix(a, b)
		p, err := SolveTable(context.Background(), g)
		if err != nil {
			rt.Fatal(err)
		}
		if reg := check.TableRegret(g, p); reg.Sign() != 0 {
			rt.Fatalf("regret %s", reg.RatString())
		}
	})
}

func TestSolveTreeZeroSum(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		g := testgames.RandomTree(rand.New(rand.NewPCG(seed, 6)), 2, rapid.IntRange(1, 4).Draw(rt, "depth"), 5)
		// Make it zero-sum: player 2 gets minus player 1's payoff.
		for i := range g.Outcomes {
			g.Outcomes[i].Payoffs[1] = new(big.Rat).Neg(g.Outcomes[i].Payoffs[0])
		}
		bp, err := SolveTree(context.Background(), g, TreeOptions{})
		if err != nil {
			rt.Fatal(err)
		}
		if reg := check.TreeRegret(g, bp); reg.Sign() != 0 {
			rt.Fatalf("regret %s", reg.RatString())
		}
	})
}
