package assess

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// A post-war file for a pair, an assessment date and extra challenge fields.
const postWarPairSrc = `name: postwar pair
challenger: %s
protege: %s
horizon: {value: 10, source: judgment}
period: {start: %s}
challenge:
  kind: invasion
  stage: postwar
%s
capabilities:
  challenger: {deployable_troops: 100000, source: judgment}
  protege: {deployable_troops: 60000, source: judgment}
option:
  guarantors: []
`

func postWarPair(t *testing.T, a, b, start, fields string) *Model {
	t.Helper()
	return compileYAML(t, fmt.Sprintf(postWarPairSrc, a, b, start, fields))
}

// inputValue is the point value of a named input.
func inputValue(t *testing.T, m *Model, name string) (float64, string) {
	t.Helper()
	for i, n := range m.st.names {
		if n == name {
			return m.st.point[i], m.st.sources[i]
		}
	}
	t.Fatalf("no input %s", name)
	return 0, ""
}

// The covariates derived from the embedded data for a few pairs, checked
// by hand against the CSVs (evidence.TestPostWarDyad lists the rows):
// India-Pakistan after the 1947-49 war (no earlier war), after 1965 (one:
// 1947-49) and at Simla 1972 (two: 1947-49, 1965; 1971 just ended);
// Egypt-Israel after 1973 (four: 1948-49, 1956, 1967, 1969-70). All are
// TSS rivals with a land border. The war that just ended, from its COW 4.0
// outcome codes (challenger's, protégé's; the embedded file's rows): 1947-49
// 6/6 (stalemate: no decision), 1965 Pakistan 1 / India 2 (the challenger
// won, as the file codes it), 1971 Pakistan 2 / India 1 (lost), 1973 Egypt 2
// / Israel 1 (lost).
func TestPostWarCovariatesDerived(t *testing.T) {
	for _, c := range []struct {
		a, b, start string
		wars        float64
		outcome     deter.WarOutcome
	}{
		{"IND", "PAK", "1949-01-01", 0, deter.NoDecision},
		{"PAK", "IND", "1965-09-23", 1, deter.ChallengerWon},
		{"PAK", "IND", "1972-07-02", 2, deter.ChallengerLost},
		{"EGY", "ISR", "1973-10-24", 4, deter.ChallengerLost},
	} {
		m := postWarPair(t, c.a, c.b, c.start, "")
		for _, in := range []string{InputRivalry, InputContiguous} {
			if v, src := inputValue(t, m, in); v != 1 || strings.HasPrefix(src, "file") {
				t.Errorf("%s-%s %s: %s = %v (%s), want 1 from the data", c.a, c.b, c.start, in, v, src)
			}
		}
		if v, src := inputValue(t, m, InputEarlierWars); v != c.wars || !strings.Contains(src, "COW Inter-State War 4.0") {
			t.Errorf("%s-%s %s: earlier wars %v (%s), want %v", c.a, c.b, c.start, v, src, c.wars)
		}
		if len(m.st.flags) != 0 && hasFlag(m.st.flags, "challenge.") {
			t.Errorf("%s-%s %s: flags %v, want none (the data cover the year)", c.a, c.b, c.start, m.st.flags)
		}
		// The term the engine evaluates is deter.PostWarTerm at the committed coefficients.
		d := deter.Default()
		if v, src := inputValue(t, m, InputWarOutcome); v != map[deter.WarOutcome]float64{deter.ChallengerWon: 1, deter.ChallengerLost: -1}[c.outcome] || !strings.Contains(src, "outcome codes") {
			t.Errorf("%s-%s %s: war outcome %v (%s), want %s", c.a, c.b, c.start, v, src, c.outcome)
		}
		want := deter.PostWarTerm(d, deter.PostWarCovariates{Rivalry: true, Contiguous: true, EarlierWars: int(c.wars), Outcome: c.outcome})
		if got := m.st.pw.term(m.st.point); math.Abs(got-want) > 1e-12 {
			t.Errorf("%s-%s %s: term %v, deter %v", c.a, c.b, c.start, got, want)
		}
	}
}

// The file's fields win over the data; past the data's ends each derived
// covariate is flagged; a pair the data cannot place is flagged and sits at
// the spells' means (the term adds nothing).
func TestPostWarCovariatesFileAndFlags(t *testing.T) {
	m := postWarPair(t, "RUS", "UKR", "2025-06-01", "")
	for _, f := range []string{"challenge.rivalry: the rivalry data end in 2020", "challenge.contiguous: the contiguity data end in 2016", "challenge.earlier_wars: the COW war data end in 2007"} {
		if !hasFlag(m.st.flags, f) {
			t.Errorf("no flag %q in %v", f, m.st.flags)
		}
	}
	// The unknown years read as a span, or as one year (not "from 2008 to 2008").
	for _, c := range []struct{ start, want string }{
		{"2025-06-01", "a war between the two from 2008 to 2023 is unknown"},
		{"2010-06-01", "a war between the two in 2008 is unknown"},
	} {
		if m := postWarPair(t, "RUS", "UKR", c.start, ""); !hasFlag(m.st.flags, c.want) {
			t.Errorf("%s: no flag %q in %v", c.start, c.want, m.st.flags)
		}
	}
	if !hasFlag(m.st.flags, "challenge.war_outcome: not in the file and the data cannot say (no COW war between the two ended in 2024 or 2025") {
		t.Errorf("no war-outcome flag in %v", m.st.flags)
	}
	m = postWarPair(t, "RUS", "UKR", "2025-06-01", "  rivalry: false\n  contiguous: false\n  earlier_wars: 3\n  war_outcome: challenger_won")
	if hasFlag(m.st.flags, "challenge.") {
		t.Errorf("flags %v with every field in the file", m.st.flags)
	}
	for in, want := range map[string]float64{InputRivalry: 0, InputContiguous: 0, InputEarlierWars: 3} {
		if v, src := inputValue(t, m, in); v != want || !strings.HasPrefix(src, "file") {
			t.Errorf("%s = %v (%s), want %v from the file", in, v, src, want)
		}
	}
	d := deter.Default()
	if v, src := inputValue(t, m, InputWarOutcome); v != 1 || !strings.HasPrefix(src, "file") {
		t.Errorf("war outcome %v (%s), want 1 from the file", v, src)
	}
	if got, want := m.st.pw.term(m.st.point), deter.PostWarTerm(d, deter.PostWarCovariates{EarlierWars: 3, Outcome: deter.ChallengerWon}); math.Abs(got-want) > 1e-12 {
		t.Errorf("term %v, deter %v", got, want)
	}
}

// The covariates move the post-war P(deterrence) in the fitted direction
// (a rivalry raises the hazard: δ_rivalry > 0 in the committed fit) and
// never touch the guarantors: P(fights) is the same in every draw.
func TestPostWarCovariatesDirection(t *testing.T) {
	if deter.Default().DRivalry.Value <= 0 {
		t.Skip("the committed fit has no positive rivalry effect")
	}
	calm := postWarPair(t, "RUS", "UKR", "2025-06-01", "  rivalry: false\n  contiguous: true\n  earlier_wars: 0")
	rivals := postWarPair(t, "RUS", "UKR", "2025-06-01", "  rivalry: true\n  contiguous: true\n  earlier_wars: 0")
	wc, wr := calm.st.newWork(), rivals.st.newWork()
	for i := range uint64(50) {
		calm.st.sample(wc, 9, i, -1, 0)
		rivals.st.sample(wr, 9, i, -1, 0)
		calm.st.eval(wc)
		rivals.st.eval(wr)
		if !(wr.out.PSQ < wc.out.PSQ) {
			t.Errorf("draw %d: P(deterrence) rivals %v, not below %v", i, wr.out.PSQ, wc.out.PSQ)
		}
		if wr.out.Index != wc.out.Index {
			t.Errorf("draw %d: the index moved with the dyad covariates (%v vs %v)", i, wr.out.Index, wc.out.Index)
		}
	}
}
