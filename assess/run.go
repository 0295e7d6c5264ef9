package assess

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// chunk is the number of draws sharing one seeded stream. Fixed, so that
// draw i's values depend only on (seed, i), never on the worker count.
const chunk = 512

// Config sets a run.
type Config struct {
	Samples int    // Monte Carlo draws (default 20000)
	Seed    uint64 // stream seed
	Workers int    // goroutines (default GOMAXPROCS)
	// DriverSamples is the number of draws per end of each one-at-a-time
	// swing (default Samples/20, at least 500: common random numbers at
	// both ends keep the swing's noise far below the swing); negative
	// skips drivers.
	DriverSamples int
	// Progress, if set, is called with the draws done so far (from worker
	// goroutines, serialised).
	Progress func(done, total int)
}

func (c Config) norm() Config {
	if c.Samples <= 0 {
		c.Samples = 20000
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.DriverSamples == 0 {
		c.DriverSamples = max(c.Samples/20, 500)
	}
	return c
}

// draws holds the per-draw series a run keeps for its intervals.
type draws struct {
	n                                int
	psq, pwar, cred, pwin, haz, rate []float64
	anyFight, canWin                 []float64
	region                           []uint8
	pf, pwg                          [][]float64 // per guarantor
}

func newDraws(n, g int) *draws {
	d := &draws{n: n, psq: make([]float64, n), pwar: make([]float64, n), cred: make([]float64, n),
		pwin: make([]float64, n), haz: make([]float64, n), rate: make([]float64, n), region: make([]uint8, n),
		anyFight: make([]float64, n), canWin: make([]float64, n)}
	for range g {
		d.pf = append(d.pf, make([]float64, n))
		d.pwg = append(d.pwg, make([]float64, n))
	}
	return d
}

// stream is a worker's random source, re-seeded per chunk without
// allocating.
type stream struct {
	pcg *rand.PCG
	r   *rand.Rand
}

func newStream() *stream {
	p := rand.NewPCG(0, 0)
	return &stream{pcg: p, r: rand.New(p)}
}

// sample fills w.x with draw values for the random inputs; fixed >= 0
// overrides that slot after drawing it, keeping common random numbers.
func (m *Model) sample(r *rand.Rand, w *work, fixed int, val float64) {
	for _, i := range m.random {
		w.x[i] = m.Inputs[i].Dist.Rand(r)
	}
	if fixed >= 0 {
		w.x[fixed] = val
	}
}

// parallel runs task(worker, job) for jobs 0..n-1 on workers goroutines.
func parallel(ctx context.Context, workers, n int, task func(worker, job int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for wk := range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				j := int(next.Add(1)) - 1
				if j >= n {
					return
				}
				task(wk, j)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// simulate evaluates the model on cfg.Samples draws.
func (m *Model) simulate(ctx context.Context, cfg Config) (*draws, error) {
	n := cfg.Samples
	d := newDraws(n, len(m.g))
	nch := (n + chunk - 1) / chunk
	ws := make([]*work, cfg.Workers)
	ss := make([]*stream, cfg.Workers)
	for i := range ws {
		ws[i], ss[i] = m.newWork(), newStream()
	}
	var mu sync.Mutex
	done := 0
	err := parallel(ctx, cfg.Workers, nch, func(wk, ch int) {
		w, s := ws[wk], ss[wk]
		s.pcg.Seed(cfg.Seed, uint64(ch))
		for i := ch * chunk; i < min(n, (ch+1)*chunk); i++ {
			m.sample(s.r, w, -1, 0)
			m.eval(w)
			m.store(d, i, w)
		}
		if cfg.Progress != nil {
			mu.Lock()
			done += min(n, (ch+1)*chunk) - ch*chunk
			cfg.Progress(done, n)
			mu.Unlock()
		}
	})
	return d, err
}

func (m *Model) store(d *draws, i int, w *work) {
	r := &w.d
	d.psq[i], d.pwar[i], d.cred[i], d.pwin[i], d.haz[i], d.rate[i] = r.PSQ, r.PWar, r.Cred, r.PWinAll, r.Hazard, r.Rate
	d.anyFight[i], d.canWin[i] = r.AnyFight, r.CanWin
	d.region[i] = uint8(r.Eq.Region)
	if r.NoGain {
		d.region[i] = regionNoGain
	}
	for g := range m.g {
		d.pf[g][i], d.pwg[g][i] = w.pFight[g], w.pWinG[g]
	}
}

// meanPSQ is the mean deterrence probability over n draws with one input
// fixed (common random numbers across calls with the same seed).
func (m *Model) meanPSQ(w *work, s *stream, seed uint64, n, fixed int, val float64) float64 {
	sum := 0.0
	for ch := 0; ch*chunk < n; ch++ {
		s.pcg.Seed(seed, uint64(ch))
		for i := ch * chunk; i < min(n, (ch+1)*chunk); i++ {
			m.sample(s.r, w, fixed, val)
			m.eval(w)
			sum += w.d.PSQ
		}
	}
	return sum / float64(n)
}
