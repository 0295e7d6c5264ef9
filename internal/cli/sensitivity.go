package cli

import (
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/sensitivity"
	"github.com/guarantor/guarantor/study"
	"github.com/guarantor/guarantor/studyreport"
	"github.com/guarantor/guarantor/sweep"
)

func init() { register(newSensitivityCmd) }

// maxSensitivityRows bounds N: the analysis keeps N × (factors + 2) × 4
// outputs in memory (260 MB at N = 2^18 with 30 factors).
const maxSensitivityRows = 1 << 18

// maxBootstrap bounds --bootstrap (time grows as N x replicates; 1e12
// replicates asked for 248 TB): 10,000 is 20 times the default.
const maxBootstrap = 10_000

type sensitivityFlags struct {
	n, workers, boot, horizon, swingRows int
	seed                                 uint64
	level                                float64
	groups, format, svgDir, pngDir       string
	reportPath, natsURL, out             string
	asOf                                 string
	ackWait                              time.Duration
	quiet                                bool
}

func newSensitivityCmd() *cobra.Command {
	var fl sensitivityFlags
	cmd := &cobra.Command{
		Use:   "sensitivity FILE...",
		Short: "Which uncertain inputs drive the answer: Sobol indices and one-at-a-time swings",
		Long: `Variance-based sensitivity of an option (a scenario file) for P(deterrence), P(some guarantor
fights), P(capable) and P(no war by T): first-order and total Sobol indices of every uncertain input
(or group of inputs) with bootstrap intervals, and one-at-a-time swings for a tornado chart.
Quasi-random Saltelli design on the Sobol sequence; the result is identical for a seed whatever
the number of workers. Method: docs/sensitivity.md.`,
		Example: `  guarantor sensitivity examples/ukraine-2025/07-european-tripwire-us-backstop.yaml
  guarantor sensitivity option.yaml --groups guarantor --format csv
  guarantor sensitivity option.yaml --groups 'europe=guarantors.uk.*|guarantors.france.*' --svg charts/
  guarantor sensitivity option.yaml --samples 8192 --report sensitivity.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.format != "text" && fl.format != "json" && fl.format != "csv" {
				return usageError("--format %q: expected text, json or csv", fl.format)
			}
			if fl.n < 64 || fl.n > maxSensitivityRows {
				return usageError("--samples %d: expected 64 to %d base rows", fl.n, maxSensitivityRows)
			}
			if fl.workers < 0 || fl.workers > pipeline.MaxWorkers {
				return usageError("--workers %d: expected 0 (all cores) to %d", fl.workers, pipeline.MaxWorkers)
			}
			if fl.swingRows < 0 || fl.swingRows > maxSensitivityRows {
				return usageError("--swing-rows %d: expected 0 to %d", fl.swingRows, maxSensitivityRows)
			}
			if !(fl.level > 0 && fl.level < 1) { // NaN too
				return usageError("--level %g: expected a coverage in (0, 1)", fl.level)
			}
			if fl.boot < 0 || fl.boot > maxBootstrap {
				return usageError("--bootstrap %d: expected 0 (none) to %d", fl.boot, maxBootstrap)
			}
			if fl.horizon < 0 {
				return usageError("--horizon %d: expected 0 (the option's) or a positive number of years", fl.horizon)
			}
			scs, err := pipeline.LoadOpts(pipeline.Options{AsOf: fl.asOf}, args...)
			if err != nil {
				return usageError("%v", err)
			}
			prog := newBar(cmd.ErrOrStderr(), fl.quiet || fl.format != "text")
			var studies []*studyreport.Sensitivity
			for i, sc := range scs {
				desc := fmt.Sprintf("sensitivity %d/%d", i+1, len(scs))
				s, err := runSensitivity(cmd.Context(), sc, fl, func(done, total int) { prog.set(desc, int64(done), int64(total)) })
				if err != nil {
					prog.done()
					return err
				}
				studies = append(studies, s)
			}
			prog.done()
			return renderSensitivity(cmd, studies, fl)
		},
	}
	addAsOfFlag(cmd, &fl.asOf)
	f := cmd.Flags()
	f.IntVar(&fl.n, "samples", 4096, "base sample size N (rows of the Saltelli matrices; a power of two); engine runs = N x (factors + 2)")
	f.Uint64Var(&fl.seed, "seed", 1, "random seed (design shift and bootstrap)")
	f.IntVar(&fl.workers, "workers", 0, "worker goroutines (default: all cores; does not change results)")
	f.IntVar(&fl.boot, "bootstrap", 500, "bootstrap replicates for the intervals (0: none)")
	f.Float64Var(&fl.level, "level", 0.95, "coverage of the bootstrap intervals")
	f.IntVar(&fl.horizon, "horizon", 0, "T in years for P(no war by T) (default: the option's horizon)")
	f.IntVar(&fl.swingRows, "swing-rows", 512, "rows per end of each one-at-a-time swing (0: no tornado)")
	f.StringVar(&fl.groups, "groups", "none", `pool inputs: none, guarantor, section, or "NAME=PATTERN[|PATTERN...][;NAME=...]" (glob patterns on input names)`)
	f.StringVar(&fl.format, "format", "text", "output: text, json or csv")
	f.StringVar(&fl.svgDir, "svg", "", "write the Sobol bar and tornado charts as SVG files into this directory")
	f.StringVar(&fl.pngDir, "png", "", "write the charts as PNG files into this directory")
	f.StringVar(&fl.reportPath, "report", "", "write a self-contained HTML report (charts, inputs table) to this file")
	f.StringVar(&fl.natsURL, "nats", "", "`URL` of a NATS server: evaluate the design on guarantor workers (same result as locally)")
	f.StringVar(&fl.out, "out", "", "with --nats: directory for the design's study (default sensitivity-batches; reruns reuse it)")
	f.DurationVar(&fl.ackWait, "ack-wait", 30*time.Second, "with --nats: must match the workers' --ack-wait")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

// runSensitivity opens the option, runs the Sobol analysis and the swings.
func runSensitivity(ctx context.Context, sc *pipeline.Scenario, fl sensitivityFlags, progress func(done, total int)) (*studyreport.Sensitivity, error) {
	o := sc.Option
	start := time.Now()
	run := sensitivity.Config{N: fl.n, Seed: fl.seed, Workers: fl.workers, Bootstrap: fl.boot, Level: fl.level}
	if fl.boot == 0 {
		run.Bootstrap = -1
	}
	workers := fl.workers
	if workers <= 0 {
		workers = runtimeWorkers()
	}
	run.Workers = workers
	m, err := study.Open(o, study.Options{Workers: workers, Horizon: fl.horizon})
	if err != nil {
		return nil, usageError("%v", err)
	}
	if err := m.Group(fl.groups); err != nil {
		return nil, usageError("--groups: %v", err)
	}
	if len(m.Inputs) == 0 {
		return nil, usageError("%s: the option has no uncertain input to analyse", o.File)
	}
	run.Outputs = study.OutputNames(m.Horizon)
	s := &studyreport.Sensitivity{Option: o.Name, File: o.File, InputHash: sc.InputHash, Version: Version, Seed: fl.seed, Groups: fl.groups, SwingRows: fl.swingRows}
	var in []sensitivity.Input
	for _, x := range m.Inputs {
		in = append(in, sensitivity.Input{Name: x.Name, Group: x.Group, Quantile: x.Quantile})
		s.Inputs = append(s.Inputs, studyreport.SensitivityInput{Name: x.Name, Dist: x.Dist, Source: x.Source, Group: x.Group})
	}
	factors := map[string]bool{}
	for _, x := range in {
		factors[x.Name+"\x00"+x.Group] = true
	}
	if fl.natsURL != "" {
		// The date the option was compiled for; a period's start (which may
		// be a bare year) needs none: the period decides.
		asOf := sc.AsOf
		if _, err := time.Parse(time.DateOnly, asOf); err != nil {
			asOf = ""
		}
		batch, closeConn, err := sensitivityOnNATS(fl, o.File, asOf, m)
		if err != nil {
			return nil, err
		}
		defer closeConn()
		run.Batch = batch
	}
	total := fl.n * (len(in) + 2)
	if fl.swingRows > 0 {
		total += 2 * fl.swingRows * len(in)
	}
	done := 0
	run.Progress = func(d, _ int) { progress(done+d, total) }
	if s.Sobol, err = sensitivity.Analyze(ctx, in, m.Eval, run); err != nil {
		return nil, err
	}
	done = s.Sobol.Evals
	if fl.swingRows > 0 {
		if s.Swings, err = sensitivity.Swings(ctx, in, m.Eval, fl.swingRows, 0.05, 0.95, run); err != nil {
			return nil, err
		}
	}
	s.Seconds = time.Since(start).Seconds()
	return s, nil
}

func renderSensitivity(cmd *cobra.Command, ss []*studyreport.Sensitivity, fl sensitivityFlags) error {
	out := cmd.OutOrStdout()
	if fl.format == "csv" {
		if err := studyreport.SensitivityCSVAll(out, ss); err != nil {
			return err
		}
	}
	for i, s := range ss {
		var err error
		switch fl.format {
		case "json":
			err = studyreport.SensitivityJSON(out, s)
		case "csv": // written above, as one table
		default:
			if i > 0 {
				fmt.Fprintln(out)
			}
			err = studyreport.SensitivityText(out, s)
		}
		if err != nil {
			return err
		}
	}
	for _, dir := range []struct {
		path string
		png  bool
	}{{fl.svgDir, false}, {fl.pngDir, true}} {
		if dir.path == "" {
			continue
		}
		if err := writeSensitivityCharts(dir.path, ss, dir.png); err != nil {
			return err
		}
	}
	if fl.reportPath != "" {
		var secs []template.HTML
		for _, s := range ss {
			sec, err := studyreport.SensitivitySection(s)
			if err != nil {
				return err
			}
			secs = append(secs, sec)
		}
		f, err := os.Create(fl.reportPath)
		if err != nil {
			return err
		}
		if err := studyreport.Page(f, "Sensitivity", Version, time.Now(), secs...); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return nil
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a file-name part from an option or output name.
func slug(s string) string {
	return strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func writeSensitivityCharts(dir string, ss []*studyreport.Sensitivity, png bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range ss {
		base := slug(strings.TrimSuffix(filepath.Base(s.File), filepath.Ext(s.File)))
		for o, name := range s.Sobol.Outputs {
			charts := map[string]string{"sobol": studyreport.SobolSVG(s, o, 15)}
			if len(s.Swings) > 0 {
				charts["tornado"] = studyreport.TornadoSVG(s, o, 15)
			}
			for kind, svg := range charts {
				p := filepath.Join(dir, fmt.Sprintf("%s-%s-%s", base, kind, slug(name)))
				var err error
				if png {
					err = studyreport.WriteSensitivityPNG(p+".png", s, o, kind)
				} else {
					err = os.WriteFile(p+".svg", []byte(svg), 0o644)
				}
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func runtimeWorkers() int { return runtime.GOMAXPROCS(0) }

// sensitivityOnNATS returns a batch evaluator that runs the design's rows
// as a sweep over the option's engine inputs on NATS workers, at the date
// the option was compiled for locally (asOf), so workers agree with it.
func sensitivityOnNATS(fl sensitivityFlags, file, asOf string, m *study.Model) (func(context.Context, [][]float64) ([][]float64, error), func(), error) {
	nc, err := nats.Connect(fl.natsURL, nats.Name("guarantor sensitivity"))
	if err != nil {
		return nil, nil, usageError("--nats %s: %v", fl.natsURL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	out := fl.out
	if out == "" {
		out = "sensitivity-batches"
	}
	var params []sweep.Param
	for _, x := range m.Inputs {
		params = append(params, sweep.Param{Path: x.Name, Input: true})
	}
	q := sweep.Queue{AckWait: fl.ackWait}
	o := sweep.Options{Samples: 1, Horizon: m.Horizon, Version: Version, AsOf: asOf}
	batch := func(ctx context.Context, xs [][]float64) ([][]float64, error) {
		rows, err := sweep.Batch(ctx, out, file, params, xs, o, func(ctx context.Context, st *sweep.Store) error {
			return sweep.RunNATS(ctx, js, q, st, nil)
		})
		if err != nil {
			return nil, err
		}
		ys := make([][]float64, len(rows))
		for i, r := range rows {
			ys[i] = []float64{r.PDeter, r.PAnyFight, r.PCapable, r.PNoWar}
		}
		return ys, nil
	}
	return batch, nc.Close, nil
}
