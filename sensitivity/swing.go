package sensitivity

import (
	"context"
	"math/rand/v2"

	"github.com/guarantor/guarantor/uncertainty"
)

// Swing is one factor's one-at-a-time swing: the mean of each output with
// the factor's inputs held at a low and at a high quantile while every
// other input is drawn, over the same rows (common random numbers, so the
// difference carries little noise).
type Swing struct {
	Name       string
	AtLo, AtHi []float64 // per output
}

// Swings computes every factor's swing between the lo and hi quantiles
// (e.g. 0.05 and 0.95) over the first n rows of the design's A matrix.
// Like Analyze, the result does not depend on cfg.Workers.
func Swings(ctx context.Context, inputs []Input, f Model, n int, lo, hi float64, cfg Config) ([]Swing, error) {
	cfg, err := cfg.norm(len(inputs))
	if err != nil {
		return nil, err
	}
	k, nout := len(inputs), len(cfg.Outputs)
	names, cols := groups(inputs)
	a, _, _ := Design(inputs, n, cfg.Seed, cfg.PseudoRandom)
	// Job (g, end, j): factor g at end (0 lo, 1 hi), row j.
	jobs := len(cols) * 2 * n
	y := make([]float64, jobs*nout)
	row := func(r int, x []float64) {
		g, end, j := r/(2*n), (r/n)%2, r%n
		copy(x, a[j*k:(j+1)*k])
		p := lo
		if end == 1 {
			p = hi
		}
		for _, i := range cols[g] {
			x[i] = inputs[i].Quantile(p)
		}
	}
	if cfg.Batch != nil {
		xs := make([][]float64, jobs)
		for r := range xs {
			xs[r] = make([]float64, k)
			row(r, xs[r])
		}
		err = runBatch(ctx, cfg, xs, y)
	} else {
		run := uncertainty.Runner{N: jobs, Workers: cfg.Workers, BlockSize: 256, Progress: cfg.Progress}
		scratch := make([][]float64, run.WorkerCount())
		for w := range scratch {
			scratch[w] = make([]float64, k)
		}
		err = run.Run(ctx, func(w int, blk uncertainty.Block, _ *rand.Rand) error {
			x := scratch[w]
			for r := blk.Start; r < blk.End; r++ {
				row(r, x)
				f(w, x, y[r*nout:(r+1)*nout])
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	out := make([]Swing, len(cols))
	for g := range cols {
		s := Swing{Name: names[g], AtLo: make([]float64, nout), AtHi: make([]float64, nout)}
		for end, dst := range [][]float64{s.AtLo, s.AtHi} {
			for j := range n {
				r := (g*2+end)*n + j
				for o := range nout {
					dst[o] += y[r*nout+o]
				}
			}
			for o := range dst {
				dst[o] /= float64(n)
			}
		}
		out[g] = s
	}
	return out, nil
}
