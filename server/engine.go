package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

// Engine is what the server needs from the library: one way to turn a
// scenario text into an assessment document. Implementations must be
// safe for concurrent use.
type Engine interface {
	// Version is the engine version recorded with every run.
	Version() string
	// Prepare parses, validates and compiles a scenario. Bad input gives
	// an error wrapping a scenario.ErrorList (positions point into text,
	// file name name). resolve looks up an "extends:" base by name; nil
	// refuses extends.
	Prepare(name string, text []byte, resolve func(name string) ([]byte, error)) (Job, error)
	// Decode reads a stored result body (an assessment document of one
	// option) back for the UI and reports.
	Decode(body []byte) (*contract.Assessment, error)
}

// Job is one prepared assessment.
type Job interface {
	Option() string
	// InputsHash is the document's input hash: with the engine version,
	// the seed and the samples it determines every number.
	InputsHash() string
	// Run computes the assessment document (output contract v1, JSON).
	// progress gets the fraction done (0..1).
	Run(ctx context.Context, seed uint64, samples int, progress func(float64)) ([]byte, error)
	// Explain traces the option at its medians (the explain document),
	// including the deterrence game there.
	Explain() *contract.Explanation
}

// PipelineEngine runs assessments through package pipeline, the library's
// one entry point, so the API serves the documents the CLI prints.
type PipelineEngine struct {
	// EngineVersion is the version the documents carry (engine_version).
	EngineVersion string
	// Build names the code (internal/buildid.Key): runs are recorded and
	// looked up under it, so a development build never answers with a
	// result that another build computed. Empty: EngineVersion.
	Build string
	// Workers per run (0: all cores). Results do not depend on it.
	Workers int
	// History is the directory of historical cases for analogues (an
	// operator's flag, never a request); its hashes come from LoadHistory.
	History       string
	historyHashes []string
}

// LoadHistory checks the history directory once and records its cases'
// input hashes, which enter every run's input hash.
func (e *PipelineEngine) LoadHistory() error {
	if e.History == "" {
		return nil
	}
	cases, err := pipeline.Load(e.History)
	if err != nil {
		return err
	}
	e.historyHashes = []string{"history"}
	for _, c := range cases {
		e.historyHashes = append(e.historyHashes, c.InputHash)
	}
	return nil
}

// Version implements Engine: the build when set, else EngineVersion.
func (e *PipelineEngine) Version() string {
	if e.Build != "" {
		return e.Build
	}
	return e.EngineVersion
}

// DocumentVersion is the engine_version the documents carry.
func (e *PipelineEngine) DocumentVersion() string { return e.EngineVersion }

// Prepare implements Engine through pipeline.ParseWith, with extends:
// bases looked up by name in the store, so that no request reaches the
// file system.
func (e *PipelineEngine) Prepare(name string, text []byte, resolve func(string) ([]byte, error)) (Job, error) {
	sc, err := pipeline.ParseWith(name, text, func(p string) ([]byte, error) {
		if resolve == nil {
			return nil, errors.New("extends: is not available here")
		}
		// Only the base name is looked up.
		return resolve(strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".yaml"), ".yml"))
	})
	if err != nil {
		return nil, err
	}
	return &pipelineJob{e: e, sc: sc}, nil
}

// Decode implements Engine.
func (e *PipelineEngine) Decode(body []byte) (*contract.Assessment, error) {
	var doc contract.Assessment
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	if len(doc.Options) != 1 {
		return nil, fmt.Errorf("result holds %d options, want 1", len(doc.Options))
	}
	return &doc, nil
}

type pipelineJob struct {
	e  *PipelineEngine
	sc *pipeline.Scenario
}

func (j *pipelineJob) Option() string { return j.sc.Option.Name }

func (j *pipelineJob) InputsHash() string {
	return pipeline.CombineHashes(append([]string{j.sc.InputHash}, j.e.historyHashes...)...)
}

func (j *pipelineJob) Run(ctx context.Context, seed uint64, samples int, progress func(float64)) ([]byte, error) {
	o := pipeline.Options{Seed: seed, Samples: samples, Workers: j.e.Workers, History: j.e.History, Version: j.e.EngineVersion}
	if progress != nil {
		o.Progress = func(p pipeline.Progress) { progress(p.Fraction()) }
	}
	doc, err := pipeline.AssessScenarios(ctx, []*pipeline.Scenario{j.sc}, o)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := report.JSON(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (j *pipelineJob) Explain() *contract.Explanation {
	return contract.FromTrace(j.sc.Model, j.e.EngineVersion, j.sc.InputHash)
}
