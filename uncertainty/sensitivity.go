package uncertainty

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// Variance-based sensitivity analysis after
// A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and
// S. Tarantola (2010), "Variance based sensitivity analysis of model output.
// Design and estimator for the total sensitivity index", Computer Physics
// Communications 181:259-270, Table 2: first-order indices by their
// estimator (b) and total-effect indices by Jansen's (1999) estimator (f).
//
// With two independent N×k sample matrices A and B and, for each input i,
// the matrix AB_i (A with column i taken from B):
//
//	V      = Var of all f(A) and f(B) values
//	S_i    = (1/N) Σ_j f(B)_j (f(AB_i)_j − f(A)_j) / V
//	S_Ti   = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V
//
// which costs N(k+2) model evaluations.

// SobolConfig configures SobolIndices.
type SobolConfig struct {
	N       int    // base sample size (rows of A and B); a power of two suits the quasi-random design
	Seed    uint64 // seed for the pseudo-random design
	Workers int    // evaluation goroutines; 0 means GOMAXPROCS
	// PseudoRandom forces a pseudo-random design even when 2k <= MaxSobolDim.
	PseudoRandom bool
}

// Indices are the estimated Sobol indices, one entry per input.
type Indices struct {
	First       []float64 // S_i
	Total       []float64 // S_Ti
	Variance    float64   // V, the output variance
	Evals       int       // model evaluations used
	QuasiRandom bool      // whether the Sobol sequence generated the design
}

// Model evaluates the output for one input vector x (len k). It is called
// from several goroutines at once with distinct x slices and must be safe
// for that; worker (0..Workers-1) identifies the caller for scratch reuse.
type Model func(worker int, x []float64) float64

// SobolIndices estimates first-order and total Sobol indices of f with
// respect to independent inputs distributed as dists. Inputs are mapped from
// the unit cube through Dist.Quantile. The result is a pure function of the
// configuration, whatever the number of workers.
func SobolIndices(ctx context.Context, dists []Dist, f Model, cfg SobolConfig) (*Indices, error) {
	k := len(dists)
	if k == 0 || cfg.N < 2 {
		return nil, fmt.Errorf("%w: need at least one input and N >= 2 (got k=%d, N=%d)", ErrBadRun, k, cfg.N)
	}
	for i := range dists {
		if !dists[i].Prepared() {
			return nil, fmt.Errorf("%w: input %d is not validated", ErrBadRun, i)
		}
	}
	n := cfg.N
	a, b, quasi := designMatrices(dists, n, cfg)
	// Rows: A (n), B (n), then AB_i for each i (n each).
	rows := n * (k + 2)
	y := make([]float64, rows)
	run := Runner{N: rows, Seed: cfg.Seed, Workers: cfg.Workers, BlockSize: 1024}
	scratch := make([][]float64, run.WorkerCount())
	for w := range scratch {
		scratch[w] = make([]float64, k)
	}
	err := run.Run(ctx, func(w int, blk Block, _ *rand.Rand) error {
		x := scratch[w]
		for r := blk.Start; r < blk.End; r++ {
			m, j := r/n, r%n
			switch m {
			case 0:
				copy(x, a[j*k:(j+1)*k])
			case 1:
				copy(x, b[j*k:(j+1)*k])
			default:
				i := m - 2
				copy(x, a[j*k:(j+1)*k])
				x[i] = b[j*k+i]
			}
			y[r] = f(w, x)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	fa, fb := y[:n], y[n:2*n]
	mean, v := 0.0, 0.0
	for _, z := range y[:2*n] {
		mean += z
	}
	mean /= float64(2 * n)
	for _, z := range y[:2*n] {
		v += (z - mean) * (z - mean)
	}
	v /= float64(2*n - 1)
	res := &Indices{First: make([]float64, k), Total: make([]float64, k), Variance: v, Evals: rows, QuasiRandom: quasi}
	if v == 0 {
		return res, nil // a constant output: every index is zero
	}
	for i := range k {
		fab := y[(i+2)*n : (i+3)*n]
		var s1, st float64
		for j := range n {
			s1 += fb[j] * (fab[j] - fa[j])
			d := fa[j] - fab[j]
			st += d * d
		}
		res.First[i] = s1 / float64(n) / v
		res.Total[i] = st / float64(2*n) / v
	}
	return res, nil
}

// designMatrices returns A and B (row-major n×k) in input space. With
// 2k <= MaxSobolDim the rows come from one 2k-dimensional Sobol sequence
// (A from the first k coordinates, B from the rest), skipping the origin and
// the first N points (the quasi-random design ignores the seed); otherwise from PCG.
func designMatrices(dists []Dist, n int, cfg SobolConfig) (a, b []float64, quasi bool) {
	k := len(dists)
	a, b = make([]float64, n*k), make([]float64, n*k)
	u := make([]float64, 2*k)
	if !cfg.PseudoRandom && 2*k <= MaxSobolDim {
		s, _ := NewSobol(2 * k) // dimension checked above
		s.Skip(uint64(n))       // start at point N: a power-of-two offset keeps the net balanced and skips the origin
		for j := range n {
			s.Next(u)
			for i := range k {
				a[j*k+i] = dists[i].Quantile(u[i])
				b[j*k+i] = dists[i].Quantile(u[k+i])
			}
		}
		return a, b, true
	}
	rng := NewRand(cfg.Seed)
	for j := range n {
		for i := range k {
			a[j*k+i] = dists[i].Quantile(openUnit(rng))
			b[j*k+i] = dists[i].Quantile(openUnit(rng))
		}
	}
	return a, b, false
}
