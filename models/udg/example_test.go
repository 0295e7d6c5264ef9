package udg_test

import (
	"fmt"

	"github.com/guarantor/guarantor/models/udg"
)

// The allocation-free path used once per Monte Carlo draw.
func ExampleSolvePrimary() {
	p := udg.Params{CDC: 1, CSQ: .5, CDDP: .3, CCD: 0, CDDM: -.5, DSQ: 1, DCD: .8, DDC: .2, DDDP: .4, DDDM: -.4, PCh: .5, PDef: .6}
	if err := p.Validate(); err != nil {
		panic(err)
	}
	e := udg.SolvePrimary(&p)
	fmt.Printf("%s: P(SQ)=%.2g P(DC)=%.2g P(CD)=%.2g P(DD)=%.2g\n", e.Region, e.PSQ, e.PDC, e.PCD, e.PDD)
	// Output: Separating: P(SQ)=0.5 P(DC)=0.2 P(CD)=0 P(DD)=0.3
}
