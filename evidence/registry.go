package evidence

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

//go:embed data
var dataFS embed.FS

// ErrUnknown reports a table or dataset name that is not embedded.
var ErrUnknown = errors.New("unknown dataset")

// Dataset is one source with its provenance: a folder under data/ with a
// SOURCE.md, holding one or more tables.
type Dataset struct {
	Name     string // folder name, e.g. "cow_nmc"
	Title    string
	Version  string
	Years    string
	Citation string // plain-text reference(s)
	BibTeX   string
	Licence  string // terms of the data and of the copy it was taken from
}

// TableInfo describes one embedded table.
type TableInfo struct {
	Name    string // the name used on the command line, e.g. "cow_nmc"
	Dataset string // the Dataset it belongs to
	File    string // path under data/
	Summary string // what one row is
}

var tables = []TableInfo{
	{"cow_nmc", "cow_nmc", "cow_nmc/nmc_v7_0_abridged.csv.gz", "state-year: six capability components and CINC"},
	{"cow_states", "cow_states", "cow_states/cow_states_2016.csv.gz", "state-system membership spell"},
	{"cow_majors", "cow_states", "cow_states/cow_majors_2016.csv.gz", "major-power spell"},
	{"cow_contdir", "cow_states", "cow_states/cow_contdir_v3_2.csv.gz", "non-directed contiguity spell (years)"},
	{"sipri_milex", "sipri_milex", "sipri_milex/sipri_milex_1949_2023_long.csv.gz", "country-year military expenditure"},
	{"bf2018", "alliance_reliability", "alliance_reliability/berkemeier_fuhrmann_2018.csv.gz", "alliance x war: fulfilment under LLM and BF codings"},
	{"leeds_anac2005", "alliance_reliability", "alliance_reliability/leeds_anac_2005.csv.gz", "alliance x member x war: honoured or not"},
	{"atop_dyad", "atop", "atop/atop_v5_1_dyad_year_nondirected.csv.gz", "non-directed dyad-year ATOP obligations"},
	{"cow_alliance", "cow_alliance", "cow_alliance/cow_alliance_v4_1_dyad_year_nondirected.csv.gz", "non-directed dyad-year COW alliance types"},
	{"us_troops", "us_troops", "us_troops/troopdata_rebuild_country_year.csv.gz", "host country-year US active-duty troops"},
	{"mid_dyad", "mid", "mid/cow_mid_v5_directed_dispute_year.csv.gz", "dispute x directed dyad x year"},
	{"mid_disputes", "mid", "mid/cow_mid_v5_disputes.csv.gz", "dispute"},
	{"cow_war", "cow_war", "cow_war/cow_interstate_war_v4_directed_dyad_year.csv.gz", "war x directed dyad x year"},
	{"td_rivalries", "rivalries", "rivalries/thompson_dreyer_strategic_rivalries.csv.gz", "strategic rivalry (Thompson-Dreyer)"},
	{"tss_rivalries", "rivalries", "rivalries/tss_rivalries.csv.gz", "strategic rivalry (TSS)"},
	{"huth_1988", "huth_1988", "huth_1988/huth_1988_extended_deterrence.csv.gz", "extended-immediate deterrence crisis"},
}

// Tables lists the embedded tables in a fixed order.
func Tables() []TableInfo { return append([]TableInfo(nil), tables...) }

// Datasets lists the embedded datasets sorted by name.
func Datasets() []Dataset {
	out := append([]Dataset(nil), datasets...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Info returns the table called name.
func Info(name string) (TableInfo, error) {
	for _, t := range tables {
		if t.Name == name {
			return t, nil
		}
	}
	return TableInfo{}, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(tableNames(), ", "))
}

// DatasetOf returns the dataset called name, or the dataset of the table
// called name.
func DatasetOf(name string) (Dataset, error) {
	if ti, err := Info(name); err == nil {
		name = ti.Dataset
	}
	for _, d := range datasets {
		if d.Name == name {
			return d, nil
		}
	}
	return Dataset{}, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(tableNames(), ", "))
}

// Source returns the SOURCE.md text of a dataset (or of a table's dataset).
func Source(name string) (string, error) {
	d, err := DatasetOf(name)
	if err != nil {
		return "", err
	}
	b, err := dataFS.ReadFile("data/" + d.Name + "/SOURCE.md")
	return string(b), err
}

func tableNames() []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.Name
	}
	return out
}

// cache holds one lazily parsed table per name; entries are created up
// front so that lookups need no lock beyond each entry's sync.Once.
var cache = func() map[string]*cached {
	m := make(map[string]*cached, len(tables))
	for _, t := range tables {
		m[t.Name] = &cached{info: t}
	}
	return m
}()

type cached struct {
	info   TableInfo
	once   sync.Once
	loaded atomic.Bool
	tab    *Table
	err    error
}

// Load returns the embedded table called name, decompressing and parsing it
// on first use. The result is shared: do not modify it.
func Load(name string) (*Table, error) {
	c, ok := cache[name]
	if !ok {
		_, err := Info(name)
		return nil, err
	}
	c.once.Do(func() {
		c.tab, c.err = loadFile(c.info)
		c.loaded.Store(true)
	})
	return c.tab, c.err
}

func loadFile(ti TableInfo) (*Table, error) {
	raw, err := dataFS.ReadFile("data/" + ti.File)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ti.File, err)
	}
	var r io.Reader = zr
	return ParseCSV(r, ti.Name)
}

// Loaded lists the tables parsed so far in this process (for diagnostics
// and for the test that start-up parses nothing).
func Loaded() []string {
	var out []string
	for _, t := range tables {
		if c := cache[t.Name]; c.loaded.Load() {
			out = append(out, t.Name)
		}
	}
	return out
}

// loadAll loads several tables, stopping at the first error.
func loadAll(names ...string) ([]*Table, error) {
	out := make([]*Table, len(names))
	for i, n := range names {
		t, err := Load(n)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}
