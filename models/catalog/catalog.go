// Package catalog lists the model library for tools: each model's
// specification and a constructor from named parameters returning an
// Instance that solves itself, builds its tree and checks its equilibria
// with the PBE verifier.
package catalog

import (
	"fmt"
	"sort"
	"strings"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/aeg"
	"github.com/guarantor/guarantor/models/brink"
	"github.com/guarantor/guarantor/models/radg"
	"github.com/guarantor/guarantor/models/rtcg"
	"github.com/guarantor/guarantor/models/tsg"
	"github.com/guarantor/guarantor/models/udg"
)

// Instance is a model with its parameters bound and checked.
type Instance interface {
	Solve() (*models.Solution, error)
	Game() (*game.Tree, error)
}

// Entry is one model of the library.
type Entry struct {
	Spec  models.Spec
	Build func(models.Values) (Instance, error)
}

type plain interface {
	Solve() *models.Solution
	Game() (*game.Tree, error)
}

type wrap struct{ plain }

func (w wrap) Solve() (*models.Solution, error) { return w.plain.Solve(), nil }

func build[M plain](f func(models.Values) (M, error)) func(models.Values) (Instance, error) {
	return func(v models.Values) (Instance, error) {
		m, err := f(v)
		if err != nil {
			return nil, err
		}
		return wrap{m}, nil
	}
}

var entries = []Entry{
	{radg.Spec, build(radg.FromValues)},
	{udg.Spec, build(udg.FromValues)},
	{aeg.Spec, func(v models.Values) (Instance, error) {
		m, err := aeg.FromValues(v)
		if err != nil {
			return nil, err
		}
		return m, nil
	}},
	{rtcg.Spec, build(rtcg.FromValues)},
	{tsg.Spec, build(tsg.FromValues)},
	{brink.Spec, build(brink.FromValues)},
}

// All returns the models in the library's order.
func All() []Entry { return entries }

// Lookup finds a model by name.
func Lookup(name string) (Entry, error) {
	for _, e := range entries {
		if e.Spec.Name == name {
			return e, nil
		}
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Spec.Name
	}
	sort.Strings(names)
	return Entry{}, fmt.Errorf("%w: unknown model %q; the library has %s", models.ErrParams, name, strings.Join(names, ", "))
}

// SolveChecked solves the instance and verifies every equilibrium with the
// PBE verifier on the instance's own tree, recording the result in each
// equilibrium's Check field.
func SolveChecked(inst Instance) (*models.Solution, error) {
	sol, err := inst.Solve()
	if err != nil {
		return nil, err
	}
	tr, err := inst.Game()
	if err != nil {
		return nil, err
	}
	for i := range sol.Equilibria {
		eq := &sol.Equilibria[i]
		rep, err := models.Check(tr, eq)
		if err != nil {
			return nil, fmt.Errorf("checking %s: %w", eq.Region, err)
		}
		eq.Check = &models.CheckSummary{Passed: rep.OK(), MaxRegret: rep.MaxRegret, MaxBayesError: rep.MaxBayesError}
		if !rep.OK() {
			eq.Check.Worst = rep.Worst.String()
		}
	}
	return sol, nil
}
