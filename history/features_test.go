package history

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/scenario"
)

const belize = `name: Belize (test)
challenger: GUA
protege: BLZ
horizon: 6
period: {start: "1975-11-01", end: "1981-09-21"}
capabilities:
  challenger: {from: cow_nmc, year: 1975, deployable_troops: {value: 3000, source: test}}
  protege: {from: cow_nmc, year: 1975, deployable_troops: {value: 500, source: test}}
option:
  name: British garrison
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: security_assurance, start: "1990-01"}
    - country: UKG
      id: uk
      capability: {nuclear: true, from: cow_nmc, year: 1975}
      instruments:
        - {type: defense_pact}
        - {type: tripwire, troops: {dist: triangular, min: 1000, mode: 1500, max: 2000, source: test}}
        - {type: air_policing}
outcome: {deterrence: held, source: test}
`

func parse(t *testing.T, text string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Parse("belize.yaml", []byte(text), scenario.Options{Countries: assess.Countries})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Features by hand: a defence pact (3/4), a tripwire in place, ln((500 +
// 1,500) / 3,000), a nuclear guarantor; the US assurance of 1990 is not in
// force in 1975 and adds nothing.
func TestCaseFeaturesByHand(t *testing.T) {
	x, missing := CaseFeatures(parse(t, belize))
	want := []float64{0.75, 1, math.Log(2000.0 / 3000), 1}
	if missing || len(x) != len(FeatureNames) {
		t.Fatalf("features %v missing %v", x, missing)
	}
	for i := range want {
		near(t, FeatureNames[i][:20], x[i], want[i], 1e-12)
	}
	noTroops := strings.Replace(belize, ", deployable_troops: {value: 3000, source: test}", "", 1)
	if x, missing := CaseFeatures(parse(t, noTroops)); !missing || x[2] != 0 {
		t.Errorf("no challenger troops: %v %v", x, missing)
	}
	if got := CaseDyad(parse(t, belize)); got != "BLZ-GUA" {
		t.Errorf("dyad %q", got)
	}
}

// Huth's crisis 55 (Guatemala-UK, 1975) falls in the spell; moved to 1990
// the spell holds no Huth crisis (the data end in 1983).
func TestHuthCrisis(t *testing.T) {
	got, err := HuthCrisis(parse(t, belize))
	if err != nil || !strings.Contains(got, "crisis 55 (1975, COW 90-200)") {
		t.Errorf("got %q, %v", got, err)
	}
	later := strings.Replace(belize, `period: {start: "1975-11-01", end: "1981-09-21"}`, `period: {start: "1990-01-01", end: "1991-01-01"}`, 1)
	if got, err := HuthCrisis(parse(t, later)); err != nil || got != "" {
		t.Errorf("1990: got %q, %v", got, err)
	}
	// HuthCrisisIDs lists every match, the named one first: counted here
	// from the file directly (Guatemala 90, UK 200, 1975-1981).
	tab, err := evidence.Load("huth_1988")
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := tab.Num("case_id")
	years, _ := tab.Num("year")
	c1, _ := tab.Num("dyad_ccode1")
	c2, _ := tab.Num("dyad_ccode2")
	var want []int
	for i := range ids {
		a, b := c1[i], c2[i]
		if years[i] >= 1975 && years[i] <= 1981 && (a == 90 && b == 200 || a == 200 && b == 90) {
			want = append(want, int(ids[i]))
		}
	}
	gotIDs, err := HuthCrisisIDs(parse(t, belize))
	if err != nil || len(gotIDs) == 0 || gotIDs[0] != 55 || fmt.Sprint(gotIDs) != fmt.Sprint(want) {
		t.Errorf("ids %v (%v), the file holds %v", gotIDs, err, want)
	}
	if got, err := HuthCrisisIDs(parse(t, later)); err != nil || len(got) != 0 {
		t.Errorf("1990: ids %v, %v", got, err)
	}
}

// The cases outside the fitting data are validated apart, their baselines
// refitted among them alone.
func TestValidateUnseen(t *testing.T) {
	x := []float64{0, 0, 0, 0}
	cases := []Case{
		{P: 0.9, Outcome: 1, Group: "A", X: x, Overlap: "Huth 1988 crisis 1"},
		{P: 0.2, Outcome: 0, Group: "B", X: x},
		{P: 0.6, Outcome: 1, Group: "C", X: x},
	}
	v, err := Validate(cases, Config{Bins: 2, Resamples: 10})
	if err != nil {
		t.Fatal(err)
	}
	if v.Unseen.N != 2 || v.Unseen.Forecasters[1].Brier != 1 { // each sees the other's opposite outcome
		t.Errorf("unseen set %+v", v.Unseen)
	}
	cases[0].Overlap = ""
	if v, _ = Validate(cases, Config{Bins: 2}); v.Unseen.N != 0 {
		t.Errorf("no overlap, yet an unseen set of %d", v.Unseen.N)
	}
}
