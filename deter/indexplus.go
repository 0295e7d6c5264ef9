package deter

import (
	"bytes"
	_ "embed"
)

// The general stage's x⁺ table (package fit, IndexPlus): the engine's
// index of the dyad-years with a guarantor, which `guarantor fit --write`
// computes with these coefficients and writes beside coefficients.json so
// that fit.Refit need not rerun the engine (about 40 s of CPU). It lives
// here because go:embed reads only the package's own directory; package
// fit decodes and checks it.

//go:embed general_xplus.tsv.gz
var indexPlusTable []byte

//go:embed general_xplus.json
var indexPlusProvenance []byte

// IndexPlusTable returns copies of the embedded x⁺ table (gzipped TSV)
// and its provenance (JSON).
func IndexPlusTable() (table, provenance []byte) {
	return bytes.Clone(indexPlusTable), bytes.Clone(indexPlusProvenance)
}

// EmbeddedJSON returns a copy of the embedded coefficients.json, whose
// SHA-256 the x⁺ table's provenance records.
func EmbeddedJSON() []byte { return bytes.Clone(embedded) }
