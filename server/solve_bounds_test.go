package server

import (
	"fmt"
	"strings"
	"testing"
)

// A tree whose reduced strategic form is over the memory limit is refused
// by the API (422, the sizes in the message) before the form is built.
func TestGameSolveRefusesHugeReducedForm(t *testing.T) {
	h := newSQLite(t, nil)
	var b strings.Builder
	b.WriteString("EFG 2 R \"chain\" { \"1\" \"2\" }\n\"\"\n")
	k := 6000 // under the 1 MB body limit; 3001 x 3001 strategies, about 1.1 GiB
	for i := 0; i < k; i++ {
		fmt.Fprintf(&b, "p \"\" %d %d \"\" { \"take\" \"pass\" } 0\nt \"\" %d \"\" { %d %d }\n", 1+i%2, i+1, i+1, i+2*(1-i%2), i+2*(i%2))
	}
	fmt.Fprintf(&b, "t \"\" %d \"\" { %d %d }\n", k+1, k, k)
	code, body := h.do("POST", "/api/game/solve", map[string]any{"name": "chain.efg", "content": b.String(), "method": "enummixed"}, true, nil)
	if code != 422 || !strings.Contains(string(body), "3001 x 3001 strategies") || !strings.Contains(string(body), "over the limit of 1.0 GiB") {
		t.Errorf("%d %s", code, body)
	}
}
