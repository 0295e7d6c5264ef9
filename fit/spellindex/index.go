package spellindex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/assess"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/scenario"
)

// Index is fit.EngineIndexFunc computed by the engine: a post-war scenario
// is generated for the spell (challenger s.A, protege s.B, period starting
// on 1 January of the war's last year, so the engine reads CINC in that
// year and its own era rule; each guarantor with one defense_pact),
// compiled against pc and explained at the medians; x is ln C̄ − ln Π of
// that trace.
func Index(pc *deter.Coefficients, s fit.Spell, gs []int) (x float64, qs []float64, err error) {
	src, err := guarantorScenario(s, gs)
	if err != nil {
		return 0, nil, fmt.Errorf("spell %d→%d (%d): %w", s.A, s.B, s.End, err)
	}
	sc, err := scenario.Parse("spell.yaml", []byte(src), scenario.Options{Countries: assess.Countries})
	if err != nil {
		return 0, nil, fmt.Errorf("spell %d→%d (%d): %w", s.A, s.B, s.End, err)
	}
	o, err := assess.FromScenario(scenario.CompileWith(sc, pc))
	if err != nil {
		return 0, nil, fmt.Errorf("spell %d→%d (%d): %w", s.A, s.B, s.End, err)
	}
	m, err := assess.Compile(o)
	if err != nil {
		return 0, nil, fmt.Errorf("spell %d→%d (%d): %w", s.A, s.B, s.End, err)
	}
	t := m.Explain().Structural
	if t == nil || t.PostWar == nil {
		return 0, nil, fmt.Errorf("spell %d→%d (%d): the engine did not run its post-war stage", s.A, s.B, s.End)
	}
	for _, g := range t.Guarantors {
		qs = append(qs, g.Q)
	}
	return t.PostWar.X, qs, nil
}

// guarantorScenario is the post-war scenario of directed spell s with
// guarantors gs (COW codes): each holds one public defence pact on
// national capability.
func guarantorScenario(s fit.Spell, gs []int) (string, error) {
	return scenarioText(fmt.Sprintf("spell %d-%d war %d", s.A, s.B, s.WarNum), s.A, s.B, s.End, "postwar", gs)
}

// scenarioText is the scenario of challenger a against protege b with
// guarantors gs (COW codes), each holding one public defence pact on
// national capability, its period starting on 1 January of start, under
// stage.
func scenarioText(name string, a, b, start int, stage string, gs []int) (string, error) {
	ref := func(code int) (string, error) {
		// The file names a state by its COW abbreviation (a one-digit code
		// is too short for the format); it must resolve back to the code.
		c, err := evidence.LookupCountry(strconv.Itoa(code))
		if err != nil {
			return "", err
		}
		if r, ok := assess.Countries.Resolve(c.Abb); !ok || r.Code != code {
			return "", fmt.Errorf("state %d: abbreviation %q does not resolve back", code, c.Abb)
		}
		return c.Abb, nil
	}
	var sb strings.Builder
	ca, err := ref(a)
	if err != nil {
		return "", err
	}
	p, err := ref(b)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&sb, "name: %s\nchallenger: %s\nprotege: %s\n", name, ca, p)
	fmt.Fprintf(&sb, "horizon: {value: 10, source: judgment}\nperiod: {start: %04d-01-01}\nchallenge: {kind: invasion, stage: %s}\noption:\n  guarantors:\n", start, stage)
	if len(gs) == 0 {
		sb.WriteString("    []\n")
	}
	for i, g := range gs {
		c, err := ref(g)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&sb, "    - country: %s\n      id: g%d\n      instruments:\n        - type: defense_pact\n", c, i)
	}
	return sb.String(), nil
}
