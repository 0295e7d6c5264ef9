package fit

import (
	"context"
	"testing"
)

func TestScratchRun(t *testing.T) {
	r, err := Run(context.Background(), Options{Sensitivity: true, Command: "x", Date: "y"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := r.Coefficients.Marshal()
	t.Logf("%s", b)
	for _, s := range r.Validation.Scores {
		t.Logf("%+v", s)
	}
	t.Logf("%+v %+v %+v %+v", r.Validation.VsBase, r.Validation.VsLogit, r.Validation.Sensitivity, r.General)
}
