package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream and subject names. One work stream and one results stream serve
// every study; subjects carry the study id.
const (
	WorkStream     = "GUARANTOR_SWEEP_WORK"
	ResultStream   = "GUARANTOR_SWEEP_RESULTS"
	workSubject    = "guarantor.sweep.work."
	resultSubject  = "guarantor.sweep.result."
	WorkerConsumer = "guarantor-sweep-workers"
)

// Queue configures the streams and the workers' consumer. The coordinator
// and every worker must agree on it (the first to start creates the
// streams; later ones update them to the same settings).
type Queue struct {
	// AckWait is how long a worker may hold a shard without a sign of
	// life before it is redelivered to another (the worker signals
	// progress every AckWait/3 while it computes). Default 30 s.
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one shard (default 10): a shard that
	// kills every worker that takes it is given up, not retried forever.
	MaxDeliver int
	// Duplicates is the window in which a second message with the same
	// shard id is dropped by the server (default 1 h).
	Duplicates time.Duration
	// Replicas for the streams on a clustered server (default 1).
	Replicas int
}

func (q Queue) norm() Queue {
	if q.AckWait <= 0 {
		q.AckWait = 30 * time.Second
	}
	if q.MaxDeliver <= 0 {
		q.MaxDeliver = 10
	}
	if q.Duplicates <= 0 {
		q.Duplicates = time.Hour
	}
	if q.Replicas <= 0 {
		q.Replicas = 1
	}
	return q
}

// Setup creates or updates the two streams.
func (q Queue) Setup(ctx context.Context, js jetstream.JetStream) error {
	q = q.norm()
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: WorkStream, Subjects: []string{workSubject + ">"},
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Duplicates: q.Duplicates, Replicas: q.Replicas,
		Description: "guarantor sweep shards (work queue: a shard leaves the stream when a worker acknowledges it)"}); err != nil {
		return fmt.Errorf("sweep: work stream: %w", err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: ResultStream, Subjects: []string{resultSubject + ">"},
		Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage, Duplicates: q.Duplicates, Replicas: q.Replicas,
		MaxAge: 7 * 24 * time.Hour, Description: "guarantor sweep shard results"}); err != nil {
		return fmt.Errorf("sweep: results stream: %w", err)
	}
	return nil
}

// task is one shard as it travels: the spec with only the shard's points.
type task struct {
	Study string
	Index int
	Spec  Spec
}

func msgID(study string, index int) string { return fmt.Sprintf("%s-%d", study, index) }

// Publish queues every shard the store lacks, each with its shard id as
// Nats-Msg-Id so that publishing again (a restarted coordinator) within
// the duplicate window adds nothing. It returns the number published.
func Publish(ctx context.Context, js jetstream.JetStream, q Queue, st *Store) (int, error) {
	if err := q.Setup(ctx, js); err != nil {
		return 0, err
	}
	n := 0
	for _, sh := range st.Missing() {
		t := task{Study: st.id, Index: sh.Index, Spec: *st.Spec}
		t.Spec.Points = st.Spec.Points[sh.Start:sh.End]
		b, err := json.Marshal(t)
		if err != nil {
			return n, err
		}
		if _, err := js.Publish(ctx, workSubject+st.id, b, jetstream.WithMsgID(msgID(st.id, sh.Index))); err != nil {
			return n, fmt.Errorf("sweep: publishing shard %d: %w", sh.Index, err)
		}
		n++
	}
	return n, nil
}

// Collect reads the study's results from the results stream (from its
// start, so a restarted coordinator loses nothing) and stores each shard
// once, until every shard is stored or ctx ends.
func Collect(ctx context.Context, js jetstream.JetStream, q Queue, st *Store, progress Progress) error {
	if err := q.Setup(ctx, js); err != nil {
		return err
	}
	total := len(st.Spec.Shards())
	done := total - len(st.Missing())
	if progress != nil {
		progress(done, total)
	}
	if done == total {
		return nil
	}
	cons, err := js.OrderedConsumer(ctx, ResultStream, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{resultSubject + st.id}, DeliverPolicy: jetstream.DeliverAllPolicy})
	if err != nil {
		return fmt.Errorf("sweep: results consumer: %w", err)
	}
	it, err := cons.Messages()
	if err != nil {
		return err
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	givenUp, unwatch, err := watchGivenUp(ctx, js, st.id, it.Stop)
	if err != nil {
		return err
	}
	defer unwatch()
	for done < total {
		msg, err := it.Next()
		if err != nil {
			if e := givenUp(); e != nil {
				return e
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("sweep: reading results: %w", err)
		}
		var r ShardResult
		if err := json.Unmarshal(msg.Data(), &r); err != nil {
			return fmt.Errorf("sweep: a malformed result on %s: %w", msg.Subject(), err)
		}
		if r.Error != "" {
			return fmt.Errorf("sweep: shard %d failed on a worker: %s", r.Index, r.Error)
		}
		wrote, err := st.Put(&r)
		if err != nil {
			return err
		}
		if wrote {
			done++
			if progress != nil {
				progress(done, total)
			}
		}
	}
	return nil
}

// ErrGivenUp reports a shard that reached MaxDeliver deliveries without
// being acknowledged: every worker that took it died or timed out.
var ErrGivenUp = errors.New("sweep: shard given up")

// watchGivenUp listens for the server's max-deliveries advisories on the
// workers' consumer; when one concerns a shard of study, it records the
// error and calls interrupt (so that Collect stops waiting for a result
// that will not come). The returned func reports the error, if any.
func watchGivenUp(ctx context.Context, js jetstream.JetStream, study string, interrupt func()) (func() error, func(), error) {
	var (
		mu  sync.Mutex
		bad error
	)
	subj := "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + WorkStream + "." + WorkerConsumer
	sub, err := js.Conn().Subscribe(subj, func(m *nats.Msg) {
		var adv struct {
			StreamSeq  uint64 `json:"stream_seq"`
			Deliveries uint64 `json:"deliveries"`
		}
		if json.Unmarshal(m.Data, &adv) != nil {
			return
		}
		ws, err := js.Stream(ctx, WorkStream)
		if err != nil {
			return
		}
		raw, err := ws.GetMsg(ctx, adv.StreamSeq)
		if err != nil {
			return
		}
		var t task
		if json.Unmarshal(raw.Data, &t) != nil || t.Study != study {
			return
		}
		mu.Lock()
		if bad == nil {
			bad = fmt.Errorf("%w: shard %d of study %s was delivered %d times and never finished (a worker crash or a shard slower than --ack-wait without progress); the shards done are stored: rerun after the duplicate window (1 h) or without --nats to finish",
				ErrGivenUp, t.Index, study, adv.Deliveries)
		}
		mu.Unlock()
		interrupt()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sweep: watching advisories: %w", err)
	}
	return func() error {
		mu.Lock()
		defer mu.Unlock()
		return bad
	}, func() { sub.Unsubscribe() }, nil
}

// Worker processes shards from the work stream.
type Worker struct {
	Queue Queue
	// Version, if set, must equal the study's: a worker of another version
	// would compute other numbers, so it reports the mismatch instead.
	Version string
	// Idle, if positive, makes Work return after this long without a shard.
	Idle time.Duration
	// OnShard, if set, is called when a shard starts and when it is done
	// (done true): for logs, and for tests that kill a worker mid-shard.
	OnShard func(study string, index int, done bool)
	// BeforeAck, if set, runs after the result is published and before
	// the shard is acknowledged; an error leaves the shard unacknowledged
	// (fault injection: a worker that dies between the two).
	BeforeAck func(study string, index int) error
}

// ErrIdle is returned by Work when Idle passed without a shard.
var ErrIdle = errors.New("sweep: no shard for the idle period")

// Work takes shards one at a time until ctx ends (or the idle period
// passes): it computes the shard, publishes the result with the shard id
// as Nats-Msg-Id, waits for the server to store it, then acknowledges the
// shard. A worker that dies at any point leaves the shard unacknowledged,
// and the server redelivers it after AckWait; a result published twice is
// dropped by the results stream and by Store.Put. It returns the number of
// shards it completed.
func (w *Worker) Work(ctx context.Context, js jetstream.JetStream) (int, error) {
	q := w.Queue.norm()
	if err := q.Setup(ctx, js); err != nil {
		return 0, err
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, WorkStream, jetstream.ConsumerConfig{Durable: WorkerConsumer,
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: q.AckWait, MaxDeliver: q.MaxDeliver, MaxAckPending: -1,
		Description: "guarantor sweep workers"})
	if err != nil {
		return 0, fmt.Errorf("sweep: worker consumer: %w", err)
	}
	n := 0
	idleSince := time.Now()
	for ctx.Err() == nil {
		wait := 2 * time.Second
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(wait))
		if err != nil {
			return n, fmt.Errorf("sweep: fetching a shard: %w", err)
		}
		got := false
		for msg := range batch.Messages() {
			got = true
			if err := w.handle(ctx, js, q, msg); err != nil {
				return n, err
			}
			if ctx.Err() == nil {
				n++
			}
		}
		if got {
			idleSince = time.Now()
		} else if w.Idle > 0 && time.Since(idleSince) >= w.Idle {
			return n, ErrIdle
		}
	}
	return n, ctx.Err()
}

// handle computes one shard. A cancelled ctx abandons the shard without
// acknowledging it (it will be redelivered).
func (w *Worker) handle(ctx context.Context, js jetstream.JetStream, q Queue, msg jetstream.Msg) error {
	var t task
	if err := json.Unmarshal(msg.Data(), &t); err != nil {
		msg.Term() // a malformed shard cannot succeed anywhere
		return nil
	}
	if w.OnShard != nil {
		w.OnShard(t.Study, t.Index, false)
	}
	// Keep the lease while computing.
	beat, stop := context.WithCancel(ctx)
	go func() {
		tk := time.NewTicker(q.AckWait / 3)
		defer tk.Stop()
		for {
			select {
			case <-beat.Done():
				return
			case <-tk.C:
				msg.InProgress()
			}
		}
	}()
	var res *ShardResult
	var err error
	if w.Version != "" && w.Version != t.Spec.Version {
		err = fmt.Errorf("worker version %s cannot compute a study of version %s: run the same guarantor everywhere", w.Version, t.Spec.Version)
	} else {
		res, err = t.compute(ctx)
	}
	stop()
	if ctx.Err() != nil {
		return nil // abandoned: no ack, the server redelivers
	}
	if err != nil { // deterministic failure: report it once, do not retry
		res = &ShardResult{Study: t.Study, Index: t.Index, Error: err.Error()}
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if _, err := js.Publish(ctx, resultSubject+t.Study, b, jetstream.WithMsgID(msgID(t.Study, t.Index))); err != nil {
		return nil // the shard stays unacknowledged and comes back
	}
	if w.BeforeAck != nil {
		if err := w.BeforeAck(t.Study, t.Index); err != nil {
			return nil
		}
	}
	if res.Error != "" {
		msg.Term()
	} else if err := msg.DoubleAck(ctx); err != nil {
		return nil // redelivered; its result is a duplicate and is dropped
	}
	if w.OnShard != nil {
		w.OnShard(t.Study, t.Index, true)
	}
	return nil
}

// compute evaluates the task's points as shard Index of study Study.
func (t *task) compute(ctx context.Context) (*ShardResult, error) {
	ev, err := t.Spec.evaluator()
	if err != nil {
		return nil, err
	}
	ev.id = t.Study
	return ev.shard(ctx, Shard{Index: t.Index, Start: 0, End: len(t.Spec.Points)})
}

// RunNATS is the coordinator's whole job: queue the study's missing shards
// and collect every result into the store.
func RunNATS(ctx context.Context, js jetstream.JetStream, q Queue, st *Store, progress Progress) error {
	if _, err := Publish(ctx, js, q, st); err != nil {
		return err
	}
	return Collect(ctx, js, q, st, progress)
}
