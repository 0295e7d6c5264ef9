package evidence

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// BenchmarkParseNMC measures the first-use cost of the largest state-year
// table: gunzip and parse of 17,121 rows.
func BenchmarkParseNMC(b *testing.B) {
	ti, _ := Info("cow_nmc")
	raw, _ := dataFS.ReadFile("data/" + ti.File)
	b.SetBytes(int64(len(raw)))
	for i := 0; i < b.N; i++ {
		zr, _ := gzip.NewReader(bytes.NewReader(raw))
		if _, err := ParseCSV(zr, "cow_nmc"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFulfilmentRate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := FulfilmentRate(LLM, Defense, Post1945); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookupCountry(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := LookupCountry("Ukraine"); err != nil {
			b.Fatal(err)
		}
	}
}
