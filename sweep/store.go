package sweep

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Store is a study's directory: spec.json, one file per finished shard
// under shards/, and the merged results.
type Store struct {
	Dir  string
	Spec *Spec
	id   string
}

// ErrOtherStudy: the directory holds another study's results.
var ErrOtherStudy = errors.New("sweep: the directory holds another study")

// OpenStore creates dir for spec, or reopens it to resume: an existing
// spec.json must be the same study.
func OpenStore(dir string, spec *Spec) (*Store, error) {
	st := &Store{Dir: dir, Spec: spec, id: spec.ID()}
	if err := os.MkdirAll(filepath.Join(dir, "shards"), 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "spec.json")
	if b, err := os.ReadFile(path); err == nil {
		var old Spec
		if err := json.Unmarshal(b, &old); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if old.ID() != st.id {
			return nil, fmt.Errorf("%w: %s is study %s, this is %s (use another --out)", ErrOtherStudy, dir, old.ID(), st.id)
		}
		return st, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	b, err := json.MarshalIndent(spec, "", " ")
	if err != nil {
		return nil, err
	}
	return st, writeAtomic(path, b)
}

// ReopenStore opens an existing study directory (to collect or resume
// without the option file at hand).
func ReopenStore(dir string) (*Store, error) {
	b, err := os.ReadFile(filepath.Join(dir, "spec.json"))
	if err != nil {
		return nil, err
	}
	var s Spec
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "spec.json"), err)
	}
	return &Store{Dir: dir, Spec: &s, id: s.ID()}, nil
}

func (st *Store) shardPath(i int) string {
	return filepath.Join(st.Dir, "shards", fmt.Sprintf("%06d.json", i))
}

// Has reports whether shard i is stored.
func (st *Store) Has(i int) bool {
	_, err := os.Stat(st.shardPath(i))
	return err == nil
}

// Missing lists the shards not yet stored.
func (st *Store) Missing() []Shard {
	var out []Shard
	for _, sh := range st.Spec.Shards() {
		if !st.Has(sh.Index) {
			out = append(out, sh)
		}
	}
	return out
}

// Put stores a shard result once: a second result for the same shard (a
// redelivery) is checked against the first and dropped. It reports
// whether it wrote the file.
func (st *Store) Put(r *ShardResult) (bool, error) {
	if r.Study != st.id {
		return false, fmt.Errorf("%w: result for study %s in %s", ErrOtherStudy, r.Study, st.id)
	}
	shards := st.Spec.Shards()
	if r.Index < 0 || r.Index >= len(shards) || len(r.Rows) != shards[r.Index].End-shards[r.Index].Start {
		return false, fmt.Errorf("sweep: shard %d: %d rows do not fit the study", r.Index, len(r.Rows))
	}
	b, err := json.Marshal(r)
	if err != nil {
		return false, err
	}
	path := st.shardPath(r.Index)
	if old, err := os.ReadFile(path); err == nil {
		if string(old) != string(b) {
			return false, fmt.Errorf("sweep: shard %d computed twice with different results: the evaluation is not deterministic", r.Index)
		}
		return false, nil
	}
	return true, writeAtomic(path, b)
}

// Rows merges every stored shard in point order.
func (st *Store) Rows() ([]Row, error) {
	var rows []Row
	for _, sh := range st.Spec.Shards() {
		b, err := os.ReadFile(st.shardPath(sh.Index))
		if err != nil {
			return nil, fmt.Errorf("shard %d of %d not stored yet: %w", sh.Index, len(st.Spec.Shards()), err)
		}
		var r ShardResult
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", st.shardPath(sh.Index), err)
		}
		for i := range r.Rows {
			r.Rows[i].Point = st.Spec.Points[sh.Start+i]
		}
		rows = append(rows, r.Rows...)
	}
	return rows, nil
}

// writeAtomic writes through a temporary file and a rename, so a reader
// never sees half a file and a crash leaves none.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// WriteCSV writes the rows with the parameters' paths as the first
// columns; floats are written in full (shortest exact form), so equal
// files mean equal results.
func WriteCSV(w io.Writer, spec *Spec, rows []Row) error {
	c := csv.NewWriter(w)
	head := []string{}
	for _, p := range spec.Params {
		head = append(head, p.Path)
	}
	head = append(head, "p_deterrence", "p_deterrence_se", "p_some_guarantor_fights", "p_capable", "p_no_war_by_T", "p_war")
	c.Write(head)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, r := range rows {
		rec := []string{}
		for _, v := range r.Point {
			rec = append(rec, f(v))
		}
		rec = append(rec, f(r.PDeter), f(r.PDeterSE), f(r.PAnyFight), f(r.PCapable), f(r.PNoWar), f(r.PWar))
		c.Write(rec)
	}
	c.Flush()
	return c.Error()
}

// Batch assesses explicit points of one option as a study stored under
// dir/<study id> (so a search interrupted mid-way resumes its batches),
// computed by run (RunLocal or RunNATS on the store), and returns the rows
// in point order.
func Batch(ctx context.Context, dir, file string, params []Param, points [][]float64, o Options, run func(context.Context, *Store) error) ([]Row, error) {
	spec, err := NewSpecPoints(file, params, points, o)
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(filepath.Join(dir, spec.ID()), spec)
	if err != nil {
		return nil, err
	}
	if len(st.Missing()) > 0 {
		if err := run(ctx, st); err != nil {
			return nil, err
		}
	}
	return st.Rows()
}
