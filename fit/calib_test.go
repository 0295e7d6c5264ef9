package fit

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"testing"
)

func TestCalibration(t *testing.T) {
	p := []float64{0.05, 0.1, 0.5, 0.55, 0.99, 1}
	y := []float64{0, 1, 1, 0, 1, 1}
	bins := Calibration(p, y, 5)
	want := []struct {
		n        int
		mean, ob float64
	}{{2, 0.075, 0.5}, {0, 0, 0}, {2, 0.525, 0.5}, {0, 0, 0}, {2, 0.995, 1}}
	for i, w := range want {
		b := bins[i]
		if b.N != w.n || math.Abs(b.MeanForecast-w.mean) > 1e-12 || math.Abs(b.Observed-w.ob) > 1e-12 {
			t.Errorf("bin %d: %+v, want n %d mean %v observed %v", i, b, w.n, w.mean, w.ob)
		}
	}
}

func TestReliabilitySVGIsXML(t *testing.T) {
	var buf bytes.Buffer
	bins := Calibration([]float64{0.1, 0.7, 0.8}, []float64{0, 1, 0}, 5)
	if err := WriteReliabilitySVG(&buf, "a <test> & more", map[string][]CalibrationBin{"m&m": bins}, []string{"m&m"}); err != nil {
		t.Fatal(err)
	}
	// It scales with its box (a viewBox equal to its size) and names itself.
	var root struct {
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
		ViewBox string `xml:"viewBox,attr"`
		Label   string `xml:"aria-label,attr"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	if want := "0 0 " + root.Width + " " + root.Height; root.ViewBox != want || root.Label != "a <test> & more" {
		t.Errorf("viewBox %q (want %q), label %q", root.ViewBox, want, root.Label)
	}
	d := xml.NewDecoder(&buf)
	circles := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "circle" {
			circles++
		}
	}
	if circles != 3 {
		t.Errorf("%d dots, want one per non-empty bin (3)", circles)
	}
}
