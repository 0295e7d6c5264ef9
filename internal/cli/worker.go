package cli

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/sweep"
)

func init() { register(newWorkerCmd) }

func newWorkerCmd() *cobra.Command {
	var (
		url         string
		idle        time.Duration
		ackWait     time.Duration
		maxDeliver  int
		concurrency int
		quiet       bool
	)
	cmd := &cobra.Command{
		Use:   "worker --nats URL",
		Short: "Process sweep shards from a NATS JetStream work queue",
		Long: `Take sweep shards from the NATS JetStream work queue (one per core at a time, --concurrency),
assess their points and publish the results for "guarantor sweep --nats" (and "design" and
"sensitivity" with --nats) to collect. Start one on each machine; a worker killed at any moment
loses nothing (its shards are redelivered after --ack-wait) and duplicates nothing (results are
de-duplicated by shard id).
Every worker and the coordinator must run the same guarantor version.`,
		Example: `  guarantor worker --nats nats://10.0.0.5:4222
  guarantor worker --nats nats://127.0.0.1:4222 --idle 1m   # exit after a minute without work`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if url == "" {
				return usageError("--nats URL is required")
			}
			nc, err := nats.Connect(url, nats.Name("guarantor worker"))
			if err != nil {
				return usageError("--nats %s: %v", url, err)
			}
			defer nc.Close()
			js, err := jetstream.New(nc)
			if err != nil {
				return err
			}
			log := cmd.ErrOrStderr()
			w := &sweep.Worker{Queue: sweep.Queue{AckWait: ackWait, MaxDeliver: maxDeliver}, Idle: idle, Version: Version,
				OnShard: func(study string, i int, done bool) {
					if done && !quiet {
						fmt.Fprintf(log, "%s study %s shard %d done\n", time.Now().Format(time.TimeOnly), study, i)
					}
				}}
			if concurrency <= 0 {
				concurrency = runtime.GOMAXPROCS(0)
			}
			// One shard loop per core: a shard's points run one after another.
			var (
				wg    sync.WaitGroup
				mu    sync.Mutex
				total int
				first error
			)
			for range concurrency {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := w.Work(cmd.Context(), js)
					mu.Lock()
					defer mu.Unlock()
					total += n
					if err != nil && !errors.Is(err, sweep.ErrIdle) && cmd.Context().Err() == nil && first == nil {
						first = err
					}
				}()
			}
			wg.Wait()
			if !quiet {
				fmt.Fprintf(log, "%d shards done\n", total)
			}
			return first
		},
	}
	cmd.Flags().StringVar(&url, "nats", "", "`URL` of the NATS server (required)")
	cmd.Flags().DurationVar(&idle, "idle", 0, "exit after this long without a shard (0: run until interrupted)")
	cmd.Flags().DurationVar(&ackWait, "ack-wait", 30*time.Second, "must match the coordinator's --ack-wait")
	cmd.Flags().IntVar(&maxDeliver, "max-deliver", 10, "must match the coordinator's --max-deliver")
	cmd.Flags().IntVar(&concurrency, "concurrency", 0, "shards processed at once (default: all cores)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no log lines")
	return cmd
}
