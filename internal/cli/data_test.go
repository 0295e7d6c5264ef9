package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/evidence"
)

func runData(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestDataShowRussia2014(t *testing.T) {
	for _, where := range []string{"ccode=365", "ccode=RUS", "ccode=russia"} {
		out, errs, code := runData(t, "data", "show", "cow_nmc", "--where", where, "--years", "2014:2014")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", where, code, errs)
		}
		if !strings.Contains(out, "Russia") || !strings.Contains(out, "0.039199155") || !strings.Contains(out, "(1 row(s)") {
			t.Errorf("%s: output lacks Russia's 2014 row with CINC 0.0392:\n%s", where, out)
		}
	}
	out, _, _ := runData(t, "data", "show", "cow_nmc", "--where", "ccode=365", "--years", "2014", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "ccode,stateabb") {
		t.Errorf("csv output:\n%s", out)
	}
	out, _, _ = runData(t, "data", "show", "cow_nmc", "--where", "ccode=365", "--years", "2014", "--format", "json")
	var doc struct {
		SchemaVersion string           `json:"schema_version"`
		Result        []map[string]any `json:"result"`
	}
	rows := &doc.Result
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.SchemaVersion != "1" || len(*rows) != 1 || (*rows)[0]["cinc"].(float64) != 0.039199155 {
		t.Errorf("json output %q: %v", out, err)
	}
}

func TestDataShowErrors(t *testing.T) {
	cases := [][]string{
		{"data", "show", "nope"},
		{"data", "show", "cow_nmc", "--where", "nocol=1"},
		{"data", "show", "cow_nmc", "--where", "ccode"},
		{"data", "show", "cow_nmc", "--years", "2022:2010"},
		{"data", "show", "cow_nmc", "--where", "ccode=Atlantis"},
		{"data", "show", "cow_nmc", "--format", "xml"},
		{"data", "show", "bf2018", "--years", "2000"},
		{"data", "cite", "nope"},
		{"data", "cite", "cow_nmc", "--format", "apa"},
		{"data", "analyze", "tripwire", "--from", "1900"},
	}
	for _, c := range cases {
		_, errs, code := runData(t, c...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", c, code, errs)
		}
	}
}

func TestDataListCite(t *testing.T) {
	out, _, code := runData(t, "data", "list")
	if code != 0 || !strings.Contains(out, "cow_nmc") || !strings.Contains(out, "huth_1988") {
		t.Errorf("list:\n%s", out)
	}
	out, _, _ = runData(t, "data", "cite", "cow_nmc", "--format", "bibtex")
	if !strings.HasPrefix(out, "@incollection{singer1972nmc") {
		t.Errorf("bibtex:\n%s", out)
	}
	out, _, _ = runData(t, "data", "cite", "us_troops", "--format", "source")
	if !strings.Contains(out, "GPL") {
		t.Errorf("SOURCE.md for us_troops does not state the GPL caveat")
	}
}

func TestDataAnalyze(t *testing.T) {
	for _, a := range []string{"war-outcomes", "fulfilment", "huth"} {
		out, errs, code := runData(t, "data", "analyze", a)
		if code != 0 || !strings.Contains(out, "Data: ") {
			t.Errorf("%s: exit %d %s\n%s", a, code, errs, out)
		}
		js, _, code := runData(t, "data", "analyze", a, "--format", "json")
		if code != 0 || !json.Valid([]byte(js)) {
			t.Errorf("%s --format json: exit %d, invalid JSON", a, code)
		}
	}
}

// `guarantor --help` and `guarantor data --help` must not decompress or
// parse any embedded table. Checked in a fresh process, since other tests
// in this binary load data.
func TestHelpLoadsNoData(t *testing.T) {
	if os.Getenv("GUARANTOR_HELPCHECK") == "1" {
		for _, args := range [][]string{{"--help"}, {"data", "--help"}, {"data", "list"}, {"data", "cite", "cow_nmc"}} {
			if _, errs, code := runData(t, args...); code != 0 {
				t.Fatalf("%v: exit %d %s", args, code, errs)
			}
			if l := evidence.Loaded(); len(l) != 0 {
				t.Fatalf("%v parsed tables %v", args, l)
			}
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelpLoadsNoData$")
	cmd.Env = append(os.Environ(), "GUARANTOR_HELPCHECK=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
