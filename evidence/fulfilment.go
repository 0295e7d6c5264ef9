package evidence

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// Coding selects which of Berkemeier and Fuhrmann's (2018) two codings of
// alliance fulfilment in war to use.
type Coding int

const (
	// LLM replicates Leeds, Long and Mitchell (2000): cases where the
	// casus foederis is met and the obligation specific.
	LLM Coding = iota
	// BF is Berkemeier and Fuhrmann's alternative coding.
	BF
)

func (c Coding) String() string {
	if c < LLM || c > BF {
		return "invalid"
	}
	return [...]string{"LLM", "BF"}[c]
}

// MarshalText renders the coding by name (for JSON).
func (c Coding) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// MarshalText renders the obligation by name (for JSON).
func (o Obligation) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// MarshalText renders the era by name (for JSON).
func (e Era) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// ParseCoding reads "llm" or "bf" (any case).
func ParseCoding(s string) (Coding, error) {
	switch strings.ToLower(s) {
	case "llm":
		return LLM, nil
	case "bf":
		return BF, nil
	}
	return 0, fmt.Errorf("coding %q: expected llm or bf", s)
}

// Obligation is an ATOP obligation type held by the alliance.
type Obligation int

// Obligation types. A case counts under every obligation its alliance
// carries (a treaty with defence and consultation clauses is in both).
const (
	AnyObligation Obligation = iota
	Defense
	Offense
	Neutrality
	NonAggression
	Consultation
)

var obligationCols = [...]string{"", "defense", "offense", "neutral", "nonagg", "consul"}

func (o Obligation) String() string {
	if o < AnyObligation || o > Consultation {
		return "invalid"
	}
	return [...]string{"any", "defense", "offense", "neutrality", "nonaggression", "consultation"}[o]
}

// Era is a period of war onset.
type Era int

// Eras, split where Berkemeier and Fuhrmann split: by the war's start year.
const (
	AllYears Era = iota
	Pre1945      // wars starting before 1945
	Post1945     // wars starting 1945-2003
)

func (e Era) String() string {
	if e < AllYears || e > Post1945 {
		return "invalid"
	}
	return [...]string{"1816-2003", "pre-1945", "1945-2003"}[e]
}

// Rate is a fulfilment base rate with its Beta posterior.
type Rate struct {
	Coding     Coding
	Obligation Obligation
	Era        Era
	Honoured   int
	Violated   int
	// Alpha and Beta are the posterior Beta parameters: prior + counts.
	Alpha, Beta float64
	Mean        float64 // posterior mean
	Share       float64 // raw share honoured, Honoured/(Honoured+Violated); 0 when N() = 0
	Lo, Hi      float64 // 95% equal-tailed posterior interval
	Data        string  // data version used
}

// N is the number of invoked cases.
func (r Rate) N() int { return r.Honoured + r.Violated }

// Prior is the Beta prior on the fulfilment probability. Uniform is Beta(1,1).
type Prior struct{ Alpha, Beta float64 }

// Uniform is the flat Beta(1,1) prior.
var Uniform = Prior{1, 1}

// FulfilmentRate counts honoured and violated alliance-war cases in the
// Berkemeier-Fuhrmann data under a coding, obligation type and era, and
// returns the Beta posterior under a uniform prior. Every row coded honour
// or violate counts (the 146 LLM cases behind the published 50%), whatever
// its `sample` flag.
func FulfilmentRate(c Coding, o Obligation, e Era) (Rate, error) {
	return FulfilmentRateWithPrior(c, o, e, Uniform)
}

// FulfilmentRateWithPrior is FulfilmentRate with an explicit Beta prior.
func FulfilmentRateWithPrior(c Coding, o Obligation, e Era, prior Prior) (Rate, error) {
	if c < LLM || c > BF || o < AnyObligation || o > Consultation || e < AllYears || e > Post1945 {
		return Rate{}, fmt.Errorf("fulfilment: invalid coding %d, obligation %d or era %d", c, o, e)
	}
	if !(prior.Alpha > 0 && prior.Beta > 0) {
		return Rate{}, fmt.Errorf("fulfilment: prior Beta(%g, %g): both parameters must be > 0", prior.Alpha, prior.Beta)
	}
	cases, err := bfCases()
	if err != nil {
		return Rate{}, err
	}
	r := Rate{Coding: c, Obligation: o, Era: e}
	for _, k := range cases {
		if !k.coded[c] || (o != AnyObligation && !k.obl[o]) {
			continue
		}
		if (e == Pre1945 && k.year >= 1945) || (e == Post1945 && k.year < 1945) {
			continue
		}
		if k.honour[c] {
			r.Honoured++
		} else {
			r.Violated++
		}
	}
	r.Data = "Berkemeier & Fuhrmann 2018 replication file (codebook 2018-03-26); war start years from COW Inter-State War 4.0"
	r.fill(prior)
	return r, nil
}

func (r *Rate) fill(prior Prior) {
	r.Alpha, r.Beta = prior.Alpha+float64(r.Honoured), prior.Beta+float64(r.Violated)
	d := distuv.Beta{Alpha: r.Alpha, Beta: r.Beta}
	r.Mean = d.Mean()
	r.Lo, r.Hi = d.Quantile(0.025), d.Quantile(0.975)
	r.Share = 0 // with no cases; N() says so
	if n := r.N(); n > 0 {
		r.Share = float64(r.Honoured) / float64(n)
	}
}

// bfCase is one alliance-war row of the BF data.
type bfCase struct {
	war    int // BF war identifier (warid)
	year   int
	coded  [2]bool // honour or violate coded, per Coding
	honour [2]bool
	obl    [6]bool
}

var yearInName = regexp.MustCompile(`1[89]\d\d|20\d\d`)

// bfCache holds the decoded BF cases, built on first use.
var bfCache struct {
	once  sync.Once
	cases []bfCase
	err   error
}

// bfCases returns the decoded BF cases (shared, read-only).
func bfCases() ([]bfCase, error) {
	bfCache.once.Do(func() { bfCache.cases, bfCache.err = decodeBF() })
	return bfCache.cases, bfCache.err
}

func decodeBF() ([]bfCase, error) {
	ts, err := loadAll("bf2018", "cow_war")
	if err != nil {
		return nil, err
	}
	t, war := ts[0], ts[1]
	warStart := map[int]int{}
	wn, err1 := war.Num("warnum")
	wy, err2 := war.Num("year")
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("cow_war: %v %v", err1, err2)
	}
	for i := range wn {
		if s, ok := warStart[int(wn[i])]; !ok || int(wy[i]) < s {
			warStart[int(wn[i])] = int(wy[i])
		}
	}
	cols := map[string][]float64{}
	for _, n := range []string{"warid", "cowwarid", "honorLLM", "violateLLM", "honorBF", "violateBF", "defense", "offense", "neutral", "nonagg", "consul"} {
		if cols[n], err = t.Num(n); err != nil {
			return nil, err
		}
	}
	name, ok := t.Col("warname")
	if !ok {
		return nil, fmt.Errorf("bf2018: no column warname")
	}
	out := make([]bfCase, 0, t.Rows)
	for i := 0; i < t.Rows; i++ {
		k := bfCase{war: int(cols["warid"][i])}
		if y, ok := warStart[int(cols["cowwarid"][i])]; ok {
			k.year = y
		} else if m := yearInName.FindString(name.Text(i)); m != "" {
			k.year, _ = strconv.Atoi(m)
		} else {
			return nil, fmt.Errorf("bf2018 row %d: no start year for war %q", i+2, name.Text(i))
		}
		for c, cols2 := range [2][2]string{{"honorLLM", "violateLLM"}, {"honorBF", "violateBF"}} {
			h, v := cols[cols2[0]][i] == 1, cols[cols2[1]][i] == 1
			k.coded[c], k.honour[c] = h || v, h
		}
		for o := Defense; o <= Consultation; o++ {
			k.obl[o] = cols[obligationCols[o]][i] == 1
		}
		out = append(out, k)
	}
	return out, nil
}

// FulfilmentTable returns every coding x obligation x era rate.
func FulfilmentTable() ([]Rate, error) {
	var out []Rate
	for c := LLM; c <= BF; c++ {
		for o := AnyObligation; o <= Consultation; o++ {
			for e := AllYears; e <= Post1945; e++ {
				r, err := FulfilmentRate(c, o, e)
				if err != nil {
					return nil, err
				}
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// LeedsAnacRate is the share of invoked alliance commitments honoured in
// the Leeds and Anac (2005) replication data under its honor3 or honor2
// coding, with the Beta(1,1) posterior.
func LeedsAnacRate(variable string) (Rate, error) {
	if variable != "honor3" && variable != "honor2" {
		return Rate{}, fmt.Errorf("leeds_anac2005: variable %q: expected honor3 or honor2", variable)
	}
	t, err := Load("leeds_anac2005")
	if err != nil {
		return Rate{}, err
	}
	h, err := t.Num(variable)
	if err != nil {
		return Rate{}, err
	}
	r := Rate{Coding: LLM, Data: "Leeds & Anac 2005 replication (" + variable + ")"}
	for _, v := range h {
		switch v {
		case 1:
			r.Honoured++
		case 0:
			r.Violated++
		}
	}
	r.fill(Uniform)
	return r, nil
}

// FulfilmentCase is one invoked alliance-war case of the Berkemeier and
// Fuhrmann (2018) data under one coding.
type FulfilmentCase struct {
	War      int  // BF war identifier: cases of one war share it
	Year     int  // the war's start year (COW, else the year in its name)
	Honoured bool // the ally honoured the obligation
	// Obligations held by the alliance, indexed by Obligation (Defense ..
	// Consultation); index 0 (AnyObligation) is always true.
	Obligations [6]bool
}

// FulfilmentCases returns every case coded honoured or violated under c,
// in file order (for models beyond the counts of FulfilmentRate, such as a
// random effect for the war).
func FulfilmentCases(c Coding) ([]FulfilmentCase, error) {
	if c < LLM || c > BF {
		return nil, fmt.Errorf("fulfilment: invalid coding %d", c)
	}
	cases, err := bfCases()
	if err != nil {
		return nil, err
	}
	var out []FulfilmentCase
	for _, k := range cases {
		if !k.coded[c] {
			continue
		}
		f := FulfilmentCase{War: k.war, Year: k.year, Honoured: k.honour[c], Obligations: k.obl}
		f.Obligations[AnyObligation] = true
		out = append(out, f)
	}
	return out, nil
}
