// Package report renders the documents of package contract for people and
// programs: an aligned terminal table, Markdown, CSV, JSON, and a
// self-contained HTML report with inline SVG charts and the assumptions
// table. Renderers only write to the io.Writer they are given.
package report
