package capability

import (
	"errors"
	"math"
	"testing"
)

func TestCoalition(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	us, _ := x.CINC(2, 2022)
	uk, _ := x.CINC(200, 2022)
	got, err := x.Coalition(2022, []Member{{CCode: 2, Deploy: .25, Reach: .5}, {CCode: 200, Deploy: 1, Reach: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if want := us*.25*.5 + uk; math.Abs(got-want) > 1e-15 {
		t.Errorf("coalition %v, want %v", got, want)
	}
	if v, _ := x.Coalition(2022, nil); v != 0 {
		t.Errorf("empty coalition %v", v)
	}
	if _, err := x.Coalition(2022, []Member{{CCode: 2, Deploy: 1.5, Reach: 1}}); !errors.Is(err, ErrBadMember) {
		t.Errorf("deploy 1.5: %v", err)
	}
	if _, err := x.Coalition(1816, []Member{{CCode: 369, Deploy: 1, Reach: 1}}); !errors.Is(err, ErrNoData) {
		t.Errorf("Ukraine 1816: %v", err)
	}
	if _, err := Coalition(1700, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("1700: %v", err)
	}
}

func BenchmarkCoalition(b *testing.B) {
	x, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ms := []Member{{2, .2, .6}, {200, .5, .8}, {220, .5, .8}, {255, .4, .9}, {290, 1, 1}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Coalition(2022, ms); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkContestSuccess(b *testing.B) {
	var s float64
	for i := 0; i < b.N; i++ {
		s += ContestSuccess(0.0392, 0.0071+float64(i&7)*1e-4, 0.31)
	}
	_ = s
}
