// Command reduce rebuilds the embedded copies of guarantor's datasets
// (evidence/data/<name>/*.csv.gz) from the raw CSV files in the shared data
// folder. It is the documented, reproducible reduction named in every
// SOURCE.md: it keeps the columns the models use, drops the mirrored half of
// dyad-year tables that list both orderings (keeping ccode1 < ccode2), turns
// contiguity dates into years, and writes gzip streams with no timestamp so
// that the same input always yields the same bytes.
//
// Usage (from the module root):
//
//	go run ./evidence/internal/reduce -shared ../shared/data -out evidence/data
package main

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// spec describes how one raw file becomes one embedded file.
type spec struct {
	src, dst string
	keep     []string // columns to keep, in this order; nil keeps all
	// rename maps a kept source column to its embedded name.
	rename map[string]string
	// nonDirected keeps only rows with ccode1 < ccode2 (the table lists both orderings).
	nonDirected bool
	// dateToYear lists columns holding YYYY-MM-DD dates that become years.
	dateToYear []string
}

var specs = []spec{
	{src: "cow_nmc/nmc_v7_0_abridged.csv", dst: "cow_nmc/nmc_v7_0_abridged.csv.gz"},
	{src: "cow_states/cow_states_2016.csv", dst: "cow_states/cow_states_2016.csv.gz"},
	{src: "cow_states/cow_majors_2016.csv", dst: "cow_states/cow_majors_2016.csv.gz"},
	{src: "cow_states/cow_contdir_v3_2.csv", dst: "cow_states/cow_contdir_v3_2.csv.gz",
		nonDirected: true, dateToYear: []string{"stdate", "enddate"},
		rename: map[string]string{"stdate": "styear", "enddate": "endyear"}},
	{src: "sipri_milex/sipri_milex_1949_2023_long.csv", dst: "sipri_milex/sipri_milex_1949_2023_long.csv.gz"},
	{src: "alliance_reliability/berkemeier_fuhrmann_2018_alliance_war_fulfillment.csv",
		dst: "alliance_reliability/berkemeier_fuhrmann_2018.csv.gz"},
	{src: "alliance_reliability/leeds_anac_2005_replication.csv",
		dst: "alliance_reliability/leeds_anac_2005.csv.gz"},
	{src: "atop/atop_v5_1_dyad_year.csv", dst: "atop/atop_v5_1_dyad_year_nondirected.csv.gz", nonDirected: true},
	{src: "cow_alliance/cow_alliance_v4_1_dyad_year.csv", dst: "cow_alliance/cow_alliance_v4_1_dyad_year_nondirected.csv.gz", nonDirected: true},
	{src: "us_troops/troopdata_rebuild_country_year_1950_2024.csv", dst: "us_troops/troopdata_rebuild_country_year.csv.gz",
		keep: []string{"countryname", "ccode", "iso3c", "year", "troops_ad", "army_ad", "navy_ad", "air_force_ad", "marine_corps_ad"}},
	{src: "mid/cow_mid_v5_directed_dispute_year.csv", dst: "mid/cow_mid_v5_directed_dispute_year.csv.gz",
		keep: []string{"dispnum", "ccode1", "ccode2", "year", "disponset", "sidea1", "sidea2", "orig1", "orig2", "hostlev1", "hostlev2", "fatality1", "fatality2"}},
	{src: "mid/cow_mid_v5_disputes.csv", dst: "mid/cow_mid_v5_disputes.csv.gz"},
	{src: "cow_war/cow_interstate_war_v4_directed_dyad_year.csv", dst: "cow_war/cow_interstate_war_v4_directed_dyad_year.csv.gz"},
	{src: "rivalries/thompson_dreyer_strategic_rivalries.csv", dst: "rivalries/thompson_dreyer_strategic_rivalries.csv.gz"},
	{src: "rivalries/tss_rivalries.csv", dst: "rivalries/tss_rivalries.csv.gz"},
	{src: "huth_1988/huth_1988_extended_deterrence.csv", dst: "huth_1988/huth_1988_extended_deterrence.csv.gz"},
}

func main() {
	shared := flag.String("shared", "../shared/data", "folder holding the raw datasets")
	out := flag.String("out", "evidence/data", "folder to write the embedded copies into")
	flag.Parse()
	for _, s := range specs {
		n, err := reduce(filepath.Join(*shared, s.src), filepath.Join(*out, s.dst), s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "reduce:", err)
			os.Exit(1)
		}
		fmt.Printf("%-70s %7d rows\n", s.dst, n)
	}
}

func reduce(src, dst string, s spec) (int, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	r := csv.NewReader(in)
	header, err := r.Read()
	if err != nil {
		return 0, fmt.Errorf("%s: header: %w", src, err)
	}
	idx, cols, outHeader, err := columns(header, s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	isDate := map[int]bool{}
	for _, d := range s.dateToYear {
		isDate[idx[d]] = true
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression) // zero ModTime: reproducible bytes
	w := csv.NewWriter(zw)
	if err := w.Write(outHeader); err != nil {
		return 0, err
	}
	n := 0
	rec := make([]string, len(cols))
	for line := 2; ; line++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("%s:%d: %w", src, line, err)
		}
		if s.nonDirected {
			a, _ := strconv.Atoi(row[idx["ccode1"]])
			b, _ := strconv.Atoi(row[idx["ccode2"]])
			if a >= b {
				continue
			}
		}
		for i, j := range cols {
			v := row[j]
			if isDate[j] {
				v, _, _ = strings.Cut(v, "-")
			}
			rec[i] = v
		}
		if err := w.Write(rec); err != nil {
			return 0, err
		}
		n++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return n, f.Close()
}

// columns maps the spec's kept columns to their positions in the raw
// header and to their embedded names.
func columns(header []string, s spec) (idx map[string]int, cols []int, out []string, err error) {
	idx = map[string]int{}
	for i, h := range header {
		idx[h] = i
	}
	keep := s.keep
	if keep == nil {
		keep = header
	}
	for _, k := range keep {
		j, ok := idx[k]
		if !ok {
			return nil, nil, nil, fmt.Errorf("no column %q", k)
		}
		name := k
		if nn, ok := s.rename[k]; ok {
			name = nn
		}
		cols, out = append(cols, j), append(out, name)
	}
	return idx, cols, out, nil
}
