package uncertainty

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// DefaultBlockSize is the number of draws per block. Blocks are the unit of
// reproducibility: the generator is re-seeded at each block's start, so the
// same seed and block size give the same draws for any number of workers.
const DefaultBlockSize = 4096

// Block is a contiguous range of draw indices [Start, End).
type Block struct {
	Index      int
	Start, End int
}

// Len returns the number of draws in the block.
func (b Block) Len() int { return b.End - b.Start }

// BlockFunc evaluates the draws of one block with rng, which is seeded from
// the run seed and the block index only. It must write its results to
// caller-owned storage indexed by draw (or by block) so that the outcome
// never depends on which worker ran which block. worker (0..Workers-1) lets
// it reuse per-worker scratch space without locks.
type BlockFunc func(worker int, b Block, rng *rand.Rand) error

// Runner runs a Monte Carlo job over N draws in parallel.
type Runner struct {
	N         int    // number of draws
	Seed      uint64 // run seed
	BlockSize int    // draws per block; 0 means DefaultBlockSize
	Workers   int    // goroutines; 0 means runtime.GOMAXPROCS(0)
	// Progress, if set, is called after each finished block with the
	// number of draws done so far; calls may come from any worker, but
	// never concurrently.
	Progress func(done, total int)
}

// ErrBadRun reports an invalid Runner configuration.
var ErrBadRun = errors.New("uncertainty: invalid Monte Carlo run")

// Blocks returns the number of blocks the run is split into.
func (r *Runner) Blocks() int {
	bs := r.blockSize()
	return (r.N + bs - 1) / bs
}

func (r *Runner) blockSize() int {
	if r.BlockSize > 0 {
		return r.BlockSize
	}
	return DefaultBlockSize
}

// WorkerCount returns the number of goroutines Run will start.
func (r *Runner) WorkerCount() int {
	w := r.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	if nb := r.Blocks(); w > nb {
		w = max(nb, 1)
	}
	return w
}

// Run calls fn once per block, spread over WorkerCount goroutines, and
// returns the first error (by block order among those that ran) or the
// context's error. After an error or cancellation no new block starts.
func (r *Runner) Run(ctx context.Context, fn BlockFunc) error {
	if r.N < 0 {
		return fmt.Errorf("%w: %d draws", ErrBadRun, r.N)
	}
	nb, bs, workers := r.Blocks(), r.blockSize(), r.WorkerCount()
	var (
		next    atomic.Int64
		done    atomic.Int64
		stop    atomic.Bool
		mu      sync.Mutex
		errs    = make([]error, nb)
		wg      sync.WaitGroup
		progMu  sync.Mutex
		ctxDone = ctx.Done()
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pcg := rand.NewPCG(0, 0)
			rng := rand.New(pcg)
			for !stop.Load() {
				select {
				case <-ctxDone:
					stop.Store(true)
					return
				default:
				}
				i := int(next.Add(1) - 1)
				if i >= nb {
					return
				}
				b := Block{Index: i, Start: i * bs, End: min((i+1)*bs, r.N)}
				pcg.Seed(BlockSeed(r.Seed, uint64(i)))
				if err := fn(w, b, rng); err != nil {
					mu.Lock()
					errs[i] = err
					mu.Unlock()
					stop.Store(true)
					return
				}
				d := int(done.Add(int64(b.Len())))
				if r.Progress != nil {
					progMu.Lock()
					r.Progress(d, r.N)
					progMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// BlockSeed derives the two PCG seed words of block i from the run seed with
// the SplitMix64 finaliser (Steele, Lea and Flood 2014, "Fast splittable
// pseudorandom number generators"), so neighbouring blocks get unrelated
// streams.
func BlockSeed(seed, block uint64) (uint64, uint64) {
	s := seed ^ (block+1)*0x9e3779b97f4a7c15
	a := splitmix64(&s)
	b := splitmix64(&s)
	return a, b
}

func splitmix64(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// NewRand returns a generator seeded deterministically from seed, for
// single-threaded callers.
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(BlockSeed(seed, 1<<63))) }
