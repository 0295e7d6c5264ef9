package scenario_test

import (
	"fmt"

	"github.com/guarantor/guarantor/scenario"
)

// Two spellings of the same scenario (key order, comments, flow style,
// number spelling) have the same input hash.
func ExampleScenario_inputHash() {
	a := "name: x\nchallenger: RUS\nprotege: UKR\nhorizon: 10\noption:\n  guarantors:\n    - country: USA\n      instruments:\n        - {type: defense_pact, source: treaty}\n"
	b := "# the same, written differently\nprotege: UKR\nchallenger: RUS\nname: x\nhorizon: 10.0\noption: {guarantors: [{instruments: [{source: treaty, type: defense_pact}], country: USA}]}\n"
	sa, _ := scenario.Parse("a.yaml", []byte(a), scenario.Options{})
	sb, _ := scenario.Parse("b.yaml", []byte(b), scenario.Options{})
	fmt.Println(sa.InputHash == sb.InputHash, len(sa.InputHash))
	// Output:
	// true 16
}
