// Package pdf prints HTML to PDF with a headless Chromium (Debian's
// chromium package) driven by chromedp, so a PDF report has exactly the
// content of the HTML report.
package pdf

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoBrowser means no Chromium binary was found.
var ErrNoBrowser = errors.New("no chromium found (install Debian's chromium package or set GUARANTOR_CHROMIUM)")

// Browser returns the path of a Chromium binary: $GUARANTOR_CHROMIUM, or
// the first of chromium, chromium-browser, google-chrome on PATH.
func Browser() (string, error) {
	if p := os.Getenv("GUARANTOR_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Options are the flags for headless Chromium on a server (as root it
// needs --no-sandbox; no network services of its own).
func Options(bin string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun)
}

// withPage starts a headless browser, loads html into a blank page and
// runs f on it. Each call starts and stops its own browser (about a
// second): callers render once and cache.
func withPage[T any](ctx context.Context, html string, f func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	bin, err := Browser()
	if err != nil {
		return zero, err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, Options(bin)...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		return zero, err
	}
	tree, err := chromedp.Call(bctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return zero, err
	}
	if _, err := chromedp.Call(bctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
		return zero, err
	}
	return f(bctx)
}

// Render prints a self-contained HTML document to A4 PDF.
func Render(ctx context.Context, html []byte) ([]byte, error) {
	return withPage(ctx, string(html), func(ctx context.Context) ([]byte, error) {
		return chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	})
}

// PNG rasterises an SVG chart at twice its size, so the PNG shows exactly
// what the HTML report and the PDF show.
func PNG(ctx context.Context, svg string) ([]byte, error) {
	doc := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff;font-family:sans-serif}svg{display:block}</style></head><body>` + svg + `</body></html>`
	return withPage(ctx, doc, func(ctx context.Context) ([]byte, error) {
		return chromedp.Run(ctx, chromedp.ScreenshotScale(chromedp.CSS("svg"), 2))
	})
}
