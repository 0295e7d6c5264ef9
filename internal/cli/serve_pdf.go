package cli

import (
	"context"

	"github.com/guarantor/guarantor/server/pdf"
)

// pdfRenderer returns the PDF renderer for reports (headless chromium),
// or nil when no chromium is installed (PDF reports then answer 501).
func pdfRenderer() func(ctx context.Context, html []byte) ([]byte, error) {
	if _, err := pdf.Browser(); err != nil {
		return nil
	}
	return pdf.Render
}

// pngRenderer is the PNG chart renderer, or nil without chromium.
func pngRenderer() func(ctx context.Context, svg string) ([]byte, error) {
	if _, err := pdf.Browser(); err != nil {
		return nil
	}
	return pdf.PNG
}
