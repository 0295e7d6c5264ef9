package scenario_test

import (
	"fmt"

	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/uncertainty"
)

func Example() {
	src := []byte(`
name: US tripwire of 7,000
challenger: RUS
protege: UKR
horizon: {value: 10, source: judgment}
option:
  guarantors:
    - country: USA
      id: us
      instruments:
        - type: tripwire
          troops: {dist: triangular, min: 5000, mode: 7000, max: 9000, source: judgment}
`)
	s, err := scenario.Parse("option.yaml", src, scenario.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := scenario.Compile(s)
	troops := c.Guarantors[0].Instruments[0].Troops
	p := c.Params[troops]
	fmt.Println(p.Name, p.Dist.String(), p.Source, p.Pos)

	x := make([]float64, len(c.Params))
	c.Sample(uncertainty.NewRand(7), x) // one Monte Carlo draw of every input
	fmt.Println(x[troops] >= 5000 && x[troops] <= 9000)
	// Output:
	// guarantors.us.tripwire.troops triangular(5000, 7000, 9000) judgment option.yaml:12:19
	// true
}

func ExampleParse_error() {
	_, err := scenario.Parse("bad.yaml", []byte("name: x\nchallenger: RUS\nprotege: UKR\nhorizon: 10\noption:\n  guarantors:\n    - country: USA\n      instruments: [{type: tripwire, troops: many}]\n"), scenario.Options{})
	fmt.Println(err)
	// Output:
	// bad.yaml:8:46: option.guarantors[0].instruments[0].troops: expected a number or a distribution such as {dist: uniform, min: 1, max: 2, source: ...}, got string "many"
}
