package assess

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/scenario"
)

const generalFile = `name: general
challenger: RUS
protege: UKR
horizon: {value: 5, source: judgment}
%s
challenge:
  stage: general
%s
capabilities:
  challenger: {deployable_troops: 200000, source: judgment}
  protege: {deployable_troops: 120000, source: judgment}
option:
  guarantors:
    - {country: USA, id: us, capability: {deployable_troops: 60000, source: judgment}, instruments: [{type: security_assurance}]}
`

func generalModel(t *testing.T, period, fields string) *Model {
	t.Helper()
	src := strings.Replace(strings.Replace(generalFile, "%s", period, 1), "%s", fields, 1)
	s, err := scenario.Parse("general.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	c := scenario.Compile(s)
	c.Today = "2026-06-01"
	o, err := FromScenario(c)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func assumption(m *Model, name string) (Assumption, bool) {
	for _, a := range m.Assumptions() {
		if a.Name == name {
			return a, true
		}
	}
	return Assumption{}, false
}

func hasFlag(flags []string, sub string) bool {
	for _, f := range flags {
		if strings.Contains(f, sub) {
			return true
		}
	}
	return false
}

// The covariates come from the data for the pair as of the assessment
// year (Russia-Ukraine in 2004: no TSS rivalry before 2014, the last
// use-of-force MID in 1994, a land border), show as inputs with their
// sources, and enter P(status quo) as deter.ChallengerTerm says.
func TestChallengerCovariatesDerived(t *testing.T) {
	m := generalModel(t, "period: {start: 2004-01}", "")
	want := map[string]float64{InputRivalry: 0, InputPeaceYears: 10, InputNoPrior: 0, InputContiguous: 1}
	for name, v := range want {
		a, ok := assumption(m, name)
		if !ok || a.Median != v || !strings.Contains(a.Source, "COW") && !strings.Contains(a.Source, "TSS") {
			t.Errorf("%s: %+v (present %v), want %v from the data", name, a, ok, v)
		}
	}
	for _, f := range m.st.flags {
		if strings.HasPrefix(f, "challenge.") {
			t.Errorf("flag for a covered year: %s", f)
		}
	}
	// At the medians, the index is StatusQuoGeneral's with the term.
	st := m.explainStructural()
	c := deter.Default().Clone()
	med := func(name string) float64 {
		i, ok := m.st.c.Index(name)
		if !ok {
			t.Fatalf("no input %s", name)
		}
		return m.st.point[i]
	}
	c.AGeneral.Value = med("model.challenger.general")
	if c.GeneralSlopeFitted() {
		c.GenSlope.Value, c.GenRef.Value = med("model.challenger.general_slope"), med("model.challenger.general_reference")
	} else {
		c.A0.Value, c.A1.Value = med("model.challenger.intercept"), med("model.challenger.weight")
	}
	for j, e := range c.ChallengerEstimates() {
		e.Value = med(scenario.ChallengerCovariateKeys()[j])
	}
	term := deter.ChallengerTerm(c, deter.ChallengerCovariates{PeaceYears: 10, Contiguous: true})
	_, idx := deter.StatusQuoGeneral(c, math.Log(st.Cbar), math.Log(st.Pi), term)
	if math.Abs(idx-st.Index) > 1e-6 {
		t.Errorf("index %.9f, want %.9f (term %.4f)", st.Index, idx, term)
	}
}

// Past the data's end the last covered year is used and flagged; the
// file's values replace the data (and their flags).
func TestChallengerCovariatesFlags(t *testing.T) {
	m := generalModel(t, "", "")
	for _, f := range []string{"challenge.last_dispute: the MID data end in 2014", "challenge.rivalry: the rivalry data end in 2020", "challenge.contiguous: the contiguity data end in 2016"} {
		if !hasFlag(m.st.flags, f) {
			t.Errorf("no flag %q in %q", f, m.st.flags)
		}
	}
	if a, _ := assumption(m, InputPeaceYears); a.Median != 2026-2014 {
		t.Errorf("peace years %v, want 12 (last MID 2014)", a.Median)
	}
	m = generalModel(t, "", "  rivalry: true\n  last_dispute: 2022\n  contiguous: true")
	if hasFlag(m.st.flags, "challenge.") {
		t.Errorf("flags with every covariate in the file: %q", m.st.flags)
	}
	for name, v := range map[string]float64{InputRivalry: 1, InputPeaceYears: 4, InputNoPrior: 0, InputContiguous: 1} {
		if a, _ := assumption(m, name); a.Median != v || !strings.HasPrefix(a.Source, "file:") {
			t.Errorf("%s: %+v, want %v from the file", name, a, v)
		}
	}
}

// A quarrel lowers P(status quo): a rivalry and a recent dispute give a
// lower yearly P(deterrence) than none, whatever else holds (the fitted
// signs), and the immediate stage ignores the covariates.
func TestChallengerCovariatesDirection(t *testing.T) {
	p := func(fields string) float64 {
		return generalModel(t, "period: {start: 2004-01}", fields).explainStructural().PSQ
	}
	calm := p("  rivalry: false\n  last_dispute: none\n  contiguous: false")
	quarrel := p("  rivalry: true\n  last_dispute: 2003\n  contiguous: true")
	if !(quarrel < calm) {
		t.Errorf("P(SQ) with a rivalry and a dispute last year %.4f, without %.4f", quarrel, calm)
	}
	if c := deter.Default(); !(c.ARivalry.Value < 0 && c.APeace.Value > 0) {
		t.Errorf("fitted signs: rivalry %.3f (want < 0), peace %.3f (want > 0)", c.ARivalry.Value, c.APeace.Value)
	}
}

// A territory without a sovereign has no pair in the data: the covariates
// are unknown, the term adds nothing, and the output says so.
//
// territoryGeneral is a general-stage file whose protégé is a territory
// without a sovereign, so the data cannot say anything about the pair;
// its %s extends the challenge block.
const territoryGeneral = `name: t
challenger: ARG
protege: {territory: Falkland Islands}
horizon: {value: 5, source: judgment}
period: {start: 1980}
challenge: {stage: general%s}
capabilities:
  challenger: {deployable_troops: 10000, source: judgment}
  protege: {deployable_troops: 100, source: judgment}
option:
  guarantors:
    - {country: UKG, id: uk, capability: {deployable_troops: 8000, source: judgment}, instruments: [{type: defense_pact}]}
`

func TestChallengerCovariatesUnknown(t *testing.T) {
	src := fmt.Sprintf(territoryGeneral, "")
	s, err := scenario.Parse("t.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatal(err)
	}
	m := compileScenario(t, s)
	if !hasFlag(m.st.flags, "challenge.rivalry, challenge.last_dispute, challenge.contiguous: not in the file") {
		t.Errorf("no unknown-covariates flag in %q", m.st.flags)
	}
	w := m.st.newWork()
	m.st.eval(w)
	if math.Abs(w.xalpha) > 1e-12 {
		t.Errorf("term %v for unknown covariates, want 0", w.xalpha)
	}
}

// A last dispute after the assessment year is an error that names the file and field.
func TestChallengerLastDisputeAfterAsOf(t *testing.T) {
	src := strings.Replace(strings.Replace(generalFile, "%s", "", 1), "%s", "  last_dispute: 2030", 1)
	s, err := scenario.Parse("late.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatal(err)
	}
	c := scenario.Compile(s)
	c.Today = "2026-06-01"
	o, err := FromScenario(c)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(o)
	if err == nil || !strings.Contains(err.Error(), "late.yaml") || !strings.Contains(err.Error(), "challenge.last_dispute") {
		t.Errorf("error %v, want one naming late.yaml and challenge.last_dispute", err)
	}
	// A scenario error with its line and field, so the server's editor
	// marks the line instead of reporting it at 0:0.
	var se *scenario.Error
	if !errors.As(err, &se) || se.Field != "challenge.last_dispute" || se.Pos.Line == 0 || !errors.Is(err, ErrOption) {
		t.Errorf("error %#v, want a *scenario.Error at a line with field challenge.last_dispute, wrapping ErrOption", err)
	}
}

// last_dispute: none is the file's word that the two never fought: with no
// data for the pair (a territory without a sovereign) it still sets
// no_prior_dispute, and only the years of peace are unknown; the flag must
// not say the field is missing from the file.
func TestChallengerNoDisputeUnknownPair(t *testing.T) {
	src := fmt.Sprintf(territoryGeneral, ", last_dispute: none")
	s, err := scenario.Parse("t.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatal(err)
	}
	m := compileScenario(t, s)
	if a, _ := assumption(m, InputNoPrior); a.Median != 1 || a.Source != "file: challenge.last_dispute none" {
		t.Errorf("no_prior_dispute %+v, want 1 from the file", a)
	}
	if hasFlag(m.st.flags, "challenge.last_dispute, challenge.contiguous: not in the file") || !hasFlag(m.st.flags, "challenge.rivalry, challenge.contiguous: not in the file") {
		t.Errorf("flags %q: last_dispute is in the file", m.st.flags)
	}
	if !hasFlag(m.st.flags, "challenge.last_dispute: none, but the years of peace") {
		t.Errorf("no flag for the unknown years of peace in %q", m.st.flags)
	}
}

// A covariate the file gives for a stage that does not read it is said,
// not silently dropped (the stage may be derived from a ceasefire).
func TestChallengeCovariatesUnusedFlagged(t *testing.T) {
	cases := []struct {
		stage, fields, want string
	}{
		{"immediate", "rivalry: true, contiguous: false, last_dispute: 2000, earlier_wars: 1", "challenge.rivalry, challenge.last_dispute, challenge.contiguous, challenge.earlier_wars: given but not read at stage immediate"},
		{"general", "earlier_wars: 2", "challenge.earlier_wars: given but not read at stage general"},
		{"general", "war_outcome: no_decision", "challenge.war_outcome: given but not read at stage general"},
		{"postwar", "last_dispute: 2000, rivalry: true", "challenge.last_dispute: given but not read at stage postwar"},
		{"general", "rivalry: true, last_dispute: 2000, contiguous: true", ""},
		{"postwar", "rivalry: true, contiguous: true, earlier_wars: 0, war_outcome: challenger_won", ""},
	}
	for _, c := range cases {
		src := strings.Replace(strings.Replace(generalFile, "%s", "period: {start: 2004-01}", 1), "%s", "", 1)
		src = strings.Replace(src, "challenge:\n  stage: general\n", "challenge: {stage: "+c.stage+", "+c.fields+"}\n", 1)
		s, err := scenario.Parse("u.yaml", []byte(src), scenario.Options{Countries: Countries})
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		m := compileScenario(t, s)
		got := hasFlag(m.st.flags, "given but not read")
		if c.want == "" && got || c.want != "" && !hasFlag(m.st.flags, c.want) {
			t.Errorf("%s {%s}: flags %q, want %q", c.stage, c.fields, m.st.flags, c.want)
		}
	}
}

// The UDG engine does not read the stage (docs/assess.md): a general or
// post-war file assessed with it says so, since its P(deterrence) is then
// the crisis decision, not the per-year or first-year post-war figure the
// legend describes; an immediate one does not.
func TestUDGSaysItIgnoresTheStage(t *testing.T) {
	for _, c := range []struct{ stage, want string }{
		{"general", "stage general is not read by the UDG engine"},
		{"postwar", "stage postwar is not read by the UDG engine"},
		{"immediate", ""},
	} {
		src := strings.Replace(strings.Replace(generalFile, "%s", "period: {start: 2004-01}", 1), "%s", "", 1)
		src = strings.Replace(src, "  stage: general\n", "  stage: "+c.stage+"\n", 1)
		f := filepath.Join(t.TempDir(), "u.yaml")
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		opts, err := LoadOptionsWith([]string{f}, scenario.EngineUDG)
		if err != nil {
			t.Fatal(err)
		}
		r, err := compile(t, opts[0]).Run(context.Background(), Config{Samples: 200, Seed: 1}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if got := hasFlag(r.Flags, "is not read by the UDG engine"); c.want == "" && got || c.want != "" && !hasFlag(r.Flags, c.want) {
			t.Errorf("stage %s: flags %q, want %q", c.stage, r.Flags, c.want)
		}
	}
}

// With the general stage's own slope fitted (docs/fit.md, "General-stage
// slope"), the index at the medians is general + x'α + b·(x − x̄) by hand,
// explain reports the term, and a file's intercept or weight (A0, A1,
// which the general stage then does not read) is flagged, not dropped.
func TestGeneralStageOwnSlope(t *testing.T) {
	if !deter.Default().GeneralSlopeFitted() {
		t.Skip("the committed coefficient set carries A1 over to the general stage")
	}
	m := generalModel(t, "period: {start: 2004-01}", "")
	st := m.explainStructural()
	g := st.GeneralSlope
	if g == nil {
		t.Fatal("no general slope in the trace")
	}
	c := deter.Default()
	// b is drawn from its normal truncated at 0: its median sits a hair above the estimate.
	if math.Abs(g.Slope-c.GenSlope.Value) > 1e-3*c.GenSlope.SE || g.Ref != c.GenRef.Value || g.Intercept != c.AGeneral.Value {
		t.Errorf("trace b %v x̄ %v intercept %v; committed %v %v %v", g.Slope, g.Ref, g.Intercept, c.GenSlope.Value, c.GenRef.Value, c.AGeneral.Value)
	}
	want := g.Intercept + st.ChallengerTerm + g.Slope*(math.Log(st.Cbar)-math.Log(st.Pi)-g.Ref)
	if math.Abs(st.Index-want) > 1e-6 {
		t.Errorf("index %.9f, by hand %.9f", st.Index, want)
	}
	if math.Abs(st.PSQ-1/(1+math.Exp(-want))) > 1e-6 {
		t.Errorf("P(SQ) %.9f, L(index) %.9f", st.PSQ, 1/(1+math.Exp(-want)))
	}
	if hasFlag(m.st.flags, "model.challenger.weight") {
		t.Errorf("weight flagged though the file does not set it: %q", m.st.flags)
	}
	src := strings.Replace(strings.Replace(generalFile, "%s", "period: {start: 2004-01}", 1), "%s", "", 1) + "model: {challenger: {weight: 2, intercept: 1}}\n"
	s, err := scenario.Parse("general.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatal(err)
	}
	m2 := compileScenario(t, s)
	if !hasFlag(m2.st.flags, "model.challenger.weight") || !hasFlag(m2.st.flags, "model.challenger.intercept") {
		t.Errorf("a file's weight and intercept under stage general not flagged: %q", m2.st.flags)
	}
	if st2 := m2.explainStructural(); math.Abs(st2.Index-st.Index) > 1e-9 {
		t.Errorf("the file's weight and intercept moved the general stage's index: %v -> %v", st.Index, st2.Index)
	}
}
