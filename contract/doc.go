// Package contract is guarantor's versioned output contract: the JSON
// shapes that `guarantor ... --format json` prints and that the HTTP API
// serves. Each document carries schema_version (SchemaVersion), the engine
// version, and the input hash; those that draw random numbers carry the
// seed and the number of samples too. Keys are snake_case and never the
// names of Go fields inside the engine: the From* functions map the
// engine's results onto these types, so the engine can change under the
// contract without breaking its readers.
//
// Schema(name) returns each document's JSON Schema (draft 2020-12),
// generated from the Go types by reflection so that the types and the
// schemas cannot drift apart. docs/output.md documents every field.
//
// Compatibility rule: within a schema version, fields are only added
// (readers must ignore unknown fields); renaming, removing or changing
// the meaning of a field bumps SchemaVersion.
package contract
