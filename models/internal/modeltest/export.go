package modeltest

import (
	"bytes"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/models"
)

// Exported writes tr as .efg with the Gambit writer and reads it back with
// the Gambit reader: the tree a user re-checks after `model export`.
func Exported(t TB, tr *game.Tree) *game.Tree {
	t.Helper()
	var buf bytes.Buffer
	if err := gambit.WriteEFG(&buf, tr); err != nil {
		t.Fatalf("write .efg: %v", err)
	}
	back, err := gambit.ParseEFG(buf.Bytes(), "exported.efg")
	if err != nil {
		t.Fatalf("read back .efg: %v\n%s", err, buf.String())
	}
	return back
}

// VerifyExported is VerifyAll on the exported and re-read tree.
func VerifyExported(t TB, tr *game.Tree, sol *models.Solution, tol float64) {
	t.Helper()
	VerifyAll(t, Exported(t, tr), sol, tol)
}
