// Package pipeline is guarantor's one entry point from scenario files to
// results: load files or directories, compile each option, run the engine
// under a context with a seed, a number of samples and workers, report
// progress through a callback, and return the versioned documents of
// package contract. The CLI, the HTTP server and the sweeps all call it,
// so that an assessment means the same thing whichever face asks for it.
//
// The whole-run calls:
//
//	Assess(ctx, paths, Options) (*contract.Assessment, error)
//	Backtest(ctx, paths, Options, bins) (*contract.Backtest, error)
//	Explain(version, paths...) ([]*contract.Explanation, error)
//	Game(file) (*game.Tree, error)
//
// and the parts, for callers that load once and run many times (sweeps):
//
//	Load(paths...) / LoadFile(file) / Parse(name, text) -> *Scenario
//	(*Scenario).Run(ctx, Options, progress) (*assess.Result, error)
//	AssessScenarios(ctx, []*Scenario, Options) (*contract.Assessment, error)
//
// Options.Check bounds the work before any is done; errors about the
// caller's input match ErrInput (CLI exit code 2, HTTP 400). Every result
// is a pure function of (engine version, input hash, seed, samples): the
// worker count and GOMAXPROCS never change a bit.
package pipeline
