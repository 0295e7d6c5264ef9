package assess

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/scenario"
)

// walkBase is a scenario in which most catalogue parameters matter: a
// theatre balance with arrival times, two guarantors with a ratified pact,
// a rotational frontline tripwire, a stake and an assurance. %s slots:
// challenge kind, extra US instruments, extra UK instruments, model block.
const walkBase = `name: walk
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
challenge: {kind: %s}
capabilities:
  challenger: {deployable_troops: 200000, arrival_days: 10, source: judgment}
  protege: {deployable_troops: 120000, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      capability: {deployable_troops: 60000, arrival_days: 30, source: judgment}
      instruments:
        - {type: defense_pact, ratified: true}
        - {type: tripwire, troops: 5000, posture: frontline, rotation: rotational}
        - {type: economic_stake, value_usd_bn: 10}
%s
    - country: UKG
      id: uk
      instruments:
        - {type: security_assurance}
%s
%s
`

// walkScenario returns a scenario in which the catalogue entry e is read.
func walkScenario(e scenario.Entry, model string) string {
	kind, us, uk := "invasion", "", ""
	key := e.Key()
	body := func() string { return fmt.Sprintf(walkBase, kind, us, uk, model) }
	switch {
	case strings.HasPrefix(key, "response.base.") || strings.HasPrefix(key, "udg.base_rates."):
		t := key[strings.LastIndex(key, ".")+1:]
		inst := ""
		switch t {
		case "none":
		case "sovereign":
			return fmt.Sprintf(`name: walk
challenger: ARG
protege: {territory: Falkland Islands, sovereign: UKG}
horizon: {value: 10, source: judgment}
capabilities:
  challenger: {deployable_troops: 10000, source: judgment}
  protege: {deployable_troops: 100, source: judgment}
option:
  guarantors:
    - {country: UKG, id: uk, sovereign: true, capability: {deployable_troops: 8000, source: judgment}, instruments: []}
%s
`, model)
		case "tripwire":
			inst = "{type: tripwire, troops: 1000}"
		case "advisers":
			inst = "{type: advisers, personnel: 100}"
		case "economic_stake", "arms_supply":
			inst = "{type: " + t + ", value_usd_bn: 5}"
		default:
			inst = "{type: " + t + "}"
		}
		list := "[]"
		if inst != "" {
			list = "[" + inst + "]"
		}
		return fmt.Sprintf(`name: walk
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
capabilities:
  challenger: {deployable_troops: 200000, source: judgment}
  protege: {deployable_troops: 120000, source: judgment}
option:
  guarantors:
    - {country: USA, id: us, capability: {deployable_troops: 60000, source: judgment}, instruments: %s}
%s
`, list, model)
	case key == "response.limited_seizure":
		kind = "limited_seizure"
	case key == "response.grey_zone":
		kind = "grey_zone"
	case key == "challenger.general" || key == "challenger.general_slope" || key == "challenger.general_reference" || slices.Contains(scenario.ChallengerCovariateKeys(), e.Name):
		kind = "invasion, stage: general"
	case key == "durability.war_won":
		kind = "invasion, stage: postwar, war_outcome: challenger_won"
	case key == "durability.war_lost":
		kind = "invasion, stage: postwar, war_outcome: challenger_lost"
	case key == "durability.postwar_reference" || key == "durability.postwar_slope" || slices.Contains(scenario.PostWarCovariateKeys(), e.Name):
		kind = "invasion, stage: postwar"
	case key == "exposure.depth" || key == "exposure.rear":
		uk = "        - {type: tripwire, troops: 3000, posture: " + key[len("exposure."):] + "}"
	case key == "exposure.advisers":
		uk = "        - {type: advisers, personnel: 300}"
	case key == "challenger.cost_nuclear" || key == "udg.challenger.nuclear_umbrella_cost":
		us = "        - {type: nuclear_umbrella, declared: true}"
	case key == "capability.arms_per_bn":
		uk = "        - {type: arms_supply, value_usd_bn: 10}"
	case key == "durability.monitors" || key == "udg.durability.monitors":
		uk = "        - {type: ceasefire_agreement, monitors: 200}"
	case key == "durability.dmz" || key == "udg.durability.dmz":
		uk = "        - {type: ceasefire_agreement, dmz: true}"
	case key == "durability.joint_commission":
		uk = "        - {type: ceasefire_agreement, joint_commission: true}"
	case key == "udg.commitment.air_policing":
		uk = "        - {type: air_policing, aircraft: 20}"
	case key == "durability.peacekeepers":
		s := body()
		s = strings.Replace(s, "    - country: UKG\n      id: uk\n", "    - organization: {name: UNFICYP, contributors: [UKG, CAN]}\n      id: un\n      capability: {deployable_troops: 2000, source: judgment}\n", 1)
		return strings.Replace(s, "        - {type: security_assurance}\n", "        - {type: tripwire, troops: 900}\n", 1)
	case strings.HasPrefix(key, "capability.") && strings.HasSuffix(key, "_deploy") || strings.HasPrefix(key, "udg."):
		// the national fallback: no theatre forces at all
		if strings.HasPrefix(key, "udg.base_rates.") {
			break
		}
		s := body()
		i := strings.Index(s, "capabilities:")
		j := strings.Index(s, "option:")
		s = s[:i] + s[j:]
		return strings.ReplaceAll(s, "      capability: {deployable_troops: 60000, arrival_days: 30, source: judgment}\n", "")
	}
	return body()
}

// modelBlock renders model: with the entry set to v (and the engine).
func modelBlock(e scenario.Entry, v float64) string {
	toks := strings.Split(e.Key(), ".")
	inner := fmt.Sprintf("%s: %v", toks[len(toks)-1], v)
	for i := len(toks) - 2; i >= 0; i-- {
		inner = fmt.Sprintf("%s: {%s}", toks[i], inner)
	}
	engine := scenario.EngineDefault
	if e.Engine == scenario.EngineUDG {
		engine = scenario.EngineUDG
	}
	return fmt.Sprintf("model: {engine: %s, %s}", engine, inner)
}

// outputs is every figure a run reports, flattened.
func outputs(t *testing.T, src string) []float64 {
	t.Helper()
	s, err := scenario.Parse("walk.yaml", []byte(src), scenario.Options{Countries: Countries})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	m := compileScenario(t, s)
	r, err := m.Run(context.Background(), Config{Samples: 400, Seed: 5, Workers: 1, DriverSamples: -1}, "test")
	if err != nil {
		t.Fatal(err)
	}
	out := []float64{r.PDeter.Mean, r.Held.Mean, r.AnyFight.Mean, r.CanWin.Mean, r.PWinAll.Mean}
	for _, h := range r.NoWar {
		out = append(out, h.P.Mean)
	}
	for _, g := range r.Guarantors {
		out = append(out, g.PFight.Mean, g.PWin.Mean)
	}
	return out
}

// walkValues picks two values inside the entry's range.
func walkValues(e scenario.Entry) (float64, float64) {
	v := e.Default.Quantile(0.5)
	lo, hi := e.Lo, e.Hi
	if e.OpenLo {
		lo = math.Nextafter(lo, math.Inf(1))
	}
	w := 0.5 * math.Max(1, math.Abs(v))
	a, b := v-w, v+w
	if !math.IsInf(hi, 1) && !math.IsInf(lo, -1) {
		a, b = lo+0.2*(hi-lo), lo+0.8*(hi-lo)
	} else if a < lo || (e.OpenLo && a <= e.Lo) {
		a = math.Max(lo, v*0.3)
		if a == 0 {
			a = 1e-3
		}
	}
	return a, b
}

// Every key of the catalogue (so every model key the schema accepts)
// changes some output of a run in a scenario where its structure is
// present: none is accepted and silently ignored.
func TestCatalogueEveryKeyMatters(t *testing.T) {
	for _, e := range scenario.Catalogue() {
		t.Run(e.Key(), func(t *testing.T) {
			a, b := walkValues(e)
			oa := outputs(t, walkScenario(e, modelBlock(e, a)))
			ob := outputs(t, walkScenario(e, modelBlock(e, b)))
			changed := len(oa) != len(ob)
			for i := range min(len(oa), len(ob)) {
				changed = changed || math.Abs(oa[i]-ob[i]) > 1e-12
			}
			if !changed {
				t.Errorf("%s = %v and = %v give the same outputs %v", e.Name, a, b, oa)
			}
		})
	}
}
