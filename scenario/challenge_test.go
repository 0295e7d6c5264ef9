package scenario

import (
	"os"
	"strings"
	"testing"
)

func TestChallengeCovariates(t *testing.T) {
	s := load(t, "testdata/good/general.yaml")
	ch := s.Challenge
	if ch.Stage != General || ch.Rivalry == nil || *ch.Rivalry || ch.LastDispute == nil || *ch.LastDispute != 1994 ||
		ch.Contiguous == nil || !*ch.Contiguous {
		t.Errorf("challenge %+v", ch)
	}
	src := strings.Replace(mustRead(t, "testdata/good/general.yaml"), "last_dispute: 1994", "last_dispute: none", 1)
	s2, err := Parse("none.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := s2.Challenge.LastDispute; l == nil || *l != NoDispute {
		t.Errorf("last_dispute: none read as %v", l)
	}
	// Absent fields stay nil: the engine derives them.
	src = strings.NewReplacer("  rivalry: false\n", "", "  last_dispute: 1994\n", "", "  contiguous: true\n", "").Replace(mustRead(t, "testdata/good/general.yaml"))
	s3, err := Parse("derived.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := s3.Challenge; c.Rivalry != nil || c.LastDispute != nil || c.Contiguous != nil {
		t.Errorf("absent covariates read as %+v", c)
	}
	// The covariates' coefficients are compiled only for general deterrence.
	for _, k := range ChallengerCovariateKeys() {
		if _, ok := Compile(s).Index(k); !ok {
			t.Errorf("%s not compiled for a general-stage file", k)
		}
		if _, ok := Compile(load(t, "testdata/good/tripwire.yaml")).Index(k); ok {
			t.Errorf("%s compiled for an immediate-stage file", k)
		}
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// challenge.earlier_wars (post-war) is read as a whole number; absent, nil.
func TestChallengeEarlierWars(t *testing.T) {
	src := strings.Replace(mustRead(t, "testdata/good/general.yaml"), "  contiguous: true\n", "  contiguous: true\n  earlier_wars: 2\n", 1)
	if src == mustRead(t, "testdata/good/general.yaml") {
		t.Fatal("the fixture has no contiguous: true line to extend")
	}
	s, err := Parse("wars.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Challenge.EarlierWars; w == nil || *w != 2 {
		t.Errorf("earlier_wars: 2 read as %v", w)
	}
	if w := load(t, "testdata/good/general.yaml").Challenge.EarlierWars; w != nil {
		t.Errorf("absent earlier_wars read as %v", *w)
	}
}
