package evidence

import (
	"fmt"
	"sync"
)

// The state participants of a COW war (docs/fit.md, "Bilateral wars"): the
// distinct ccode1 over all of the war's rows in the directed dyad-year file,
// so a war with exactly two is a war the two fought alone. The fit's
// pre-registered indicator (M5) reads it; M5 was not adopted, so the engine
// does not.

var partIdx struct {
	once sync.Once
	n    map[int]int // warnum → number of state participants
	err  error
}

func loadParticipants() (map[int]int, error) {
	partIdx.once.Do(func() {
		t, err := Load("cow_war")
		if err != nil {
			partIdx.err = err
			return
		}
		c, err := cols(t, "warnum", "ccode1")
		if err != nil {
			partIdx.err = fmt.Errorf("war participants: cow_war: %w", err)
			return
		}
		seen := map[[2]int]bool{}
		partIdx.n = map[int]int{}
		for i := range c[0] {
			k := [2]int{int(c[0][i]), int(c[1][i])}
			if !seen[k] {
				seen[k] = true
				partIdx.n[k[0]]++
			}
		}
	})
	return partIdx.n, partIdx.err
}

// WarParticipants returns the number of state participants of COW
// Inter-State War 4.0's war warnum; a war not in the data is an error.
func WarParticipants(warnum int) (int, error) {
	n, err := loadParticipants()
	if err != nil {
		return 0, err
	}
	k, ok := n[warnum]
	if !ok {
		return 0, fmt.Errorf("war participants: COW war %d is not in the data", warnum)
	}
	return k, nil
}
