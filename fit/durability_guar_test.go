package fit

import (
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// PointCoefficients leaves every value and zeroes every SE.
func TestPointCoefficients(t *testing.T) {
	c := deter.Default()
	p := PointCoefficients(c)
	all, pall := c.All(), p.All()
	for i := range all {
		if pall[i].E.Value != all[i].E.Value || pall[i].E.SE != 0 {
			t.Errorf("%s: %v (SE %v), was %v", all[i].Name, pall[i].E.Value, pall[i].E.SE, all[i].E.Value)
		}
	}
	if c.Gamma.SE == 0 {
		t.Error("the committed set was modified")
	}
}
