package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/contract"
)

func sample() *contract.Assessment {
	e := func(m float64) contract.Estimate { return contract.Estimate{Mean: m, P05: m / 2, P95: (1 + m) / 2} }
	a := contract.NewAssessment("v0", 7, 100)
	a.InputHash = "abc"
	a.Options = []contract.Option{{
		Name: `tripwire <script>alert(1)</script>`, File: "a.yaml", InputHash: "abc",
		PDeterrence: e(0.62), Credibility: e(0.5), PWinAll: e(0.55), PWar: e(0.1), Committed: true, Fails: []string{"capability"},
		NoWar:       []contract.Horizon{{Years: 1, P: e(0.9)}, {Years: 5, P: e(0.7)}, {Years: 10, P: e(0.5)}},
		Guarantors:  []contract.Guarantor{{ID: "us", Name: "United States", Instrument: "defense_pact", PFights: e(0.7), PWin: e(0.6), Committed: true, Capable: true}},
		Drivers:     []contract.Driver{{Input: "model.commitment.tripwire", PDeterAtP05: 0.5, PDeterAtP95: 0.7, Swing: 0.2}},
		Analogues:   []contract.Analogue{{Name: "Berlin 1948", Outcome: contract.Held, Distance: 0.3}},
		Assumptions: []contract.Assumption{{Input: "model.commitment.tripwire", Distribution: "triangular(0.05, 0.2, 0.35)", Source: "judgment", Median: 0.2}},
	}}
	return a
}

func TestTableShowsVerdicts(t *testing.T) {
	var b bytes.Buffer
	if err := Table(&b, sample()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"62.0% [31.0%-81.0%]", "90.0%/70.0%/50.0%", "capability", "United States", "70.0% [35.0%-85.0%]",
		"model.commitment.tripwire (50.0%..70.0%)", "NO WAR Ty: P(DETERRENCE) times", "Berlin 1948 (held, d=0.30)", "seed 7", "abc"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestHTMLSelfContainedAndEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, sample(), time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Contains(s, "<script>") {
		t.Error("option name not escaped")
	}
	for _, bad := range []string{"src=", "href=", "@import", "url("} {
		if strings.Contains(s, bad) {
			t.Errorf("report refers to an external resource (%s)", bad)
		}
	}
	for _, want := range []string{"<svg", "judgment", "triangular(0.05, 0.2, 0.35)", "Berlin 1948"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestCSVAndJSONParse(t *testing.T) {
	var b bytes.Buffer
	if err := CSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	// header + 6 option measures + p_held + 3 no_war + 2 per guarantor
	if err != nil || len(rows) != 13 || rows[1][4] != "p_deterrence" || rows[1][6] != "0.62" || rows[11][3] != "United States" {
		t.Fatalf("csv rows %v, err %v", rows, err)
	}
	for _, r := range rows {
		if len(r) != len(CSVHeader) {
			t.Fatalf("ragged row %v", r)
		}
	}
	b.Reset()
	if err := JSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var back contract.Assessment
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Options[0].PDeterrence.Mean != 0.62 || back.Seed != 7 {
		t.Fatalf("json round trip: %v %+v", err, back)
	}
	b.Reset()
	if err := Markdown(&b, sample()); err != nil || !strings.Contains(b.String(), "| United States | defense_pact |") {
		t.Fatalf("markdown: %v\n%s", err, b.String())
	}
}

// Every chart is well-formed XML (an SVG a browser will draw).
func TestChartsAreWellFormedSVG(t *testing.T) {
	rs := sample().Options
	for name, svg := range map[string]string{"bars": DeterrenceChart(rs), "tornado": TornadoChart(&rs[0], 8), "durability": DurabilityChart(rs)} {
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, svg)
			}
		}
		if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
			t.Errorf("%s is not one svg element", name)
		}
	}
}

// Every chart carries a viewBox equal to its width and height, so it
// scales with its box in the HTML report and on a phone instead of being
// cut (the web UI added one; the standalone report did not).
func TestChartsScale(t *testing.T) {
	rs := sample().Options
	for name, svg := range map[string]string{
		"bars": DeterrenceChart(rs), "tornado": TornadoChart(&rs[0], 8), "durability": DurabilityChart(rs),
		"reliability": ReliabilityDiagram(testSet()),
	} {
		var root struct {
			Width   string `xml:"width,attr"`
			Height  string `xml:"height,attr"`
			ViewBox string `xml:"viewBox,attr"`
		}
		if err := xml.Unmarshal([]byte(svg), &root); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := "0 0 " + root.Width + " " + root.Height; root.ViewBox != want {
			t.Errorf("%s: viewBox %q, want %q", name, root.ViewBox, want)
		}
	}
}
