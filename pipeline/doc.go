// Package pipeline is guarantor's one entry point from scenario files to
// results: load files or directories, compile each option, run the engine
// under a context with a seed, a number of samples and workers, report
// progress through a callback, and return the versioned documents of
// package contract. The CLI, the HTTP server and the sweeps all call it,
// so that an assessment means the same thing whichever face asks for it.
//
// Every result is a pure function of (engine version, input hash, seed,
// samples): the worker count and GOMAXPROCS never change a bit.
package pipeline
