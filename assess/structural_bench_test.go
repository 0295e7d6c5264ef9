package assess

import (
	"context"
	"math"
	"syscall"
	"testing"
	"time"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/scenario"
)

func structuralModel(t testing.TB, path string) *Model {
	t.Helper()
	opts, err := LoadOptionsWith([]string{path}, scenario.EngineDefault)
	if err != nil {
		t.Skip("example not available:", err)
	}
	m, err := Compile(opts[0])
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// One draw of a three-guarantor option (sample every input, evaluate):
// the figure BENCHMARKS.md reports as draws per second per core. Besides
// wall time per op it reports the process's CPU time per op (cpu-ns/op,
// from getrusage), which is what "per core" means on a shared machine
// where wall time includes waiting for a core.
func BenchmarkStructuralDraw(b *testing.B) {
	m := structuralModel(b, "../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml")
	s := m.st
	if s.n != 3 {
		b.Fatalf("%d guarantors", s.n)
	}
	w := s.newWork()
	b.ReportAllocs()
	c0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		s.sample(w, 1, uint64(i), -1, 0)
		s.eval(w)
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

// One draw of a three-guarantor option in the immediate stage (option 07,
// the headline benchmark, is post-war, where every form reads the expected
// index), under each aggregation form with the committed coefficients
// otherwise: what the informed form's per-set probabilities cost (8 fast
// logs and logistics a draw).
func BenchmarkStructuralDrawImmediate(b *testing.B) {
	src := `name: bench immediate
challenger: RUS
protege: EST
horizon: {value: 10, source: judgment}
challenge: {stage: immediate}
option:
  guarantors:
    - {country: USA, id: us, instruments: [{type: collective_defense, ratified: true}]}
    - {country: UKG, id: uk, instruments: [{type: tripwire, troops: 900, posture: frontline}]}
    - {country: FRN, id: fr, instruments: [{type: security_assurance}]}
`
	for _, a := range deter.Aggregations {
		b.Run(string(a), func(b *testing.B) {
			c := *deter.Default()
			c.Aggregation = a
			m := compileYAMLWith(b, src, &c)
			s := m.st
			if s.n != 3 || s.general || s.postwar || (a == deter.AggInformed) != s.informedStage() {
				b.Fatalf("%d guarantors, general %v, post-war %v", s.n, s.general, s.postwar)
			}
			w := s.newWork()
			b.ReportAllocs()
			c0 := cpuTime()
			n := 0
			for i := 0; b.Loop(); i++ {
				s.sample(w, 1, uint64(i), -1, 0)
				s.eval(w)
				n++
			}
			b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A draw allocates nothing.
func TestStructuralDrawAllocs(t *testing.T) {
	m := structuralModel(t, "../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml")
	s := m.st
	w := s.newWork()
	i := uint64(0)
	if a := testing.AllocsPerRun(200, func() {
		s.sample(w, 1, i, -1, 0)
		s.eval(w)
		_ = s.survival(w, &w.coef, 10)
		i++
	}); a != 0 {
		t.Errorf("%v allocations per draw", a)
	}
}

// The UDG engine's contest exponent in the catalogue is the ML fit on the
// embedded COW war outcomes (capability.FitWarOutcomes), rounded.
func TestUDGContestExponentMatchesFit(t *testing.T) {
	f, _, err := capability.FitWarOutcomes()
	if err != nil {
		t.Skip("war data not available:", err)
	}
	e, ok := scenario.LookupEntry(CoefContestG)
	if !ok {
		t.Fatal("no catalogue entry", CoefContestG)
	}
	if math.Abs(e.Default.Mean-f.G) > 0.005 || math.Abs(e.Default.SD-f.SE) > 0.005 {
		t.Errorf("catalogue normal(%g, %g), fit g = %.4f (SE %.4f)", e.Default.Mean, e.Default.SD, f.G, f.SE)
	}
}

// The main job: every Ukraine option with the CLI's defaults (20,000 draws,
// drivers), one op per run of all options; cpu-ns/op is the CPU it costs.
func BenchmarkMainJob(b *testing.B) {
	opts, err := LoadOptionsWith([]string{"../examples/ukraine-2025"}, scenario.EngineDefault)
	if err != nil {
		b.Skip("examples not available:", err)
	}
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		for _, o := range opts {
			m, err := Compile(o)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := m.Run(context.Background(), Config{Seed: 1}, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}
