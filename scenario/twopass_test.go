package scenario

import (
	"errors"
	"strings"
	"testing"
)

// A file with three independent mistakes, two that the schema pass finds
// (a date's form, an instrument type's spelling) and one that only the
// semantic pass can (a country not in the state system), reports all three
// at once, each with file, line, column and field, in file order, and
// nothing that follows from the pruned values (the misspelt instrument's
// troops). Before, the country error appeared only after the other two
// were fixed.
func TestErrorsOfBothPassesAtOnce(t *testing.T) {
	const src = `name: three mistakes
challenger: RUS
protege: Atlantis
horizon: {value: 5, source: judgment}
period: {start: 01/07/2008}
option:
  name: one
  guarantors:
    - country: USA
      id: us
      instruments:
        - {type: tripwires, troops: 5000}
`
	_, err := Parse("three.yaml", []byte(src), Options{})
	var el ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("error %v, want an ErrorList", err)
	}
	want := []struct {
		line  int
		field string
		msg   string
	}{
		{3, "protege", `unknown country "Atlantis"`},
		{5, "period.start", `"01/07/2008" does not have the expected form`},
		{12, "option.guarantors[0].instruments[0].type", `got "tripwires"`},
	}
	if len(el) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(el), len(want), err)
	}
	for i, w := range want {
		e := el[i]
		if e.Pos.File != "three.yaml" || e.Pos.Line != w.line || e.Pos.Col == 0 || e.Field != w.field || !strings.Contains(e.Msg, w.msg) {
			t.Errorf("error %d: %v; want three.yaml:%d, field %s, %q", i, e, w.line, w.field, w.msg)
		}
	}
}

// The semantic pass's errors at, under or above a faulted field are left
// out, and those in its whole object when it is a discriminator (type);
// its siblings' and the rest are kept.
func TestIndependent(t *testing.T) {
	schema := ErrorList{{Field: "option.guarantors[0].instruments[0].type"}, {Field: "horizon"}, {Field: "option.guarantors[1].instruments[0].troops"}}
	for _, c := range []struct {
		field string
		keep  bool
	}{
		{"option.guarantors[0].instruments[0].troops", false},
		{"option.guarantors[0].instruments[0]", false},
		{"option.guarantors[0]", false},
		{"option", false},
		{"horizon.value", false},
		{"option.guarantors[1].instruments[0].troops", false},
		{"option.guarantors[1].instruments[0]", false},
		{"option.guarantors[1].instruments[0].aircraft", true},
		{"option.guarantors[0].instruments[1].troops", true},
		{"option.guarantors[2]", true},
		{"protege", true},
		{"", true},
		{"horizons", true},
	} {
		got := len(independent(ErrorList{{Field: c.field}}, schema)) == 1
		if got != c.keep {
			t.Errorf("%q: kept %v, want %v", c.field, got, c.keep)
		}
	}
}
