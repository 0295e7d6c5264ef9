package lcp

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/testgames"
)

func benchLH(b *testing.B, size, count int) {
	g := testgames.Random(rand.New(rand.NewPCG(uint64(size), 42)), size, size, 100)
	b.ResetTimer()
	var found int
	for i := 0; i < b.N; i++ {
		eqs, err := SolveTable(context.Background(), g, Options{Count: count})
		if err != nil {
			b.Fatal(err)
		}
		found = len(eqs)
	}
	b.ReportMetric(float64(found), "equilibria")
}

// Random games with payoffs uniform in 0..99, the kind Gambit's figures in
// BENCHMARKS.md were measured on.
func BenchmarkAll15x15(b *testing.B)   { benchLH(b, 15, 0) }
func BenchmarkAll20x20(b *testing.B)   { benchLH(b, 20, 0) }
func BenchmarkFirst50x50(b *testing.B) { benchLH(b, 50, 1) }
func BenchmarkFirst100x100(b *testing.B) {
	benchLH(b, 100, 1)
}
