package enummixed

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/testgames"
)

func benchEnum(b *testing.B, size int) {
	g := testgames.Random(rand.New(rand.NewPCG(uint64(size), 42)), size, size, 100)
	b.ResetTimer()
	var found int
	for i := 0; i < b.N; i++ {
		eqs, err := SolveTable(context.Background(), g, Options{})
		if err != nil {
			b.Fatal(err)
		}
		found = len(eqs)
	}
	b.ReportMetric(float64(found), "equilibria")
}

func BenchmarkAll10x10(b *testing.B) { benchEnum(b, 10) }
func BenchmarkAll15x15(b *testing.B) { benchEnum(b, 15) }
