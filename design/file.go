package design

import (
	"fmt"
	"path/filepath"

	"github.com/goccy/go-yaml"

	"github.com/guarantor/guarantor/inputfile"
	"github.com/guarantor/guarantor/scenario"
	"github.com/guarantor/guarantor/sweep"
)

// File is a design question as written in a YAML file (docs/design.md):
//
//	question: How many European troops reach 80%, with or without a US backstop?
//	target: {p_deterrence: 0.8}
//	weights: {troops: 1}
//	alternatives:
//	  - {name: Europeans alone, option: ../06-european-tripwire-12000.yaml}
//	  - {name: with a US backstop, option: ../07-european-tripwire-us-backstop.yaml,
//	     cost: {political: 1}, source: ...}
//	levers:
//	  - {path: option.guarantors[id=uk].instruments[type=tripwire].troops, range: "0:30000:2500i",
//	     cost: {troops: 1}, source: ...}
type File struct {
	Question string `yaml:"question"`
	Target   struct {
		PDeterrence float64 `yaml:"p_deterrence"`
		PNoWar      float64 `yaml:"p_no_war"`
		Years       int     `yaml:"years"`
	} `yaml:"target"`
	Strict       bool               `yaml:"strict"`
	Weights      map[string]float64 `yaml:"weights"`
	Samples      int                `yaml:"samples"`
	Seed         uint64             `yaml:"seed"`
	Alternatives []struct {
		Name   string             `yaml:"name"`
		Option string             `yaml:"option"`
		Cost   map[string]float64 `yaml:"cost"`
		Source string             `yaml:"source"`
	} `yaml:"alternatives"`
	Levers []struct {
		Path   string             `yaml:"path"`
		Range  string             `yaml:"range"`
		Cost   map[string]float64 `yaml:"cost"`
		Source string             `yaml:"source"`
	} `yaml:"levers"`
}

// LoadFile reads a design file; option paths are relative to it.
func LoadFile(path string) (*Problem, string, error) {
	b, err := inputfile.Read(path, scenario.MaxFileBytes)
	if err != nil {
		return nil, "", err
	}
	if err := scenario.CheckText(path, b); err != nil {
		return nil, "", err
	}
	var f File
	if err := yaml.UnmarshalWithOptions(b, &f, yaml.Strict()); err != nil {
		return nil, "", fmt.Errorf("%s: %s", path, yaml.FormatError(err, false, true))
	}
	p := &Problem{Target: f.Target.PDeterrence, NoWarTarget: f.Target.PNoWar, Horizon: f.Target.Years,
		Weights: f.Weights, Strict: f.Strict, Samples: f.Samples, Seed: f.Seed}
	dir := filepath.Dir(path)
	for i, a := range f.Alternatives {
		if a.Option == "" {
			return nil, "", fmt.Errorf("%s: alternatives[%d]: option: expected the path of an option file", path, i)
		}
		name := a.Name
		if name == "" {
			name = a.Option
		}
		file := a.Option
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		p.Alternatives = append(p.Alternatives, Alternative{Name: name, File: file, Cost: a.Cost, Source: a.Source})
	}
	for i, l := range f.Levers {
		prm, err := sweep.ParseParam(l.Path + "=" + l.Range)
		if err != nil {
			return nil, "", fmt.Errorf("%s: levers[%d]: %w", path, i, err)
		}
		p.Levers = append(p.Levers, Lever{Param: prm, Cost: l.Cost, Source: l.Source})
	}
	if len(p.Alternatives) == 0 || len(p.Levers) == 0 {
		return nil, "", fmt.Errorf("%s: expected at least one alternative and one lever", path)
	}
	return p, f.Question, nil
}

// IsDesignFile reports whether path looks like a design file (it has
// levers:) rather than an option file.
func IsDesignFile(path string) bool {
	b, err := inputfile.Read(path, scenario.MaxFileBytes)
	if err != nil || scenario.CheckText(path, b) != nil {
		return false // the option loader reports the problem
	}
	var top map[string]any
	if yaml.Unmarshal(b, &top) != nil {
		return false
	}
	_, ok := top["levers"]
	return ok
}
