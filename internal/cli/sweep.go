package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/sweep"
)

func init() { register(newSweepCmd) }

type sweepFlags struct {
	vary                                  []string
	design, out, natsURL, format, asOf    string
	points, levels, samples, shard, horiz int
	workers                               int
	seed                                  uint64
	ackWait                               time.Duration
	maxDeliver                            int
	quiet                                 bool
}

func newSweepCmd() *cobra.Command {
	var fl sweepFlags
	cmd := &cobra.Command{
		Use:   "sweep FILE --vary PATH=LO:HI[:STEP] ...",
		Short: "Assess an option over a grid or design of its scenario numbers (locally or on NATS workers)",
		Long: `Assess an option at many values of its scenario numbers, each addressed by its YAML path
(option.guarantors[id=uk].instruments[type=tripwire].troops; [N] indexes a list, [field=value]
selects the element with that field). A design is a grid (every combination; LO:HI:STEP, a list
V1,V2,..., or --levels values between LO and HI), a Latin hypercube or a Sobol design (--points).
Every point is assessed with the same seed (common random numbers).

The work is split into shards stored under --out as they finish; running the same command again
resumes. Locally it uses every core (the results are identical for any --workers). With --nats URL
the shards go to a NATS JetStream work queue, "guarantor worker --nats URL" processes them on any
machine, and this command collects the results into --out: identical, bit for bit, to a local run.
Method and sizing: docs/sweep.md.`,
		Example: `  guarantor sweep examples/ukraine-2025/06-european-tripwire-12000.yaml \
    --vary 'option.guarantors[id=uk].instruments[type=tripwire].troops=1000:20000:1000i' --out sweep-uk
  guarantor sweep option.yaml --vary a.b=0:1 --vary c.d=10:50 --design lhs --points 1000 --samples 1000
  guarantor sweep option.yaml --vary a.b=0:1:0.01 --nats nats://127.0.0.1:4222 --out big   # with workers running`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSweep(cmd, args[0], fl)
		},
	}
	addAsOfFlag(cmd, &fl.asOf)
	f := cmd.Flags()
	f.StringArrayVar(&fl.vary, "vary", nil, "PATH=LO:HI[:STEP] or PATH=V1,V2,... (repeatable; a trailing i on a range asks for integers)")
	f.StringVar(&fl.design, "design", "grid", "grid, lhs (Latin hypercube) or sobol")
	f.IntVar(&fl.points, "points", 100, "points of an lhs or sobol design")
	f.IntVar(&fl.levels, "levels", 5, "grid values of a parameter given as LO:HI without a step")
	f.IntVar(&fl.samples, "samples", 1000, "Monte Carlo draws per point")
	f.Uint64Var(&fl.seed, "seed", 1, "random seed (the same draws at every point)")
	f.IntVar(&fl.horiz, "horizon", 0, "T in years for P(no war by T) (1, 5, 10 or the option's horizon; default the option's)")
	f.IntVar(&fl.shard, "shard-size", 0, "points per shard (default: about 64 shards)")
	f.StringVar(&fl.out, "out", "", "study directory (default sweep-<study id>); an existing one is resumed")
	f.IntVar(&fl.workers, "workers", 0, "local worker goroutines (default: all cores; does not change results)")
	f.StringVar(&fl.natsURL, "nats", "", "`URL` of a NATS server: queue the shards on JetStream and collect the results of guarantor workers")
	f.DurationVar(&fl.ackWait, "ack-wait", 30*time.Second, "with --nats: redeliver a shard whose worker shows no sign of life for this long")
	f.IntVar(&fl.maxDeliver, "max-deliver", 10, "with --nats: deliveries of one shard before it is given up")
	f.StringVar(&fl.format, "format", "text", "output: text (summary), csv or json (every point)")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

func runSweep(cmd *cobra.Command, file string, fl sweepFlags) error {
	if fl.format != "text" && fl.format != "csv" && fl.format != "json" {
		return usageError("--format %q: expected text, csv or json", fl.format)
	}
	if len(fl.vary) == 0 {
		return usageError("give at least one --vary PATH=LO:HI[:STEP]")
	}
	switch {
	case fl.samples < 0 || fl.samples > pipeline.MaxSamples:
		return usageError("--samples must be between 0 (the default, 1000) and %d, not %d", pipeline.MaxSamples, fl.samples)
	case fl.workers < 0 || fl.workers > pipeline.MaxWorkers:
		return usageError("--workers must be between 0 (all cores) and %d, not %d", pipeline.MaxWorkers, fl.workers)
	case fl.horiz < 0:
		return usageError("--horizon must be 0 (the option's) or positive, not %d", fl.horiz)
	case fl.shard < 0:
		return usageError("--shard-size must be 0 (automatic) or positive, not %d", fl.shard)
	}
	var params []sweep.Param
	for _, v := range fl.vary {
		p, err := sweep.ParseParam(v)
		if err != nil {
			return usageError("--vary: %v", err)
		}
		params = append(params, p)
	}
	spec, err := sweep.NewSpec(file, params, sweep.Options{Design: fl.design, N: fl.points, Levels: fl.levels,
		Samples: fl.samples, Seed: fl.seed, Horizon: fl.horiz, ShardSize: fl.shard, Version: Version, AsOf: asOfOrToday(fl.asOf)})
	if err != nil {
		return usageError("%v", err)
	}
	if fl.out == "" {
		fl.out = "sweep-" + spec.ID()
	}
	st, err := sweep.OpenStore(fl.out, spec)
	if err != nil {
		return usageError("%v", err)
	}
	prog := newBar(cmd.ErrOrStderr(), fl.quiet || fl.format != "text")
	start := time.Now()
	update := func(done, total int) { prog.set("shards", int64(done), int64(total)) }
	if fl.natsURL != "" {
		err = sweepOnNATS(cmd.Context(), fl, st, update)
	} else {
		err = sweep.RunLocal(cmd.Context(), st, fl.workers, update)
	}
	prog.done()
	if err != nil {
		if cmd.Context().Err() != nil {
			return fmt.Errorf("interrupted: finished shards are stored in %s; run the same command to resume", fl.out)
		}
		if errors.Is(err, sweep.ErrSpec) {
			// A design point the file cannot take (a value out of its
			// field's range) is bad input, found when that point is
			// assessed rather than up front: exit 2 as for the others.
			return usageError("%v", err)
		}
		return err
	}
	rows, err := st.Rows()
	if err != nil {
		return err
	}
	var csvb bytes.Buffer
	if err := sweep.WriteCSV(&csvb, spec, rows); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(fl.out, "results.csv"), csvb.Bytes(), 0o644); err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	switch fl.format {
	case "csv":
		_, err = out.Write(csvb.Bytes())
		return err
	case "json":
		e := json.NewEncoder(out)
		e.SetIndent("", "  ")
		return e.Encode(sweepDoc(spec, rows))
	}
	return sweepSummary(out, spec, rows, fl.out, time.Since(start))
}

func sweepOnNATS(ctx context.Context, fl sweepFlags, st *sweep.Store, progress sweep.Progress) error {
	nc, err := nats.Connect(fl.natsURL, nats.Name("guarantor sweep"))
	if err != nil {
		return usageError("--nats %s: %v", fl.natsURL, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	q := sweep.Queue{AckWait: fl.ackWait, MaxDeliver: fl.maxDeliver}
	if _, err := sweep.Publish(ctx, js, q, st); err != nil {
		return err
	}
	return sweep.Collect(ctx, js, q, st, progress)
}

// sweepSummary prints every point when there are few, else the range and
// the extreme points, and where the files are.
func sweepSummary(w io.Writer, spec *sweep.Spec, rows []sweep.Row, dir string, took time.Duration) error {
	fmt.Fprintf(w, "Sweep of %s: %s (%s design), %d draws each, seed %d, study %s\n", spec.File, plural(len(rows), "point"), spec.Design, spec.Samples, spec.Seed, spec.ID())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{}
	for i, p := range spec.Params {
		head = append(head, fmt.Sprintf("X%d", i+1))
		fmt.Fprintf(w, "  X%d = %s\n", i+1, p.Path)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\tP(DETERRENCE) ±SE\tP(SOME FIGHTS)\tP(CAPABLE)\tP(NO WAR BY T)\t")
	show := rows
	if len(rows) > 40 {
		lo, hi := 0, 0
		for i, r := range rows {
			if r.PDeter < rows[lo].PDeter {
				lo = i
			}
			if r.PDeter > rows[hi].PDeter {
				hi = i
			}
		}
		show = []sweep.Row{rows[lo], rows[hi]}
		fmt.Fprintln(w, "lowest and highest P(deterrence) (all points in results.csv):")
	}
	for _, r := range show {
		var cells []string
		for _, v := range r.Point {
			cells = append(cells, pointValue(v))
		}
		fmt.Fprintf(tw, "%s\t%.1f%% ±%.1f\t%.1f%%\t%.1f%%\t%.1f%%\t\n", strings.Join(cells, "\t"), 100*r.PDeter, 100*r.PDeterSE, 100*r.PAnyFight, 100*r.PCapable, 100*r.PNoWar)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	draws := int64(len(rows)) * int64(spec.Samples)
	fmt.Fprintf(w, "%s draws in %.1f s; results in %s/results.csv (shards in %s/shards)\n", digitGroups(draws), took.Seconds(), dir, dir)
	return nil
}

// pointValue prints a design value as a user would write it: whole numbers
// in full (1000000, not 1e+06, which read as a different kind of value next
// to 800000), others to six significant digits.
func pointValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// plural writes "1 point", "2 points".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// digitGroups writes n with thousands separators: 300,000 rather than 3e+05.
func digitGroups(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// sweepDoc is the JSON document of a sweep (contract.Sweep); its input
// hash is the study id.
func sweepDoc(spec *sweep.Spec, rows []sweep.Row) *contract.Sweep {
	d := &contract.Sweep{Header: contract.NewHeader("sweep", spec.Version, spec.ID()),
		RunInfo: contract.RunInfo{Seed: spec.Seed, Samples: spec.Samples}, File: spec.File, Design: spec.Design,
		Params: []contract.SweepParam{}, Points: []contract.SweepPoint{}}
	for _, p := range spec.Params {
		d.Params = append(d.Params, contract.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Step: p.Step, Values: append([]float64{}, p.Values...), Integer: p.Integer})
	}
	for _, r := range rows {
		d.Points = append(d.Points, contract.SweepPoint{X: append([]float64{}, r.Point...), PDeterrence: r.PDeter, PDeterrenceSE: r.PDeterSE,
			PAnyFights: r.PAnyFight, PCanWin: r.PCapable, PNoWar: r.PNoWar, PWar: r.PWar})
	}
	return d
}

// asOfOrToday fixes the assessment date of a study when the user gives
// none, so that it is part of the study (its id, and the spec NATS workers
// receive): a worker that runs after midnight, or a resume on another day,
// then assesses the same date as the coordinator.
func asOfOrToday(asOf string) string {
	if asOf != "" {
		return asOf
	}
	return time.Now().UTC().Format(time.DateOnly)
}
