package assess

import (
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/scenario"
)

// The property suite of issue 10 item 7 for the structural engine. Every
// comparison uses common random numbers: the two options' draws share the
// seed, and each input's stream is keyed by its name, so an input the two
// options share takes the same value in every draw. The engine is monotone
// by construction (MODEL.md §2), so the properties are checked draw by
// draw, not only on average: a reversal in any draw is a failure.

var propertyChecks = flag.Int("property-checks", 0, "random perturbations per property (default: CI size, 2,000+ in all)")

// perturbationsPerProperty is the CI-sized default: 9 properties × 250 =
// 2,250 random perturbations.
const perturbationsPerProperty = 250

// propertyDraws is the number of draws compared per pair.
const propertyDraws = 48

type genInst struct {
	typ              string
	troops, value    float64
	posture, rotate  string
	ratified, public bool
}

type genGuar struct {
	country        string
	troops, arrive float64 // reinforcements; 0 troops = national fallback
	insts          []genInst
	lrs            []float64
}

type genOpt struct {
	chTroops, prTroops, chArrive float64 // 0 troops = national capability for that side
	kind                         string
	stage                        string // "" (unset), immediate, general or postwar
	gs                           []genGuar
}

var genCountries = []string{"USA", "UKG", "FRN", "GMY", "POL", "CAN", "ITA", "TUR"}

func (o genOpt) yaml() string {
	var b strings.Builder
	b.WriteString("name: generated\nchallenger: RUS\nprotege: UKR\nhorizon: {value: 10, source: judgment}\n")
	if o.stage != "" {
		fmt.Fprintf(&b, "challenge: {kind: %s, stage: %s}\n", o.kind, o.stage)
	} else {
		fmt.Fprintf(&b, "challenge: {kind: %s}\n", o.kind)
	}
	if o.chTroops > 0 {
		b.WriteString("capabilities:\n")
		fmt.Fprintf(&b, "  challenger: {deployable_troops: %g, arrival_days: %g, source: judgment}\n", o.chTroops, o.chArrive)
		if o.prTroops > 0 {
			fmt.Fprintf(&b, "  protege: {deployable_troops: %g, source: judgment}\n", o.prTroops)
		}
	}
	b.WriteString("option:\n  guarantors:\n")
	if len(o.gs) == 0 {
		b.WriteString("    []\n")
	}
	for i, g := range o.gs {
		fmt.Fprintf(&b, "    - country: %s\n      id: g%d\n", g.country, i)
		if g.troops > 0 {
			fmt.Fprintf(&b, "      capability: {deployable_troops: %g, arrival_days: %g, source: judgment}\n", g.troops, g.arrive)
		}
		b.WriteString("      instruments:\n")
		if len(g.insts) == 0 {
			b.WriteString("        []\n")
		}
		for _, in := range g.insts {
			fmt.Fprintf(&b, "        - type: %s\n", in.typ)
			switch in.typ {
			case "tripwire":
				fmt.Fprintf(&b, "          troops: %g\n          posture: %s\n          rotation: %s\n", in.troops, in.posture, in.rotate)
			case "advisers":
				fmt.Fprintf(&b, "          personnel: %g\n", in.troops)
			case "economic_stake", "arms_supply":
				fmt.Fprintf(&b, "          value_usd_bn: %g\n", in.value)
			case "defense_pact", "collective_defense":
				fmt.Fprintf(&b, "          ratified: %v\n", in.ratified)
			case "nuclear_umbrella":
				fmt.Fprintf(&b, "          declared: %v\n", in.public)
			case "ceasefire_agreement":
				fmt.Fprintf(&b, "          monitors: %g\n          dmz: %v\n", in.value, in.public)
			}
		}
		if len(g.lrs) > 0 {
			b.WriteString("      signals:\n")
			for _, lr := range g.lrs {
				fmt.Fprintf(&b, "        - {text: generated, likelihood_ratio: %g}\n", lr)
			}
		}
	}
	return b.String()
}

var instTypes = []string{"collective_defense", "defense_pact", "nuclear_umbrella", "tripwire", "advisers", "air_policing",
	"security_assurance", "arms_supply", "economic_stake", "ceasefire_agreement"}

func drawInst(t *rapid.T, label string) genInst {
	return genInst{
		typ:      rapid.SampledFrom(instTypes).Draw(t, label+"type"),
		troops:   math.Round(rapid.Float64Range(10, 20000).Draw(t, label+"troops")),
		value:    math.Round(rapid.Float64Range(0, 50).Draw(t, label+"value")),
		posture:  rapid.SampledFrom(scenario.Postures).Draw(t, label+"posture"),
		rotate:   rapid.SampledFrom([]string{"permanent", "rotational"}).Draw(t, label+"rotation"),
		ratified: rapid.Bool().Draw(t, label+"ratified"),
		public:   rapid.Bool().Draw(t, label+"public"),
	}
}

func drawGuar(t *rapid.T, label string) genGuar {
	g := genGuar{country: rapid.SampledFrom(genCountries).Draw(t, label+"country")}
	if rapid.Bool().Draw(t, label+"theatre") {
		g.troops = math.Round(rapid.Float64Range(1000, 300000).Draw(t, label+"reinforcements"))
		g.arrive = math.Round(rapid.Float64Range(0, 120).Draw(t, label+"arrival"))
	}
	for j := range rapid.IntRange(0, 3).Draw(t, label+"instruments") {
		g.insts = append(g.insts, drawInst(t, fmt.Sprintf("%si%d", label, j)))
	}
	for j := range rapid.IntRange(0, 2).Draw(t, label+"signals") {
		g.lrs = append(g.lrs, rapid.Float64Range(0.3, 3).Draw(t, fmt.Sprintf("%slr%d", label, j)))
	}
	return g
}

func drawOpt(t *rapid.T) genOpt {
	o := genOpt{kind: rapid.SampledFrom([]string{"invasion", "limited_seizure", "grey_zone"}).Draw(t, "kind"),
		stage: rapid.SampledFrom([]string{"", scenario.Immediate, scenario.General, scenario.PostWar}).Draw(t, "stage")}
	if rapid.IntRange(0, 3).Draw(t, "mode") > 0 { // mostly theatre balances
		o.chTroops = math.Round(rapid.Float64Range(10000, 900000).Draw(t, "challenger troops"))
		o.chArrive = math.Round(rapid.Float64Range(0, 30).Draw(t, "challenger arrival"))
		if rapid.IntRange(0, 4).Draw(t, "protege mode") > 0 {
			o.prTroops = math.Round(rapid.Float64Range(5000, 900000).Draw(t, "protege troops"))
		}
	}
	// Distinct countries: a state is one guarantor.
	used := map[string]bool{}
	for i := range rapid.IntRange(0, 3).Draw(t, "guarantors") {
		g := drawGuar(t, fmt.Sprintf("g%d", i))
		if used[g.country] {
			continue
		}
		used[g.country] = true
		o.gs = append(o.gs, g)
	}
	return o
}

func (o genOpt) clone() genOpt {
	c := o
	c.gs = nil
	for _, g := range o.gs {
		g.insts = append([]genInst(nil), g.insts...)
		g.lrs = append([]float64(nil), g.lrs...)
		c.gs = append(c.gs, g)
	}
	return c
}

// fataler is what testing.TB and rapid.T share.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

func compileYAML(t fataler, src string) *Model {
	t.Helper()
	s, err := scenario.Parse("generated.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	o, err := FromScenario(scenario.Compile(s))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	m, err := Compile(o)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return m
}

// psqDraws returns P(status quo) in draws 0..n-1 of seed.
func psqDraws(m *Model, seed uint64, n int) []float64 {
	s := m.st
	w := s.newWork()
	out := make([]float64, n)
	for i := range out {
		s.sample(w, seed, uint64(i), -1, 0)
		s.eval(w)
		out[i] = w.out.PSQ
	}
	return out
}

// compareDraws fails if b reverses the expected direction (sign +1: b >= a;
// -1: b <= a) in any draw.
func compareDraws(t fataler, a, b *Model, sign float64, what, srcA, srcB string) {
	t.Helper()
	pa, pb := psqDraws(a, 7, propertyDraws), psqDraws(b, 7, propertyDraws)
	for i := range pa {
		if sign*(pb[i]-pa[i]) < -1e-9 {
			t.Fatalf("%s reverses P(deterrence) in draw %d: %.6f -> %.6f\n--- before\n%s--- after\n%s", what, i, pa[i], pb[i], srcA, srcB)
		}
	}
}

type perturbation struct {
	name string
	sign float64
	// apply changes o; it returns false when the perturbation does not
	// apply to o (the case is then skipped).
	apply func(t *rapid.T, o *genOpt) bool
}

var perturbations = []perturbation{
	{"more tripwire troops", +1, func(t *rapid.T, o *genOpt) bool {
		for gi := range o.gs {
			for j := range o.gs[gi].insts {
				if in := &o.gs[gi].insts[j]; in.typ == "tripwire" {
					in.troops = math.Round(in.troops * rapid.Float64Range(1.1, 5).Draw(t, "factor"))
					return true
				}
			}
		}
		return false
	}},
	{"an added guarantor", +1, func(t *rapid.T, o *genOpt) bool {
		g := drawGuar(t, "new")
		for _, h := range o.gs {
			if h.country == g.country {
				return false
			}
		}
		o.gs = append(o.gs, g)
		return true
	}},
	{"a stronger instrument", +1, func(t *rapid.T, o *genOpt) bool {
		if len(o.gs) == 0 {
			return false
		}
		g := &o.gs[rapid.IntRange(0, len(o.gs)-1).Draw(t, "which")]
		for j := range g.insts {
			if in := &g.insts[j]; (in.typ == "defense_pact" || in.typ == "collective_defense") && !in.ratified {
				in.ratified = true
				return true
			}
		}
		g.insts = append(g.insts, drawInst(t, "added"))
		return true
	}},
	{"an umbrella", +1, func(t *rapid.T, o *genOpt) bool {
		if len(o.gs) == 0 {
			return false
		}
		g := &o.gs[rapid.IntRange(0, len(o.gs)-1).Draw(t, "which")]
		g.insts = append(g.insts, genInst{typ: "nuclear_umbrella", public: true})
		return true
	}},
	{"a stronger protege", +1, func(t *rapid.T, o *genOpt) bool {
		if o.prTroops == 0 {
			return false
		}
		o.prTroops = math.Round(o.prTroops * rapid.Float64Range(1.1, 3).Draw(t, "factor"))
		return true
	}},
	{"a positive signal", +1, func(t *rapid.T, o *genOpt) bool {
		if len(o.gs) == 0 {
			return false
		}
		g := &o.gs[rapid.IntRange(0, len(o.gs)-1).Draw(t, "which")]
		g.lrs = append(g.lrs, rapid.Float64Range(1.01, 5).Draw(t, "lr"))
		return true
	}},
	{"faster reinforcements", +1, func(t *rapid.T, o *genOpt) bool {
		for gi := range o.gs {
			if g := &o.gs[gi]; g.troops > 0 && g.arrive > 0 {
				g.arrive = math.Floor(g.arrive * rapid.Float64Range(0, 0.9).Draw(t, "factor"))
				return true
			}
		}
		return false
	}},
	{"a negative signal", -1, func(t *rapid.T, o *genOpt) bool {
		if len(o.gs) == 0 {
			return false
		}
		g := &o.gs[rapid.IntRange(0, len(o.gs)-1).Draw(t, "which")]
		g.lrs = append(g.lrs, rapid.Float64Range(0.1, 0.99).Draw(t, "lr"))
		return true
	}},
	{"a stronger challenger", -1, func(t *rapid.T, o *genOpt) bool {
		if o.chTroops == 0 {
			return false
		}
		o.chTroops = math.Round(o.chTroops * rapid.Float64Range(1.1, 3).Draw(t, "factor"))
		return true
	}},
}

// Properties (issue 10 item 7) on random options and random one-step
// perturbations: none reverses P(deterrence) in any draw.
func TestStructuralProperties(t *testing.T) {
	checks := perturbationsPerProperty
	if *propertyChecks > 0 {
		checks = *propertyChecks
	}
	// rapid reads its number of checks from a flag; set it for this test
	// unless the command line did (and rapid divides it by 5 under -short).
	if f := flag.Lookup("rapid.checks"); f != nil && f.Value.String() == f.DefValue {
		old := f.Value.String()
		_ = f.Value.Set(strconv.Itoa(checks))
		defer func() { _ = f.Value.Set(old) }()
	}
	total := 0
	for _, p := range perturbations {
		t.Run(p.name, func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) {
				o := drawOpt(rt)
				q := o.clone()
				if !p.apply(rt, &q) {
					rt.Skip("the perturbation does not apply") // an invalid case: rapid draws another
				}
				a, b := o.yaml(), q.yaml()
				ma, mb := compileYAML(rt, a), compileYAML(rt, b)
				if ma.st.stage != mb.st.stage {
					// An added ceasefire agreement turns an immediate
					// option into a post-war one (scenario.EffectiveStage):
					// a different situation, not all else equal.
					rt.Skip("the perturbation changes the stage")
				}
				total++
				compareDraws(rt, ma, mb, p.sign, p.name, a, b)
			})
		})
	}
	t.Logf("%d random perturbations checked, %d draws each", total, propertyDraws)
}

// A guarantor that fights with probability below 5% moves P(deterrence) by
// less than 2 points: the first measured failure (a US with no
// instrument lifted "no guarantee" from 2% to 55%). Checked as a hard
// property on the Ukraine options (a weak guarantor added to each, 2,000
// draws: the largest move is 0.06 point, its paired Monte Carlo SE below
// 0.01 point, so the point estimate decides).
//
// On random options it is not a theorem of the model. The committed
// (informed) challenger sees the responding set S before it decides, so
// with independent responses a guarantor that responds with probability q
// moves P(deterrence) by q times the average gap L(x_{S+g}) − L(x_S) over
// the other guarantors' sets: below q, but above 2 points when q is near
// 5% and the guarantor alone would multiply the force against the
// challenger (a gap above 0.4). The random part measures how often that
// happens (docs/assess.md: 15 of 1,500 fixed options at 20,000 draws under
// informed, 38 under the former expected form) rather than asserting it,
// and asserts only that the added guarantor never lowers P(deterrence).
//
// Its count is not Monte Carlo noise: on the 1,500 fixed options of
// TestWeakGuarantorMeasure the options that moved 2 points or more at 200
// draws still did at 20,000 draws of the same seed (measured under the
// expected form: 72 at 200 draws, 75 at 20,000; counting only moves beyond
// 2 points + 3 SE at 200 draws would have reported 29 of the 75). So the
// count stays on the point estimate, and the log gives the 3-SE count
// beside it.
func TestStructuralWeakGuarantor(t *testing.T) {
	files, err := scenario.OptionFiles("../examples/ukraine-2025")
	if err != nil || len(files) == 0 {
		t.Skip("examples not available")
	}
	weakChecked := 0
	for _, f := range files {
		for _, weak := range []string{"USA", "TUR", "CAN", "ITA", "SPN"} {
			s, err := scenario.LoadFile(f, scenario.Options{Countries: Countries})
			if err != nil {
				t.Fatal(err)
			}
			a := compileScenario(t, s)
			skip := false
			for _, g := range s.Option.Guarantors {
				skip = skip || g.Country.Abbrev == weak
			}
			if skip {
				continue
			}
			c, _ := Countries.Resolve(weak)
			s.Option.Guarantors = append(s.Option.Guarantors, scenario.Guarantor{ID: "weak", Country: c})
			b := compileScenario(t, s)
			m := measureWeak(a, b, len(s.Option.Guarantors)-1, 2000)
			if !m.weak() {
				t.Logf("%s + %s with no instrument: P(responds) %.3f, not weak (not checked)", f, weak, m.Q)
				continue
			}
			weakChecked++
			if math.Abs(m.D) >= weakMaxMove {
				t.Errorf("%s: %s with no instrument (P(responds) %.3f) moves P(deterrence) %.4f -> %.4f (SE %.4f)", f, weak, m.Q, m.Before, m.After, m.SE)
			}
		}
	}
	if weakChecked == 0 {
		t.Error("no weak guarantor among the example additions: the property was not checked")
	}
	if t.Failed() {
		return
	}
	checks, over, beyond := 0, 0, 0
	rapid.Check(t, func(rt *rapid.T) {
		c := weakCases.Draw(rt, "case")
		a, b := compileYAML(rt, c.o.yaml()), compileYAML(rt, c.q.yaml())
		m := measureWeak(a, b, len(c.q.gs)-1, 200)
		if !m.weak() {
			rt.Skip("the added guarantor is not weak")
		}
		checks++
		if m.D < -1e-9 {
			rt.Fatalf("an added guarantor lowers P(deterrence): %.4f -> %.4f", m.Before, m.After)
		}
		if m.overPoint() {
			over++
		}
		if m.exceeds() {
			beyond++
		}
	})
	t.Logf("random options: a weak guarantor (P(responds) < 5%%) moved P(deterrence) by 2 points or more in %d of %d (beyond 2 points + 3 Monte Carlo SE: %d)", over, checks, beyond)
}

func compileScenario(t testing.TB, s *scenario.Scenario) *Model {
	t.Helper()
	o, err := FromScenario(scenario.Compile(s))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
