package evidence

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/internal/testenv"
)

// Row counts from each dataset's SOURCE.md (after the documented reduction).
var wantRows = map[string]int{
	"cow_nmc": 17121, "cow_states": 243, "cow_majors": 14, "cow_contdir": 937, "sipri_milex": 13050,
	"bf2018": 576, "leeds_anac2005": 137, "atop_dyad": 136648, "cow_alliance": 60392, "us_troops": 13135,
	"mid_dyad": 11390, "mid_disputes": 2436, "cow_war": 1932, "td_rivalries": 197, "tss_rivalries": 264, "huth_1988": 58,
}

func TestEveryTableLoadsWithProvenance(t *testing.T) {
	if len(wantRows) != len(Tables()) {
		t.Fatalf("%d tables registered, %d expected", len(Tables()), len(wantRows))
	}
	for _, ti := range Tables() {
		tab, err := Load(ti.Name)
		if err != nil {
			t.Fatalf("%s: %v", ti.Name, err)
		}
		if tab.Rows != wantRows[ti.Name] {
			t.Errorf("%s: %d rows, SOURCE.md says %d", ti.Name, tab.Rows, wantRows[ti.Name])
		}
		ds, err := DatasetOf(ti.Name)
		if err != nil || ds.Citation == "" || !strings.HasPrefix(ds.BibTeX, "@") || ds.Version == "" || ds.Licence == "" {
			t.Errorf("%s: incomplete provenance %+v (%v)", ti.Name, ds, err)
		}
		src, err := Source(ti.Name)
		if err != nil || !strings.Contains(src, "## The copy embedded in guarantor") || !strings.Contains(src, "icence") {
			t.Errorf("%s: SOURCE.md lacks the reduction or licence section (%v)", ti.Name, err)
		}
	}
	if _, err := Load("nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown table: %v", err)
	}
}

func TestRussia2014Row(t *testing.T) {
	tab, _ := Load("cow_nmc")
	for _, where := range []string{"ccode=365", "ccode=RUS", "ccode=Russia", "stateabb=rus"} {
		c, err := ParseWhere(where)
		if err != nil {
			t.Fatal(err)
		}
		y, _ := ParseYears("2014:2014")
		rows, err := tab.Select([]Cond{c}, &y)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", where, len(rows))
		}
		cinc, _ := tab.Col("cinc")
		if v := cinc.Num[rows[0]]; math.Abs(v-0.0392) > 5e-5 {
			t.Errorf("%s: CINC %v, want 0.0392", where, v)
		}
	}
}

func TestSpellYears(t *testing.T) {
	tab, _ := Load("tss_rivalries")
	c, _ := ParseWhere("ccode1=365")
	c2, _ := ParseWhere("ccode2=369")
	y, _ := ParseYears("2015:")
	rows, err := tab.Select([]Cond{c, c2}, &y)
	if err != nil || len(rows) != 1 {
		t.Fatalf("Russia-Ukraine TSS rivalry after 2015: %v rows, %v", rows, err)
	}
	if _, err := Load("bf2018"); err != nil {
		t.Fatal(err)
	}
	bf, _ := Load("bf2018")
	if _, err := bf.Select(nil, &y); err == nil {
		t.Error("--years on a table without years accepted")
	}
}

// The embedded copies must equal the raw files after the documented
// reduction (skipped without ../shared).
func TestEmbeddedMatchesShared(t *testing.T) {
	dir := filepath.Join(testenv.SharedDir(t), "data")
	cases := []struct {
		table, raw  string
		nonDirected bool
	}{
		{"cow_nmc", "cow_nmc/nmc_v7_0_abridged.csv", false},
		{"atop_dyad", "atop/atop_v5_1_dyad_year.csv", true},
		{"huth_1988", "huth_1988/huth_1988_extended_deterrence.csv", false},
		{"bf2018", "alliance_reliability/berkemeier_fuhrmann_2018_alliance_war_fulfillment.csv", false},
	}
	for _, c := range cases {
		f, err := os.Open(filepath.Join(dir, c.raw))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := ParseCSV(f, c.raw)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		emb, _ := Load(c.table)
		keep := make([]int, 0, raw.Rows)
		for i := 0; i < raw.Rows; i++ {
			if c.nonDirected {
				a, _ := raw.Col("ccode1")
				b, _ := raw.Col("ccode2")
				if a.Num[i] >= b.Num[i] {
					continue
				}
			}
			keep = append(keep, i)
		}
		if len(keep) != emb.Rows {
			t.Fatalf("%s: %d rows embedded, %d in the reduced raw file", c.table, emb.Rows, len(keep))
		}
		for _, col := range emb.Cols {
			rc, ok := raw.Col(col.Name)
			if !ok {
				t.Fatalf("%s: column %s not in raw file", c.table, col.Name)
			}
			for r, i := range keep {
				if col.Text(r) != rc.Text(i) {
					t.Fatalf("%s row %d col %s: %q vs raw %q", c.table, r, col.Name, col.Text(r), rc.Text(i))
				}
			}
		}
	}
}

// Every embedded gzip stream is valid CSV with a header (guards against a
// hand-edited data file).
func TestEmbeddedFilesAreGzipCSV(t *testing.T) {
	for _, ti := range Tables() {
		b, err := dataFS.ReadFile("data/" + ti.File)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", ti.File, err)
		}
		if _, err := csv.NewReader(zr).Read(); err != nil && err != io.EOF {
			t.Fatalf("%s: %v", ti.File, err)
		}
	}
}
