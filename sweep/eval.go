package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/uncertainty"
)

// evaluator assesses design points of one spec; one per goroutine.
type evaluator struct {
	s     *Spec
	id    string
	tree  any // the option file, decoded once
	paths [][]step
	// Input mode (every parameter an engine input). When the parameters fix
	// every input the engine draws and a point has one draw, draw
	// evaluates it directly (full holds every input, slots the varied
	// ones); otherwise each point recompiles the option with the varied
	// inputs made constants (opt, params: their scenario parameters).
	inputMode bool
	draw      *assess.DrawAt
	full      []float64
	slots     []int
	opt       assess.Option
	params    []int
	horizon   int
}

func (s *Spec) evaluator() (*evaluator, error) {
	text, ok := s.Files[s.File]
	if !ok {
		return nil, fmt.Errorf("%w: the spec lacks the text of %s", ErrSpec, s.File)
	}
	ev := &evaluator{s: s, id: s.ID()}
	if err := yaml.Unmarshal([]byte(text), &ev.tree); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	n := 0
	for _, p := range s.Params {
		if p.Input {
			n++
			continue
		}
		st, err := parsePath(p.Path)
		if err != nil {
			return nil, err
		}
		ev.paths = append(ev.paths, st)
	}
	switch n {
	case 0:
		return ev, nil
	case len(s.Params):
		return ev, ev.openInputs()
	}
	return nil, fmt.Errorf("%w: vary either YAML paths or engine inputs (input:NAME), not both", ErrSpec)
}

// openInputs prepares input mode.
func (ev *evaluator) openInputs() error {
	o, err := ev.load(ev.tree)
	if err != nil {
		return err
	}
	base, err := assess.Compile(o)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSpec, ev.s.File, err)
	}
	ev.inputMode, ev.opt = true, o
	ev.horizon = ev.s.Horizon
	if ev.horizon <= 0 {
		ev.horizon = max(o.Horizon, 1)
	}
	varied := map[int]bool{}
	for _, p := range ev.s.Params {
		i, ok := base.Index(p.Path)
		if !ok {
			return fmt.Errorf("%w: %s: no engine input named %q (guarantor sensitivity lists them)", ErrSpec, ev.s.File, p.Path)
		}
		ev.slots = append(ev.slots, i)
		varied[i] = true
	}
	all := true // do the parameters fix every input the engine draws?
	for i, in := range base.Inputs {
		if base.Reads(i) && in.Dist.Quantile(0.001) != in.Dist.Quantile(0.999) && !varied[i] {
			all = false
		}
	}
	if all && ev.s.Samples == 1 {
		ev.draw, ev.full = base.NewDrawAt(), base.Median()
		return nil
	}
	if o.Compiled == nil || o.Engine == scenario.EngineUDG {
		return fmt.Errorf("%w: %s: fixing some engine inputs while drawing the others needs the structural engine", ErrSpec, ev.s.File)
	}
	for _, p := range ev.s.Params {
		j, ok := o.Compiled.Index(p.Path)
		if !ok {
			return fmt.Errorf("%w: %s: %q is derived by the engine, not a scenario parameter; it can be varied only with every other input (sensitivity)", ErrSpec, ev.s.File, p.Path)
		}
		ev.params = append(ev.params, j)
	}
	return nil
}

// inputRow assesses a point of input mode.
func (ev *evaluator) inputRow(ctx context.Context, pt []float64) (Row, error) {
	if ev.draw != nil {
		for j, i := range ev.slots {
			ev.full[i] = pt[j]
		}
		d := ev.draw.Eval(ev.full, ev.horizon)
		return Row{Point: pt, PDeter: d.PDeter, PAnyFight: d.AnyFight, PCapable: d.CanWin, PNoWar: d.NoWar, PWar: d.PWar}, nil
	}
	o := ev.opt
	c := *o.Compiled
	c.Params = append(c.Params[:0:0], c.Params...)
	for j, i := range ev.params {
		c.Params[i].Dist = uncertainty.PointDist(pt[j])
	}
	o.Compiled = &c
	m, err := assess.Compile(o)
	if err != nil {
		return Row{}, fmt.Errorf("%w: at point %v: %v", ErrSpec, pt, err)
	}
	return ev.run(ctx, o, m, pt)
}

// option builds the option at a design point: the file's tree with each
// parameter set, loaded as the scenario loader would load the file (its
// bases come from the spec, not from disk).
func (ev *evaluator) option(pt []float64) (assess.Option, error) {
	tree := clone(ev.tree)
	for i, p := range ev.s.Params {
		if err := set(tree, ev.paths[i], pt[i], "sweep design point"); err != nil {
			return assess.Option{}, fmt.Errorf("%w: %s: %s: %v", ErrSpec, ev.s.File, p.Path, err)
		}
	}
	o, err := ev.load(tree)
	if err != nil {
		return o, fmt.Errorf("%w (at point %s)", err, ev.describe(pt))
	}
	return o, nil
}

// describe names a design point by its parameters: "X = 1, Y = 2".
func (ev *evaluator) describe(pt []float64) string {
	parts := make([]string, len(pt))
	for i, v := range pt {
		parts[i] = fmt.Sprintf("%s = %s", ev.s.Params[i].Path, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return strings.Join(parts, ", ")
}

// unplace drops the line and column of errors in the option's own file: the
// loader reads the design point's tree written out as one line of JSON, so
// "file:1:49" pointed into text the user never saw (a base file's errors
// keep theirs: bases are read as written).
func unplace(err error, file string) error {
	var list scenario.ErrorList
	var one *scenario.Error
	switch {
	case errors.As(err, &list):
		out := make(scenario.ErrorList, len(list))
		for i, e := range list {
			out[i] = unplaceOne(e, file)
		}
		return out
	case errors.As(err, &one):
		return unplaceOne(one, file)
	}
	return err
}

func unplaceOne(e *scenario.Error, file string) *scenario.Error {
	if e.Pos.File != file {
		return e
	}
	c := *e
	c.Pos.Line, c.Pos.Col = 0, 0
	return &c
}

// load reads a decoded option tree as the scenario loader would read the
// file (its bases come from the spec, not from disk).
func (ev *evaluator) load(tree any) (assess.Option, error) {
	b, err := json.Marshal(tree) // JSON is YAML: the loader reads it as it is
	if err != nil {
		return assess.Option{}, err
	}
	read := func(name string) ([]byte, error) {
		if t, ok := ev.s.Files[name]; ok {
			return []byte(t), nil
		}
		return nil, fmt.Errorf("%s: not in the study's files: %w", name, os.ErrNotExist)
	}
	sc, err := scenario.Parse(ev.s.File, b, scenario.Options{Countries: assess.Countries, ReadFile: read})
	if err != nil {
		return assess.Option{}, fmt.Errorf("%w: %v", ErrSpec, unplace(err, ev.s.File))
	}
	c := scenario.Compile(sc)
	c.Today = ev.s.AsOf // "" leaves the date to the engine's clock
	return assess.FromScenario(c)
}

// row assesses one point with the study's seed and draws.
func (ev *evaluator) row(ctx context.Context, pt []float64) (Row, error) {
	if ev.inputMode {
		return ev.inputRow(ctx, pt)
	}
	o, err := ev.option(pt)
	if err != nil {
		return Row{}, err
	}
	m, err := assess.Compile(o)
	if err != nil {
		return Row{}, fmt.Errorf("%w: at point %v: %v", ErrSpec, pt, err)
	}
	return ev.run(ctx, o, m, pt)
}

// run assesses a compiled point.
func (ev *evaluator) run(ctx context.Context, o assess.Option, m *assess.Model, pt []float64) (Row, error) {
	r, err := m.Run(ctx, assess.Config{Samples: ev.s.Samples, Seed: ev.s.Seed, Workers: 1, DriverSamples: -1}, ev.s.Version)
	if err != nil {
		return Row{}, err
	}
	t := ev.s.Horizon
	if t <= 0 {
		t = max(o.Horizon, 1)
	}
	row := Row{Point: pt, PDeter: r.PDeter.Mean, PDeterSE: r.PDeter.SE, PAnyFight: r.AnyFight.Mean, PCapable: r.CanWin.Mean, PWar: r.PWar.Mean}
	found := false
	for _, h := range r.NoWar {
		if h.Years == t {
			row.PNoWar, found = h.P.Mean, true
		}
	}
	if !found {
		return Row{}, fmt.Errorf("%w: horizon %d: the engine reports P(no war) at 1, 5, 10 years and the option's horizon", ErrSpec, t)
	}
	return row, nil
}

// shard computes one shard's rows, checking ctx between points.
func (ev *evaluator) shard(ctx context.Context, sh Shard) (*ShardResult, error) {
	res := &ShardResult{Study: ev.id, Index: sh.Index}
	for _, pt := range ev.s.Points[sh.Start:sh.End] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := ev.row(ctx, pt)
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, r)
	}
	return res, nil
}

func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = clone(x)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = clone(x)
		}
		return l
	}
	return v
}

// Evaluator assesses arbitrary points of one option, for searches that
// choose their points as they go (package design). It is safe for
// concurrent use (points by engine input share one compiled option, and
// take turns).
type Evaluator struct {
	ev *evaluator
	mu sync.Mutex
}

// NewEvaluator reads the option file and its bases once.
func NewEvaluator(file string, params []Param, samples int, seed uint64, horizon int) (*Evaluator, error) {
	return NewEvaluatorAt("", file, params, samples, seed, horizon)
}

// NewEvaluatorAt is NewEvaluator with an option without a period assessed
// as of a date (YYYY-MM-DD; "" for today, see Spec.AsOf).
func NewEvaluatorAt(asOf, file string, params []Param, samples int, seed uint64, horizon int) (*Evaluator, error) {
	if err := checkDate(asOf); err != nil {
		return nil, err
	}
	files, err := readFiles(file)
	if err != nil {
		return nil, err
	}
	s := &Spec{File: file, Files: files, Params: params, Samples: samples, Seed: seed, Horizon: horizon, AsOf: asOf}
	ev, err := s.evaluator()
	if err != nil {
		return nil, err
	}
	return &Evaluator{ev: ev}, nil
}

// Row assesses the option with the parameters at pt, with the evaluator's
// seed for every point (common random numbers).
func (e *Evaluator) Row(ctx context.Context, pt []float64) (Row, error) {
	if e.ev.inputMode {
		e.mu.Lock()
		defer e.mu.Unlock()
	}
	return e.ev.row(ctx, pt)
}
