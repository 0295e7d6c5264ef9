package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/design"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/studyreport"
	"github.com/guarantor/guarantor/sweep"
)

func init() { register(newDesignCmd) }

func newDesignCmd() *cobra.Command {
	var (
		target, noWar         float64
		horizon, samples      int
		workers               int
		seed                  uint64
		vary, costs           []string
		strict, exhaustive    bool
		format, svg, reportTo string
		natsURL, out, asOf    string
		ackWait               time.Duration
		quiet                 bool
	)
	cmd := &cobra.Command{
		Use:   "design FILE --target 0.9 --vary PATH=LO:HI:STEP ...",
		Short: "The cheapest package that reaches a target P(deterrence), with its cost frontier",
		Long: `Find the cheapest guarantee package that reaches a target P(deterrence) (and, with --target-nowar,
a target P(no war by T)). FILE is either an option file, varied with --vary (LO:HI:STEP or a list)
at the costs given by --cost, or a design file (docs/design.md) that lists alternatives (option
files with a fixed cost: a US backstop, a treaty) and levers (numbers with a cost per unit: troops,
aircraft, money), with sources. The search bisects along the last lever for every setting of the
others, which is exact when P(deterrence) does not fall as a lever rises (checked on the packages
assessed; --exhaustive assesses the whole grid). Every package is assessed with the same seed and
reported with its 90% Monte Carlo interval; --strict asks the interval's lower end to reach the target.`,
		Example: `  guarantor design examples/ukraine-2025/design/tripwire-size.yaml
  guarantor design examples/ukraine-2025/design/tripwire-size.yaml --target 0.6 --svg pareto.svg
  guarantor design option.yaml --target 0.7 --vary 'capabilities.protege.deployable_troops=100000:1000000:50000i' --cost 'capabilities.protege.deployable_troops=money_usd_bn:0.0001'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" && format != "csv" {
				return usageError("--format %q: expected text, json or csv", format)
			}
			var p *design.Problem
			question := ""
			if design.IsDesignFile(args[0]) {
				if len(vary) > 0 {
					return usageError("--vary: the design file %s lists its levers", args[0])
				}
				var err error
				if p, question, err = design.LoadFile(args[0]); err != nil {
					return usageError("%v", err)
				}
			} else {
				var err error
				if p, err = problemFromFlags(args[0], vary, costs); err != nil {
					return err
				}
			}
			fl := cmd.Flags()
			if fl.Changed("target") || p.Target == 0 && p.NoWarTarget == 0 {
				p.Target = target
			}
			if fl.Changed("target-nowar") {
				p.NoWarTarget = noWar
			}
			if fl.Changed("horizon") || p.Horizon == 0 {
				p.Horizon = horizon
			}
			if fl.Changed("samples") || p.Samples == 0 {
				p.Samples = samples
			}
			if fl.Changed("seed") || p.Seed == 0 {
				p.Seed = seed
			}
			p.AsOf = asOfOrToday(asOf)
			p.Strict = p.Strict || strict
			p.Exhaustive, p.Workers = exhaustive, workers
			switch { // after the file's values are merged: they are checked too
			case p.Samples != 0 && p.Samples < pipeline.MinSamples || p.Samples > pipeline.MaxSamples:
				return usageError("--samples must be between %d and %d, not %d", pipeline.MinSamples, pipeline.MaxSamples, p.Samples)
			case p.Workers < 0 || p.Workers > pipeline.MaxWorkers:
				return usageError("--workers must be between 0 (all cores) and %d, not %d", pipeline.MaxWorkers, p.Workers)
			case p.Horizon < 0:
				return usageError("--horizon must be 0 (the option's) or positive, not %d", p.Horizon)
			case !(p.Target >= 0 && p.Target < 1):
				return usageError("--target %g: expected a probability in (0, 1)", p.Target)
			case !(p.NoWarTarget >= 0 && p.NoWarTarget < 1):
				return usageError("--target-nowar %g: expected a probability in [0, 1)", p.NoWarTarget)
			case p.Target == 0 && p.NoWarTarget == 0:
				// 0 switches a target off; with both off nothing is sought.
				return usageError("no target: --target and --target-nowar are both 0 (with the design file's target merged); give one in (0, 1)")
			}
			if natsURL != "" {
				nc, err := nats.Connect(natsURL, nats.Name("guarantor design"))
				if err != nil {
					return usageError("--nats %s: %v", natsURL, err)
				}
				defer nc.Close()
				js, err := jetstream.New(nc)
				if err != nil {
					return err
				}
				if out == "" {
					out = "design-batches"
				}
				q := sweep.Queue{AckWait: ackWait}
				o := sweep.Options{Samples: p.Samples, Seed: p.Seed, Horizon: p.Horizon, Version: Version, AsOf: p.AsOf}
				p.Batch = func(ctx context.Context, a design.Alternative, levers []sweep.Param, pts [][]float64) ([]sweep.Row, error) {
					return sweep.Batch(ctx, out, a.File, levers, pts, o, func(ctx context.Context, st *sweep.Store) error {
						return sweep.RunNATS(ctx, js, q, st, nil)
					})
				}
			}
			prog := newBar(cmd.ErrOrStderr(), quiet || format != "text")
			res, err := design.Solve(cmd.Context(), *p, func(n int) { prog.set("packages assessed", int64(n), -1) })
			prog.done()
			if err != nil {
				return usageError("%v", err)
			}
			d := &studyreport.Design{Question: question, Problem: *p, Result: res, Version: Version}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				err = studyreport.DesignJSON(out, d, designHash(p))
			case "csv":
				err = studyreport.DesignCSV(out, d)
			default:
				err = studyreport.DesignText(out, d)
			}
			if err != nil {
				return err
			}
			if svg != "" {
				if err := os.WriteFile(svg, []byte(studyreport.ParetoSVG(d)), 0o644); err != nil {
					return err
				}
			}
			if reportTo != "" {
				var b strings.Builder
				if err := studyreport.DesignText(&b, d); err != nil {
					return err
				}
				sec := template.HTML(`<section><h2>` + template.HTMLEscapeString(question) + `</h2>` + studyreport.ParetoSVG(d) +
					`<pre>` + template.HTMLEscapeString(b.String()) + `</pre></section>`)
				f, err := os.Create(reportTo)
				if err != nil {
					return err
				}
				if err := studyreport.Page(f, "Design", Version, time.Now(), sec); err != nil {
					f.Close()
					return err
				}
				return f.Close()
			}
			return nil
		},
	}
	addAsOfFlag(cmd, &asOf)
	f := cmd.Flags()
	f.Float64Var(&target, "target", 0.8, "target P(deterrence)")
	f.Float64Var(&noWar, "target-nowar", 0, "also require P(no war by --horizon) to reach this")
	f.IntVar(&horizon, "horizon", 0, "T in years for P(no war by T) (1, 5, 10 or the option's horizon)")
	f.StringArrayVar(&vary, "vary", nil, "with an option file: a lever PATH=LO:HI:STEP or PATH=V1,V2,... (repeatable; the last is bisected)")
	f.StringArrayVar(&costs, "cost", nil, "with an option file: PATH=COMPONENT:PER_UNIT[,COMPONENT:PER_UNIT] (default cost:1 per unit)")
	f.IntVar(&samples, "samples", 20000, "Monte Carlo draws per package")
	f.Uint64Var(&seed, "seed", 1, "random seed (the same draws for every package)")
	f.IntVar(&workers, "workers", 0, "worker goroutines (default: all cores; does not change results)")
	f.BoolVar(&strict, "strict", false, "a package reaches the target only if its 90% interval's lower end does")
	f.BoolVar(&exhaustive, "exhaustive", false, "assess every package in the grid instead of bisecting")
	f.StringVar(&format, "format", "text", "output: text, json or csv (every package assessed)")
	f.StringVar(&svg, "svg", "", "write the cost frontier chart (SVG) to this file")
	f.StringVar(&reportTo, "report", "", "write an HTML report (chart and text) to this file")
	f.StringVar(&natsURL, "nats", "", "`URL` of a NATS server: assess each round's packages on guarantor workers (same results as locally)")
	f.StringVar(&out, "out", "", "with --nats: directory for the rounds' studies (default design-batches; reruns reuse them)")
	f.DurationVar(&ackWait, "ack-wait", 30*time.Second, "with --nats: must match the workers' --ack-wait")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

// designHash is the input hash of a design document: the alternatives'
// canonical scenario hashes, then a hash of the question itself (levers,
// costs, weights, targets).
func designHash(p *design.Problem) string {
	var hs []string
	for _, a := range p.Alternatives {
		h := "unreadable"
		if scs, err := pipeline.LoadOpts(pipeline.Options{AsOf: p.AsOf}, a.File); err == nil && len(scs) == 1 {
			h = scs[0].InputHash
		}
		hs = append(hs, h)
	}
	q := *p
	q.Alternatives = nil
	for _, a := range p.Alternatives {
		q.Alternatives = append(q.Alternatives, design.Alternative{Name: a.Name, Cost: a.Cost, Source: a.Source})
	}
	b, _ := json.Marshal(q)
	sum := sha256.Sum256(b)
	return pipeline.CombineHashes(append(hs, hex.EncodeToString(sum[:])[:16])...)
}

// problemFromFlags builds a one-alternative problem from an option file.
func problemFromFlags(file string, vary, costs []string) (*design.Problem, error) {
	if len(vary) == 0 {
		return nil, usageError("give at least one --vary PATH=LO:HI:STEP (or a design file)")
	}
	per := map[string]map[string]float64{}
	for _, c := range costs {
		i := strings.LastIndex(c, "=") // the path may hold [field=value]
		path, spec, ok := c[:max(i, 0)], c[i+1:], i > 0
		if !ok {
			return nil, usageError("--cost %q: expected PATH=COMPONENT:PER_UNIT[,...]", c)
		}
		per[path] = map[string]float64{}
		for _, part := range strings.Split(spec, ",") {
			name, val, ok := strings.Cut(part, ":")
			v, err := strconv.ParseFloat(val, 64)
			if !ok || name == "" || err != nil {
				return nil, usageError("--cost %q: %q: expected COMPONENT:PER_UNIT", c, part)
			}
			per[path][name] = v
		}
	}
	p := &design.Problem{Alternatives: []design.Alternative{{Name: file, File: file}}}
	for _, v := range vary {
		prm, err := sweep.ParseParam(v)
		if err != nil {
			return nil, usageError("--vary: %v", err)
		}
		cost, ok := per[prm.Path]
		if !ok {
			cost = map[string]float64{"cost": 1}
		}
		delete(per, prm.Path)
		p.Levers = append(p.Levers, design.Lever{Param: prm, Cost: cost})
	}
	for path := range per {
		return nil, usageError("--cost %s: no --vary with that path", path)
	}
	return p, nil
}
