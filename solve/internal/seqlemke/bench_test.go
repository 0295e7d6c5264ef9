package seqlemke

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/seqform"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// BenchmarkRandomTree7: a random two-player tree of depth 7 (128
// leaves, chance moves, imperfect information with perfect recall).
func BenchmarkRandomTree7(b *testing.B) {
	g := testgames.RandomTree(rand.New(rand.NewPCG(10, 42)), 2, 7, 100)
	f, err := seqform.New(g)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(f.P[0].NumSeq+f.P[1].NumSeq), "sequences")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Solve(context.Background(), f, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRandomTree9: depth 9 (512 leaves), where the tableau has about
// a thousand rows.
func BenchmarkRandomTree9(b *testing.B) {
	g := testgames.RandomTree(rand.New(rand.NewPCG(10, 42)), 2, 9, 100)
	f, err := seqform.New(g)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(f.P[0].NumSeq+f.P[1].NumSeq), "sequences")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Solve(context.Background(), f, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
