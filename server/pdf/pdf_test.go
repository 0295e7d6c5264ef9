package pdf

import (
	"bytes"
	"context"
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
