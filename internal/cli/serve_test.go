package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/server/pdf"
	"github.com/guarantor/guarantor/store"
)

func TestTokenCreate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	var out, errb bytes.Buffer
	if code := Main([]string{"token", "create", "--db", db, "--name", "ci"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	secret := strings.TrimSpace(out.String())
	if !strings.HasPrefix(secret, store.TokenPrefix) {
		t.Fatalf("stdout %q", secret)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if tok, err := st.CheckToken(context.Background(), secret); err != nil || tok.Name != "ci" {
		t.Fatalf("token not stored: %v %+v", err, tok)
	}
}

// --import stores each option and its _base under the file's name, once.
func TestImportScenarios(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := filepath.Join("..", "..", "examples", "ukraine-2025")
	n, err := importScenarios(context.Background(), st, dir)
	if err != nil || n < 5 {
		t.Fatalf("imported %d: %v", n, err)
	}
	if _, err := st.ScenarioByName(context.Background(), "ukraine"); err != nil {
		t.Fatalf("the _base file was not imported: %v", err)
	}
	if again, err := importScenarios(context.Background(), st, dir); err != nil || again != 0 {
		t.Fatalf("second import stored %d: %v", again, err)
	}
}

func TestAssessPDFReport(t *testing.T) {
	if _, err := pdf.Browser(); err != nil {
		t.Skip(err.Error() + "; .ci/run installs it")
	}
	out := filepath.Join(t.TempDir(), "r.pdf")
	var stdout, stderr bytes.Buffer
	args := []string{"assess", filepath.Join("..", "..", "examples", "ukraine-2025", "01-no-guarantee.yaml"), "--samples", "200", "-q", "--report", out}
	if code := Main(args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %v %q", err, b[:min(len(b), 8)])
	}
}
