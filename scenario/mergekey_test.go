package scenario

import (
	"strings"
	"testing"
)

// YAML merge keys (<<) follow the merge-key spec (yaml.org/type/merge):
// a key written in the mapping itself overrides the merged one wherever
// the << stands, and in a list of merged mappings the earlier wins. An
// override is not a duplicate key (held-out file 13 was rejected so).
func TestMergeKeyOverrides(t *testing.T) {
	head := "name: x\nchallenger: RUS\nprotege: LIT\nhorizon: 5\noption:\n  guarantors:\n    - country: USA\n      id: us\n      instruments:\n"
	for _, c := range []struct {
		name, items, want string // want: the instrument's source
	}{
		{"override after", "        - &a {type: defense_pact, source: first}\n        - <<: *a\n          source: second\n", "second"},
		{"override before", "        - &a {type: defense_pact, source: first}\n        - source: second\n          <<: *a\n", "second"},
		{"list, earlier wins", "        - &a {type: defense_pact, source: first}\n        - &b {type: defense_pact, source: other, ratified: false}\n        - <<: [*a, *b]\n", "first"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse("m.yaml", []byte(head+c.items), Options{})
			if err != nil {
				t.Fatal(err)
			}
			ins := s.Option.Guarantors[0].Instruments
			if got := ins[len(ins)-1].Source; got != c.want {
				t.Errorf("source %q, want %q", got, c.want)
			}
		})
	}
	// A key written twice in the mapping itself stays an error.
	_, err := Parse("m.yaml", []byte(head+"        - {type: defense_pact, source: a, source: b}\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), `m.yaml:10:`) || !strings.Contains(err.Error(), `"source"`) {
		t.Errorf("error %v, want a positioned duplicate-key error", err)
	}
	// A merge of something that is not a mapping names the place.
	_, err = Parse("m.yaml", []byte(head+"        - <<: [1, 2]\n          type: defense_pact\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "m.yaml:10:") || !strings.Contains(err.Error(), "merge key << expects a mapping") {
		t.Errorf("error %v, want a positioned merge error", err)
	}
}
