// Package studyreport renders the results of the studies (sensitivity,
// sweep, design) as text, JSON, CSV, SVG charts and self-contained HTML
// sections. It only formats: every number comes from the study packages.
package studyreport
