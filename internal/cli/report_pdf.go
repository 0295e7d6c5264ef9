package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/report"
	"github.com/guarantor/guarantor/server/pdf"
)

func isPDF(path string) bool { return strings.EqualFold(filepath.Ext(path), ".pdf") }

// writePDFReport prints the HTML report to PDF with headless chromium,
// the same renderer as the server's PDF reports, so both hold the same
// content.
func writePDFReport(path string, a *contract.Assessment) error {
	var b bytes.Buffer
	if err := report.HTML(&b, a, time.Now()); err != nil {
		return err
	}
	out, err := pdf.Render(context.Background(), b.Bytes())
	if err != nil {
		return usageError("--report %s: %v", path, err)
	}
	return os.WriteFile(path, out, 0o644)
}
