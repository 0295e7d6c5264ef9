package sweep

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/sensitivity"
	"github.com/guarantor/guarantor/study"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// embedded starts an in-process nats-server with JetStream.
func embedded(t *testing.T) string {
	t.Helper()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	t.Cleanup(ns.Shutdown)
	return ns.ClientURL()
}

func connect(t *testing.T, url string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// The distributed run equals the local one bit for bit, although one
// worker is killed in the middle of a shard and another dies after
// publishing a result but before acknowledging its shard: every shard is
// stored exactly once, the results stream holds one message per shard,
// and the work queue ends empty.
func TestDistributedEqualsLocalDespiteKilledWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	spec := newSpec(t, 300, 2) // 15 points, 8 shards
	local, _ := OpenStore(t.TempDir(), spec)
	if err := RunLocal(context.Background(), local, 2, nil); err != nil {
		t.Fatal(err)
	}
	want := csvOf(t, local)

	url := embedded(t)
	q := Queue{AckWait: time.Second, MaxDeliver: 5}
	nc, js := connect(t, url)
	defer nc.Close()
	dist, _ := OpenStore(t.TempDir(), spec)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if n, err := Publish(ctx, js, q, dist); err != nil || n != 8 {
		t.Fatalf("published %d: %v", n, err)
	}
	// Publishing again (a restarted coordinator) adds nothing.
	if _, err := Publish(ctx, js, q, dist); err != nil {
		t.Fatal(err)
	}
	if info, _ := js.Stream(ctx, WorkStream); info == nil || info.CachedInfo().State.Msgs != 8 {
		t.Fatalf("work stream after two publishes: %+v", info.CachedInfo().State)
	}

	var wg sync.WaitGroup
	// Worker 1 is killed as soon as it starts its first shard: its context
	// ends and its connection closes without an acknowledgement.
	killedShard := atomic.Int64{}
	killedShard.Store(-1)
	nc1, js1 := connect(t, url)
	ctx1, kill := context.WithCancel(ctx)
	w1 := &Worker{Queue: q, OnShard: func(_ string, i int, done bool) {
		if !done && killedShard.CompareAndSwap(-1, int64(i)) {
			kill()
			nc1.Close()
		}
	}}
	wg.Add(1)
	go func() { defer wg.Done(); w1.Work(ctx1, js1) }()
	// Worker 2 dies once between publishing a result and acknowledging.
	var dropped atomic.Bool
	var completed atomic.Int64
	w2 := &Worker{Queue: q, BeforeAck: func(string, int) error {
		if dropped.CompareAndSwap(false, true) {
			return errors.New("killed before ack")
		}
		return nil
	}, OnShard: func(_ string, _ int, done bool) {
		if done {
			completed.Add(1)
		}
	}}
	nc2, js2 := connect(t, url)
	defer nc2.Close()
	ctx2, stop2 := context.WithCancel(ctx)
	wg.Add(1)
	go func() { defer wg.Done(); w2.Work(ctx2, js2) }()

	var last atomic.Int64
	if err := Collect(ctx, js, q, dist, func(done, total int) { last.Store(int64(done)) }); err != nil {
		t.Fatal(err)
	}
	if got := csvOf(t, dist); !bytes.Equal(got, want) {
		t.Fatalf("distributed results differ from local:\n%s\nvs\n%s", got, want)
	}
	if killedShard.Load() < 0 || !dropped.Load() {
		t.Fatal("the faults were not injected")
	}
	if last.Load() != 8 {
		t.Errorf("progress ended at %d of 8", last.Load())
	}
	// Wait for worker 2 to acknowledge the last shard, then check the
	// streams: nothing left to do, one result per shard.
	deadline := time.Now().Add(time.Minute)
	for {
		ws, _ := js.Stream(ctx, WorkStream)
		info, _ := ws.Info(ctx)
		if info.State.Msgs == 0 || time.Now().After(deadline) {
			if info.State.Msgs != 0 {
				t.Errorf("%d shards left in the work queue", info.State.Msgs)
			}
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	rs, _ := js.Stream(ctx, ResultStream)
	info, _ := rs.Info(ctx)
	if info.State.Msgs != 8 {
		t.Errorf("results stream holds %d messages for 8 shards (a duplicate was kept or a result lost)", info.State.Msgs)
	}
	stop2()
	wg.Wait()
	// A coordinator restarted after the end collects nothing new.
	again, _ := OpenStore(dist.Dir, spec)
	if err := Collect(ctx, js, q, again, nil); err != nil {
		t.Fatal(err)
	}
}

// A worker of another version reports the mismatch; the coordinator stops
// with the message instead of storing other numbers.
func TestWorkerVersionMismatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	spec := newSpec(t, 100, 15) // "test" version, one shard
	url := embedded(t)
	nc, js := connect(t, url)
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, _ := OpenStore(t.TempDir(), spec)
	q := Queue{AckWait: time.Second}
	if _, err := Publish(ctx, js, q, st); err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go (&Worker{Queue: q, Version: "other"}).Work(wctx, js)
	err := Collect(ctx, js, q, st, nil)
	if err == nil || !strings.Contains(err.Error(), "version other") {
		t.Fatalf("Collect: %v", err)
	}
	if len(st.Missing()) != 1 {
		t.Error("a mismatched worker's shard was stored")
	}
}

// A batch of explicit points run on NATS returns the rows an Evaluator
// computes for the same points, in order; a second call is served from
// the store without the workers.
func TestBatchOnNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	params := troopsParams(t)
	pts := [][]float64{{9000, 1000}, {1000, 9000}, {5000, 5000}}
	url := embedded(t)
	nc, js := connect(t, url)
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q := Queue{AckWait: time.Second}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { (&Worker{Queue: q, Version: "v"}).Work(wctx, js); close(done) }()
	dir := t.TempDir()
	o := Options{Samples: 400, Seed: 9, Version: "v"}
	onNATS := func(ctx context.Context, st *Store) error { return RunNATS(ctx, js, q, st, nil) }
	rows, err := Batch(ctx, dir, example, params, pts, o, onNATS)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	<-done
	ev, _ := NewEvaluator(example, params, 400, 9, 0)
	for i, p := range pts {
		want, _ := ev.Row(ctx, p)
		if !reflect.DeepEqual(rows[i], want) {
			t.Errorf("point %v: NATS %+v, local %+v", p, rows[i], want)
		}
	}
	again, err := Batch(ctx, dir, example, params, pts, o, func(context.Context, *Store) error {
		return errors.New("the stored batch was recomputed")
	})
	if err != nil || !reflect.DeepEqual(again, rows) {
		t.Errorf("second call: %v", err)
	}
}

// Sensitivity analysis with its design rows run as a sweep over engine
// inputs on NATS workers gives exactly the local result.
func TestSensitivityOnNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	opts, err := assess.LoadOptions([]string{example})
	if err != nil {
		t.Fatal(err)
	}
	m, err := study.Open(opts[0], study.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var in []sensitivity.Input
	var params []Param
	for _, x := range m.Inputs {
		in = append(in, sensitivity.Input{Name: x.Name, Quantile: x.Quantile})
		params = append(params, Param{Path: x.Name, Input: true})
	}
	cfg := sensitivity.Config{N: 64, Outputs: study.OutputNames(m.Horizon), Workers: 2, Bootstrap: 20, Seed: 5}
	local, err := sensitivity.Analyze(context.Background(), in, m.Eval, cfg)
	if err != nil {
		t.Fatal(err)
	}
	url := embedded(t)
	nc, js := connect(t, url)
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	q := Queue{AckWait: 2 * time.Second}
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); (&Worker{Queue: q}).Work(wctx, js) }()
	}
	dir := t.TempDir()
	cfg.Batch = func(ctx context.Context, xs [][]float64) ([][]float64, error) {
		rows, err := Batch(ctx, dir, example, params, xs, Options{Samples: 1}, func(ctx context.Context, st *Store) error {
			return RunNATS(ctx, js, q, st, nil)
		})
		if err != nil {
			return nil, err
		}
		out := make([][]float64, len(rows))
		for i, r := range rows {
			out[i] = []float64{r.PDeter, r.PAnyFight, r.PCapable, r.PNoWar}
		}
		return out, nil
	}
	remote, err := sensitivity.Analyze(ctx, in, nil, cfg)
	stop()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(local, remote) {
		t.Fatalf("NATS result differs from local:\n%+v\n%+v", local.Factors[0], remote.Factors[0])
	}
}

// A shard that every worker abandons is given up after MaxDeliver
// deliveries, and the coordinator stops with an error naming it instead
// of waiting for ever.
func TestGivenUpShardStopsCollect(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	spec := newSpec(t, 100, 15) // one shard
	url := embedded(t)
	nc, js := connect(t, url)
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, _ := OpenStore(t.TempDir(), spec)
	q := Queue{AckWait: 300 * time.Millisecond, MaxDeliver: 2}
	if _, err := Publish(ctx, js, q, st); err != nil {
		t.Fatal(err)
	}
	// A worker that dies on every shard it takes (a new one each time).
	go func() {
		for ctx.Err() == nil {
			wctx, kill := context.WithCancel(ctx)
			w := &Worker{Queue: q, OnShard: func(string, int, bool) { kill() }}
			w.Work(wctx, js)
			kill()
		}
	}()
	err := Collect(ctx, js, q, st, nil)
	if !errors.Is(err, ErrGivenUp) || !strings.Contains(err.Error(), "shard 0") {
		t.Fatalf("Collect: %v", err)
	}
}
