package pbe

import (
	"errors"
	"strings"
	"testing"
)

func TestParseProfile(t *testing.T) {
	tr := signal(t)
	prof, bel, err := ParseProfile([]byte(`{"behavior": [[[1, 0], ["1", "0"]], [[0, 1], ["0", "1"]]],
		"beliefs": {"2:2": ["1/2", 0.5]}}`), tr)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyExact(tr, prof, bel, Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("%v %+v", err, rep)
	}
	frep, err := Verify(tr, prof.Float(), FloatBeliefs(bel), Options{})
	if err != nil || !frep.OK() {
		t.Fatalf("%v %+v", err, frep)
	}
}

func TestParseProfileErrors(t *testing.T) {
	tr := signal(t)
	cases := []struct{ in, want string }{
		{`{"behavior": [[[1, 0]]]}`, "behavior: 1 players given"},
		{`{"behavior": [[[1, 0], [1, 0]], [[0, 1]]]}`, "behavior[1]: 1 information sets given"},
		{`{"behavior": [[[1, 0, 0], [1, 0]], [[0, 1], [0, 1]]]}`, "behavior[0][0]: 3 values given"},
		{`{"behavior": [[["x", 0], [1, 0]], [[0, 1], [0, 1]]]}`, `behavior[0][0][0]: "x" is not a number`},
		{`{"behavior": [[[-1, 2], [1, 0]], [[0, 1], [0, 1]]]}`, "negative"},
		{`{"behavior": [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], "beliefs": {"3:1": [1]}}`, `key "3:1"`},
		{`{"behavior": [[[1, 0], [1, 0]], [[0, 1], [0, 1]]], "beliefs": {"2:9": [1]}}`, "no information set 9"},
		{"{\n \"behavior\": [[[1, 0],,]]}", "2:"},
		{`{"behaviour": []}`, "unknown field"},
	}
	for _, tc := range cases {
		_, _, err := ParseProfile([]byte(tc.in), tr)
		if !errors.Is(err, ErrProfile) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(`{"behavior": [[[1, 0], ["1", "0"]], [[0, 1], ["0", "1"]]], "beliefs": {"2:2": ["1/2", 0.5]}}`))
	f.Add([]byte(`{"behavior": [[["1/3", "2/3"], [1, 0]], [[0, 1], [0.5, 0.5]]]}`))
	f.Add([]byte(`{"beliefs": {"1:1": []}}`))
	b := signalBuilder()
	tr, err := b.Build()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		prof, bel, err := ParseProfile(data, tr)
		if err != nil {
			return
		}
		// Whatever parses must be checkable without a panic.
		_, _ = VerifyExact(tr, prof, bel, Options{})
		_, _ = Verify(tr, prof.Float(), FloatBeliefs(bel), Options{})
	})
}

func TestParseProfileHugeExponent(t *testing.T) {
	tr := signal(t)
	_, _, err := ParseProfile([]byte(`{"behavior": [[["1e999999999", 0], [1, 0]], [[0, 1], [0, 1]]]}`), tr)
	if err == nil || !strings.Contains(err.Error(), "exponent") {
		t.Fatalf("got %v", err)
	}
}
