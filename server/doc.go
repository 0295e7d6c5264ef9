// Package server is guarantor's HTTP face: a JSON API (huma, OpenAPI 3.1
// at /openapi.json, an offline docs page at /docs), a bounded run queue,
// token authentication, and the server-rendered web UI (html/template +
// htmx + uPlot, all assets embedded).
//
// Runs go through Engine, the server's narrow view of the library's
// assessment pipeline (prepare a scenario text, run it with a seed,
// samples and a progress callback, get the contract JSON). AssessEngine
// adapts today's assess API to it; when the pipeline entry point lands it
// replaces that adapter and nothing else here changes.
//
// Nothing a request carries reaches the file system: scenario texts come
// from the store, "extends:" is resolved against stored scenarios by
// name, and identifiers are checked for shape before any lookup.
package server
