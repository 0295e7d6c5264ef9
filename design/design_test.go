package design

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/guarantor/guarantor/sweep"
)

const (
	eu   = "../examples/ukraine-2025/06-european-tripwire-12000.yaml"
	euUS = "../examples/ukraine-2025/07-european-tripwire-us-backstop.yaml"
)

func lever(t *testing.T, s string, cost float64) Lever {
	t.Helper()
	p, err := sweep.ParseParam(s)
	if err != nil {
		t.Fatal(err)
	}
	return Lever{Param: p, Cost: map[string]float64{"cost": cost}}
}

// More protégé troops in the theatre raise P(deterrence) in the engine;
// bisection must find the same cheapest package as assessing the
// whole grid, with fewer assessments, and report no violation.
func TestBisectionMatchesExhaustive(t *testing.T) {
	p := Problem{
		Alternatives: []Alternative{{Name: "EU", File: eu}, {Name: "EU+US", File: euUS, Cost: map[string]float64{"cost": 0.35}}},
		Levers:       []Lever{lever(t, "capabilities.protege.deployable_troops=100000:1000000:50000i", 1e-5), lever(t, "option.guarantors[id=uk].instruments[type=tripwire].troops=0,20000", 1e-6)},
		// After a war every package scores 97.9-98.1% (the post-war slope of
		// the index is near 0, docs/fit.md): 0.98 lies inside that range, so
		// the search has a threshold to find.
		Target: 0.98, Samples: 1500, Seed: 4, Workers: 2,
	}
	fast, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Exhaustive = true
	full, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Recommended == nil || full.Recommended == nil {
		t.Fatalf("no package reaches the target: %+v", fast.Closest)
	}
	if !reflect.DeepEqual(*fast.Recommended, *full.Recommended) {
		t.Fatalf("bisection picks %+v, the full grid %+v", *fast.Recommended, *full.Recommended)
	}
	if len(fast.Assessed) >= len(full.Assessed) || len(full.Assessed) != full.GridSize {
		t.Errorf("bisection assessed %d, the full grid %d of %d", len(fast.Assessed), len(full.Assessed), full.GridSize)
	}
	if len(full.Violations) > 0 {
		t.Errorf("monotonicity violations on the full grid: %v", full.Violations)
	}
	r := fast.Recommended
	if !(r.PDeter >= p.Target && r.PDeterLo < r.PDeter && r.PDeter < r.PDeterHi) {
		t.Errorf("recommended %+v: estimate below target or interval not around it", r)
	}
	// Every cheaper package assessed on the full grid falls short.
	for _, c := range full.Assessed {
		if c.Total < r.Total && c.Reaches {
			t.Errorf("%+v is cheaper and reaches the target", c)
		}
	}
	// The frontier is increasing in both cost and P(deterrence).
	for i := 1; i < len(full.Frontier); i++ {
		a, b := full.Frontier[i-1], full.Frontier[i]
		if !(b.Total >= a.Total && b.PDeter > a.PDeter) {
			t.Errorf("frontier not increasing at %d: %+v then %+v", i, a, b)
		}
	}
	if len(fast.RunnersUp) == 0 {
		t.Error("no runner-up")
	}
	for _, c := range fast.RunnersUp {
		if !c.Reaches || c.Total < r.Total || reflect.DeepEqual(c, *r) {
			t.Errorf("runner-up %+v: must reach, cost no less than %g, and differ from the recommendation", c, r.Total)
		}
	}
}

func TestUnreachableAndStrict(t *testing.T) {
	p := Problem{Alternatives: []Alternative{{Name: "EU", File: eu}},
		Levers: []Lever{lever(t, "capabilities.protege.deployable_troops=100000:300000:100000i", 1)}, Target: 0.99, Samples: 500}
	r, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Recommended != nil || r.Closest == nil || r.Closest.Values[0] != 300000 {
		t.Errorf("unreachable target: recommended %v, closest %+v", r.Recommended, r.Closest)
	}
	// Strict: the lower bound must reach; never a cheaper package than
	// the estimate rule.
	p.Alternatives[0].File = euUS
	p.Target, p.Levers = 0.5, []Lever{lever(t, "capabilities.protege.deployable_troops=100000:1000000:25000i", 1)}
	loose, _ := Solve(context.Background(), p, nil)
	p.Strict = true
	strict, _ := Solve(context.Background(), p, nil)
	if loose.Recommended == nil || strict.Recommended == nil || strict.Recommended.Total < loose.Recommended.Total || strict.Recommended.PDeterLo < 0.5 {
		t.Errorf("strict %+v vs loose %+v", strict.Recommended, loose.Recommended)
	}
}

func TestBadProblems(t *testing.T) {
	ok := lever(t, "capabilities.protege.deployable_troops=100000:300000:100000i", 1)
	for _, p := range []Problem{
		{Levers: []Lever{ok}, Target: 0.5},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Target: 0.5},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{ok}, Target: 1.5},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{ok}, Target: math.NaN(), NoWarTarget: 0.5, Horizon: 10},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{ok}, Target: -0.5, NoWarTarget: 0.5, Horizon: 10},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{ok}, Target: 0.5, NoWarTarget: math.NaN(), Horizon: 10},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{ok}},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{lever(t, "capabilities.protege.deployable_troops=100000:300000", 1)}, Target: 0.5},
		{Alternatives: []Alternative{{Name: "a", File: eu}}, Levers: []Lever{lever(t, "capabilities.protege.deployable_troops=100000:300000:100000i", -1)}, Target: 0.5},
		{Alternatives: []Alternative{{Name: "a", File: "nope.yaml"}}, Levers: []Lever{ok}, Target: 0.5},
	} {
		if _, err := Solve(context.Background(), p, nil); err == nil {
			t.Errorf("%+v: no error", p)
		} else if !errors.Is(err, ErrProblem) && p.Alternatives != nil && p.Alternatives[0].File != "nope.yaml" {
			t.Errorf("%v: not ErrProblem", err)
		}
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "q.yaml")
	os.WriteFile(path, []byte(`question: test
target: {p_deterrence: 0.8}
weights: {troops: 1}
alternatives:
  - {name: A, option: a.yaml, cost: {political: 1}}
levers:
  - {path: "option.guarantors[id=uk].instruments[type=tripwire].troops", range: "0:30000:2500i", cost: {troops: 1}}
`), 0o644)
	p, q, err := LoadFile(path)
	if err != nil || q != "test" || p.Target != 0.8 || p.Alternatives[0].File != filepath.Join(dir, "a.yaml") || !p.Levers[0].Param.Integer {
		t.Fatalf("%+v %q %v", p, q, err)
	}
	if !IsDesignFile(path) || IsDesignFile(eu) {
		t.Error("IsDesignFile")
	}
	os.WriteFile(path, []byte("target: {p_deterrence: 0.8}\nlevers: []\nbogus: 1\n"), 0o644)
	if _, _, err := LoadFile(path); err == nil {
		t.Error("unknown field accepted")
	}
}

// A problem solved through a Batch (here: each batch assessed in reverse
// order by a fresh evaluator, as a remote backend would) gives the same
// result as the local search.
func TestBatchGivesTheLocalResult(t *testing.T) {
	p := Problem{
		Alternatives: []Alternative{{Name: "EU+US", File: euUS}},
		Levers:       []Lever{lever(t, "option.guarantors[id=uk].instruments[type=tripwire].troops=0,20000", 1e-6), lever(t, "capabilities.protege.deployable_troops=100000:1000000:50000i", 1e-5)},
		Target:       0.98, Samples: 800, Seed: 2, // inside the post-war range, as above
	}
	local, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	batches := 0
	p.Batch = func(ctx context.Context, a Alternative, levers []sweep.Param, pts [][]float64) ([]sweep.Row, error) {
		batches++
		ev, err := sweep.NewEvaluator(a.File, levers, p.Samples, p.Seed, p.Horizon)
		if err != nil {
			return nil, err
		}
		rows := make([]sweep.Row, len(pts))
		for i := len(pts) - 1; i >= 0; i-- {
			if rows[i], err = ev.Row(ctx, pts[i]); err != nil {
				return nil, err
			}
		}
		return rows, nil
	}
	remote, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(local.Recommended, remote.Recommended) || !reflect.DeepEqual(local.Assessed, remote.Assessed) {
		t.Fatalf("batch result differs:\n%+v\n%+v", local.Recommended, remote.Recommended)
	}
	// Bisection over 21 levels of the last lever: the two ends, then at
	// most five midpoints, each round one batch.
	if batches < 3 || batches > 7 {
		t.Errorf("%d batches", batches)
	}
}

// A target on P(no war by T) alone: the recommendation meets it, and the
// next cheaper level does not.
func TestNoWarTarget(t *testing.T) {
	p := Problem{Alternatives: []Alternative{{Name: "EU+US", File: euUS}},
		Levers: []Lever{lever(t, "capabilities.protege.deployable_troops=100000:1000000:50000i", 1)}, NoWarTarget: 0.5, Horizon: 10, Samples: 800, Seed: 3, Exhaustive: true}
	r, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Recommended
	if c == nil || c.PNoWar < 0.5 {
		t.Fatalf("recommended %+v", c)
	}
	for _, a := range r.Assessed {
		if a.Values[0] < c.Values[0] && a.PNoWar >= 0.5 {
			t.Errorf("%+v is cheaper and meets the target", a)
		}
	}
}

// With the target on P(no war) alone, the frontier, the closest package
// and the monotonicity check rank on P(no war by T): along the frontier
// (cost ascending) P(no war) strictly rises, every package assessed is
// dominated by a frontier package on cost and P(no war), and an
// unreachable target names the package with the highest P(no war).
func TestNoWarTargetRanksOnNoWar(t *testing.T) {
	p := Problem{Alternatives: []Alternative{{Name: "EU+US", File: euUS}},
		Levers: []Lever{lever(t, "capabilities.protege.deployable_troops=100000:1000000:50000i", 1)}, NoWarTarget: 0.9999, Horizon: 10, Samples: 800, Seed: 3, Exhaustive: true}
	if !p.OnNoWar() || p.ScoreName() != "P(no war by 10 years)" {
		t.Fatalf("OnNoWar %v, ScoreName %q", p.OnNoWar(), p.ScoreName())
	}
	r, err := Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Recommended != nil || r.Closest == nil {
		t.Fatalf("target 0.9999 reached by %+v", r.Recommended)
	}
	best := 0.0
	for _, a := range r.Assessed {
		best = max(best, a.PNoWar)
	}
	if r.Closest.PNoWar != best {
		t.Errorf("closest P(no war) %v, best assessed %v", r.Closest.PNoWar, best)
	}
	for i := 1; i < len(r.Frontier); i++ {
		if !(r.Frontier[i].PNoWar > r.Frontier[i-1].PNoWar) || r.Frontier[i].Total < r.Frontier[i-1].Total {
			t.Errorf("frontier %d (%v, %v) after (%v, %v)", i, r.Frontier[i].Total, r.Frontier[i].PNoWar, r.Frontier[i-1].Total, r.Frontier[i-1].PNoWar)
		}
	}
	for _, a := range r.Assessed {
		dominated := false
		for _, f := range r.Frontier {
			if f.Total <= a.Total && f.PNoWar >= a.PNoWar {
				dominated = true
			}
		}
		if !dominated {
			t.Errorf("%+v is above the frontier", a)
		}
	}
}

// finish ranks on the quantity the target is on. Three packages where
// P(deterrence) and P(no war) disagree: on a P(no war) target the
// frontier and the closest package follow P(no war), on a P(deterrence)
// target they follow P(deterrence).
func TestFinishRanksOnTheTargetsQuantity(t *testing.T) {
	cands := []Candidate{
		{Alternative: "A", Values: []float64{0}, Total: 0, PDeter: 0.90, PNoWar: 0.60},
		{Alternative: "A", Values: []float64{1}, Total: 1, PDeter: 0.95, PNoWar: 0.55},
		{Alternative: "A", Values: []float64{2}, Total: 2, PDeter: 0.85, PNoWar: 0.70},
	}
	run := func(p Problem) *Result {
		s := &search{p: p, levels: [][]float64{{0, 1, 2}}, cache: map[string]*Candidate{}}
		for i := range cands {
			c := cands[i]
			c.PDeterLo, c.PDeterHi = c.PDeter-0.01, c.PDeter+0.01
			c.PNoWarLo, c.PNoWarHi = c.PNoWar-0.01, c.PNoWar+0.01
			k := key(0, []int{i})
			s.cache[k], s.order = &c, append(s.order, k)
		}
		res := &Result{}
		s.finish(res)
		return res
	}
	alt := []Alternative{{Name: "A"}}
	lv := []Lever{{Param: sweep.Param{Path: "troops"}}}
	totals := func(fr []Candidate) []float64 {
		var out []float64
		for _, c := range fr {
			out = append(out, c.Total)
		}
		return out
	}
	nw := run(Problem{Alternatives: alt, Levers: lv, NoWarTarget: 0.99, Horizon: 10})
	if got := totals(nw.Frontier); !reflect.DeepEqual(got, []float64{0, 2}) {
		t.Errorf("P(no war) target: frontier at costs %v, want [0 2]", got)
	}
	if nw.Closest == nil || nw.Closest.Total != 2 {
		t.Errorf("P(no war) target: closest %+v, want the package with P(no war) 0.70", nw.Closest)
	}
	if len(nw.Violations) != 1 {
		t.Errorf("P(no war) target: violations %v, want the fall from 0.60 to 0.55", nw.Violations)
	}
	pd := run(Problem{Alternatives: alt, Levers: lv, Target: 0.99})
	if got := totals(pd.Frontier); !reflect.DeepEqual(got, []float64{0, 1}) {
		t.Errorf("P(deterrence) target: frontier at costs %v, want [0 1]", got)
	}
	if pd.Closest == nil || pd.Closest.Total != 1 {
		t.Errorf("P(deterrence) target: closest %+v, want the package with P(deterrence) 0.95", pd.Closest)
	}
}
