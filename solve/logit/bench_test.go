package logit

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// BenchmarkTable30x30: the whole branch to lambda = 10^6 on a random 30x30
// game with payoffs uniform in 0..99.
func BenchmarkTable30x30(b *testing.B) {
	g := testgames.Random(rand.New(rand.NewPCG(30, 42)), 30, 30, 100)
	for i := 0; i < b.N; i++ {
		if _, err := SolveTable(context.Background(), g, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
