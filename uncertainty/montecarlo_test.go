package uncertainty

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// runDraws fills out[i] with a draw-dependent value using the runner.
func runDraws(t interface{ Fatal(...any) }, n, workers, block int, seed uint64) []float64 {
	out := make([]float64, n)
	d := Dist{Kind: Normal, Mean: 0, SD: 1}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	r := Runner{N: n, Seed: seed, Workers: workers, BlockSize: block}
	err := r.Run(context.Background(), func(_ int, b Block, rng *rand.Rand) error {
		for i := b.Start; i < b.End; i++ {
			out[i] = d.Sample(rng)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRunnerIndependentOfWorkers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 5000).Draw(t, "n")
		block := rapid.IntRange(1, 700).Draw(t, "block")
		seed := rapid.Uint64().Draw(t, "seed")
		w := rapid.IntRange(2, 9).Draw(t, "workers")
		a := runDraws(t, n, 1, block, seed)
		b := runDraws(t, n, w, block, seed)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("draw %d: 1 worker %g, %d workers %g", i, a[i], w, b[i])
			}
		}
	})
}

func TestRunnerSeedsDiffer(t *testing.T) {
	a := runDraws(t, 10000, 2, 100, 1)
	b := runDraws(t, 10000, 2, 100, 2)
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("%d draws identical across seeds", same)
	}
	// Block streams must not be correlated with each other: the lag-one
	// correlation across block boundaries is ~N(0, 1/sqrt(n)).
	var s float64
	for i := 1; i < len(a); i++ {
		s += a[i] * a[i-1]
	}
	if r := s / float64(len(a)); math.Abs(r) > 5/math.Sqrt(float64(len(a))) {
		t.Fatalf("lag-one correlation %g", r)
	}
}

func TestRunnerErrorsAndCancel(t *testing.T) {
	boom := errors.New("boom")
	r := Runner{N: 100000, Seed: 1, Workers: 3, BlockSize: 10}
	err := r.Run(context.Background(), func(_ int, b Block, _ *rand.Rand) error {
		if b.Index == 57 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Run(ctx, func(int, Block, *rand.Rand) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if err := (&Runner{N: -1}).Run(context.Background(), nil); !errors.Is(err, ErrBadRun) {
		t.Fatalf("got %v, want ErrBadRun", err)
	}
}

func TestRunnerProgress(t *testing.T) {
	last := 0
	r := Runner{N: 1234, Seed: 1, Workers: 2, BlockSize: 100, Progress: func(done, total int) {
		if total != 1234 || done <= last {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}}
	if err := r.Run(context.Background(), func(int, Block, *rand.Rand) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if last != 1234 {
		t.Fatalf("final progress %d", last)
	}
}

func BenchmarkRunnerNormalDraw(b *testing.B) {
	d := Dist{Kind: Normal, Mean: 0, SD: 1}
	_ = d.Validate()
	out := make([]float64, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		r := Runner{N: len(out), Seed: 1, Workers: 1}
		_ = r.Run(context.Background(), func(_ int, blk Block, rng *rand.Rand) error {
			for i := blk.Start; i < blk.End; i++ {
				out[i] = d.Sample(rng)
			}
			return nil
		})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/draw")
}
