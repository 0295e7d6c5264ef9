package evidence_test

import (
	"fmt"

	"github.com/guarantor/guarantor/evidence"
)

func ExampleLookupCountry() {
	c, _ := evidence.LookupCountry("USSR")
	fmt.Println(c.CCode, c.Abb, c.Name)
	// Output: 365 RUS Russia
}

func ExampleFulfilmentRate() {
	r, _ := evidence.FulfilmentRate(evidence.LLM, evidence.Defense, evidence.AllYears)
	fmt.Printf("%d of %d honoured; posterior Beta(%g, %g)\n", r.Honoured, r.N(), r.Alpha, r.Beta)
	// Output: 42 of 102 honoured; posterior Beta(43, 61)
}
