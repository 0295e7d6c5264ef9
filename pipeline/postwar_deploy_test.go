package pipeline

import (
	"math"
	"testing"

	"github.com/guarantor/guarantor/fit"
	"github.com/guarantor/guarantor/scenario"
)

// The post-war slope is fitted on the index of the engine's national
// fallback at the catalogue's default deploy shares (docs/fit.md, "Post-war
// hazard slope of the structural index"): the fit's constants are the
// catalogue defaults' means, so the two cannot drift apart.
func TestPostWarFitDeploySharesAreTheCatalogueMeans(t *testing.T) {
	for _, c := range []struct {
		name string
		fit  float64
	}{
		{"model.capability.challenger_deploy", fit.NationalDeployChallenger},
		{"model.capability.protege_deploy", fit.NationalDeployProtege},
	} {
		e, ok := scenario.LookupEntry(c.name)
		if !ok {
			t.Fatalf("%s is not in the catalogue", c.name)
		}
		d := e.Default
		if m := d.MeanValue(); math.Abs(m-c.fit) > 1e-12 {
			t.Errorf("%s: catalogue default mean %v, the post-war fit uses %v", c.name, m, c.fit)
		}
	}
}
