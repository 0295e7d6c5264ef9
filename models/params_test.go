package models

import (
	"errors"
	"math"
	"testing"
)

func TestParseAssignments(t *testing.T) {
	v, err := ParseAssignments([]string{"cDD+=0.3", "cDD-=-0.5", "x=1/3", "kappa=5"})
	if err != nil {
		t.Fatal(err)
	}
	if v["cDD+"] != 0.3 || v["cDD-"] != -0.5 || math.Abs(v["x"]-1.0/3) > 1e-16 || v["kappa"] != 5 {
		t.Fatalf("got %v", v)
	}
	for _, bad := range [][]string{{"a"}, {"=1"}, {"a=1", "a=2"}, {"a=x"}, {"a=inf"}, {"a=NaN"}, {"a=1/0"}} {
		if _, err := ParseAssignments(bad); !errors.Is(err, ErrParams) {
			t.Errorf("%v: got %v", bad, err)
		}
	}
}

func TestRatKeepsDecimal(t *testing.T) {
	if r := Rat(0.6); r.RatString() != "3/5" {
		t.Fatalf("Rat(0.6) = %s", r.RatString())
	}
	if r := RatSum(10, -5, -0.1); r.RatString() != "49/10" {
		t.Fatalf("RatSum = %s", r.RatString())
	}
}

func FuzzParseAssignments(f *testing.F) {
	f.Add("cDD+=0.3")
	f.Add("x=1/3")
	f.Add("a=-1e-3")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseAssignments([]string{s})
		if err != nil {
			return
		}
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%q parsed to %v", s, x)
			}
		}
	})
}
