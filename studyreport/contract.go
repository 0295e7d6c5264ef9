package studyreport

import (
	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/design"
	"github.com/guarantor/guarantor/sensitivity"
)

// The JSON documents of the studies are documents of the output contract
// (docs/output.md): their types live in package contract, which generates
// their schemas; the names below are kept for this package's callers.

// SensitivityDoc is the document of `guarantor sensitivity`.
type SensitivityDoc = contract.Sensitivity

// SensitivityInput is one analysed input.
type SensitivityInput = contract.SensitivityInput

// SensitivityOut is one answer's decomposition.
type SensitivityOut = contract.SensitivityOut

// FactorIndex is one factor's indices for one answer, with its swing.
type FactorIndex = contract.FactorIndex

// IndexDoc is an estimate with its interval.
type IndexDoc = contract.StudyIndex

// DesignDoc is the document of `guarantor design`.
type DesignDoc = contract.Design

// LeverDoc is one lever.
type LeverDoc = contract.DesignLever

// AlternativeDoc is one alternative.
type AlternativeDoc = contract.DesignAlt

// CandidateDoc is one package assessed.
type CandidateDoc = contract.DesignCandidate

func indexDoc(x sensitivity.Index) IndexDoc { return IndexDoc{Value: x.Value, Lo: x.Lo, Hi: x.Hi} }

// Doc returns the study as a contract document.
func (s *Sensitivity) Doc() *SensitivityDoc {
	r := s.Sobol
	d := &SensitivityDoc{Header: contract.NewHeader("sensitivity", s.Version, s.InputHash), RunInfo: contract.RunInfo{Seed: s.Seed, Samples: r.N},
		Option: s.Option, File: s.File, Groups: s.Groups, QuasiRandom: r.QuasiRandom, EngineRuns: r.Evals,
		Bootstrap: r.Bootstrap, Level: r.Level, Outputs: []SensitivityOut{}, Inputs: s.Inputs}
	if d.Inputs == nil {
		d.Inputs = []SensitivityInput{}
	}
	for o, name := range r.Outputs {
		out := SensitivityOut{Output: name, Mean: r.Mean[o], Variance: r.Variance[o], Factors: []FactorIndex{}}
		for _, i := range s.order(o) {
			f := r.Factors[i]
			fi := FactorIndex{Factor: f.Name, Inputs: orEmpty(f.Inputs), First: indexDoc(f.First[o]), Total: indexDoc(f.Total[o])}
			if i < len(s.Swings) {
				lo, hi := s.Swings[i].AtLo[o], s.Swings[i].AtHi[o]
				fi.AtP05, fi.AtP95 = &lo, &hi
			}
			out.Factors = append(out.Factors, fi)
		}
		d.Outputs = append(d.Outputs, out)
	}
	return d
}

func candidateDoc(c design.Candidate) CandidateDoc {
	return CandidateDoc{Alternative: c.Alternative, Levers: orEmpty(c.Values), Cost: costs(c.Cost), TotalCost: c.Total,
		PDeterrence: IndexDoc{Value: c.PDeter, Lo: c.PDeterLo, Hi: c.PDeterHi}, PNoWar: IndexDoc{Value: c.PNoWar, Lo: c.PNoWarLo, Hi: c.PNoWarHi}, Reaches: c.Reaches}
}

func candidateDocs(cs []design.Candidate) []CandidateDoc {
	out := []CandidateDoc{}
	for _, c := range cs {
		out = append(out, candidateDoc(c))
	}
	return out
}

// Doc returns the design study as a contract document; inputHash
// identifies the alternatives' scenarios and the question.
func (d *Design) Doc(inputHash string) *DesignDoc {
	p, r := &d.Problem, d.Result
	doc := &DesignDoc{Header: contract.NewHeader("design", d.Version, inputHash), RunInfo: contract.RunInfo{Seed: p.Seed, Samples: p.Samples},
		Question: d.Question, Target: p.Target, TargetNoWar: p.NoWarTarget, Strict: p.Strict, Exhaustive: p.Exhaustive,
		Weights: p.Weights, GridSize: r.GridSize, RunnersUp: candidateDocs(r.RunnersUp), Frontier: candidateDocs(r.Frontier),
		Assessed: candidateDocs(r.Assessed), Violations: orEmpty(r.Violations), Levers: []LeverDoc{}, Alternatives: []AlternativeDoc{}}
	doc.Weights = costs(doc.Weights)
	for _, l := range p.Levers {
		doc.Levers = append(doc.Levers, LeverDoc{Path: l.Param.Path, Levels: orEmpty(l.Param.Levels(5)), Cost: costs(l.Cost), Source: l.Source})
	}
	for _, a := range p.Alternatives {
		doc.Alternatives = append(doc.Alternatives, AlternativeDoc{Name: a.Name, File: a.File, Cost: costs(a.Cost), Source: a.Source})
	}
	if r.Recommended != nil {
		c := candidateDoc(*r.Recommended)
		doc.Recommended = &c
	}
	if r.Closest != nil {
		c := candidateDoc(*r.Closest)
		doc.Closest = &c
	}
	return doc
}

// orEmpty and costs keep the contract's rule that lists (and maps) print
// as [] ({}) rather than null.
func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func costs(m map[string]float64) map[string]float64 {
	if m == nil {
		return map[string]float64{}
	}
	return m
}
