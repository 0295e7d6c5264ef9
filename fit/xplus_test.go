package fit

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
)

// Encode and DecodeIndexPlus round-trip every finite float64 bit for bit,
// with the provenance's hashes filled.
func TestIndexPlusRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 50).Draw(t, "n")
		tab := &IndexPlus{Provenance: IndexPlusProvenance{What: "test", IndexRows: n}}
		for i := range n {
			x := math.Float64frombits(rapid.Uint64().Draw(t, "bits"))
			if math.IsNaN(x) || math.IsInf(x, 0) {
				x = float64(i) - 0.1
			}
			tab.Rows = append(tab.Rows, IndexPlusRow{A: rapid.IntRange(2, 999).Draw(t, "a"), B: rapid.IntRange(2, 999).Draw(t, "b"), Year: rapid.IntRange(1816, 2014).Draw(t, "year"), X: x})
		}
		table, prov, err := tab.Encode("cmd", "2026-12-07", []byte("{}"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeIndexPlus(table, prov)
		if err != nil {
			t.Fatal(err)
		}
		if err := tab.SameValues(got); err != nil {
			t.Fatal(err)
		}
		if got.Provenance.Command != "cmd" || got.Provenance.CoefficientsJSONSHA256 != sha256Hex([]byte("{}")) {
			t.Fatalf("provenance %+v", got.Provenance)
		}
	})
}

// encodeRaw gzips a hand-written table and gives it a matching provenance,
// so that DecodeIndexPlus reaches the rows.
func encodeRaw(t *testing.T, text string, rows int) (table, prov []byte) {
	t.Helper()
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	if _, err := w.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pb, err := json.Marshal(IndexPlusProvenance{IndexRows: rows, TableSHA256: sha256Hex(gz.Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	return gz.Bytes(), pb
}

// A damaged table is an error that names the file, the line and the field.
func TestDecodeIndexPlusErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		rows       int
		want       string
	}{
		{"header", "a\tb\tyear\tx\n", 0, IndexPlusFile + ":1: "},
		{"fields", "a\tb\tyear\tx_plus\n2\t20\t1950\n", 1, IndexPlusFile + ":2: "},
		{"code", "a\tb\tyear\tx_plus\n2\tUK\t1950\t0.5\n", 1, IndexPlusFile + ":2: b: "},
		{"nan", "a\tb\tyear\tx_plus\n2\t20\t1950\tNaN\n", 1, IndexPlusFile + ":2: x_plus: "},
		{"count", "a\tb\tyear\tx_plus\n2\t20\t1950\t0.5\n", 2, "1 rows, provenance index_rows 2"},
		{"ok", "a\tb\tyear\tx_plus\n2\t20\t1950\t0.5\n", 1, ""},
	} {
		table, prov := encodeRaw(t, tc.text, tc.rows)
		_, err := DecodeIndexPlus(table, prov)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrIndexPlus) {
			t.Errorf("%s: error %v, want one containing %q and wrapping ErrIndexPlus", tc.name, err, tc.want)
		}
	}
}

// The committed table is detected as not belonging to the data when it is
// corrupted (a flipped byte), misaligned (a row dropped, two rows swapped),
// written with other coefficients, or when a row's guarantors change; the
// unmodified table passes and gives x⁺ = x on the rows without a guarantor.
func TestCommittedIndexPlusChecks(t *testing.T) {
	table, prov := deter.IndexPlusTable()
	tab, err := DecodeIndexPlus(table, prov)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(table)
	bad[len(bad)/2] ^= 0x10
	if _, err := DecodeIndexPlus(bad, prov); !errors.Is(err, ErrIndexPlus) {
		t.Errorf("a flipped byte: %v", err)
	}
	if err := loadRefitData(); err != nil {
		t.Fatal(err)
	}
	cinc, err := capability.Default()
	if err != nil {
		t.Fatal(err)
	}
	bare, qs, _, err := pactQueries(refitData.rows, refitData.lag, deter.Default(), cinc)
	if err != nil {
		t.Fatal(err)
	}
	coef := deter.EmbeddedJSON()
	if err := tab.matches(qs, coef); err != nil {
		t.Fatalf("the committed table: %v", err)
	}
	x, err := refitPlusFrom(tab, coef)
	if err != nil {
		t.Fatal(err)
	}
	j, k := 0, 0
	for i := range refitData.rows {
		if math.IsNaN(refitData.lag[i][0]) {
			if !math.IsNaN(x[i]) {
				t.Fatalf("row %d without CINCs: x+ %v", i, x[i])
			}
			continue
		}
		want := bare[j].Index
		if len(qs[j].Guarantors) > 0 {
			want = tab.Rows[k].X
			k++
		}
		if math.Float64bits(x[i]) != math.Float64bits(want) {
			t.Fatalf("row %d: x+ %v, want %v", i, x[i], want)
		}
		j++
	}

	dropped := &IndexPlus{Rows: tab.Rows[1:], Provenance: tab.Provenance}
	swapped := &IndexPlus{Rows: append([]IndexPlusRow(nil), tab.Rows...), Provenance: tab.Provenance}
	swapped.Rows[10], swapped.Rows[11] = swapped.Rows[11], swapped.Rows[10]
	moved := append([]DyadYearQuery(nil), qs...)
	for i := range moved {
		if len(moved[i].Guarantors) > 1 {
			moved[i].Guarantors = moved[i].Guarantors[1:]
			break
		}
	}
	for _, tc := range []struct {
		name string
		t    *IndexPlus
		qs   []DyadYearQuery
		coef []byte
	}{
		{"a row dropped", dropped, qs, coef},
		{"two rows swapped", swapped, qs, coef},
		{"other coefficients", tab, qs, append(bytes.Clone(coef), ' ')},
		{"a guarantor changed", tab, moved, coef},
		{"a sample row dropped", tab, qs[1:], coef},
	} {
		if err := tc.t.matches(tc.qs, tc.coef); !errors.Is(err, ErrIndexPlus) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// CheckIndexPlus (`guarantor fit` without --write) fails on a run whose x⁺
// differs from the committed table in one bit under the same coefficients
// and on other rows, and does not compare under other coefficients.
func TestCheckIndexPlus(t *testing.T) {
	committed, err := CommittedIndexPlus()
	if err != nil {
		t.Fatal(err)
	}
	same := &IndexPlus{Rows: append([]IndexPlusRow(nil), committed.Rows...), Provenance: committed.Provenance}
	if compared, err := CheckIndexPlus(same); !compared || err != nil {
		t.Fatalf("the committed table itself: compared %v, %v", compared, err)
	}
	flipped := &IndexPlus{Rows: append([]IndexPlusRow(nil), committed.Rows...), Provenance: committed.Provenance}
	k := len(flipped.Rows) / 3
	flipped.Rows[k].X = math.Float64frombits(math.Float64bits(flipped.Rows[k].X) ^ 1)
	if compared, err := CheckIndexPlus(flipped); !compared || !errors.Is(err, ErrIndexPlus) || !strings.Contains(err.Error(), "row ") {
		t.Errorf("one bit flipped: compared %v, %v", compared, err)
	}
	other := &IndexPlus{Rows: flipped.Rows, Provenance: committed.Provenance}
	other.Provenance.EngineCoefficientsSHA256 = "other"
	if compared, err := CheckIndexPlus(other); compared || err != nil {
		t.Errorf("other coefficients: compared %v, %v", compared, err)
	}
	moved := &IndexPlus{Rows: committed.Rows, Provenance: committed.Provenance}
	moved.Provenance.RowsSHA256 = "other"
	if _, err := CheckIndexPlus(moved); !errors.Is(err, ErrIndexPlus) {
		t.Errorf("other rows: %v", err)
	}
}
