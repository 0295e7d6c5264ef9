package pipeline_test

import (
	"context"
	"fmt"

	"github.com/guarantor/guarantor/pipeline"
)

// Assess loads every scenario in a directory, runs the engine and returns
// the assess document of the output contract.
func ExampleAssess() {
	doc, err := pipeline.Assess(context.Background(), []string{"../assess/testdata/options"},
		pipeline.Options{Seed: 7, Samples: 1000, DriverSamples: -1, Version: "example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.SchemaVersion, doc.Output, doc.EngineVersion, doc.Seed, doc.Samples)
	for _, o := range doc.Options {
		p := o.PDeterrence
		fmt.Printf("%s: %d guarantor(s), 0 <= p05 <= mean <= p95 <= 1: %v\n", o.Name, len(o.Guarantors),
			0 <= p.P05 && p.P05 <= p.Mean && p.Mean <= p.P95 && p.P95 <= 1)
	}
	// Output:
	// 1 assess example 7 1000
	// assurance only: 1 guarantor(s), 0 <= p05 <= mean <= p95 <= 1: true
	// pact and tripwire: 2 guarantor(s), 0 <= p05 <= mean <= p95 <= 1: true
}

// A library caller (the server, a sweep) loads once and runs many times;
// a run with the same seed gives the same numbers.
func ExampleScenario_Run() {
	scs, err := pipeline.Load("../assess/testdata/options/b-pact.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	o := pipeline.Options{Seed: 1, Samples: 500, DriverSamples: -1, Workers: 2}
	a, _ := scs[0].Run(context.Background(), o, nil)
	o.Workers = 1
	b, _ := scs[0].Run(context.Background(), o, nil)
	fmt.Println(scs[0].Option.Name, a.PDeter == b.PDeter, len(scs[0].InputHash))
	// Output:
	// pact and tripwire true 16
}

// Bad options are refused before any work, naming the flag.
func ExampleOptions_Check() {
	fmt.Println(pipeline.Options{Samples: 1_000_000_000_000}.Check())
	// Output:
	// --samples must be at most 2000000, not 1000000000000 (use --seed to repeat runs instead)
}

// Progress reports the item and the draws done, for a bar or a stream.
func ExampleOptions_progress() {
	var last pipeline.Progress
	_, err := pipeline.Assess(context.Background(), []string{"../assess/testdata/options"}, pipeline.Options{
		Samples: 1024, DriverSamples: -1, Workers: 1,
		Progress: func(p pipeline.Progress) { last = p },
	})
	fmt.Println(err, last.Stage, last.Item+1, "of", last.Items, last.Done, "of", last.Total, last.Fraction())
	// Output:
	// <nil> assess 2 of 2 1024 of 1024 1
}
