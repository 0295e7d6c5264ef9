// Package scenario reads guarantor's scenario files: YAML documents, each
// describing one guarantee option (a challenger, a protege, a horizon and
// guarantors with instruments and signals), validated against an embedded
// JSON Schema (draft 2020-12, printed by `guarantor schema`) and then
// checked for what a schema cannot say (distribution parameters, ranges,
// country codes, references between fields).
//
// Errors are positioned like go/scanner's: file:line:column, the field path
// and what was expected; loading returns either a whole Scenario or an
// ErrorList, never a partial result. A file may extend a base file
// (extends:, resolved relative to the file, cycles rejected); mappings merge
// key by key and anything else is replaced.
//
// Compile flattens a Scenario into a vector of named uncertain inputs
// (Param: name, distribution, source) with index fields for the credibility
// engine, so that a Monte Carlo draw is one allocation-free pass over the
// vector and every assumption can be listed with its source and varied by
// name in sensitivity analysis. docs/scenario.md documents every field.
package scenario
