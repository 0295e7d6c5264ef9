package scenario

import (
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guarantor/guarantor/uncertainty"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/bad")

// Every malformed file gives precise errors (file:line:col: field: what was
// expected), recorded in a golden file next to it, and no scenario.
func TestMalformedGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("only %d malformed files", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := LoadFile(f, Options{})
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			if s != nil {
				t.Fatal("returned a partial scenario with the error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not an ErrorList: %T", err)
			}
			for _, e := range list {
				if e.Pos.File != f && !strings.HasSuffix(e.Pos.File, ".yaml") {
					t.Errorf("error names no file: %v", e)
				}
				if e.Pos.Line == 0 && !strings.Contains(e.Msg, "cannot read") {
					t.Errorf("error has no line: %v", e)
				}
			}
			golden := strings.TrimSuffix(f, ".yaml") + ".golden"
			got := err.Error() + "\n"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scenario -update)", err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s:\n got: %s\nwant: %s", golden, got, want)
			}
		})
	}
}

func load(t *testing.T, name string) *Scenario {
	t.Helper()
	s, err := LoadFile(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGoodFile(t *testing.T) {
	s := load(t, "testdata/good/tripwire.yaml")
	if s.Challenger.Code != 365 || s.Protege.Code != 369 {
		t.Errorf("challenger %v protege %v", s.Challenger, s.Protege)
	}
	if len(s.Option.Guarantors) != 2 {
		t.Fatalf("%d guarantors", len(s.Option.Guarantors))
	}
	uk, fr := s.Option.Guarantors[0], s.Option.Guarantors[1]
	if uk.ID != "uk" || fr.ID != "frn" {
		t.Errorf("ids %q %q", uk.ID, fr.ID)
	}
	tw := uk.Instruments[0]
	if tw.Type != Tripwire || tw.Posture != "depth" || tw.Rotation != DefaultRotation {
		t.Errorf("tripwire %+v", tw)
	}
	if tw.Troops.Dist.Kind != uncertainty.Triangular || tw.Troops.Dist.Mode != 5000 || tw.Troops.Source != Judgment {
		t.Errorf("troops %+v", tw.Troops)
	}
	if tw.Troops.Pos.Line != 12 || tw.Troops.Pos.Col != 19 {
		t.Errorf("troops position %v, want line 12 col 19", tw.Troops.Pos)
	}
	if fr.Instruments[0].Ratified {
		t.Error("ratified: false was ignored")
	}
	if q := s.Model.Params["model.response.correlation"]; q.Dist.Value != 0.6 || !q.Set {
		t.Errorf("correlation %+v", q)
	}
	if s.Model.Engine != EngineDefault {
		t.Errorf("engine %q", s.Model.Engine)
	}
}

func TestExtends(t *testing.T) {
	fsys := fstest.MapFS{
		"dir/base.yaml":    {Data: []byte("name: base\nchallenger: RUS\nprotege: UKR\nhorizon: 10\nmodel:\n  response: {correlation: 0.3}\n  durability: {shape: 0.1}\n")},
		"dir/sub/opt.yaml": {Data: []byte("extends: ../base.yaml\nname: option\nmodel:\n  response: {correlation: 0.7}\noption:\n  guarantors:\n    - country: USA\n      instruments: [{type: tripwire, troops: {dist: uniform, min: 1, max: oops}}]\n")},
		"dir/sub/ok.yaml":  {Data: []byte("extends: ../base.yaml\nname: option\nmodel:\n  response: {correlation: 0.7}\noption:\n  guarantors: []\n")},
	}
	opts := Options{ReadFile: fsys.ReadFile}
	s, err := LoadFile("dir/sub/ok.yaml", opts)
	if err != nil {
		t.Fatal(err)
	}
	corr, shape := s.Model.Params["model.response.correlation"], s.Model.Params["model.durability.shape"]
	if s.Name != "option" || s.Challenger.Code != 365 || corr.Dist.Value != 0.7 || shape.Dist.Value != 0.1 {
		t.Errorf("merge wrong: name %q corr %g shape %g", s.Name, corr.Dist.Value, shape.Dist.Value)
	}
	if len(s.Files) != 2 || s.Files[1] != "dir/base.yaml" {
		t.Errorf("files %v", s.Files)
	}
	if corr.Pos.File != "dir/sub/ok.yaml" || shape.Pos.File != "dir/base.yaml" {
		t.Errorf("positions %v %v", corr.Pos, shape.Pos)
	}
	_, err = LoadFile("dir/sub/opt.yaml", opts)
	if err == nil || !strings.HasPrefix(err.Error(), "dir/sub/opt.yaml:8:") {
		t.Errorf("error in derived file not located there: %v", err)
	}
}

func TestCompile(t *testing.T) {
	s := load(t, "testdata/good/tripwire.yaml")
	c := Compile(s)
	i, ok := c.Index("guarantors.uk.tripwire.troops")
	if !ok || c.Guarantors[0].Instruments[0].Troops != i {
		t.Fatalf("troops index %d %v", i, ok)
	}
	if p := c.Params[i]; p.Default || p.Source != Judgment || p.Pos.Line != 12 {
		t.Errorf("troops param %+v", p)
	}
	// Base rates only for the instrument types in use.
	for _, name := range []string{"model.response.base.tripwire", "model.response.base.economic_stake", "model.response.base.defense_pact", "model.response.base.none"} {
		if _, ok := c.Index(name); !ok {
			t.Errorf("missing %s", name)
		}
	}
	if _, ok := c.Index("model.response.base.nuclear_umbrella"); ok {
		t.Error("unused base rate compiled")
	}
	if c.Guarantors[1].Instruments[0].BaseRate != None {
		t.Error("defense pact has a base-rate override the file does not give")
	}
	if e, ok := c.Index("model.exposure.depth"); !ok || c.Params[e].Default || c.Params[e].Dist.Value != 0.4 {
		t.Errorf("exposure override lost")
	}
	if _, ok := c.Index("model.exposure.frontline"); ok {
		t.Error("unused posture compiled")
	}
	if c.Guarantors[0].Instruments[0].Monitors != None {
		t.Error("absent monitors got an index")
	}
	for _, p := range c.Params {
		if p.Source == "" {
			t.Errorf("%s has no source", p.Name)
		}
		if !p.Dist.Prepared() {
			t.Errorf("%s not prepared", p.Name)
		}
	}
	x := make([]float64, len(c.Params))
	rng := uncertainty.NewRand(1)
	c.Sample(rng, x)
	if x[i] < 3000 || x[i] > 8000 {
		t.Errorf("troops draw %g", x[i])
	}
	if a := testing.AllocsPerRun(100, func() { c.Sample(rng, x) }); a != 0 {
		t.Errorf("Sample allocates %g", a)
	}
	c.Central(x)
	if math.Abs(x[i]-16000.0/3) > 1e-9 {
		t.Errorf("central troops %g", x[i])
	}
}

func BenchmarkCompiledSample(b *testing.B) {
	s, err := LoadFile("testdata/good/tripwire.yaml", Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := Compile(s)
	x := make([]float64, len(c.Params))
	rng := uncertainty.NewRand(1)
	b.ReportAllocs()
	for b.Loop() {
		c.Sample(rng, x)
	}
	b.ReportMetric(float64(len(c.Params)), "params")
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/good/tripwire.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("tripwire.yaml", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A draw of the largest example option (NATO accession, 5 guarantors).
func BenchmarkSampleNATOExample(b *testing.B) {
	s, err := LoadFile("../examples/ukraine-2025/09-nato-accession.yaml", Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := Compile(s)
	x := make([]float64, len(c.Params))
	rng := uncertainty.NewRand(1)
	b.ReportAllocs()
	for b.Loop() {
		c.Sample(rng, x)
	}
	b.ReportMetric(float64(len(c.Params)), "params")
}
