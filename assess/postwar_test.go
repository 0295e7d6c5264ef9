package assess

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/scenario"
)

const postWarSrc = `name: postwar
challenger: RUS
protege: UKR
horizon: {value: 20, source: judgment}
period: {start: 2000-01-01}
challenge: {kind: invasion, stage: %s}
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 60000, source: judgment}
option:
  guarantors:
%s`

const postWarGuarantor = `    - country: USA
      id: us
      capability: {deployable_troops: 80000, source: judgment}
      instruments:
        - {type: defense_pact, ratified: true}
        - {type: ceasefire_agreement, monitors: 200, dmz: true}
`

// With the index at its reference, the dyad covariates at the post-war
// spells' means and no mechanism in force, each direction is the fitted
// cure Weibull exactly, S_dir(T) = pc + (1 - pc) exp(-(T/Λ)^K), and the
// renewal by either party is its square: P(no war by T) = S_dir(T)², and
// P(deterrence) = S_dir(1)².
func TestPostWarAtReferenceIsTheFittedCurve(t *testing.T) {
	m := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", "    []\n"))
	s := m.st
	if !s.postwar || s.stage != scenario.PostWar {
		t.Fatalf("stage %q", s.stage)
	}
	if s.pw.term(s.point) == 0 {
		t.Fatal("Russia-Ukraine's dyad term is 0: the test would not see the covariates")
	}
	s.pw.x, s.pwR.x = s.pw.centre, s.pwR.centre // every covariate at its reference
	w := s.newWork()
	for i := range uint64(30) {
		s.sample(w, 3, i, -1, 0)
		s.eval(w)
		w.x[s.coef.xref] = math.Log(w.out.Cbar) - math.Log(w.out.Pi) // the draw's own index: z = 0
		s.eval(w)
		c := &w.coef
		if z := w.ph[0].z; math.Abs(z) > 1e-12 {
			t.Fatalf("draw %d: z = %v at the reference", i, z)
		}
		pc := deter.Logistic(c.PC0.Value)
		fitted := func(T float64) float64 {
			d := pc + (1-pc)*math.Exp(-math.Pow(T/c.Lambda.Value, c.K.Value))
			return d * d
		}
		if got := w.out.PSQ; math.Abs(got-fitted(1)) > 1e-12 {
			t.Errorf("draw %d: P(deterrence) %v, fitted S(1) %v", i, got, fitted(1))
		}
		for _, T := range []float64{1, 5, 10, 20} {
			if got := s.noAttack(w, c, T); math.Abs(got-fitted(T)) > 1e-12 {
				t.Errorf("draw %d: P(no war by %g) %v, fitted %v", i, T, got, fitted(T))
			}
		}
	}
}

// In every draw the engine's post-war chain is deter.PostWarSurvival with
// z = a (ln C̄ − ln Π − x_ref) (a the fitted post-war slope, or A1) and the mechanisms' hazard ratio; no
// crisis decision multiplies it.
func TestPostWarEngineMatchesDeter(t *testing.T) {
	m := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar, war_outcome: challenger_lost", postWarGuarantor))
	s := m.st
	if len(s.phases) != 1 || len(s.phases[0].hr) != 3 { // monitors, dmz, third-party guarantee
		t.Fatalf("phases %d, mechanisms %v", len(s.phases), s.phases[0].hr)
	}
	w := s.newWork()
	for i := range uint64(200) {
		s.sample(w, 5, i, -1, 0)
		s.eval(w)
		c := w.coef
		if _, ref := c.PostWarSlope(); ref.Value != w.x[s.coef.xref] {
			t.Fatalf("draw %d: the draw's reference %v, the engine's %v", i, ref.Value, w.x[s.coef.xref])
		}
		z := deter.PostWarRelIndex(&c, math.Log(w.out.Cbar), math.Log(w.out.Pi))
		// The dyad term through deter, from the inputs explain lists.
		for j, e := range c.PostWarEstimates() {
			e.Value, e.Centre = w.x[s.pw.coef[j]], s.pw.centre[j]
		}
		in := s.pw.inputs
		cov := deter.PostWarCovariates{Rivalry: w.x[in[0]] == 1, Contiguous: w.x[in[1]] == 1, EarlierWars: int(w.x[in[2]]),
			Outcome: map[float64]deter.WarOutcome{1: deter.ChallengerWon, -1: deter.ChallengerLost, 0: deter.NoDecision}[w.x[in[3]]]}
		hr := w.out.HR * math.Exp(deter.PostWarTerm(&c, cov))
		// The protégé's direction: the ceasefire's monitors, DMZ and its
		// third-party guarantee (all three from the ceasefire agreement),
		// the outcome swapped.
		both := 1.0
		for _, m := range []string{deter.HRMonitors, deter.HRDMZ, deter.HRThirdPartyGuarantee} {
			both *= w.x[mechSlot(t, s, m)]
		}
		rev := cov
		rev.Outcome = cov.Outcome.Swapped()
		hrP := both * math.Exp(deter.PostWarTerm(&c, rev))
		if math.Abs(z-w.ph[0].z) > 1e-9 {
			t.Fatalf("draw %d: z %v, deter %v", i, w.ph[0].z, z)
		}
		if want := deter.PostWarRenewal(&c, z, 1, hr, hrP); math.Abs(w.out.PSQ-want) > 1e-12 {
			t.Errorf("draw %d: P(deterrence) %v, deter S_renew(1) %v", i, w.out.PSQ, want)
		}
		for _, T := range []float64{2, 10, 20} {
			if got, want := s.noAttack(w, &w.coef, T), deter.PostWarRenewal(&c, z, T, hr, hrP); math.Abs(got-want) > 1e-12 {
				t.Errorf("draw %d: P(no war by %g) %v, deter %v", i, T, got, want)
			}
		}
	}
}

// The index's hazard ratio is monotone: raising the protégé's force (the
// index rises) never lowers the post-war P(deterrence) or P(no war by T),
// draw by draw; the mechanisms' hazard ratios (drawn at most 1) never
// lower it either.
func TestPostWarHazardRatioMonotone(t *testing.T) {
	weak := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", postWarGuarantor))
	strong := compileYAML(t, strings.Replace(fmt.Sprintf(postWarSrc, "postwar", postWarGuarantor), "deployable_troops: 60000", "deployable_troops: 90000", 1))
	bare := compileYAML(t, strings.Replace(fmt.Sprintf(postWarSrc, "postwar", postWarGuarantor), ", monitors: 200, dmz: true", "", 1))
	a, b, c := weak.st.newWork(), strong.st.newWork(), bare.st.newWork()
	for i := range uint64(300) {
		for _, p := range []struct {
			m *Model
			w *swork
		}{{weak, a}, {strong, b}, {bare, c}} {
			p.m.st.sample(p.w, 9, i, -1, 0)
			p.m.st.eval(p.w)
		}
		if b.ph[0].z < a.ph[0].z-1e-12 || b.out.PSQ < a.out.PSQ-1e-12 {
			t.Fatalf("draw %d: a stronger protégé lowers z %v -> %v or P(deterrence) %v -> %v", i, a.ph[0].z, b.ph[0].z, a.out.PSQ, b.out.PSQ)
		}
		if a.out.PSQ < c.out.PSQ-1e-12 {
			t.Fatalf("draw %d: monitors and a DMZ lower P(deterrence): %v -> %v", i, c.out.PSQ, a.out.PSQ)
		}
		for _, T := range []float64{5, 20} {
			if sa, sb := weak.st.noAttack(a, &a.coef, T), strong.st.noAttack(b, &b.coef, T); sb < sa-1e-12 {
				t.Fatalf("draw %d: P(no war by %g) falls with a stronger protégé: %v -> %v", i, T, sa, sb)
			}
		}
	}
}

// The derived stage: an immediate (or unset) file with a ceasefire
// agreement not ended at the assessment date is post-war; general is
// never changed.
func TestDerivedPostWarStage(t *testing.T) {
	cease := func(extra string) string {
		return "    - country: USA\n      id: us\n      capability: {deployable_troops: 80000, source: judgment}\n      instruments:\n        - {type: ceasefire_agreement" + extra + "}\n"
	}
	for _, tc := range []struct {
		stage, guarantors, want string
	}{
		{"immediate", "    []\n", scenario.Immediate},
		{"immediate", cease(""), scenario.PostWar},
		{"immediate", cease(", start: 2000-03"), scenario.PostWar}, // the monitors arrive after the ceasefire
		{"immediate", cease(", end: 1999-12-31"), scenario.Immediate},
		{"immediate", cease(", end: 2000"), scenario.PostWar},
		{"general", cease(""), scenario.General},
		{"postwar", "    []\n", scenario.PostWar},
	} {
		src := fmt.Sprintf(postWarSrc, tc.stage, tc.guarantors)
		if got := compileYAML(t, src).st.stage; got != tc.want {
			t.Errorf("stage %s with\n%s: read as %s, want %s", tc.stage, tc.guarantors, got, tc.want)
		}
		unset := strings.Replace(src, ", stage: "+tc.stage, "", 1)
		if tc.stage == "immediate" {
			if got := compileYAML(t, unset).st.stage; got != tc.want {
				t.Errorf("unset stage with\n%s: read as %s, want %s", tc.guarantors, got, tc.want)
			}
		}
	}
}

// Instruments that start or end: after a war the survival is chained
// across the phases as for immediate deterrence; P(deterrence) counts only
// what is in force now; an end never raises survival, a start never
// lowers it (the hazard ratios of the mechanisms are at most 1 by default,
// and a pact raises the index).
func TestPostWarPhases(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(postWarSrc, "postwar", postWarGuarantor), "        - {type: defense_pact, ratified: true}\n", "        - {type: defense_pact, ratified: true%s}\n", 1)
	open, ended := compileYAML(t, fmt.Sprintf(src, "")), compileYAML(t, fmt.Sprintf(src, ", end: 2004-12-31"))
	later := compileYAML(t, fmt.Sprintf(src, ", start: 2004-06"))
	if len(ended.st.phases) != 2 || len(later.st.phases) != 2 || len(open.st.phases) != 1 {
		t.Fatalf("phases: %d, %d and %d", len(open.st.phases), len(ended.st.phases), len(later.st.phases))
	}
	without := compileYAML(t, strings.Replace(fmt.Sprintf(src, ""), "        - {type: defense_pact, ratified: true}\n", "", 1))
	wo, we, wl, wn := open.st.newWork(), ended.st.newWork(), later.st.newWork(), without.st.newWork()
	for i := range uint64(100) {
		for _, p := range []struct {
			m *Model
			w *swork
		}{{open, wo}, {ended, we}, {later, wl}, {without, wn}} {
			p.m.st.sample(p.w, 1, i, -1, 0)
			p.m.st.eval(p.w)
		}
		if wo.out.PSQ != we.out.PSQ || wl.out.PSQ != wn.out.PSQ {
			t.Fatalf("draw %d: P(deterrence) counts what is not in force now: %v %v, %v %v", i, wo.out.PSQ, we.out.PSQ, wl.out.PSQ, wn.out.PSQ)
		}
		for _, y := range []float64{1, 3, 4.9} {
			if a, b := open.st.noAttack(wo, &wo.coef, y), ended.st.noAttack(we, &we.coef, y); math.Abs(a-b) > 1e-12 {
				t.Errorf("draw %d: survival at %g years %v vs %v before the end", i, y, a, b)
			}
		}
		for _, y := range []float64{6, 10, 20} {
			if a, b := open.st.noAttack(wo, &wo.coef, y), ended.st.noAttack(we, &we.coef, y); b > a+1e-12 {
				t.Errorf("draw %d: survival at %g years rises when the pact ends: %v -> %v", i, y, a, b)
			}
			if a, b := without.st.noAttack(wn, &wn.coef, y), later.st.noAttack(wl, &wl.coef, y); b < a-1e-12 {
				t.Errorf("draw %d: survival at %g years falls when a pact starts: %v -> %v", i, y, a, b)
			}
		}
		// The chain: the cured share of the start, the uncured share's
		// cumulative hazard accumulated phase by phase.
		t1 := ended.st.phases[1].start
		c := we.coef
		lam := func(t float64) float64 { return math.Pow(t/c.Lambda.Value, c.K.Value) }
		pc, pcR := we.ph[0].pc, we.ph[0].pcR
		want := (pc + (1-pc)*math.Exp(-(we.ph[0].hz*lam(t1)+we.ph[1].hz*(lam(10)-lam(t1))))) *
			(pcR + (1-pcR)*math.Exp(-(we.ph[0].hzR*lam(t1)+we.ph[1].hzR*(lam(10)-lam(t1)))))
		if got := ended.st.noAttack(we, &we.coef, 10); math.Abs(got-want) > 1e-12 {
			t.Errorf("draw %d: chained survival %v, want %v", i, got, want)
		}
	}
}

// Every Ukraine option is post-war (the base file's premise), and every
// history file with an immediate stage and a ceasefire agreement is read
// as post-war (no case file is edited for it).
func TestPostWarFiles(t *testing.T) {
	uk, _ := filepath.Glob("../examples/ukraine-2025/0*.yaml")
	if len(uk) != 9 {
		t.Fatalf("%d Ukraine options", len(uk))
	}
	for _, f := range uk {
		if m := structuralModel(t, f); m.st.stage != scenario.PostWar {
			t.Errorf("%s: stage %s, want postwar", f, m.st.stage)
		}
	}
	hist, _ := filepath.Glob("../examples/history/*.yaml")
	n := 0
	for _, f := range hist {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := structuralModel(t, f)
		sc := m.st.c.Scenario
		if sc.Challenge.Stage == scenario.Immediate && strings.Contains(string(src), "type: ceasefire_agreement") {
			n++
			if m.st.stage != scenario.PostWar {
				t.Errorf("%s: immediate with a ceasefire agreement read as %s", f, m.st.stage)
			}
		}
	}
	if n == 0 {
		t.Error("no history file with a ceasefire agreement")
	}
	t.Logf("%d history files read as post-war", n)
}

// After a war the durability inputs' driver swings take a shortcut (each
// draw's index cached, only the first year's survival recomputed): they
// must equal the full evaluation, draw for draw.
func TestPostWarDriversMatchFullEvaluation(t *testing.T) {
	m := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", postWarGuarantor))
	s := m.st
	cfg := Config{Samples: 200, Seed: 4, Workers: 2, DriverSamples: 60}.norm()
	ds, err := m.driversStructural(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	seed := cfg.Seed ^ 0x9e3779b97f4a7c15
	w := s.newWork()
	brute := func(slot int, v float64) float64 {
		sum := 0.0
		for i := range cfg.DriverSamples {
			s.sample(w, seed, uint64(i), slot, v)
			sum += s.evalPSQ(w)
		}
		return sum / float64(cfg.DriverSamples)
	}
	shortcut := 0
	for _, d := range ds {
		slot, ok := s.c.Index(d.Name)
		if !ok || !s.s1Only(slot) {
			continue
		}
		shortcut++
		if a, b := brute(slot, d.Lo), brute(slot, d.Hi); math.Abs(a-d.AtLo) > 1e-15 || math.Abs(b-d.AtHi) > 1e-15 {
			t.Errorf("%s: swing %v..%v, full evaluation %v..%v", d.Name, d.AtLo, d.AtHi, a, b)
		}
	}
	if shortcut < 6 { // shape, scale, cure intercept and slope, reference, three hazard ratios
		t.Errorf("%d durability inputs took the shortcut", shortcut)
	}
}

// A bare post-war dyad on national capability (no troops, no guarantor)
// has the index the post-war slope was fitted on: the engine's x = ln C̄ −
// ln Π at the medians (deploy shares 0.7 and 1, the fit's) is
// deter.NationalIndex of the two CINCs, so the fitted slope and reference
// apply on the scale they were estimated on (docs/fit.md, "Post-war hazard
// slope of the structural index").
func TestPostWarBareDyadIsTheFittedIndex(t *testing.T) {
	const src = `name: bare
challenger: RUS
protege: GEO
horizon: {value: 10, source: judgment}
period: {start: 2009-01-01}
challenge: {kind: invasion, stage: postwar}
option:
  guarantors: []
`
	m := compileYAML(t, src)
	s := m.st
	if s.ch.cinc < 0 || s.pr.cinc < 0 || s.ch.troops >= 0 {
		t.Fatalf("not the national fallback: challenger %+v protégé %+v", s.ch, s.pr)
	}
	w := s.newWork()
	if w.x[s.ch.deploy] != 0.7 || w.x[s.pr.deploy] != 1 {
		t.Fatalf("deploy shares at the medians %v, %v; the fit uses 0.7 and 1", w.x[s.ch.deploy], w.x[s.pr.deploy])
	}
	s.eval(w)
	c := w.coef
	want := deter.NationalIndex(&c, w.x[s.ch.cinc], w.x[s.pr.cinc], 0.7, 1)
	if got := math.Log(w.out.Cbar) - math.Log(w.out.Pi); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("engine x = %v, deter.NationalIndex = %v", got, want)
	}
	if want >= 0 { // a much stronger challenger: π near 1 and a cheap war
		t.Errorf("Russia against Georgia: x = %v, want below 0", want)
	}
}

// mechSlot is the slot of mechanism m's hazard ratio.
func mechSlot(t *testing.T, s *structural, m string) int {
	t.Helper()
	i, err := s.slot("model.durability." + m)
	if err != nil {
		t.Fatal(err)
	}
	return i
}
