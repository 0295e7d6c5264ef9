// Package study opens a guarantee option for the studies that run the
// engine many times: sensitivity analysis (per-draw outputs at a given
// input vector), sweeps and package design (option-level estimates for a
// scenario with some of its numbers replaced).
//
// Options come from the pipeline entry point (pipeline.Load); each draw is
// evaluated by assess.DrawAt (the engine's per-draw evaluation at inputs the
// caller sets), about 1-2 µs a call, for either engine.
package study
