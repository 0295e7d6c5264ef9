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
	"time"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/history"
	"github.com/guarantor/guarantor/scenario"
)

// Limits on the work one call may ask for. The engine keeps about 10
// float64 series per option plus 2 per guarantor (at most 10) and sorts a
// copy of each for its intervals: at MaxSamples, NATO membership (four
// guarantors) peaked at 524 MB resident (measured: guarantor assess
// examples/ukraine-2025/09-nato-accession.yaml --samples 2000000), and
// ten guarantors stay under 1 GB. The standard error of a probability at
// 2M draws (< 0.0004) is far below any difference the model can claim.
const (
	DefaultSamples = 20000
	MinSamples     = 100
	MaxSamples     = 2_000_000
	MaxWorkers     = 1024
)

// ErrInput matches (errors.Is) every error about the caller's input
// (files, options): the CLI maps it to exit code 2, the server to HTTP 400.
// The errors' text is the problem alone, without this sentinel's.
var ErrInput = errors.New("invalid input")

// inputError is an input error; err, when set, is the underlying error
// (a scenario.ErrorList with positions, for errors.As).
type inputError struct {
	msg string
	err error
}

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Unwrap() error        { return e.err }
func (e *inputError) Is(target error) bool { return target == ErrInput }

func inputErrorf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

func wrapInput(err error) error { return &inputError{msg: err.Error(), err: err} }

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
	// AsOf is the date (YYYY-MM-DD) an option without a period is assessed
	// at: it decides the instruments in force. "" means today (UTC). The
	// date enters such an option's input hash, so that a result stays a
	// function of its recorded inputs.
	AsOf string
	// Coefficients, when set, replace the committed fit (deter.Default) as
	// the default engine's coefficients, for this run only (no global
	// state): the catalogue defaults that come from deter and the engine's
	// fixed terms follow them (scenario.CompileWith). A set other than
	// deter.Default enters every input hash. nil is today's engine.
	Coefficients *deter.Coefficients
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
		return inputErrorf("--samples must be at least %d, not %d", MinSamples, o.Samples)
	case o.Samples > MaxSamples:
		return inputErrorf("--samples must be at most %d, not %d (use --seed to repeat runs instead)", MaxSamples, o.Samples)
	case o.Workers < 0 || o.Workers > MaxWorkers:
		return inputErrorf("--workers must be between 0 (all cores) and %d, not %d", MaxWorkers, o.Workers)
	case o.AsOf != "" && !isDate(o.AsOf):
		return inputErrorf("--as-of %q: expected a date YYYY-MM-DD", o.AsOf)
	case o.DriverSamples > MaxSamples:
		return inputErrorf("driver samples must be at most %d, not %d", MaxSamples, o.DriverSamples)
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// asOf is the assessment date of options without a period.
func (o Options) asOf() string {
	if o.AsOf != "" {
		return o.AsOf
	}
	return time.Now().UTC().Format(time.DateOnly)
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
	InputHash string // canonical hash of the scenario (scenario.Scenario.InputHash), with the engine override and the date when they apply
	AsOf      string // the date the option is assessed at (its period's start, or Options.AsOf)
	Option    assess.Option
	Model     *assess.Model
	source    *scenario.Scenario // the parsed file, for readers of fields the compiled option drops (backtest)
}

// Load reads the scenario files named by paths (a directory means its
// *.yaml and *.yml files in name order, skipping _base files), and
// compiles each. Errors match ErrInput, name the file and line, and
// unwrap to the scenario.ErrorList when there is one.
func Load(paths ...string) ([]*Scenario, error) { return LoadOpts(Options{}, paths...) }

// LoadWith is Load with the engine chosen for every option (see
// Options.Engine).
func LoadWith(engine string, paths ...string) ([]*Scenario, error) {
	return LoadOpts(Options{Engine: engine}, paths...)
}

// LoadOpts is Load with the options that shape compilation: Engine and
// AsOf.
func LoadOpts(o Options, paths ...string) ([]*Scenario, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	files, err := scenario.OptionFiles(paths...)
	if err != nil {
		return nil, wrapInput(err)
	}
	if len(files) == 0 {
		return nil, inputErrorf("%s", scenario.NoOptionFiles(paths...))
	}
	out := make([]*Scenario, 0, len(files))
	for _, f := range files {
		s, err := loadFile(f, o)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// LoadFile reads and compiles one scenario file.
func LoadFile(file string) (*Scenario, error) { return loadFile(file, Options{}) }

func loadFile(file string, o Options) (*Scenario, error) {
	s, err := scenario.LoadFile(file, scenario.Options{Countries: assess.Countries, AsOf: o.asOf()})
	if err != nil {
		return nil, wrapInput(err)
	}
	return compileWith(s, o)
}

// Parse compiles a scenario given as text, for callers that hold the
// text, such as the HTTP server; name labels errors. extends: is refused
// (a scenario sent over the network must not read the server's files);
// ParseWith supplies base files.
func Parse(name string, data []byte) (*Scenario, error) {
	return ParseWith(name, data, func(base string) ([]byte, error) {
		return nil, fmt.Errorf("extends: is not available for a scenario given as text (%s)", base)
	})
}

// ParseWith is Parse with extends: bases read by read (resolved relative
// to name's directory).
func ParseWith(name string, data []byte, read func(string) ([]byte, error)) (*Scenario, error) {
	s, err := scenario.Parse(name, data, scenario.Options{Countries: assess.Countries, ReadFile: read, AsOf: Options{}.asOf()})
	if err != nil {
		return nil, wrapInput(err)
	}
	return compile(s)
}

func compile(s *scenario.Scenario) (*Scenario, error) { return compileWith(s, Options{}) }

func compileWith(s *scenario.Scenario, opt Options) (*Scenario, error) {
	hash, engine := s.InputHash, opt.Engine
	switch engine {
	case "":
	case scenario.EngineDefault, scenario.EngineUDG:
		// An override that changes the file's engine changes the result,
		// so it enters the input hash; one that repeats it does not.
		if engine != s.Model.Engine {
			hash = CombineHashes(hash, "engine="+engine)
		}
		s.Model.Engine = engine
	default:
		return nil, inputErrorf("--engine %q: expected %s or %s", engine, scenario.EngineDefault, scenario.EngineUDG)
	}
	c := scenario.CompileWith(s, opt.Coefficients)
	if k := opt.Coefficients; k != nil && k != deter.Default() {
		js, err := k.Marshal()
		if err != nil {
			return nil, err
		}
		hash = CombineHashes(hash, "coefficients="+CombineHashes(hash, string(js)))
	}
	if c.AsOf() == "" {
		// An option without a period is assessed as of a date that decides
		// the instruments in force: the date is an input.
		c.Today = opt.asOf()
		hash = CombineHashes(hash, "as_of="+c.Today)
	}
	o, err := assess.FromScenario(c)
	if err != nil {
		return nil, wrapInput(err)
	}
	m, err := assess.Compile(o)
	if err != nil {
		return nil, wrapInput(err)
	}
	return &Scenario{File: s.File, InputHash: hash, AsOf: c.AsOf(), Option: o, Model: m, source: s}, nil
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
	scs, err := LoadOpts(o, paths...)
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
		if cases, err = LoadOpts(o, o.History); err != nil {
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
		op := contract.FromResult(r, s.InputHash, max(s.Option.Horizon, 1), as)
		op.AsOf = s.AsOf
		doc.Options = append(doc.Options, op)
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
