package sweep

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// workerEnv makes the test binary a worker process (TestMain), so that a
// test can kill a real worker with SIGKILL.
const workerEnv = "GUARANTOR_SWEEP_TEST_WORKER"

var killQueue = Queue{AckWait: time.Second, MaxDeliver: 20}

func TestMain(m *testing.M) {
	if url := os.Getenv(workerEnv); url != "" {
		os.Exit(workerProcess(url))
	}
	os.Exit(m.Run())
}

// workerProcess works until idle, printing "start i" and "done i".
func workerProcess(url string) int {
	nc, err := nats.Connect(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return 1
	}
	w := &Worker{Queue: killQueue, Idle: time.Minute, OnShard: func(_ string, i int, done bool) {
		what := "start"
		if done {
			what = "done"
		}
		fmt.Printf("%s %d\n", what, i)
	}}
	w.Work(context.Background(), js)
	return 0
}

// Two worker processes; the first is killed with SIGKILL as soon as it
// starts a shard. Nothing is lost (its shard is redelivered to the other)
// and nothing is duplicated (one result per shard), and the result equals
// the local run bit for bit.
func TestKilledWorkerProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server and worker processes")
	}
	spec := newSpec(t, 20000, 3) // 15 points, 5 shards of ~60 ms
	local, _ := OpenStore(t.TempDir(), spec)
	if err := RunLocal(context.Background(), local, 2, nil); err != nil {
		t.Fatal(err)
	}
	url := embedded(t)
	nc, js := connect(t, url)
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dist, _ := OpenStore(t.TempDir(), spec)
	if _, err := Publish(ctx, js, killQueue, dist); err != nil {
		t.Fatal(err)
	}
	start := func() (*exec.Cmd, *bufio.Scanner) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), workerEnv+"="+url)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, bufio.NewScanner(out)
	}
	victim, lines := start()
	killed := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if l := lines.Text(); strings.HasPrefix(l, "start ") {
				victim.Process.Kill() // SIGKILL: no cleanup, no ack
				killed <- l
				return
			}
		}
		close(killed)
	}()
	line, ok := <-killed
	if !ok {
		t.Fatal("the victim never started a shard")
	}
	victim.Wait()
	survivor, out := start()
	defer survivor.Process.Kill()
	shard := strings.TrimPrefix(line, "start ")
	doneLines := make(chan string, 100)
	go func() {
		for out.Scan() {
			if l := out.Text(); strings.HasPrefix(l, "done ") {
				doneLines <- strings.TrimPrefix(l, "done ")
			}
		}
		close(doneLines)
	}()
	if err := Collect(ctx, js, killQueue, dist, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csvOf(t, dist), csvOf(t, local)) {
		t.Fatal("distributed result differs from the local one")
	}
	// The survivor finished the victim's shard exactly once.
	finished := 0
	timeout := time.After(20 * time.Second)
wait:
	for {
		select {
		case s, ok := <-doneLines:
			if !ok {
				break wait
			}
			if s == shard {
				finished++
				break wait
			}
		case <-timeout:
			break wait
		}
	}
	if finished != 1 {
		t.Errorf("the killed worker's shard %s was not finished by the survivor", shard)
	}
	rs, _ := js.Stream(ctx, ResultStream)
	info, _ := rs.Info(ctx)
	if info.State.Msgs != uint64(len(spec.Shards())) {
		t.Errorf("%d results stored for %d shards", info.State.Msgs, len(spec.Shards()))
	}
	// The last acknowledgements may trail the last result by a moment.
	ws, _ := js.Stream(ctx, WorkStream)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		wi, _ := ws.Info(ctx)
		if wi.State.Msgs == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("%d shards left in the work queue", wi.State.Msgs)
			break
		}
	}
}
