package deter

import (
	"strings"
	"testing"
)

func TestDefaultValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range c.All() {
		if n.E.Prior == "" && (n.E.Data == "" || n.E.Method == "") {
			t.Errorf("%s: a fitted estimate must name its data and method", n.Name)
		}
	}
	if c.Provenance.Command == "" || c.Provenance.Date == "" {
		t.Errorf("provenance incomplete: %+v", c.Provenance)
	}
}

func TestRoundTrip(t *testing.T) {
	c := Default().Clone()
	b, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if d.A1 != c.A1 || d.Base[BaseNone] != c.Base[BaseNone] || d.Provenance != c.Provenance {
		t.Errorf("round trip changed the coefficients")
	}
	// Clone is deep.
	c.Base[BaseNone] = Estimate{Value: 99}
	if Default().Base[BaseNone].Value == 99 {
		t.Error("Clone shares its Base map with Default")
	}
}

func TestParseErrors(t *testing.T) {
	good, _ := Default().Marshal()
	cases := []struct{ name, from, to, want string }{
		{"a1 <= 0", `"a1": {
    "value": `, `"a1": {
    "value": -`, "a1"},
		{"syntax", `{`, `[`, "coefficients"},
	}
	for _, tc := range cases {
		bad := strings.Replace(string(good), tc.from, tc.to, 1)
		if bad == string(good) {
			t.Fatalf("%s: replacement did not apply", tc.name)
		}
		if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %q", tc.name, err, tc.want)
		}
	}
}

// The engine's monotonicity theorems (issue 10 item 7) need these signs:
// more forces, an added responder or an umbrella never lower P(status quo)
// (Gamma > 0, C1 >= 0, CN >= 0, A1 > 0); a stronger commitment, stake,
// audience or prospect never lowers a response (BT, BE, BA, BD >= 0);
// mechanisms never shorten peace (HR <= 1); deterrence never shortens it
// (PC1 >= 0). A refit that flipped one must be looked at, not shipped.
func TestDefaultSigns(t *testing.T) {
	c := Default()
	for _, n := range []Named{{"bt", &c.BT}, {"be", &c.BE}, {"ba", &c.BA}, {"bd", &c.BD}, {"c1", &c.C1}, {"cn", &c.CN}, {"pc1", &c.PC1}} {
		if n.E.Value < 0 {
			t.Errorf("%s = %v < 0", n.Name, n.E.Value)
		}
	}
	for k, e := range c.HR {
		if e.Value > 1 {
			t.Errorf("hr.%s = %v > 1", k, e.Value)
		}
	}
	if c.Post1945.Value > 0 {
		t.Logf("post1945 = %v > 0: commitments after 1945 honoured more often than before", c.Post1945.Value)
	}
}

// TestCommittedResponseOrdering checks the committed coefficients order a
// guarantor's P(fights) security assurance <= defence pact <= collective
// defence (and air policing <= defence pact <= tripwire, nuclear umbrella)
// in each era for the same covariates: an obligation to consult is weaker
// than one to fight, and the ordering must not hinge on the era term
// applying to one instrument and not another.
func TestCommittedResponseOrdering(t *testing.T) {
	c := Default()
	chains := [][]string{
		{"security_assurance", "defense_pact", "collective_defense"},
		{"air_policing", "defense_pact", "tripwire"},
		{"security_assurance", "defense_pact", "nuclear_umbrella"},
	}
	covs := []ResponseInput{
		{},
		{StakeUSDbn: 3, Audience: 1, PWin: 0.9},
		{Audience: 0.5, PWin: 0.2, LogLR: -1},
		{StakeUSDbn: 0.5, PWin: 1, LogLR: 2},
	}
	for _, chain := range chains {
		for _, post := range []bool{false, true} {
			for ci, x := range covs {
				prev, prevInst := -1.0, ""
				for _, inst := range chain {
					b, ok := c.BaseLogit(inst)
					if !ok {
						t.Fatalf("Base[%s] missing", inst)
					}
					y := x
					y.Base, y.Post1945 = b, post && c.EraApplies(inst)
					if inst == "tripwire" {
						y.Troops = 1000
					}
					p := Response(c, y)
					if p < prev {
						t.Errorf("post1945=%v covariates #%d: P(fights | %s) = %.4f < P(fights | %s) = %.4f", post, ci, inst, p, prevInst, prev)
					}
					prev, prevInst = p, inst
				}
			}
		}
	}
}
