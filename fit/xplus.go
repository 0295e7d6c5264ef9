package fit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/guarantor/guarantor/deter"
)

// The general stage's x⁺ as a derived table (docs/fit.md, "General-stage
// guarantees", rule 6). Computing x⁺ of the ~121,000 dyad-years with a
// guarantor through the engine takes about 40 s of CPU, which fit.Refit
// paid once per process. `guarantor fit --write` writes the values the run
// computed beside deter/coefficients.json (deter embeds them), and Refit
// reads them instead of running the engine. The table is trusted only
// after three checks: its bytes hash to the provenance's table_sha256, its
// coefficients_json_sha256 is the embedded coefficients.json's (the table
// was written by the run that wrote them), and its rows_sha256 is the
// fingerprint of the engine queries that the embedded data give now (the
// same dyad-years, in the same order, with the same guarantors).

// IndexPlusFile and IndexPlusProvenanceFile are the table's file names,
// beside coefficients.json (deter.IndexPlusTable embeds them).
const (
	IndexPlusFile           = "general_xplus.tsv.gz"
	IndexPlusProvenanceFile = "general_xplus.json"
)

// ErrIndexPlus is wrapped by every error about a table that does not
// belong to the embedded data and coefficients.
var ErrIndexPlus = errors.New("the general stage's x+ table does not match; rerun guarantor fit --write deter/coefficients.json")

// IndexPlusRow is x⁺ of one directed dyad-year A→B in Year (the sample's
// year t; the engine read t − 1) with at least one guarantor in the engine.
type IndexPlusRow struct {
	A, B, Year int
	X          float64
}

// IndexPlus is the table: the rows of the general sample with a guarantor
// in the engine, in sample order, and its provenance.
type IndexPlus struct {
	Rows       []IndexPlusRow
	Provenance IndexPlusProvenance
}

// IndexPlusProvenance says what the table is and where it came from.
type IndexPlusProvenance struct {
	What    string `json:"what"`
	Command string `json:"command"`
	Date    string `json:"date"`
	// SampleRows are the general sample's rows with both lagged CINCs (the
	// engine's queries), IndexRows those with a guarantor in the engine
	// (the table's rows).
	SampleRows int `json:"sample_rows"`
	IndexRows  int `json:"index_rows"`
	// RowsSHA256 fingerprints the SampleRows queries (rowsFingerprint).
	RowsSHA256 string `json:"rows_sha256"`
	// EngineCoefficientsSHA256 fingerprints the point coefficients the
	// engine read (coefficientsFingerprint); CoefficientsJSONSHA256 is the
	// SHA-256 of the coefficients.json written by the same run.
	EngineCoefficientsSHA256 string `json:"engine_coefficients_sha256"`
	CoefficientsJSONSHA256   string `json:"coefficients_json_sha256"`
	// TableSHA256 is the SHA-256 of the gzipped table's bytes.
	TableSHA256 string `json:"table_sha256"`
}

const indexPlusWhat = "x+ = ln C - ln pi, the engine's index of each directed dyad-year of the general stage's G1 sample that has at least one guarantor in the engine (the target's ATOP defence partners in the year before, not also the challenger's; docs/fit.md, General-stage guarantees), computed by the engine under the run's point coefficients; x+ = x on the other rows. Columns: a, b (COW codes), year (the sample's year t), x_plus (shortest decimal that reads back to the same float64). Read by fit.Refit instead of running the engine."

// rowsFingerprint is the SHA-256 of the queries, one line "A B Year g1,g2"
// each: it changes when a row, its order or its guarantors change.
func rowsFingerprint(qs []DyadYearQuery) string {
	h := sha256.New()
	var b []byte
	for _, q := range qs {
		b = strconv.AppendInt(b[:0], int64(q.A), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(q.B), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(q.Year), 10)
		b = append(b, ' ')
		for i, g := range q.Guarantors {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(g), 10)
		}
		b = append(b, '\n')
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// coefficientsFingerprint is the SHA-256 of pc's JSON without its
// provenance (which records when and how, not what the engine reads).
func coefficientsFingerprint(pc *deter.Coefficients) (string, error) {
	c := pc.Clone()
	c.Provenance = deter.Provenance{}
	b, err := c.Marshal()
	if err != nil {
		return "", err
	}
	return sha256Hex(b), nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// newIndexPlus builds the table of a run: x⁺ of the queries with a
// guarantor in the engine (plus is aligned with qs), under pc.
func newIndexPlus(qs []DyadYearQuery, plus []GenSlopeRow, pc *deter.Coefficients) (*IndexPlus, error) {
	fp, err := coefficientsFingerprint(pc)
	if err != nil {
		return nil, err
	}
	t := &IndexPlus{Provenance: IndexPlusProvenance{What: indexPlusWhat, SampleRows: len(qs),
		RowsSHA256: rowsFingerprint(qs), EngineCoefficientsSHA256: fp}}
	for i, q := range qs {
		if len(q.Guarantors) > 0 {
			t.Rows = append(t.Rows, IndexPlusRow{A: q.A, B: q.B, Year: q.Year + 1, X: plus[i].Index})
		}
	}
	t.Provenance.IndexRows = len(t.Rows)
	return t, nil
}

// Encode renders the table (gzipped TSV) and its provenance (indented
// JSON) with command, date and the SHA-256 of the coefficients.json
// written beside it filled in. The gzip stream carries no name or time,
// so the same rows give the same bytes.
func (t *IndexPlus) Encode(command, date string, coefficientsJSON []byte) (table, provenance []byte, err error) {
	var raw bytes.Buffer
	raw.WriteString("a\tb\tyear\tx_plus\n")
	var b []byte
	for _, r := range t.Rows {
		b = strconv.AppendInt(b[:0], int64(r.A), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(r.B), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(r.Year), 10)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, r.X, 'g', -1, 64)
		b = append(b, '\n')
		raw.Write(b)
	}
	var gz bytes.Buffer
	w, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := w.Write(raw.Bytes()); err != nil {
		return nil, nil, err
	}
	if err := w.Close(); err != nil {
		return nil, nil, err
	}
	p := t.Provenance
	p.Command, p.Date = command, date
	p.CoefficientsJSONSHA256 = sha256Hex(coefficientsJSON)
	p.TableSHA256 = sha256Hex(gz.Bytes())
	pb, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	return gz.Bytes(), append(pb, '\n'), nil
}

// DecodeIndexPlus reads a table and its provenance as Encode writes them.
// It checks the bytes against the provenance's table_sha256 and every
// row's syntax; errors name the file, the line and the field.
func DecodeIndexPlus(table, provenance []byte) (*IndexPlus, error) {
	t := &IndexPlus{}
	if err := json.Unmarshal(provenance, &t.Provenance); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", IndexPlusProvenanceFile, ErrIndexPlus, err)
	}
	if got := sha256Hex(table); got != t.Provenance.TableSHA256 {
		return nil, fmt.Errorf("%s: %w: SHA-256 %s, provenance table_sha256 %q", IndexPlusFile, ErrIndexPlus, got, t.Provenance.TableSHA256)
	}
	zr, err := gzip.NewReader(bytes.NewReader(table))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", IndexPlusFile, ErrIndexPlus, err)
	}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			if sc.Text() != "a\tb\tyear\tx_plus" {
				return nil, fmt.Errorf("%s:1: %w: header %q, expected a, b, year, x_plus", IndexPlusFile, ErrIndexPlus, sc.Text())
			}
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: %w: %d fields, expected 4", IndexPlusFile, line, ErrIndexPlus, len(f))
		}
		var r IndexPlusRow
		for k, p := range []*int{&r.A, &r.B, &r.Year} {
			if *p, err = strconv.Atoi(f[k]); err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w: %w", IndexPlusFile, line, [3]string{"a", "b", "year"}[k], ErrIndexPlus, err)
			}
		}
		if r.X, err = strconv.ParseFloat(f[3], 64); err != nil || math.IsNaN(r.X) || math.IsInf(r.X, 0) {
			return nil, fmt.Errorf("%s:%d: x_plus: %w: %q is not a finite number", IndexPlusFile, line, ErrIndexPlus, f[3])
		}
		t.Rows = append(t.Rows, r)
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w: %w", IndexPlusFile, ErrIndexPlus, err)
	}
	if len(t.Rows) != t.Provenance.IndexRows {
		return nil, fmt.Errorf("%s: %w: %d rows, provenance index_rows %d", IndexPlusFile, ErrIndexPlus, len(t.Rows), t.Provenance.IndexRows)
	}
	return t, nil
}

// CommittedIndexPlus decodes the table embedded in package deter.
func CommittedIndexPlus() (*IndexPlus, error) {
	return DecodeIndexPlus(deter.IndexPlusTable())
}

// matches checks that t belongs to the queries qs (the same rows with a
// guarantor, in order, by fingerprint and by key) and, when
// coefficientsJSON is not nil, to that coefficients.json.
func (t *IndexPlus) matches(qs []DyadYearQuery, coefficientsJSON []byte) error {
	p := t.Provenance
	if coefficientsJSON != nil {
		if got := sha256Hex(coefficientsJSON); got != p.CoefficientsJSONSHA256 {
			return fmt.Errorf("%s: %w: written with coefficients.json %s, embedded %s", IndexPlusProvenanceFile, ErrIndexPlus, p.CoefficientsJSONSHA256, got)
		}
	}
	if len(qs) != p.SampleRows {
		return fmt.Errorf("%s: %w: %d sample rows, the data give %d", IndexPlusProvenanceFile, ErrIndexPlus, p.SampleRows, len(qs))
	}
	if got := rowsFingerprint(qs); got != p.RowsSHA256 {
		return fmt.Errorf("%s: %w: rows_sha256 %s, the data give %s (dyad-years or guarantors changed)", IndexPlusProvenanceFile, ErrIndexPlus, p.RowsSHA256, got)
	}
	k := 0
	for _, q := range qs {
		if len(q.Guarantors) == 0 {
			continue
		}
		if k >= len(t.Rows) {
			return fmt.Errorf("%s: %w: %d rows, the data have more with a guarantor", IndexPlusFile, ErrIndexPlus, len(t.Rows))
		}
		if r := t.Rows[k]; r.A != q.A || r.B != q.B || r.Year != q.Year+1 {
			return fmt.Errorf("%s:%d: %w: %d→%d in %d, the data's row is %d→%d in %d", IndexPlusFile, k+2, ErrIndexPlus, r.A, r.B, r.Year, q.A, q.B, q.Year+1)
		}
		k++
	}
	if k != len(t.Rows) {
		return fmt.Errorf("%s: %w: %d rows, the data have %d with a guarantor", IndexPlusFile, ErrIndexPlus, len(t.Rows), k)
	}
	return nil
}

// SameValues reports the first row where u differs from t (keys, or x⁺ in
// its bits), or nil when every row is identical.
func (t *IndexPlus) SameValues(u *IndexPlus) error {
	if len(t.Rows) != len(u.Rows) {
		return fmt.Errorf("%d rows, %d in the other table", len(t.Rows), len(u.Rows))
	}
	for i, r := range t.Rows {
		s := u.Rows[i]
		if r.A != s.A || r.B != s.B || r.Year != s.Year || math.Float64bits(r.X) != math.Float64bits(s.X) {
			return fmt.Errorf("row %d: %d→%d in %d x+ %v, the other table %d→%d in %d x+ %v", i+1, r.A, r.B, r.Year, r.X, s.A, s.B, s.Year, s.X)
		}
	}
	return nil
}

// CheckIndexPlus compares the x⁺ table of a run with the committed one
// (deter.IndexPlusTable) for `guarantor fit` without --write. When the run
// read the same point coefficients and the same rows, every x⁺ must be
// identical in its bits, else it is an error; when the coefficients differ
// (another protégé share or aggregation) the values cannot be compared and
// compared is false. Rows that differ are an error either way: the data
// changed since the table was written.
func CheckIndexPlus(run *IndexPlus) (compared bool, err error) {
	committed, err := CommittedIndexPlus()
	if err != nil {
		return false, err
	}
	p, q := run.Provenance, committed.Provenance
	if p.RowsSHA256 != q.RowsSHA256 || p.SampleRows != q.SampleRows {
		return false, fmt.Errorf("%s: %w: rows_sha256 %s (%d rows), this run's %s (%d rows)", IndexPlusProvenanceFile, ErrIndexPlus, q.RowsSHA256, q.SampleRows, p.RowsSHA256, p.SampleRows)
	}
	if p.EngineCoefficientsSHA256 != q.EngineCoefficientsSHA256 {
		return false, nil
	}
	if err := committed.SameValues(run); err != nil {
		return true, fmt.Errorf("%s: %w: the engine's x+ under the same coefficients differs: %w", IndexPlusFile, ErrIndexPlus, err)
	}
	return true, nil
}
