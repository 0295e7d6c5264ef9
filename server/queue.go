package server

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/guarantor/guarantor/store"
)

// queue is the bounded run queue: a buffered channel of run ids and a
// fixed set of workers. The database holds each run's state; the queue
// holds only what a process needs while it lives (cancel functions,
// per-token counts).
type queue struct {
	s       *Server
	ch      chan item
	mu      sync.Mutex
	cancel  map[string]context.CancelFunc
	byToken map[string]int
	closed  bool
	wg      sync.WaitGroup
	ctx     context.Context // canceled at the end of shutdown
	stop    context.CancelFunc
}

type item struct {
	run   store.Run
	job   runner
	token string
}

// runner computes a run's result: an assessment (Job) or a backtest.
type runner interface {
	Run(ctx context.Context, seed uint64, samples int, progress func(float64)) ([]byte, error)
}

// errQueueFull and errTooMany are refusals the API maps to 503 and 429.
var (
	errQueueFull = errors.New("the run queue is full; try again later")
	errTooMany   = errors.New("this token has too many runs queued or running")
	errShutdown  = errors.New("the server is shutting down")
)

func newQueue(s *Server) *queue {
	ctx, stop := context.WithCancel(context.Background())
	return &queue{s: s, ch: make(chan item, s.cfg.QueueSize), cancel: map[string]context.CancelFunc{},
		byToken: map[string]int{}, ctx: ctx, stop: stop}
}

func (q *queue) start() {
	for range q.s.cfg.Workers {
		q.wg.Add(1)
		go q.worker()
	}
}

// reserve takes a slot for token before the run is created.
func (q *queue) reserve(token string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return errShutdown
	}
	if q.byToken[token] >= q.s.cfg.RunsPerToken {
		return errTooMany
	}
	if len(q.ch) >= cap(q.ch) {
		return errQueueFull
	}
	q.byToken[token]++
	return nil
}

func (q *queue) release(token string) {
	q.mu.Lock()
	if q.byToken[token]--; q.byToken[token] <= 0 {
		delete(q.byToken, token)
	}
	q.mu.Unlock()
}

// push enqueues a created run; reserve must have succeeded.
func (q *queue) push(it item) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return errShutdown
	}
	select {
	case q.ch <- it:
		return nil
	default:
		return errQueueFull
	}
}

// cancelRun stops a running run of this process, if any.
func (q *queue) cancelRun(id string) {
	q.mu.Lock()
	if c := q.cancel[id]; c != nil {
		c()
	}
	q.mu.Unlock()
}

// stopEnded cancels this process's running runs that the store records
// as ended: a cancel request served by another server on the same
// database reaches this one at its next heartbeat.
func (q *queue) stopEnded(ctx context.Context) {
	q.mu.Lock()
	ids := make([]string, 0, len(q.cancel))
	for id := range q.cancel {
		ids = append(ids, id)
	}
	q.mu.Unlock()
	for _, id := range ids {
		if r, err := q.s.st.GetRun(ctx, id); err == nil && r.Status.Final() {
			q.cancelRun(id)
		}
	}
}

func (q *queue) worker() {
	defer q.wg.Done()
	for {
		select {
		case <-q.ctx.Done():
			return
		case it, ok := <-q.ch:
			if !ok {
				return
			}
			q.run(it)
			q.release(it.token)
		}
	}
}

// canceledByUser marks a context canceled through the API, so the worker
// can tell it from a shutdown.
var canceledByUser = errors.New("canceled by request")

func (q *queue) run(it item) {
	st, log := q.s.st, q.s.cfg.Logger
	bg := context.Background()
	ok, err := st.StartRun(bg, it.run.ID)
	if err != nil || !ok {
		return // canceled while queued, or the database is gone
	}
	ctx, cancel := context.WithTimeoutCause(q.ctx, q.s.cfg.RunTimeout, fmt.Errorf("run took longer than %s", q.s.cfg.RunTimeout))
	ctx, cancelCause := context.WithCancelCause(ctx)
	q.mu.Lock()
	q.cancel[it.run.ID] = func() { cancelCause(canceledByUser) }
	q.mu.Unlock()
	defer func() {
		q.mu.Lock()
		delete(q.cancel, it.run.ID)
		q.mu.Unlock()
		cancel()
	}()
	start := time.Now()
	var last time.Time
	progress := func(f float64) {
		// Progress is advisory: write it at most 4 times a second.
		if now := time.Now(); now.Sub(last) > 250*time.Millisecond {
			last = now
			st.SetProgress(bg, it.run.ID, f)
		}
	}
	body, err := it.job.Run(ctx, it.run.Seed, it.run.Samples, progress)
	switch {
	case err == nil:
		if _, err := st.FinishRun(bg, it.run.ID, body); err != nil {
			log.Error("store result", "run", it.run.ID, "err", err)
		}
		log.Info("run done", "run", it.run.ID, "option", it.run.Option, "samples", it.run.Samples, "seconds", time.Since(start).Seconds())
	case errors.Is(context.Cause(ctx), canceledByUser):
		st.EndRun(bg, it.run.ID, store.Canceled, "canceled by request")
	case q.ctx.Err() != nil:
		st.EndRun(bg, it.run.ID, store.Failed, store.InterruptedMsg)
	case ctx.Err() != nil:
		st.EndRun(bg, it.run.ID, store.Failed, context.Cause(ctx).Error())
	default:
		st.EndRun(bg, it.run.ID, store.Failed, err.Error())
		log.Warn("run failed", "run", it.run.ID, "err", err)
	}
}

// shutdown refuses new runs, marks the queued ones interrupted, waits for
// the running ones until ctx ends, then cancels them (they are recorded
// as interrupted and can be rerun).
func (q *queue) shutdown(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	bg := context.Background()
drain:
	for {
		select {
		case it := <-q.ch:
			q.s.st.EndRun(bg, it.run.ID, store.Failed, store.InterruptedMsg)
			q.release(it.token)
		default:
			break drain
		}
	}
	done := make(chan struct{})
	go func() {
		// Workers blocked on the channel leave when q.ctx ends; running
		// ones finish first.
		q.mu.Lock()
		close(q.ch)
		q.mu.Unlock()
		q.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		q.stop()
		return nil
	case <-ctx.Done():
		q.stop()
		<-done
		return ctx.Err()
	}
}
