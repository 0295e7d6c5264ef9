package assess

import (
	"testing"

	"github.com/guarantor/guarantor/capability"
)

// TestLatestNMCYearIsTheData: the engine's last CINC year is the embedded
// file's, so a scenario after it reads the newest data (and is flagged)
// rather than a year the data have long passed. NMC 6.0 ended in 2016; the
// constant kept that year after the data moved to 7.0 (1816-2022).
func TestLatestNMCYearIsTheData(t *testing.T) {
	x, err := capability.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Members(LatestNMCYear)) == 0 {
		t.Fatalf("no state has NMC data in %d", LatestNMCYear)
	}
	if n := len(x.Members(LatestNMCYear + 1)); n != 0 {
		t.Fatalf("%d states have NMC data in %d, after LatestNMCYear", n, LatestNMCYear+1)
	}
}
