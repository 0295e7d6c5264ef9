package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/scenario"
)

// Engine is what the server needs from the library: one way to turn a
// scenario text into an assessment. Implementations must be safe for
// concurrent use.
type Engine interface {
	// Version is the engine version recorded with every run.
	Version() string
	// Prepare parses, validates and compiles a scenario. Bad input gives a
	// scenario.ErrorList (positions point into text, file name name).
	// resolve looks up an "extends:" base by name; nil refuses extends.
	Prepare(name string, text []byte, resolve func(name string) ([]byte, error)) (Job, error)
	// Decode reads a stored result body back for the UI and reports.
	Decode(body []byte) (*assess.Result, error)
}

// Job is one prepared assessment.
type Job interface {
	Option() string
	InputsHash() string
	// Run computes the result and returns its contract JSON. progress is
	// called with draws done out of total (serialised).
	Run(ctx context.Context, seed uint64, samples int, progress func(done, total int)) ([]byte, error)
}

// AssessEngine adapts the assess package (load, compile, run) to Engine.
// It stands in for the pipeline entry point until that lands.
type AssessEngine struct {
	EngineVersion string
	// Workers per run (0: all cores). Results do not depend on it.
	Workers int
	// History holds the compiled historical cases for analogues.
	History []assess.Profile
}

// Version implements Engine.
func (e *AssessEngine) Version() string { return e.EngineVersion }

// Prepare implements Engine.
func (e *AssessEngine) Prepare(name string, text []byte, resolve func(string) ([]byte, error)) (Job, error) {
	opts := scenario.Options{Countries: assess.Countries, ReadFile: func(p string) ([]byte, error) {
		if resolve == nil {
			return nil, errors.New("extends: is not available here")
		}
		// Only the base name is looked up: a request's path never reaches
		// the file system.
		return resolve(strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".yaml"), ".yml"))
	}}
	s, err := scenario.Parse(name, text, opts)
	if err != nil {
		return nil, err
	}
	o, err := assess.FromScenario(scenario.Compile(s))
	if err != nil {
		return nil, err
	}
	m, err := assess.Compile(o)
	if err != nil {
		return nil, err
	}
	return &assessJob{e: e, m: m}, nil
}

// Decode implements Engine.
func (e *AssessEngine) Decode(body []byte) (*assess.Result, error) {
	var doc struct {
		Results []*assess.Result `json:"results"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	if len(doc.Results) != 1 {
		return nil, fmt.Errorf("result holds %d options, want 1", len(doc.Results))
	}
	return doc.Results[0], nil
}

type assessJob struct {
	e *AssessEngine
	m *assess.Model
}

func (j *assessJob) Option() string     { return j.m.Opt.Name }
func (j *assessJob) InputsHash() string { return j.m.Hash() }

func (j *assessJob) Run(ctx context.Context, seed uint64, samples int, progress func(done, total int)) ([]byte, error) {
	r, err := j.m.Run(ctx, assess.Config{Samples: samples, Seed: seed, Workers: j.e.Workers, Progress: progress}, j.e.EngineVersion)
	if err != nil {
		return nil, err
	}
	if len(j.e.History) > 0 {
		r.Analogues = assess.Nearest(j.m.Profile(), j.e.History, 5)
	}
	var b bytes.Buffer
	if err := report.JSON(&b, []*assess.Result{r}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LoadHistory compiles the historical cases in dir (an operator's flag,
// never a request) for analogues.
func LoadHistory(dir string) ([]assess.Profile, error) {
	opts, err := assess.LoadOptions([]string{dir})
	if err != nil {
		return nil, err
	}
	var ps []assess.Profile
	for _, o := range opts {
		m, err := assess.Compile(o)
		if err != nil {
			return nil, err
		}
		ps = append(ps, m.Profile())
	}
	return ps, nil
}
