package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/scenario"
)

// evaluator assesses design points of one spec; one per goroutine.
type evaluator struct {
	s     *Spec
	id    string
	tree  any // the option file, decoded once
	paths [][]step
	// Input mode (every parameter an engine input): the option compiled
	// once with each named input replaced by a cell set per point.
	inputs *assess.Model
	cells  []float64
	opt    assess.Option
}

// cell is a Dist whose draws return a value set from outside; its
// quantiles (median, degeneracy check) stay the original's, so the model
// draws the same inputs as without it.
type cell struct {
	assess.Dist
	v    *float64
	name string // the original's String, computed once: every run lists it
}

func (c cell) Rand(*rand.Rand) float64 { return *c.v }
func (c cell) String() string          { return c.name }

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

// openInputs compiles the option once with a cell for each varied input.
func (ev *evaluator) openInputs() error {
	o, err := ev.load(ev.tree)
	if err != nil {
		return err
	}
	base, err := assess.Compile(o)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSpec, ev.s.File, err)
	}
	dists := map[string]assess.Input{}
	for _, in := range base.Inputs {
		dists[in.Name] = in
	}
	ev.cells = make([]float64, len(ev.s.Params))
	o.Coef = maps.Clone(o.Coef)
	if o.Coef == nil {
		o.Coef = map[string]assess.Input{}
	}
	for i, p := range ev.s.Params {
		in, ok := dists[p.Path]
		if !ok {
			return fmt.Errorf("%w: %s: no engine input named %q (guarantor sensitivity lists them)", ErrSpec, ev.s.File, p.Path)
		}
		o.Coef[p.Path] = assess.Input{Name: p.Path, Dist: cell{in.Dist, &ev.cells[i], in.Dist.String()}, Source: in.Source}
	}
	if ev.inputs, err = assess.Compile(o); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSpec, ev.s.File, err)
	}
	ev.opt = o
	return nil
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
		return o, fmt.Errorf("%w (at point %v)", err, pt)
	}
	return o, nil
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
		return assess.Option{}, fmt.Errorf("%w: %v", ErrSpec, err)
	}
	return assess.FromScenario(scenario.Compile(sc))
}

// row assesses one point with the study's seed and draws.
func (ev *evaluator) row(ctx context.Context, pt []float64) (Row, error) {
	var (
		o   assess.Option
		m   *assess.Model
		err error
	)
	if ev.inputs != nil {
		copy(ev.cells, pt)
		o, m = ev.opt, ev.inputs
	} else {
		if o, err = ev.option(pt); err != nil {
			return Row{}, err
		}
		if m, err = assess.Compile(o); err != nil {
			return Row{}, fmt.Errorf("%w: at point %v: %v", ErrSpec, pt, err)
		}
	}
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
	files, err := readFiles(file)
	if err != nil {
		return nil, err
	}
	s := &Spec{File: file, Files: files, Params: params, Samples: samples, Seed: seed, Horizon: horizon}
	ev, err := s.evaluator()
	if err != nil {
		return nil, err
	}
	return &Evaluator{ev: ev}, nil
}

// Row assesses the option with the parameters at pt, with the evaluator's
// seed for every point (common random numbers).
func (e *Evaluator) Row(ctx context.Context, pt []float64) (Row, error) {
	if e.ev.inputs != nil {
		e.mu.Lock()
		defer e.mu.Unlock()
	}
	return e.ev.row(ctx, pt)
}
