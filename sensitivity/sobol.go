package sensitivity

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/guarantor/guarantor/uncertainty"
)

// Variance-based sensitivity after
// A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and
// S. Tarantola (2010), "Variance based sensitivity analysis of model output.
// Design and estimator for the total sensitivity index", Computer Physics
// Communications 181:259-270. With N-row matrices A and B and, for each
// factor g (one input or a group), AB_g = A with g's columns from B:
//
//	V     = variance of the 2N values f(A), f(B)
//	S_g   = (1/N)  Σ_j f(B)_j (f(AB_g)_j − f(A)_j) / V      (Table 2, b)
//	S_Tg  = (1/2N) Σ_j (f(A)_j − f(AB_g)_j)² / V            (Table 2, f; Jansen 1999)
//
// at a cost of N(G+2) model runs for G factors. For a group, S_g is the
// closed first-order index of the group (the variance of E[Y | the group's
// inputs]) and S_Tg its total index (Sobol 2001).

// Input is one uncertain input of the model.
type Input struct {
	Name string
	// Group pools inputs: inputs with the same non-empty Group form one
	// factor, varied together. Empty means the input is a factor alone.
	Group string
	// Quantile maps a probability in (0, 1) to the input's value: the
	// design draws uniform points and sends them through it.
	Quantile func(p float64) float64
}

// Model writes the outputs for input vector x (len = number of inputs)
// into y (len = number of outputs). It is called from several goroutines
// at once with distinct x and y; worker (0..Workers-1) identifies the
// caller so that the model can keep per-worker scratch space.
type Model func(worker int, x, y []float64)

// Config sets an analysis.
type Config struct {
	// N is the base sample size (rows of A and B); a power of two keeps
	// the Sobol design balanced. Default 4096.
	N int
	// Outputs names the model's outputs; its length is the number of
	// outputs the model writes.
	Outputs []string
	// Seed sets the design's random digital shift and the bootstrap.
	Seed uint64
	// Workers is the number of goroutines (0: GOMAXPROCS). It never
	// changes the result.
	Workers int
	// Bootstrap is the number of bootstrap replicates (default 500; -1
	// for none) and Level the interval's coverage (default 0.95).
	Bootstrap int
	Level     float64
	// PseudoRandom draws the design from the seeded generator instead of
	// the Sobol sequence (forced when 2k exceeds the sequence's dimension).
	PseudoRandom bool
	// Progress, if set, receives model runs done and the total.
	Progress func(done, total int)
	// Batch, if set, evaluates every design row at once instead of the
	// Model (for example on remote workers): it gets the rows (each a
	// full input vector) and must return one output vector per row, in
	// order. The result is the same as with the Model when the two agree.
	Batch func(ctx context.Context, rows [][]float64) ([][]float64, error)
}

// Index is an estimate with its bootstrap interval.
type Index struct {
	Value, Lo, Hi float64
}

// Factor is one input or group with its indices, one per output.
type Factor struct {
	Name   string
	Inputs []string // the inputs it pools (one for a single input)
	First  []Index
	Total  []Index
}

// Result holds the indices of every factor for every output.
type Result struct {
	Outputs  []string
	Factors  []Factor
	Mean     []float64 // per output, over A and B
	Variance []float64 // per output, V
	N        int
	Evals    int // model runs
	// Bootstrap replicates and interval level used (0 when none).
	Bootstrap   int
	Level       float64
	QuasiRandom bool
}

// ErrConfig reports an invalid analysis.
var ErrConfig = errors.New("sensitivity: invalid analysis")

// groups returns the factors: for each, the input columns it spans.
func groups(inputs []Input) (names []string, cols [][]int) {
	at := map[string]int{}
	for i, in := range inputs {
		if in.Group == "" {
			names, cols = append(names, in.Name), append(cols, []int{i})
			continue
		}
		g, ok := at[in.Group]
		if !ok {
			g = len(names)
			at[in.Group] = g
			names, cols = append(names, in.Group), append(cols, nil)
		}
		cols[g] = append(cols[g], i)
	}
	return names, cols
}

func (c Config) norm(k int) (Config, error) {
	if c.N == 0 {
		c.N = 4096
	}
	if c.Bootstrap == 0 {
		c.Bootstrap = 500
	}
	if c.Bootstrap < 0 {
		c.Bootstrap = 0
	}
	if c.Level == 0 {
		c.Level = 0.95
	}
	switch {
	case k == 0:
		return c, fmt.Errorf("%w: no inputs", ErrConfig)
	case c.N < 2:
		return c, fmt.Errorf("%w: N = %d, need at least 2", ErrConfig, c.N)
	case len(c.Outputs) == 0:
		return c, fmt.Errorf("%w: no outputs named", ErrConfig)
	case !(c.Level > 0 && c.Level < 1):
		return c, fmt.Errorf("%w: interval level %g outside (0, 1)", ErrConfig, c.Level)
	}
	return c, nil
}

// Analyze estimates the first-order and total Sobol indices of every
// output of f with respect to every factor of inputs.
func Analyze(ctx context.Context, inputs []Input, f Model, cfg Config) (*Result, error) {
	k := len(inputs)
	cfg, err := cfg.norm(k)
	if err != nil {
		return nil, err
	}
	for i, in := range inputs {
		if in.Quantile == nil {
			return nil, fmt.Errorf("%w: input %d (%s) has no quantile function", ErrConfig, i, in.Name)
		}
	}
	names, cols := groups(inputs)
	a, b, quasi := Design(inputs, cfg.N, cfg.Seed, cfg.PseudoRandom)
	y, err := evaluate(ctx, a, b, k, cols, f, cfg)
	if err != nil {
		return nil, err
	}
	return estimate(y, names, cols, inputs, quasi, cfg), nil
}

// Design returns A and B (row-major n×k, in input space). With 2k within
// the Sobol sequence's dimensions, the rows are the sequence's first n
// points, A from coordinates 1..k and B from k+1..2k, each coordinate
// XOR-shifted by a seeded random word (a random digital shift keeps every
// net property) and taken at its cell's midpoint so no value is exactly 0
// or 1; otherwise the rows are pseudo-random.
func Design(inputs []Input, n int, seed uint64, pseudo bool) (a, b []float64, quasi bool) {
	k := len(inputs)
	a, b = make([]float64, n*k), make([]float64, n*k)
	rng := uncertainty.NewRand(seed)
	if !pseudo && 2*k <= uncertainty.MaxSobolDim {
		shift := make([]uint32, 2*k)
		for i := range shift {
			shift[i] = rng.Uint32()
		}
		s, _ := uncertainty.NewSobol(2 * k) // dimension checked above
		u := make([]float64, 2*k)
		for j := range n {
			s.Next(u)
			for i := range k {
				a[j*k+i] = inputs[i].Quantile(shifted(u[i], shift[i]))
				b[j*k+i] = inputs[i].Quantile(shifted(u[k+i], shift[k+i]))
			}
		}
		return a, b, true
	}
	for j := range n {
		for i := range k {
			a[j*k+i] = inputs[i].Quantile(openUnit(rng))
			b[j*k+i] = inputs[i].Quantile(openUnit(rng))
		}
	}
	return a, b, false
}

// shifted XORs a 32-bit Sobol coordinate with w and returns its cell's
// midpoint, in (0, 1).
func shifted(u float64, w uint32) float64 {
	x := uint32(u*(1<<32)) ^ w
	return (float64(x) + 0.5) / (1 << 32)
}

func openUnit(r *rand.Rand) float64 {
	return (float64(r.Uint64()>>11) + 0.5) / (1 << 53)
}

// evaluate runs the model on every row of A, B and each AB_g. y is laid
// out row-major: y[(m*n + j)*nout + o] for matrix m (0 A, 1 B, 2+g AB_g),
// row j, output o.
func evaluate(ctx context.Context, a, b []float64, k int, cols [][]int, f Model, cfg Config) ([]float64, error) {
	n, nout := cfg.N, len(cfg.Outputs)
	rows := n * (len(cols) + 2)
	y := make([]float64, rows*nout)
	row := func(r int, x []float64) {
		m, j := r/n, r%n
		switch m {
		case 0:
			copy(x, a[j*k:(j+1)*k])
		case 1:
			copy(x, b[j*k:(j+1)*k])
		default:
			copy(x, a[j*k:(j+1)*k])
			for _, i := range cols[m-2] {
				x[i] = b[j*k+i]
			}
		}
	}
	if cfg.Batch != nil {
		xs := make([][]float64, rows)
		for r := range xs {
			xs[r] = make([]float64, k)
			row(r, xs[r])
		}
		return y, runBatch(ctx, cfg, xs, y)
	}
	run := uncertainty.Runner{N: rows, Workers: cfg.Workers, BlockSize: 256, Progress: cfg.Progress}
	scratch := make([][]float64, run.WorkerCount())
	for w := range scratch {
		scratch[w] = make([]float64, k)
	}
	err := run.Run(ctx, func(w int, blk uncertainty.Block, _ *rand.Rand) error {
		x := scratch[w]
		for r := blk.Start; r < blk.End; r++ {
			row(r, x)
			f(w, x, y[r*nout:(r+1)*nout])
		}
		return nil
	})
	return y, err
}

// runBatch evaluates rows through cfg.Batch into y (row-major).
func runBatch(ctx context.Context, cfg Config, xs [][]float64, y []float64) error {
	nout := len(cfg.Outputs)
	out, err := cfg.Batch(ctx, xs)
	if err != nil {
		return err
	}
	if len(out) != len(xs) {
		return fmt.Errorf("%w: the batch returned %d rows for %d", ErrConfig, len(out), len(xs))
	}
	for r, o := range out {
		if len(o) != nout {
			return fmt.Errorf("%w: batch row %d has %d outputs, want %d", ErrConfig, r, len(o), nout)
		}
		copy(y[r*nout:], o)
	}
	if cfg.Progress != nil {
		cfg.Progress(len(xs), len(xs))
	}
	return nil
}

// stats holds, for one output, the centred series the estimators read.
type stats struct {
	fa, fb []float64
	fab    [][]float64 // per factor
}

func (s *stats) indices(idx []int, first, total []float64) (v float64) {
	n := len(s.fa)
	at := func(j int) int {
		if idx == nil {
			return j
		}
		return idx[j]
	}
	var sum, sum2 float64
	for j := range n {
		p, q := s.fa[at(j)], s.fb[at(j)]
		sum += p + q
		sum2 += p*p + q*q
	}
	m := sum / float64(2*n)
	v = (sum2 - 2*float64(n)*m*m) / float64(2*n-1)
	for g, fab := range s.fab {
		var s1, st float64
		for j := range n {
			r := at(j)
			d := fab[r] - s.fa[r]
			s1 += s.fb[r] * d
			st += d * d
		}
		if v > 0 {
			first[g] = s1 / float64(n) / v
			total[g] = st / float64(2*n) / v
		} else {
			first[g], total[g] = 0, 0
		}
	}
	return v
}

// estimate computes the indices and their bootstrap intervals.
func estimate(y []float64, names []string, cols [][]int, inputs []Input, quasi bool, cfg Config) *Result {
	n, nout, G := cfg.N, len(cfg.Outputs), len(cols)
	res := &Result{Outputs: cfg.Outputs, N: n, Evals: n * (G + 2), Bootstrap: cfg.Bootstrap, Level: cfg.Level,
		QuasiRandom: quasi, Mean: make([]float64, nout), Variance: make([]float64, nout)}
	if cfg.Bootstrap == 0 {
		res.Level = 0
	}
	for g, name := range names {
		fc := Factor{Name: name, First: make([]Index, nout), Total: make([]Index, nout)}
		for _, i := range cols[g] {
			fc.Inputs = append(fc.Inputs, inputs[i].Name)
		}
		res.Factors = append(res.Factors, fc)
	}
	first, total := make([]float64, G), make([]float64, G)
	for o := range nout {
		st := series(y, n, G, nout, o)
		res.Mean[o] = st.mean
		res.Variance[o] = st.indices(nil, first, total)
		for g := range G {
			res.Factors[g].First[o] = Index{first[g], first[g], first[g]}
			res.Factors[g].Total[o] = Index{total[g], total[g], total[g]}
		}
		if cfg.Bootstrap > 0 {
			bootstrap(&st.stats, res, o, cfg)
		}
	}
	return res
}

type centred struct {
	stats
	mean float64
}

// series extracts output o, centred on its mean over A and B: the
// estimators are unchanged in expectation and lose the round-off a large
// mean would cause.
func series(y []float64, n, G, nout, o int) centred {
	col := func(m int) []float64 {
		v := make([]float64, n)
		for j := range n {
			v[j] = y[(m*n+j)*nout+o]
		}
		return v
	}
	c := centred{stats: stats{fa: col(0), fb: col(1)}}
	for j := range n {
		c.mean += c.fa[j] + c.fb[j]
	}
	c.mean /= float64(2 * n)
	sub := func(v []float64) {
		for j := range v {
			v[j] -= c.mean
		}
	}
	sub(c.fa)
	sub(c.fb)
	for g := range G {
		c.fab = append(c.fab, col(g+2))
		sub(c.fab[g])
	}
	return c
}

// degenerateShare: a bootstrap resample whose output variance is below
// this share of the full sample's is dropped from the intervals (with few
// rows and a nearly constant output, a resample can repeat a handful of
// rows and make every ratio explode).
const degenerateShare = 1e-6

// bootstrap resamples the N rows with replacement Bootstrap times (each
// replicate from its own seeded stream) and sets each index's interval to
// the replicates' percentile interval.
func bootstrap(st *stats, res *Result, o int, cfg Config) {
	n, G, B := cfg.N, len(res.Factors), cfg.Bootstrap
	firsts, totals := make([]float64, B*G), make([]float64, B*G)
	run := uncertainty.Runner{N: B, Seed: cfg.Seed ^ uint64(o+1)*0xb5ad4eceda1ce2a9, Workers: cfg.Workers, BlockSize: 1}
	idx := make([][]int, run.WorkerCount())
	for w := range idx {
		idx[w] = make([]int, n)
	}
	full := res.Variance[o]
	_ = run.Run(context.Background(), func(w int, blk uncertainty.Block, rng *rand.Rand) error {
		id := idx[w]
		for j := range id {
			id[j] = rng.IntN(n)
		}
		f, t := firsts[blk.Start*G:(blk.Start+1)*G], totals[blk.Start*G:(blk.Start+1)*G]
		if v := st.indices(id, f, t); v < degenerateShare*full {
			for g := range f { // a resample with almost no variance: its ratios mean nothing
				f[g], t[g] = math.NaN(), math.NaN()
			}
		}
		return nil
	})
	alpha := (1 - cfg.Level) / 2
	v := make([]float64, 0, B)
	for g := range G {
		for _, p := range []struct {
			src []float64
			dst *Index
		}{{firsts, &res.Factors[g].First[o]}, {totals, &res.Factors[g].Total[o]}} {
			v = v[:0]
			for b := range B {
				if x := p.src[b*G+g]; !math.IsNaN(x) {
					v = append(v, x)
				}
			}
			if len(v) == 0 {
				continue // every resample degenerate: the interval stays the point
			}
			slices.Sort(v)
			p.dst.Lo, p.dst.Hi = quantile(v, alpha), quantile(v, 1-alpha)
		}
	}
}

// quantile of sorted v by linear interpolation (type 7).
func quantile(v []float64, p float64) float64 {
	h := p * float64(len(v)-1)
	i := int(math.Floor(h))
	if i >= len(v)-1 {
		return v[len(v)-1]
	}
	return v[i] + (h-float64(i))*(v[i+1]-v[i])
}
