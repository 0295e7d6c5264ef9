package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/scenario"
)

// Limits on the work one call may ask for. The engine keeps about 10
// float64 series per option plus 2 per guarantor (at most 10) and sorts a
// copy of each for its intervals: 2M draws stay under ~600 MB, and the
// standard error of a probability at 2M draws (< 0.0004) is far below any
// difference the model can claim.
const (
	DefaultSamples = 20000
	MinSamples     = 100
	MaxSamples     = 2_000_000
	MaxWorkers     = 1024
)

// ErrInput is wrapped by every error about the caller's input (files,
// options): the CLI maps it to exit code 2, the server to HTTP 400.
var ErrInput = errors.New("invalid input")

// Options set a run. The zero value is valid: DefaultSamples draws, seed
// 0, every core.
type Options struct {
	Seed    uint64
	Samples int // Monte Carlo draws per option; 0 means DefaultSamples
	Workers int // goroutines; 0 means GOMAXPROCS; never changes results
	// DriverSamples is the number of draws per end of each one-at-a-time
	// swing: 0 means the engine's default, negative skips drivers.
	DriverSamples int
	// History is a directory of historical cases whose nearest analogues
	// are attached to each option; "" attaches none.
	History string
	// Version is the engine version recorded in every document.
	Version string
	// Engine chooses the engine for every option: scenario.EngineDefault
	// (structural) or scenario.EngineUDG; "" keeps each file's
	// model.engine.
	Engine string
	// Progress, if set, is called as work advances (serialised, possibly
	// from worker goroutines).
	Progress func(Progress)
}

// Progress is a snapshot of a run: Item (0-based) of Items options or
// cases, Done of Total draws within it.
type Progress struct {
	Stage       string // "assess", "backtest"
	Item, Items int
	Name        string // the option or case
	Done, Total int
}

// Fraction is the share of the whole run done, in [0, 1].
func (p Progress) Fraction() float64 {
	if p.Items == 0 || p.Total == 0 {
		return 0
	}
	return (float64(p.Item) + float64(p.Done)/float64(p.Total)) / float64(p.Items)
}

// Check validates the options, with errors that name the flag a user
// would set (the CLI's flags and the API's fields share these names).
func (o Options) Check() error {
	switch {
	case o.Samples != 0 && o.Samples < MinSamples:
		return fmt.Errorf("%w: --samples must be at least %d, not %d", ErrInput, MinSamples, o.Samples)
	case o.Samples > MaxSamples:
		return fmt.Errorf("%w: --samples must be at most %d, not %d (use --seed to repeat runs instead)", ErrInput, MaxSamples, o.Samples)
	case o.Workers < 0 || o.Workers > MaxWorkers:
		return fmt.Errorf("%w: --workers must be between 0 (all cores) and %d, not %d", ErrInput, MaxWorkers, o.Workers)
	case o.DriverSamples > MaxSamples:
		return fmt.Errorf("%w: driver samples must be at most %d, not %d", ErrInput, MaxSamples, o.DriverSamples)
	}
	return nil
}

func (o Options) samples() int {
	if o.Samples == 0 {
		return DefaultSamples
	}
	return o.Samples
}

// Scenario is one loaded and compiled option.
type Scenario struct {
	File      string
	InputHash string // canonical hash of the scenario (scenario.Scenario.InputHash)
	Option    assess.Option
	Model     *assess.Model
}

// Load reads the scenario files named by paths (a directory means its
// *.yaml and *.yml files in name order, skipping _base files), and
// compiles each. Errors wrap ErrInput and name the file and line.
func Load(paths ...string) ([]*Scenario, error) { return LoadWith("", paths...) }

// LoadWith is Load with the engine chosen for every option (see
// Options.Engine).
func LoadWith(engine string, paths ...string) ([]*Scenario, error) {
	files, err := scenario.OptionFiles(paths...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: %s: no scenario files (*.yaml)", ErrInput, strings.Join(paths, ", "))
	}
	out := make([]*Scenario, 0, len(files))
	for _, f := range files {
		s, err := loadFile(f, engine)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// LoadFile reads and compiles one scenario file.
func LoadFile(file string) (*Scenario, error) { return loadFile(file, "") }

func loadFile(file, engine string) (*Scenario, error) {
	s, err := scenario.LoadFile(file, scenario.Options{Countries: assess.Countries})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	return compileEngine(s, engine)
}

// Parse compiles a scenario given as text (name labels errors and resolves
// extends: relative to its directory), for callers that hold the text,
// such as the HTTP server.
func Parse(name string, data []byte) (*Scenario, error) {
	s, err := scenario.Parse(name, data, scenario.Options{Countries: assess.Countries})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	return compile(s)
}

func compile(s *scenario.Scenario) (*Scenario, error) { return compileEngine(s, "") }

func compileEngine(s *scenario.Scenario, engine string) (*Scenario, error) {
	switch engine {
	case "":
	case scenario.EngineDefault, scenario.EngineUDG:
		s.Model.Engine = engine
	default:
		return nil, fmt.Errorf("%w: --engine %q: expected %s or %s", ErrInput, engine, scenario.EngineDefault, scenario.EngineUDG)
	}
	o, err := assess.FromScenario(scenario.Compile(s))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	m, err := assess.Compile(o)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	return &Scenario{File: s.File, InputHash: s.InputHash, Option: o, Model: m}, nil
}

// Run runs the engine on one scenario. progress, if set, gets the draws
// done so far.
func (s *Scenario) Run(ctx context.Context, o Options, progress func(done, total int)) (*assess.Result, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	cfg := assess.Config{Samples: o.samples(), Seed: o.Seed, Workers: o.Workers, DriverSamples: o.DriverSamples, Progress: progress}
	return s.Model.Run(ctx, cfg, o.Version)
}

// Assess loads the options named by paths and assesses each.
func Assess(ctx context.Context, paths []string, o Options) (*contract.Assessment, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	scs, err := LoadWith(o.Engine, paths...)
	if err != nil {
		return nil, err
	}
	return AssessScenarios(ctx, scs, o)
}

// AssessScenarios assesses loaded options, attaching the nearest
// analogues from o.History.
func AssessScenarios(ctx context.Context, scs []*Scenario, o Options) (*contract.Assessment, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	var cases []*Scenario
	if o.History != "" {
		var err error
		if cases, err = LoadWith(o.Engine, o.History); err != nil {
			return nil, fmt.Errorf("history %s: %w", o.History, err)
		}
	}
	var profiles []assess.Profile
	for _, c := range cases {
		profiles = append(profiles, c.Model.Profile())
	}
	doc := contract.NewAssessment(o.Version, o.Seed, o.samples())
	var hashes []string
	for i, s := range scs {
		r, err := s.Run(ctx, o, progressFunc(o, "assess", i, len(scs), s.Option.Name))
		if err != nil {
			return nil, err
		}
		var as []history.Analogue
		if len(profiles) > 0 {
			as = history.Nearest(s.Model.Profile(), profiles, 5)
		}
		doc.Options = append(doc.Options, contract.FromResult(r, s.InputHash, max(s.Option.Horizon, 1), as))
		hashes = append(hashes, s.InputHash)
	}
	if len(cases) > 0 {
		hashes = append(hashes, "history")
		for _, c := range cases {
			hashes = append(hashes, c.InputHash)
		}
	}
	doc.InputHash = CombineHashes(hashes...)
	return doc, nil
}

// CombineHashes is the input hash of a document built from several inputs,
// in order: the first 16 hex digits of the SHA-256 of their hashes joined
// by newlines.
func CombineHashes(hs ...string) string {
	if len(hs) == 1 {
		return hs[0]
	}
	sum := sha256.Sum256([]byte(strings.Join(hs, "\n")))
	return hex.EncodeToString(sum[:])[:16]
}

func progressFunc(o Options, stage string, item, items int, name string) func(done, total int) {
	if o.Progress == nil {
		return nil
	}
	return func(done, total int) {
		o.Progress(Progress{Stage: stage, Item: item, Items: items, Name: name, Done: done, Total: total})
	}
}

// DefaultHistory is the "history" folder beside the first directory among
// paths, when it exists and is not that directory; else "".
func DefaultHistory(paths []string) string {
	for _, a := range paths {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			h := filepath.Join(filepath.Dir(filepath.Clean(a)), "history")
			if filepath.Clean(a) == h {
				return ""
			}
			if st, err := os.Stat(h); err == nil && st.IsDir() {
				return h
			}
			return ""
		}
	}
	return ""
}
