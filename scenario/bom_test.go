package scenario

import (
	"strings"
	"testing"
)

// A file saved by a Windows editor starts with a UTF-8 byte-order mark and
// ends its lines in CRLF (so does every text a browser form submits). It
// loads as the same scenario (same input hash), and an error in it names
// the line and column an editor shows. The mark used to become part of the
// first key: `unknown field "\ufeffname"` and `missing required field
// "name"`, or, before a comment, a YAML syntax error nine lines further
// down (held-out file 24); and under CRLF every comment line counted twice,
// so the web editor put held-out file 21's errors 7 lines low.
func TestByteOrderMarkAndCRLF(t *testing.T) {
	const plain = "# a comment first\n# and a second\nname: bom\nchallenger: RUS\nprotege: GRG\nhorizon: 5\nperiod: {start: 2008-07-01}\n" +
		"option:\n  guarantors:\n    - {country: USA, id: us, instruments: [{type: defense_pact}]}\n"
	want, err := Parse("plain.yaml", []byte(plain), Options{})
	if err != nil {
		t.Fatal(err)
	}
	windows := "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n")
	for _, c := range []struct{ name, text string }{
		{"bom.yaml", "\ufeff" + plain},
		{"crlf.yaml", strings.ReplaceAll(plain, "\n", "\r\n")},
		{"windows.yaml", windows},
		{"nocomment.yaml", "\ufeff" + strings.TrimPrefix(plain, "# a comment first\n")},
	} {
		s, err := Parse(c.name, []byte(c.text), Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if s.Name != "bom" || s.InputHash != want.InputHash {
			t.Errorf("%s: name %q hash %s, want bom and %s", c.name, s.Name, s.InputHash, want.InputHash)
		}
	}
	bad := strings.Replace(windows, "horizon: 5", "horizon: lots", 1)
	_, err = Parse("bad.yaml", []byte(bad), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "bad.yaml:6:10: horizon:") {
		t.Errorf("error %v, want it at bad.yaml:6:10 on horizon", err)
	}
}
