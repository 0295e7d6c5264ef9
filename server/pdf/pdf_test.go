package pdf

import (
	"bytes"
	"context"
	"image/png"
	"testing"
)

func TestRender(t *testing.T) {
	if _, err := Browser(); err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	out, err := Render(context.Background(), []byte(`<!DOCTYPE html><html><body><h1>Deterrence</h1><svg width="100" height="20"><rect width="50" height="20"/></svg></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) || len(out) < 500 {
		t.Fatalf("not a PDF: %d bytes starting %q", len(out), out[:min(len(out), 16)])
	}
}

func TestPNG(t *testing.T) {
	if _, err := Browser(); err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	out, err := PNG(context.Background(), `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="60" height="40" fill="#4a7fb5"/></svg>`)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// Twice the SVG's size.
	if cfg.Width != 240 || cfg.Height != 80 {
		t.Fatalf("PNG is %dx%d, want 240x80", cfg.Width, cfg.Height)
	}
}
