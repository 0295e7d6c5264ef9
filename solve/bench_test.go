package solve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/game/gen"
)

// BenchmarkEnumPureTable: all pure equilibria of random 2-player tables
// with integer payoffs in [0, 1000).
func BenchmarkEnumPureTable(b *testing.B) {
	for _, n := range []int{10, 30, 100, 300} {
		g := gen.Table(rand.New(rand.NewPCG(1, uint64(n))), []int{n, n}, 1000)
		b.Run(fmt.Sprintf("%dx%d", n, n), func(b *testing.B) {
			for b.Loop() {
				if _, err := (EnumPure{}).Solve(context.Background(), g, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSPETree: subgame-perfect equilibria of random perfect-
// information trees (2 players, 2-3 actions, payoffs in [0, 2^40) so ties
// are rare), including building the returned profile.
func BenchmarkSPETree(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		g := gen.PerfectInfoTree(rand.New(rand.NewPCG(2, uint64(n))), n, 2, 3, 1<<40)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := (SPE{}).Solve(context.Background(), g, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSPETreeChance: as BenchmarkSPETree with one node in ten a
// chance node (values exact: int64 scaled by the chance denominators).
func BenchmarkSPETreeChance(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		g := gen.PerfectInfoTreeWithChance(rand.New(rand.NewPCG(2, uint64(n))), n, 2, 3, 1<<20, 0.1)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := (SPE{}).Solve(context.Background(), g, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSPEBinaryTree: complete binary perfect-information trees of
// 8,191, 32,767, 131,071 and 1,048,575 nodes, the sizes of the Gambit
// reference figures (enumpure -P: 1.5 s, 34 s, over 90 s).
func BenchmarkSPEBinaryTree(b *testing.B) {
	for _, depth := range []int{12, 14, 16, 19} {
		g := gen.CompleteTree(rand.New(rand.NewPCG(3, uint64(depth))), depth, 2, 2, 1<<30)
		b.Run(fmt.Sprintf("nodes=%d", g.NumNodes()), func(b *testing.B) {
			for b.Loop() {
				if _, err := (SPE{}).Solve(context.Background(), g, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSPECentipede: the centipede game, 10 to 10^5 steps.
func BenchmarkSPECentipede(b *testing.B) {
	for _, n := range []int{10, 100, 1_000, 10_000, 100_000} {
		g := gen.Centipede(n)
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := (SPE{}).Solve(context.Background(), g, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
