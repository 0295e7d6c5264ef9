package spellindex

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/scenario"
)

// The engine's index of a dyad-year with the target's guarantors
// (docs/fit.md, "General-stage guarantees: the target's defence pacts",
// rule 3), for the ~222,000 rows of the general stage's fit. Parsing a
// YAML file per row would dominate the time, so a scenario is parsed once
// per (challenger, target, guarantor set) and each row's scenario is that
// one with its own period: everything after parsing (scenario.CompileWith,
// assess.FromScenario, assess.Compile, Explain) is the engine's, per row.
// The parsed scenario depends on the year only through the period and the
// parser's check that every state was in the system (each row's states
// have a CINC in its year, so they were); TestDyadYearIndexMatchesYAML
// checks the rows against the per-row YAML path.

// DyadYearIndex is fit.DyadYearIndexFunc computed by the engine, in
// parallel over GOMAXPROCS workers (the engine's compile and explain are
// pure functions of their inputs); the result does not depend on the
// number of workers.
func DyadYearIndex(ctx context.Context, pc *deter.Coefficients, qs []fit.DyadYearQuery) (x, qsum []float64, err error) {
	x, qsum = make([]float64, len(qs)), make([]float64, len(qs))
	// Group the rows by template so that each is parsed once, and deal the
	// groups to the workers in contiguous blocks of rows.
	groups := map[string][]int{}
	var keys []string
	for i, q := range qs {
		k := templateKey(q)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(keys)))
	next := make(chan string)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				if errs[w] != nil || ctx.Err() != nil {
					continue // drain
				}
				rows := groups[k]
				sc, err := parseQuery(qs[rows[0]])
				if err != nil {
					errs[w] = err
					continue
				}
				for _, i := range rows {
					if x[i], qsum[i], err = indexOf(pc, sc, qs[i]); err != nil {
						errs[w] = err
						break
					}
				}
			}
		}()
	}
	for _, k := range keys {
		next <- k
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	return x, qsum, nil
}

// templateKey identifies the rows that share a parsed scenario.
func templateKey(q fit.DyadYearQuery) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(q.A) + ">" + strconv.Itoa(q.B))
	for _, g := range q.Guarantors {
		b.WriteString("," + strconv.Itoa(g))
	}
	return b.String()
}

// queryText is the dyad-year's scenario file: challenger A, protege B,
// stage general, the period starting on 1 January of q.Year, each
// guarantor with one public defence pact on national capability.
func queryText(q fit.DyadYearQuery) (string, error) {
	return scenarioText(fmt.Sprintf("dyad-year %d-%d %d", q.A, q.B, q.Year+1), q.A, q.B, q.Year, "general", q.Guarantors)
}

func parseQuery(q fit.DyadYearQuery) (*scenario.Scenario, error) {
	src, err := queryText(q)
	if err != nil {
		return nil, fmt.Errorf("dyad-year %d→%d (%d): %w", q.A, q.B, q.Year+1, err)
	}
	sc, err := scenario.Parse("dyadyear.yaml", []byte(src), scenario.Options{Countries: assess.Countries})
	if err != nil {
		return nil, fmt.Errorf("dyad-year %d→%d (%d): %w", q.A, q.B, q.Year+1, err)
	}
	return sc, nil
}

// indexOf runs the engine on template with q's period.
func indexOf(pc *deter.Coefficients, template *scenario.Scenario, q fit.DyadYearQuery) (x, qsum float64, err error) {
	sc := *template
	sc.Period = &scenario.Period{Start: fmt.Sprintf("%04d-01-01", q.Year)}
	return explainIndex(pc, &sc, q)
}

// explainIndex compiles sc against pc and reads x = ln C̄ − ln Π of the
// general stage's trace at the medians.
func explainIndex(pc *deter.Coefficients, sc *scenario.Scenario, q fit.DyadYearQuery) (x, qsum float64, err error) {
	o, err := assess.FromScenario(scenario.CompileWith(sc, pc))
	if err != nil {
		return 0, 0, fmt.Errorf("dyad-year %d→%d (%d): %w", q.A, q.B, q.Year+1, err)
	}
	m, err := assess.Compile(o)
	if err != nil {
		return 0, 0, fmt.Errorf("dyad-year %d→%d (%d): %w", q.A, q.B, q.Year+1, err)
	}
	t := m.Explain().Structural
	if t == nil || !t.General {
		return 0, 0, fmt.Errorf("dyad-year %d→%d (%d): the engine did not run its general stage", q.A, q.B, q.Year+1)
	}
	if len(t.Guarantors) != len(q.Guarantors) {
		return 0, 0, fmt.Errorf("dyad-year %d→%d (%d): %d guarantors in the engine for %d", q.A, q.B, q.Year+1, len(t.Guarantors), len(q.Guarantors))
	}
	for _, g := range t.Guarantors {
		qsum += g.Q
	}
	return math.Log(t.Cbar) - math.Log(t.Pi), qsum, nil
}

// yamlIndex is the per-row YAML path (the post-war test's Index for a
// dyad-year): the reference DyadYearIndex is tested against.
func yamlIndex(pc *deter.Coefficients, q fit.DyadYearQuery) (x, qsum float64, err error) {
	sc, err := parseQuery(q)
	if err != nil {
		return 0, 0, err
	}
	return explainIndex(pc, sc, q)
}

// init registers DyadYearIndex as fit.Run's default engine, so that a run
// without Options.EngineDyadYearIndex (fit's tests) still runs the
// guarantee test and reproduces the committed, G3-adopting fit.
func init() { fit.SetDyadYearIndex(DyadYearIndex) }
