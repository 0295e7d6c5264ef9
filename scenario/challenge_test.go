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

// challenge.last_dispute must fall in a year in which both parties were COW
// state-system members (COW v2016: Ukraine from 1991, Lithuania 1918-1940 and
// from 1991); the list ends in 2016 and a member then is taken to continue;
// a territory without a sovereign has no COW code and is accepted unchecked.
func TestLastDisputeWhileBothWereStates(t *testing.T) {
	base := mustRead(t, "testdata/good/general.yaml")
	for _, c := range []struct {
		protege, start, year string
		wantErr              string
	}{
		{"UKR", "2004-01", "1994", ""},
		{"UKR", "2004-01", "1991", ""},
		{"UKR", "2004-01", "1990", "Ukraine was not a member of the COW state system in 1990 (member from 1991"},
		{"UKR", "2004-01", "1816", "Ukraine was not a member"},
		{"UKR", "2025-06", "2022", ""},
		{"LIT", "2004-01", "1930", ""},
		{"LIT", "2004-01", "1960", "Lithuania was not a member of the COW state system in 1960 (member 1918-1940, from 1991"},
		{"{territory: Transnistria}", "2004-01", "1950", ""},
	} {
		src := strings.NewReplacer("protege: UKR", "protege: "+c.protege, "start: 2004-01", "start: "+c.start,
			"last_dispute: 1994", "last_dispute: "+c.year).Replace(base)
		_, err := Parse("f.yaml", []byte(src), Options{})
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s %s: rejected: %v", c.protege, c.year, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s %s: error %v, want %q", c.protege, c.year, err, c.wantErr)
		case c.wantErr != "" && !strings.Contains(err.Error(), "f.yaml:10:17: challenge.last_dispute:"):
			t.Errorf("%s %s: error %v names no file, line and field", c.protege, c.year, err)
		}
	}
}

// A state that had left the system for good by the assessment year is an
// error naming its membership and the states of that name then: the year
// is the period's start, else Options.AsOf (the --as-of date of an option
// without a period); with neither there is no date and no check.
func TestStateThatHadLeftTheSystem(t *testing.T) {
	src := "name: x\nchallenger: Korea\nprotege: JPN\nhorizon: 5\noption:\n  guarantors: []\n"
	for _, c := range []struct {
		extra, asOf, wantErr string
	}{
		{"", "2026-12-07", "f.yaml:2:13: challenger: Korea (KOR, COW code 730) was a member of the COW state system 1887-1905 only, not in 2026; did you mean North Korea (PRK) or South Korea (ROK)?"},
		{"", "1900-01-01", ""},
		{"", "", ""},
		{"period: {start: 1904-02}\n", "2026-12-07", ""},
		{"period: {start: 1950-06}\n", "", "not in 1950"},
	} {
		_, err := Parse("f.yaml", []byte(src+c.extra), Options{AsOf: c.asOf})
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%q as of %q: %v", c.extra, c.asOf, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%q as of %q: error %v, want %q", c.extra, c.asOf, err, c.wantErr)
		}
	}
}
