package sweep

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const example = "../examples/ukraine-2025/06-european-tripwire-12000.yaml"

func TestParseParam(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Param
	}{
		{"a.b=1:3", Param{Path: "a.b", Lo: 1, Hi: 3}},
		{"a[0].b=1:3:0.5", Param{Path: "a[0].b", Lo: 1, Hi: 3, Step: 0.5}},
		{"a[id=uk].b=2,4,8", Param{Path: "a[id=uk].b", Lo: 2, Hi: 8, Values: []float64{2, 4, 8}}},
		{"t=1000:5000:1000i", Param{Path: "t", Lo: 1000, Hi: 5000, Step: 1000, Integer: true}},
		// One value alone is a list of one (a one-point sweep at that value);
		// it was refused as "expected LO:HI or LO:HI:STEP".
		{"a=300000", Param{Path: "a", Lo: 300000, Hi: 300000, Values: []float64{300000}}},
		{"a=2.5i", Param{Path: "a", Lo: 3, Hi: 3, Values: []float64{3}, Integer: true}},
	} {
		got, err := ParseParam(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %+v %v, want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "a", "=1:2", "a=x", "a=3:1", "a=1:2:0", "a=1:x", "a[=1:2", "a[x]=1:2", "a[0]b=1:2", "a=1:2:3:4", "a=NaN:1"} {
		if _, err := ParseParam(bad); !errors.Is(err, ErrSpec) {
			t.Errorf("%q: %v, want ErrSpec", bad, err)
		}
	}
	p, _ := ParseParam("x=0:1:0.25")
	if l := p.Levels(0); !reflect.DeepEqual(l, []float64{0, 0.25, 0.5, 0.75, 1}) {
		t.Errorf("levels %v", l)
	}
}

func TestDesigns(t *testing.T) {
	a, _ := ParseParam("a=0:1")
	b, _ := ParseParam("b=10,20,30")
	g, err := Points(Grid, []Param{a, b}, 0, 3, 1)
	if err != nil || len(g) != 9 || !reflect.DeepEqual(g[1], []float64{0, 20}) || !reflect.DeepEqual(g[8], []float64{1, 30}) {
		t.Fatalf("grid %v %v", g, err)
	}
	for _, d := range []string{LatinHypercube, Sobol} {
		p, err := Points(d, []Param{a, b}, 64, 0, 7)
		if err != nil || len(p) != 64 {
			t.Fatal(d, err)
		}
		// Latin hypercube and Sobol designs put exactly one point in each
		// of 64 equal strata of a continuous parameter, and spread the
		// levels of a listed one evenly.
		seen := map[int]bool{}
		count := map[float64]int{}
		for _, x := range p {
			seen[int(x[0]*64)] = true
			count[x[1]]++
		}
		if len(seen) != 64 {
			t.Errorf("%s: %d of 64 strata hit", d, len(seen))
		}
		for v, n := range count {
			if n < 20 || n > 23 {
				t.Errorf("%s: level %g taken %d times of 64", d, v, n)
			}
		}
		q, _ := Points(d, []Param{a, b}, 64, 0, 7)
		r, _ := Points(d, []Param{a, b}, 64, 0, 8)
		if !reflect.DeepEqual(p, q) || reflect.DeepEqual(p, r) {
			t.Errorf("%s: not a function of the seed", d)
		}
	}
	if _, err := Points("box", []Param{a}, 4, 0, 1); err == nil {
		t.Error("unknown design accepted")
	}
}

func troopsParams(t testing.TB) []Param {
	var ps []Param
	for _, s := range []string{
		"option.guarantors[id=uk].instruments[type=tripwire].troops=1000:9000:2000i",
		"option.guarantors[id=france].instruments[0].troops=1000,5000,9000",
	} {
		p, err := ParseParam(s)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

func newSpec(t testing.TB, samples, shard int) *Spec {
	s, err := NewSpec(example, troopsParams(t), Options{Samples: samples, Seed: 3, ShardSize: shard, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func csvOf(t testing.TB, st *Store) []byte {
	rows, err := st.Rows()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, st.Spec, rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A sweep's results are the same whatever the number of workers, and a
// run interrupted and resumed gives the same file as one run.
func TestLocalDeterministicAndResumable(t *testing.T) {
	spec := newSpec(t, 300, 4)
	if len(spec.Points) != 15 || len(spec.Shards()) != 4 {
		t.Fatalf("%d points, %d shards", len(spec.Points), len(spec.Shards()))
	}
	var ref []byte
	for _, w := range []int{1, 3} {
		st, err := OpenStore(t.TempDir(), spec)
		if err != nil {
			t.Fatal(err)
		}
		if err := RunLocal(context.Background(), st, w, nil); err != nil {
			t.Fatal(err)
		}
		got := csvOf(t, st)
		if ref == nil {
			ref = got
		} else if !bytes.Equal(ref, got) {
			t.Fatalf("%d workers: results differ", w)
		}
	}
	// More troops at risk: the commitment term grows, so P(some guarantor
	// fights) cannot fall as the UK tripwire grows (France fixed).
	st, _ := OpenStore(t.TempDir(), spec)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := RunLocal(ctx, st, 1, func(done, total int) {
		if n++; done == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(st.Missing()) == 0 || len(st.Missing()) == 4 {
		t.Fatalf("interrupted run: %v, %d shards missing", err, len(st.Missing()))
	}
	st2, err := OpenStore(st.Dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := RunLocal(context.Background(), st2, 2, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ref, csvOf(t, st2)) {
		t.Fatal("resumed run differs from a single run")
	}
	rows, _ := st2.Rows()
	for i := 3; i < len(rows); i++ {
		if rows[i].Point[1] == rows[i-3].Point[1] && rows[i].PAnyFight < rows[i-3].PAnyFight-1e-12 {
			t.Errorf("P(some guarantor fights) fell from %g to %g as UK troops rose %v -> %v", rows[i-3].PAnyFight, rows[i].PAnyFight, rows[i-3].Point, rows[i].Point)
		}
	}
	other := newSpec(t, 301, 4)
	if _, err := OpenStore(st.Dir, other); !errors.Is(err, ErrOtherStudy) {
		t.Errorf("another study in the same directory: %v", err)
	}
}

func TestSpecErrors(t *testing.T) {
	for _, s := range []string{"option.guarantors[id=us].instruments[0].troops=1:2", "option.nothing.here=1:2", "option.guarantors[7].id=1:2"} {
		p, _ := ParseParam(s)
		if _, err := NewSpec(example, []Param{p}, Options{Samples: 10}); err == nil || !strings.Contains(err.Error(), "06-european") {
			t.Errorf("%s: %v, want an error naming the file", s, err)
		}
	}
	// A value outside the quantity's range is the scenario loader's error.
	// It names the parameter and the point, and no line:col: the loader
	// reads the point's tree as one line of generated JSON, so "file:1:49"
	// pointed into text the user never saw.
	p, _ := ParseParam("option.guarantors[id=uk].instruments[0].troops=-5:-1")
	_, err := NewSpec(example, []Param{p}, Options{Samples: 10})
	if err == nil || !strings.Contains(err.Error(), "06-european-tripwire-12000.yaml: option.guarantors[0].instruments[0].troops") ||
		!strings.Contains(err.Error(), "(at point option.guarantors[id=uk].instruments[0].troops = -5)") || strings.Contains(err.Error(), ".yaml:1:") {
		t.Errorf("negative troops: %v", err)
	}
	if _, err := NewSpec("no-such.yaml", troopsParams(t), Options{}); err == nil {
		t.Error("missing file accepted")
	}
}

// The point's value reaches the engine: a one-point sweep at the file's
// own median equals the file's own assessment with a point troop count.
func TestSetReachesEngine(t *testing.T) {
	p, _ := ParseParam("option.guarantors[id=uk].instruments[0].troops=100,100000")
	s, err := NewSpec(example, []Param{p}, Options{Samples: 2000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := OpenStore(t.TempDir(), s)
	if err := RunLocal(context.Background(), st, 2, nil); err != nil {
		t.Fatal(err)
	}
	rows, _ := st.Rows()
	if !(rows[1].PAnyFight > rows[0].PAnyFight) || math.IsNaN(rows[0].PDeter) {
		t.Errorf("100 vs 100,000 UK troops: P(some fights) %g vs %g", rows[0].PAnyFight, rows[1].PAnyFight)
	}
	b, _ := os.ReadFile(filepath.Join(st.Dir, "spec.json"))
	if !strings.Contains(string(b), "_base/ukraine.yaml") {
		t.Error("the spec does not carry the extends base")
	}
}

func TestShardSizeBound(t *testing.T) {
	p, _ := ParseParam("option.guarantors[id=uk].instruments[0].troops=0:200000:1i")
	s, err := NewSpec(example, []Param{p}, Options{Samples: 1})
	if err != nil {
		t.Fatal(err)
	}
	// One parameter: 400 kB / (24 + 200) bytes a point.
	most := 400_000 / 224
	if s.ShardSize != most || len(s.Shards()) != (200001+most-1)/most {
		t.Errorf("200,001 points: shard size %d, %d shards", s.ShardSize, len(s.Shards()))
	}
	if _, err := NewSpec(example, []Param{p}, Options{Samples: 1, ShardSize: most + 1}); !errors.Is(err, ErrSpec) {
		t.Errorf("oversized shards accepted: %v", err)
	}
}

// An engine input fixed by name moves the answer the way the engine says
// (a challenger with more troops in the theatre is deterred less often); a
// name the option lacks and a mix of paths and inputs are errors.
func TestInputParams(t *testing.T) {
	p, err := ParseParam("input:capabilities.challenger.deployable_troops=200000,800000")
	if err != nil || !p.Input || p.Path != "capabilities.challenger.deployable_troops" {
		t.Fatalf("%+v %v", p, err)
	}
	s, err := NewSpec(example, []Param{p}, Options{Samples: 2000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := OpenStore(t.TempDir(), s)
	if err := RunLocal(context.Background(), st, 2, nil); err != nil {
		t.Fatal(err)
	}
	rows, _ := st.Rows()
	if !(rows[0].PDeter > rows[1].PDeter) || rows[0].Point[0] != 200000 {
		t.Errorf("challenger troops 200,000 vs 800,000: %+v", rows)
	}
	bad, _ := ParseParam("input:no.such.input=1:2")
	if _, err := NewSpec(example, []Param{bad}, Options{Samples: 10}); err == nil || !strings.Contains(err.Error(), "no engine input") {
		t.Errorf("unknown input: %v", err)
	}
	if _, err := NewSpec(example, append(troopsParams(t), p), Options{Samples: 10}); !errors.Is(err, ErrSpec) {
		t.Errorf("paths and inputs mixed: %v", err)
	}
}
