package cli

import "context"

// pdfRenderer returns the PDF renderer for reports, or nil when there is
// none (PDF reports then answer 501).
func pdfRenderer() func(ctx context.Context, html []byte) ([]byte, error) { return nil }
