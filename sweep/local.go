package sweep

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Progress receives shards done (stored, including those found stored at
// the start) and the total; calls are serialised.
type Progress func(done, total int)

// RunLocal computes every missing shard of the store's study on workers
// goroutines (0: all cores), storing each as it finishes. Interrupted, it
// keeps what it stored; run again, it resumes.
func RunLocal(ctx context.Context, st *Store, workers int, progress Progress) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	todo := st.Missing()
	total := len(st.Spec.Shards())
	var (
		next  atomic.Int64
		mu    sync.Mutex
		done  = total - len(todo)
		first error
		wg    sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if progress != nil {
		progress(done, total)
	}
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev, err := st.Spec.evaluator()
			for err == nil {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				var r *ShardResult
				if r, err = ev.shard(ctx, todo[i]); err == nil {
					_, err = st.Put(r)
				}
				mu.Lock()
				if err == nil {
					done++
					if progress != nil {
						progress(done, total)
					}
				}
				mu.Unlock()
			}
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
			cancel()
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
