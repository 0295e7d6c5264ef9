package sweep

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/inputfile"
	"github.com/guarantor/guarantor/scenario"
)

// Spec is a whole study: everything a worker needs to compute any shard,
// so that workers share no files with the coordinator.
type Spec struct {
	Version string // guarantor version; results are comparable within one
	File    string // the option file, as named
	// Files holds every file the option reads (itself and its extends:
	// bases) by the name the loader asks for.
	Files   map[string]string
	Params  []Param
	Design  string
	Points  [][]float64
	Samples int    // Monte Carlo draws per point
	Seed    uint64 // the same for every point: common random numbers
	// Horizon is T for P(no war by T); 0 means the option's horizon.
	Horizon   int
	ShardSize int
	// AsOf (YYYY-MM-DD) is the date an option without a period is assessed
	// at; "" leaves it to the engine's clock (today). Left out of the JSON
	// when empty so that the ids of studies stored before it existed do
	// not change.
	AsOf string `json:",omitempty"`
}

// Options for NewSpec.
type Options struct {
	Design    string // grid (default), lhs, sobol
	N         int    // points of an lhs or sobol design
	Levels    int    // grid levels of a parameter with no step or list (default 5)
	Samples   int    // draws per point (default 1000)
	Seed      uint64
	Horizon   int
	ShardSize int // points per shard (default: about 64 shards, at least 1)
	Version   string
	AsOf      string // see Spec.AsOf
}

// NewSpec reads the option file and its bases, builds the design and
// checks that every path resolves (by compiling the first point).
func NewSpec(file string, params []Param, o Options) (*Spec, error) {
	if o.Design == "" {
		o.Design = Grid
	}
	if o.Levels == 0 {
		o.Levels = 5
	}
	pts, err := Points(o.Design, params, o.N, o.Levels, o.Seed)
	if err != nil {
		return nil, err
	}
	return buildSpec(file, params, o.Design, pts, o)
}

// Explicit is the design of a spec whose points the caller chose.
const Explicit = "points"

// NewSpecPoints is NewSpec for points the caller chose (a search's
// batch), each with one value per parameter.
func NewSpecPoints(file string, params []Param, points [][]float64, o Options) (*Spec, error) {
	if len(points) == 0 || len(points) > MaxPoints {
		return nil, fmt.Errorf("%w: %d points", ErrSpec, len(points))
	}
	for i, p := range points {
		if len(p) != len(params) {
			return nil, fmt.Errorf("%w: point %d has %d values for %d parameters", ErrSpec, i, len(p), len(params))
		}
	}
	return buildSpec(file, params, Explicit, points, o)
}

func buildSpec(file string, params []Param, design string, pts [][]float64, o Options) (*Spec, error) {
	if o.Samples == 0 {
		o.Samples = 1000
	}
	if o.Samples < 1 {
		return nil, fmt.Errorf("%w: %d draws per point", ErrSpec, o.Samples)
	}
	if err := checkDate(o.AsOf); err != nil {
		return nil, err
	}
	files, err := readFiles(file)
	if err != nil {
		return nil, err
	}
	s := &Spec{Version: o.Version, File: file, Files: files, Params: params, Design: design, Points: pts,
		Samples: o.Samples, Seed: o.Seed, Horizon: o.Horizon, ShardSize: o.ShardSize, AsOf: o.AsOf}
	// A shard's points (about 24 bytes a value) and its result (about 200
	// bytes a row) must each fit in one NATS message.
	most := min(MaxShardPoints, max(1, 400_000/(24*len(params)+200)))
	if s.ShardSize <= 0 {
		s.ShardSize = min(max(1, (len(pts)+63)/64), most)
	}
	if s.ShardSize > most {
		return nil, fmt.Errorf("%w: %d points per shard (at most %d for %d parameters: a shard travels as one NATS message)", ErrSpec, s.ShardSize, most, len(params))
	}
	ev, err := s.evaluator()
	if err != nil {
		return nil, err
	}
	if _, err := ev.row(context.Background(), pts[0]); err != nil {
		return nil, err
	}
	return s, nil
}

// readFiles loads the option file as the scenario loader would, keeping
// the text of every file it reads (the file and its extends: bases).
func readFiles(file string) (map[string]string, error) {
	files := map[string]string{}
	read := func(name string) ([]byte, error) {
		b, err := inputfile.Read(name, scenario.MaxFileBytes)
		if err == nil {
			// The loader drops a byte-order mark; the evaluator parses
			// the kept text itself, so it must not see one either.
			files[name] = strings.TrimPrefix(string(b), "\ufeff")
		}
		return b, err
	}
	if _, err := scenario.LoadFile(file, scenario.Options{Countries: assess.Countries, ReadFile: read}); err != nil {
		return nil, err
	}
	return files, nil
}

// ID identifies the study: a hash of the whole spec.
func (s *Spec) ID() string {
	b, _ := json.Marshal(s) // maps marshal in key order: deterministic
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// MaxShardPoints bounds a shard: its result (about 200 bytes a point in
// JSON) must fit in one NATS message (1 MB by default).
const MaxShardPoints = 2000

// Shard is a range of consecutive points.
type Shard struct {
	Index, Start, End int
}

// Shards splits the points.
func (s *Spec) Shards() []Shard {
	var out []Shard
	for i, start := 0, 0; start < len(s.Points); i, start = i+1, start+s.ShardSize {
		out = append(out, Shard{Index: i, Start: start, End: min(start+s.ShardSize, len(s.Points))})
	}
	return out
}

// Row is one design point's assessment.
type Row struct {
	// Point is the design point; stored results leave it out (the spec
	// holds it) and Store.Rows puts it back.
	Point []float64 `json:"-"`
	// Means over the point's draws: P(deterrence) with its Monte Carlo
	// standard error, P(some guarantor fights), P(capable), P(no war by T),
	// P(war).
	PDeter, PDeterSE, PAnyFight, PCapable, PNoWar, PWar float64
}

// ShardResult is one shard's rows, tagged with its study.
type ShardResult struct {
	Study string
	Index int
	Rows  []Row
	// Error is set by a worker whose evaluation failed (not retried:
	// evaluation is deterministic).
	Error string `json:",omitempty"`
}

// checkDate accepts "" (today) or a date YYYY-MM-DD.
func checkDate(d string) error {
	if d == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return fmt.Errorf("%w: as-of %q: expected a date YYYY-MM-DD", ErrSpec, d)
	}
	return nil
}
