package deter

import (
	"math"
	"testing"
)

func TestChallengerTerm(t *testing.T) {
	c := &Coefficients{A0: Estimate{Value: -0.3}, A1: Estimate{Value: 1.5}, AGeneral: Estimate{Value: 4.8},
		ARivalry: Estimate{Value: -1, Centre: 0.1}, APeace: Estimate{Value: 0.5, Centre: math.Log(21)},
		ANoPrior: Estimate{Value: 1.2, Centre: 0.7}, AContiguous: Estimate{Value: -0.4, Centre: 0.2}}
	x := ChallengerCovariates{Rivalry: true, PeaceYears: 3, Contiguous: true}
	// By hand: -1(1-0.1) + 0.5(ln 4 - ln 21) + 1.2(0-0.7) - 0.4(1-0.2).
	want := -0.9 + 0.5*(math.Log(4)-math.Log(21)) - 0.84 - 0.32
	if got := ChallengerTerm(c, x); math.Abs(got-want) > 1e-12 {
		t.Errorf("ChallengerTerm = %v, want %v", got, want)
	}
	// At zero term StatusQuoGeneral is StatusQuo's general stage; the term shifts the logit one for one.
	p0, i0 := StatusQuo(c, 0.2, -0.1, true)
	p1, i1 := StatusQuoGeneral(c, 0.2, -0.1, 0)
	if p0 != p1 || i0 != i1 {
		t.Errorf("StatusQuoGeneral with x'α = 0: %v %v, StatusQuo %v %v", p1, i1, p0, i0)
	}
	if _, i2 := StatusQuoGeneral(c, 0.2, -0.1, want); math.Abs(i2-i0-want) > 1e-12 {
		t.Errorf("index %v, want %v", i2, i0+want)
	}
	// Peace years below 0 (a last dispute after the date) count as 0.
	if v := (ChallengerCovariates{PeaceYears: -3}).Values(); v[1] != 0 {
		t.Errorf("ln(1 + peace) for -3 years: %v", v[1])
	}
}
