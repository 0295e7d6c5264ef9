package server

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/contract"
)

func TestGameTreeSVG(t *testing.T) {
	if GameTreeSVG(nil) != "" {
		t.Fatal("no game should draw nothing")
	}
	// Deterrence holds with probability 0.7: the status quo edge is the
	// path; a war-heavy game puts the path on challenge, resist, fight.
	for _, c := range []struct {
		o    contract.Outcomes
		path []string
	}{
		{contract.Outcomes{SQ: 0.7, DC: 0.1, CD: 0.1, DD: 0.1}, []string{"status quo 70%"}},
		{contract.Outcomes{SQ: 0.1, DC: 0.1, CD: 0.2, DD: 0.6}, []string{"challenge 90%", "resist 89%", "fight 75%"}},
	} {
		s := GameTreeSVG(&contract.Game{Region: `<x>&"`, Outcomes: c.o})
		if err := xml.Unmarshal([]byte(s), new(struct{})); err != nil {
			t.Fatalf("not well-formed SVG: %v", err)
		}
		if strings.Contains(s, "<x>") {
			t.Fatal("region not escaped")
		}
		for _, label := range c.path {
			i := strings.Index(s, label)
			if i < 0 {
				t.Fatalf("label %q missing", label)
			}
			// The line drawn just before the label is the thick red one.
			line := s[strings.LastIndex(s[:i], "<line"):i]
			if !strings.Contains(line, `stroke="#b22"`) {
				t.Errorf("%q is not on the highlighted path", label)
			}
		}
	}
}
