package assess

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/scenario"
)

// The weak-guarantor property (issue 10 item 7: "a guarantor with P(fights)
// below 5% moves P(deterrence) by less than 2 points") and its measurement
// (docs/assess.md, "A weak guarantor").

const (
	weakSeed    = 3    // the stream seed of every weak-guarantor comparison
	weakQ       = 0.05 // "P(fights) below 5%": the added guarantor's mean P(responds)
	weakMaxMove = 0.02 // "by less than 2 points"
	// weakSEs is how many Monte Carlo standard errors a move must exceed
	// weakMaxMove by to count as a failure: with 200 draws a move's
	// estimate has a paired SE of about 0.1-0.7 points, so a true move of
	// 1.9 points reads as 2 or more in a good share of seeds. At 3 SE a
	// true move of at most 2 points is called a failure with probability
	// about 0.13% per option (the paired difference's mean is close to
	// normal at 200 draws); the thresholds themselves are the issue's.
	weakSEs = 3.0
)

// weakMove is what adding one guarantor does to P(deterrence) over draws
// 0..N-1 of weakSeed, with common random numbers: every input the two
// options share takes the same value in a draw, so the per-draw
// differences are paired.
type weakMove struct {
	Before, After float64 // mean P(deterrence) without and with the guarantor
	D, SE         float64 // mean paired difference After − Before, and its Monte Carlo SE (sd/√N)
	Q             float64 // the added guarantor's mean P(responds) at the assessment date
	N             int
	// Medians over draws at the assessment date (phase 0): the protégé's
	// and the added guarantor's forces relative to the challenger's, and
	// the guarantor's relative to the protégé's.
	FPFC, FGFC, FGFP float64
}

// weak reports whether the added guarantor is weak (P(responds) < 5%).
func (m weakMove) weak() bool { return m.Q < weakQ }

// overPoint reports whether the point estimate moves by 2 points or more
// (the decision before Monte Carlo error was accounted for).
func (m weakMove) overPoint() bool { return m.D >= weakMaxMove }

// exceeds is the property's decision: the move exceeds 2 points by more
// than weakSEs Monte Carlo standard errors.
func (m weakMove) exceeds() bool { return m.D-weakMaxMove > weakSEs*m.SE }

// measureWeak compares a (an option) with b (the same option with guarantor
// g added) over n draws of weakSeed.
func measureWeak(a, b *Model, g, n int) weakMove {
	sa, sb := a.st, b.st
	wa, wb := sa.newWork(), sb.newWork()
	mv := weakMove{N: n}
	d := make([]float64, n)
	fpfc, fgfc, fgfp := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		sa.sample(wa, weakSeed, uint64(i), -1, 0)
		x := sa.evalPSQ(wa)
		sb.sample(wb, weakSeed, uint64(i), -1, 0)
		y := sb.evalPSQ(wb)
		mv.Before += x
		mv.After += y
		d[i] = y - x
		mv.Q += wb.q[g]
		fc, fp := wb.out.FC, wb.out.FP
		fpfc[i], fgfc[i], fgfp[i] = fp/fc, wb.fg[g]/fc, wb.fg[g]/fp
	}
	fn := float64(n)
	mv.Before, mv.After, mv.Q = mv.Before/fn, mv.After/fn, mv.Q/fn
	for _, v := range d {
		mv.D += v
	}
	mv.D /= fn
	if n > 1 {
		var ss float64
		for _, v := range d {
			ss += (v - mv.D) * (v - mv.D)
		}
		mv.SE = math.Sqrt(ss / (fn - 1) / fn)
	}
	mv.FPFC, mv.FGFC, mv.FGFP = median(fpfc), median(fgfc), median(fgfp)
	return mv
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// weakCase is a random option and the same option with a guarantor added
// that has no instrument and one discouraging signal (likelihood ratio
// 0.2-1): a candidate weak guarantor (it is weak if its P(responds) comes
// out below 5%).
type weakCase struct{ o, q genOpt }

var weakCases = rapid.Custom(func(t *rapid.T) weakCase {
	o := drawOpt(t)
	g := drawGuar(t, "weak")
	g.insts = nil
	g.lrs = []float64{rapid.Float64Range(0.2, 1).Draw(t, "lr")}
	for _, h := range o.gs {
		if h.country == g.country {
			t.Skip("country already a guarantor")
		}
	}
	q := o.clone()
	q.gs = append(q.gs, g)
	return weakCase{o, q}
})

// compileYAMLWith is compileYAML with the coefficients coef (nil: the
// committed fit).
func compileYAMLWith(t fataler, src string, coef *deter.Coefficients) *Model {
	t.Helper()
	s, err := scenario.Parse("generated.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	o, err := FromScenario(scenario.CompileWith(s, coef))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	m, err := Compile(o)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return m
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// The decision rule on constructed moves: a move of 2 points or more is a
// failure only when it exceeds 2 points by more than 3 standard errors.
func TestWeakMoveDecision(t *testing.T) {
	for _, c := range []struct {
		d, se      float64
		over, fail bool
	}{
		{0.019, 0, false, false},
		{0.020, 0, true, false}, // exactly 2 points, no error: not beyond
		{0.021, 0, true, true},
		{0.030, 0.003, true, true},    // 1 point over, 3.3 SE
		{0.030, 0.0034, true, false},  // 1 point over, 2.9 SE
		{0.025, 0.0001, true, true},   // tight
		{-0.05, 0.001, false, false},  // a fall is the monotonicity test's business
		{0.0201, 0.0005, true, false}, // over on the point estimate, within noise
	} {
		m := weakMove{D: c.d, SE: c.se}
		if m.overPoint() != c.over || m.exceeds() != c.fail {
			t.Errorf("move %.4f SE %.4f: over %v fail %v, want %v %v", c.d, c.se, m.overPoint(), m.exceeds(), c.over, c.fail)
		}
	}
}

// measureWeak's paired SE against an independent computation: the same
// per-draw P(deterrence) from psqDraws (the engine's full eval), their
// differences' mean and sample SD. Example(3) is an immediate crisis in
// which a United States on national capability, about twice the
// challenger's force, is added with P(responds) near 4%: a move of about 3
// points (docs/assess.md, "A weak guarantor").
func TestMeasureWeakPairedSE(t *testing.T) {
	c := weakCases.Example(3)
	a, b := compileYAML(t, c.o.yaml()), compileYAML(t, c.q.yaml())
	const n = 300
	pa, pb := psqDraws(a, weakSeed, n), psqDraws(b, weakSeed, n)
	var mean, ss float64
	for i := range pa {
		mean += pb[i] - pa[i]
	}
	mean /= n
	for i := range pa {
		ss += (pb[i] - pa[i] - mean) * (pb[i] - pa[i] - mean)
	}
	se := math.Sqrt(ss / (n - 1) / n)
	m := measureWeak(a, b, len(c.q.gs)-1, n)
	if math.Abs(m.D-mean) > 1e-12 || math.Abs(m.SE-se) > 1e-12 {
		t.Errorf("measureWeak: move %.9f SE %.9f, independent %.9f %.9f", m.D, m.SE, mean, se)
	}
	if m.N != n || m.Q <= 0 || m.Q > 1 || m.Before < 0 || m.After > 1 || m.D <= 0 || m.SE <= 0 || m.FGFC <= 1 {
		t.Errorf("measureWeak: %+v", m)
	}
}

// TestWeakGuarantorMeasure is the measurement behind docs/assess.md ("A
// weak guarantor"): the same random options (weakCases.Example(1),
// Example(2), ... until GUARANTOR_WEAK_N, default 1,500, are weak under
// the committed fit) under each aggregation form, each with its own refit
// of the chain (fit.RefitAggregation; the committed coefficients are not
// changed), at 200 draws and, for every option that moves by half a point
// or more, at 20,000 draws of the same seed (the first 200 draws are the
// same). It is a measurement, not a check: it
// fails only if something cannot be computed. About two minutes of CPU.
//
//	GUARANTOR_WEAK_MEASURE=1 go test ./assess -run TestWeakGuarantorMeasure -v -timeout 0
func TestWeakGuarantorMeasure(t *testing.T) {
	if os.Getenv("GUARANTOR_WEAK_MEASURE") == "" {
		t.Skip("a measurement, not a check: GUARANTOR_WEAK_MEASURE=1 go test ./assess -run TestWeakGuarantorMeasure -v -timeout 0")
	}
	n := envInt("GUARANTOR_WEAK_N", 1500)
	long := envInt("GUARANTOR_WEAK_LONG", 20000)
	// Options that move less than recheck at 200 draws are not re-measured
	// (GUARANTOR_WEAK_RECHECK in points, default 0.5; 0 re-measures every
	// weak option, about 20 times slower).
	recheck := weakMaxMove / 4
	if v, err := strconv.ParseFloat(os.Getenv("GUARANTOR_WEAK_RECHECK"), 64); err == nil && v >= 0 {
		recheck = v / 100
	}
	ctx := context.Background()
	committed, _ := deter.ParseAggregation(string(deter.Default().Aggregation))
	forms := deter.Aggregations
	coefs := make([]*deter.Coefficients, len(forms))
	for i, a := range forms {
		if a == committed {
			c := deter.Default() // coefs[i] stays nil: the committed fit, which fit.Refit reproduces bit for bit
			t.Logf("%s (committed): A0 %.3f A1 %.3f C0 %.3f C1 %.3f gamma %.3f CN %.3f DIRef %.3f AGeneral %.3f", a,
				c.A0.Value, c.A1.Value, c.C0.Value, c.C1.Value, c.Gamma.Value, c.CN.Value, c.DIRef.Value, c.AGeneral.Value)
			continue
		}
		c, _, err := fit.RefitAggregation(ctx, fit.Exclusion{}, a)
		if err != nil {
			t.Fatal(err)
		}
		coefs[i] = c
		t.Logf("%s refit: A0 %.3f A1 %.3f C0 %.3f C1 %.3f gamma %.3f CN %.3f DIRef %.3f AGeneral %.3f", a,
			c.A0.Value, c.A1.Value, c.C0.Value, c.C1.Value, c.Gamma.Value, c.CN.Value, c.DIRef.Value, c.AGeneral.Value)
	}
	if ks, _, err := fit.HuthCrises(); err != nil {
		t.Logf("Huth's crises unavailable (%v): LOO scores not printed", err)
	} else if rows, chosen, err := fit.CompareAggregations(ctx, ks, fit.DefaultHuthSpec); err != nil {
		t.Fatal(err)
	} else {
		for _, r := range rows {
			t.Logf("Huth LOO: %-15s log density %.2f (vs expected %+.2f, SE %.2f), Brier %.4f", r.Form, r.LOOLogLik, r.LOOLogLik-rows[0].LOOLogLik, r.DiffSE, r.LOOBrier)
		}
		t.Logf("Huth LOO: chosen %s (committed %s)", chosen, committed)
	}

	type rec struct {
		seed  int
		c     weakCase
		stage string
		mv    []weakMove // per form, 200 draws
		long  []weakMove // per form, long draws (zero unless re-measured)
	}
	ci := slices.Index(forms, committed)
	var recs []rec
	checkedCommitted := 0
	for seed := 1; checkedCommitted < n; seed++ {
		c := weakCases.Example(seed)
		r := rec{seed: seed, c: c, mv: make([]weakMove, len(forms)), long: make([]weakMove, len(forms))}
		for i := range forms {
			a, b := compileYAMLWith(t, c.o.yaml(), coefs[i]), compileYAMLWith(t, c.q.yaml(), coefs[i])
			r.stage = b.st.stage
			r.mv[i] = measureWeak(a, b, len(c.q.gs)-1, 200)
			if r.mv[i].weak() && (r.mv[i].D >= recheck || r.mv[i].exceeds()) {
				r.long[i] = measureWeak(a, b, len(c.q.gs)-1, long)
			}
		}
		if r.mv[ci].weak() {
			checkedCommitted++
		}
		recs = append(recs, r)
	}
	t.Logf("%d candidate options (seeds 1-%d), %d with a weak guarantor under the committed fit", len(recs), len(recs), checkedCommitted)

	t.Logf("| form | weak (checked) | >= 2 points at 200 draws | of these, still >= 2 at %d | beyond 2 points + 3 SE at 200 | beyond 2 points + 3 SE at %d | under 2 points at 200 (re-measured from %.1f), >= 2 at %d |", long, long, 100*recheck, long)
	for i, a := range forms {
		var weak, over, overLong, exc, excLong, up int
		for _, r := range recs {
			m, l := r.mv[i], r.long[i]
			if !m.weak() {
				continue
			}
			weak++
			if m.overPoint() {
				over++
				if l.N > 0 && l.overPoint() {
					overLong++
				}
			} else if l.N > 0 && l.overPoint() {
				up++
			}
			if m.exceeds() {
				exc++
			}
			if l.N > 0 && l.exceeds() {
				excLong++
			}
		}
		t.Logf("| %s | %d | %d (%.1f%%) | %d | %d | %d | %d |", a, weak, over, 100*float64(over)/float64(weak), overLong, exc, excLong, up)
	}

	// The same comparison on the options whose added guarantor is weak
	// under every form.
	common, commonFail := 0, make([]int, len(forms))
	for _, r := range recs {
		all := true
		for i := range forms {
			all = all && r.mv[i].weak()
		}
		if !all {
			continue
		}
		common++
		for i := range forms {
			if r.long[i].N > 0 && r.long[i].overPoint() {
				commonFail[i]++
			}
		}
	}
	for i, a := range forms {
		t.Logf("weak under every form: %d options; %s: %d move >= 2 points at %d draws (%.1f%%)", common, a, commonFail[i], long, 100*float64(commonFail[i])/float64(max(common, 1)))
	}

	// Failures under each form at the long run, characterised.
	for i, a := range forms {
		var rows []string
		var fail []rec
		for _, r := range recs {
			if r.long[i].N > 0 && r.long[i].overPoint() {
				fail = append(fail, r)
			}
		}
		t.Logf("%s: %d options move >= 2 points at %d draws", a, len(fail), long)
		for _, r := range fail {
			l := r.long[i]
			rows = append(rows, fmt.Sprintf("| %d | %s | %s | %s | %s | %s | %.2f | %.2f | %.1f | %.3f | %.1f%% -> %.1f%% | %+.2f ± %.2f | %+.2f ± %.2f |",
				r.seed, r.stage, r.c.o.kind, troops(r.c.o.chTroops), troops(r.c.o.prTroops), weakForce(r.c.q),
				l.FPFC, l.FGFC, l.FGFP, l.Q, 100*l.Before, 100*l.After, 100*r.mv[i].D, 100*r.mv[i].SE, 100*l.D, 100*l.SE))
		}
		if len(rows) > 0 {
			t.Logf("| seed | stage | kind | challenger troops | protégé troops | added guarantor | F_P/F_C | F_g/F_C | F_g/F_P | q | P(det) before -> after (%d) | move, 200 draws (points ± SE) | move, %d draws |\n%s", long, long, strings.Join(rows, "\n"))
		}
		// The same medians over every checked option, for comparison.
		var all, fl struct{ fpfc, fgfc, bef, q []float64 }
		stages, fstages := map[string]int{}, map[string]int{}
		natP, fnatP := 0, 0
		for _, r := range recs {
			m := r.mv[i]
			if !m.weak() {
				continue
			}
			all.fpfc, all.fgfc, all.bef, all.q = append(all.fpfc, m.FPFC), append(all.fgfc, m.FGFC), append(all.bef, m.Before), append(all.q, m.Q)
			stages[r.stage]++
			if r.c.o.prTroops == 0 {
				natP++
			}
		}
		for _, r := range fail {
			m := r.mv[i]
			fl.fpfc, fl.fgfc, fl.bef, fl.q = append(fl.fpfc, m.FPFC), append(fl.fgfc, m.FGFC), append(fl.bef, m.Before), append(fl.q, m.Q)
			fstages[r.stage]++
			if r.c.o.prTroops == 0 {
				fnatP++
			}
		}
		t.Logf("%s, medians over options (all checked / failing): F_P/F_C %.2f / %.2f; F_g/F_C %.2f / %.2f; P(det) before %.3f / %.3f; q %.3f / %.3f; stages %v / %v; protégé on national capability %d / %d",
			a, median(all.fpfc), median(fl.fpfc), median(all.fgfc), median(fl.fgfc), median(all.bef), median(fl.bef), median(all.q), median(fl.q), stages, fstages, natP, fnatP)
		if len(fail) > 0 {
			t.Logf("%s, failing options: F_g/F_C from %.2f to %.2f, q from %.3f to %.3f, P(det) before from %.3f to %.3f",
				a, slices.Min(fl.fgfc), slices.Max(fl.fgfc), slices.Min(fl.q), slices.Max(fl.q), slices.Min(fl.bef), slices.Max(fl.bef))
		}
		// The failure rate by the added guarantor's force and P(responds).
		for _, fg := range []float64{0, 1, 1.5} {
			for _, q0 := range []float64{0, 0.02, 0.03} {
				var k, f int
				for _, r := range recs {
					m := r.mv[i]
					if !m.weak() || m.FGFC < fg || m.Q < q0 {
						continue
					}
					k++
					if r.long[i].N > 0 && r.long[i].overPoint() {
						f++
					}
				}
				t.Logf("%s: F_g/F_C >= %.1f and q >= %.2f: %d of %d fail (%.1f%%)", a, fg, q0, f, k, 100*float64(f)/max(float64(k), 1))
			}
		}
	}

	// The Ukraine options under each form, as a description only (the
	// case base must not inform the choice): seed 1, 20,000 draws.
	files, err := scenario.OptionFiles("../examples/ukraine-2025")
	if err != nil || len(files) == 0 {
		t.Logf("Ukraine options unavailable: %v", err)
		return
	}
	head := "| option |"
	for _, a := range forms {
		head += " " + string(a) + " |"
	}
	lines := []string{head}
	for _, f := range files {
		s, err := scenario.LoadFile(f, scenario.Options{Countries: Countries})
		if err != nil {
			t.Fatal(err)
		}
		line := "| " + strings.TrimSuffix(filepath.Base(f), ".yaml") + " |"
		for i := range forms {
			o, err := FromScenario(scenario.CompileWith(s, coefs[i]))
			if err != nil {
				t.Fatal(err)
			}
			m, err := Compile(o)
			if err != nil {
				t.Fatal(err)
			}
			res, err := m.Run(ctx, Config{Samples: 20000, Seed: 1, DriverSamples: -1}, "")
			if err != nil {
				t.Fatal(err)
			}
			line += fmt.Sprintf(" %.1f%% |", 100*res.PDeter.Mean)
		}
		lines = append(lines, line)
	}
	t.Logf("Ukraine options, P(deterrence) (description only):\n%s", strings.Join(lines, "\n"))
}

func troops(v float64) string {
	if v == 0 {
		return "national"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func weakForce(q genOpt) string {
	g := q.gs[len(q.gs)-1]
	if g.troops == 0 {
		return g.country + " national"
	}
	return fmt.Sprintf("%s %.0f in %.0f d", g.country, g.troops, g.arrive)
}
