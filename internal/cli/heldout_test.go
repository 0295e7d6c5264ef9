package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The held-out-style files (testdata/heldout: written from docs/scenario.md
// alone, as an outside analyst would; not cases of the case base, never
// scored) run through assess (JSON and text), explain, sensitivity and,
// where they give an outcome, a one-case backtest: each either runs with no
// NaN, the stage it is coded at and the flags its oddity calls for, or fails
// with an error naming file, line and field. The server's API path is
// server.TestHeldOutFilesOverAPI.
func TestHeldOutFiles(t *testing.T) {
	const dir = "../../testdata/heldout"
	for _, c := range []struct {
		file string
		// err: the error's text (the file fails to load); else flags the
		// assessment must carry.
		err   string
		flags []string
		stage string // "": not checked
	}{
		{"01-pre1816-portugal-1807.yaml", "", []string{"capabilities.challenger.cinc: COW NMC has no capability for France in 1807",
			"guarantors.uk.capability.cinc: COW NMC has no capability for United Kingdom in 1807"}, ""},
		{"02-missing-country-somaliland.yaml", `02-missing-country-somaliland.yaml:5:10: protege: unknown country "Somaliland"`, nil, ""},
		{"03-organisation-unifil-2006.yaml", "", nil, ""},
		{"04-overseas-territory-falklands-1982.yaml", "", nil, ""},
		{"05-instrument-dates-around-the-assessment.yaml", "", []string{
			"guarantors.us.instruments[0] (security_assurance) ended 2026-02-28, before the assessment date 2026-03-01: it counts for nothing",
			"guarantors.us.instruments[1] (defense_pact) starts 2026-06-01; guarantors.us.instruments[2] (advisers) ends 2026-09-30; guarantors.us.instruments[3] (arms_supply) ends 2026-03-01, within the first year"}, ""},
		{"06-general-alliance-poland-2010.yaml", "", nil, "general"},
		{"07-limited-seizure-senkaku.yaml", "", nil, ""},
		{"08-minimal.yaml", "", nil, ""},
		// The second US signal (20 August) follows the assessment date
		// (13 August): the engine does not date signals, so it says so.
		{"09-cold-war-tripwire-berlin-1961.yaml", "", []string{
			"guarantors.us.signals[1] is dated 1961-08-20, after the assessment date 1961-08-13"}, "immediate"},
		// The pact starts after the assessment and the monitors' and DMZ's
		// phases follow: a later start is a phase, not a flag.
		{"10-korea-1953-armistice-dmz.yaml", "", nil, "postwar"},
		{"11-sinai-1974-unef-ends-inside-horizon.yaml", "", nil, "postwar"},
		{"12-grey-zone-scarborough-2012.yaml", "", nil, "immediate"},
		{"13-multi-guarantor-lithuania-yaml-oddities.yaml", "", []string{
			"challenge.rivalry: the rivalry data end in 2020, so the pair's rivalry is read in 2020 for 2030",
			"challenge.contiguous: the contiguity data end in 2016"}, "general"},
		{"14-out-of-scope-pakistan-1965.yaml", "", []string{
			"guarantors.us.instruments[0] (collective_defense) is out of scope: scope.challengers (Russia, China) leaves out India",
			"guarantors.us.instruments[1] (defense_pact) is out of scope: scope.challengers (Russia) leaves out India"}, "immediate"},
		{"15-overseas-territory-perejil-2002.yaml", "", []string{
			"guarantors.us.instruments[0] (collective_defense) is out of scope: covers_challenge is false",
			"guarantors.fr.instruments[0] (collective_defense) is out of scope: covers_challenge is false"}, "immediate"},
		{"16-common-mistakes.yaml", "16-common-mistakes.yaml:8:17: period.start: \"01/07/2008\" does not have the expected form", nil, ""},
	} {
		path := filepath.Join(dir, c.file)
		out, errs, code := runData(t, "assess", path, "--samples", "300", "--format", "json", "-q")
		if c.err != "" {
			if code != 2 || !strings.Contains(errs, c.err) {
				t.Errorf("%s: exit %d, stderr %q, want 2 and %q", c.file, code, errs, c.err)
			}
			continue
		}
		if code != 0 || strings.Contains(out, "NaN") {
			t.Errorf("%s: exit %d (%s), NaN %v", c.file, code, errs, strings.Contains(out, "NaN"))
			continue
		}
		var doc struct {
			Options []struct {
				Flags []string `json:"flags"`
				Stage string   `json:"stage"`
			} `json:"options"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Options) != 1 {
			t.Fatalf("%s: %v", c.file, err)
		}
		if c.stage != "" && doc.Options[0].Stage != c.stage {
			t.Errorf("%s: stage %q, want %q", c.file, doc.Options[0].Stage, c.stage)
		}
		for _, want := range c.flags {
			found := false
			for _, f := range doc.Options[0].Flags {
				found = found || strings.HasPrefix(f, want)
			}
			if !found {
				t.Errorf("%s: no flag %q in %q", c.file, want, doc.Options[0].Flags)
			}
		}
		if out, errs, code := runData(t, "explain", path); code != 0 || strings.Contains(out, "NaN") {
			t.Errorf("%s: explain exit %d (%s)", c.file, code, errs)
		}
		if out, errs, code := runData(t, "assess", path, "--samples", "300", "-q"); code != 0 || strings.Contains(out, "NaN") || !strings.Contains(out, "P(DETERRENCE)") {
			t.Errorf("%s: text assess exit %d (%s)", c.file, code, errs)
		}
		out, errs, code = runData(t, "sensitivity", path, "--samples", "64", "--bootstrap", "0", "--swing-rows", "16", "--format", "json", "-q")
		if code != 0 || strings.Contains(out, "NaN") || !json.Valid([]byte(out)) {
			t.Errorf("%s: sensitivity exit %d (%s), NaN %v", c.file, code, errs, strings.Contains(out, "NaN"))
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "\noutcome:") {
			continue
		}
		one := t.TempDir()
		if err := os.WriteFile(filepath.Join(one, c.file), src, 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, code = runData(t, "backtest", one, "--samples", "200", "--refit=false", "--tau", "2", "-q")
		if code != 0 || strings.Contains(out, "NaN") || !strings.Contains(out, "no data: every case of the set is of one dyad") {
			t.Errorf("%s: one-case backtest exit %d (%s), NaN %v, no-data note %v", c.file, code, errs, strings.Contains(out, "NaN"),
				strings.Contains(out, "no data: every case"))
		}
	}
}

// A capability read from SIPRI (from: sipri_milex) is the UDG engine's
// measure; the structural engine's national fallback is CINC. It said
// nothing and used CINC; now the output says so.
func TestSIPRICapabilityFlaggedUnderStructural(t *testing.T) {
	f := filepath.Join(t.TempDir(), "milex.yaml")
	text := "name: milex\nchallenger: RUS\nprotege: GRG\nhorizon: 5\nperiod: {start: 2008-07-01}\n" +
		"capabilities:\n  challenger: {from: sipri_milex, year: 2008}\n  protege: {from: sipri_milex, year: 2008}\n" +
		"option:\n  guarantors:\n    - {country: USA, id: us, instruments: [{type: defense_pact}]}\n"
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runData(t, "assess", f, "--samples", "200", "-q")
	for _, want := range []string{"capabilities.challenger.from: sipri_milex is read by the udg engine only",
		"capabilities.protege.from: sipri_milex is read by the udg engine only"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d (%s); output lacks %q:\n%s", code, errs, want, out)
		}
	}
}
