package server

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/assess"
)

// TestQuickFormCountryHint: the common-fields form told users to write
// countries "by ISO code", but the loader reads COW codes, abbreviations and
// names: the United Kingdom's ISO code GBR and Germany's DEU are unknown
// countries (FRA and GEO load only as name prefixes). The hint names what
// loads, and its examples do load.
func TestQuickFormCountryHint(t *testing.T) {
	h := newSQLite(t, nil)
	req, err := http.NewRequest("GET", h.ts.URL+"/scenarios", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: cookieName, Value: h.secret}) // signed in: the form is for writers
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("scenarios page: %d %v", resp.StatusCode, err)
	}
	i := strings.Index(string(page), `id="q-codes">`)
	if i < 0 {
		t.Fatal("no country hint on the page")
	}
	hint := string(page[i : i+strings.Index(string(page[i:]), "</small>")])
	if strings.Contains(hint, "ISO code or") {
		t.Errorf("hint %q still offers ISO codes", hint)
	}
	for _, c := range []string{"365", "RUS", "UKG", "GMY"} {
		if !strings.Contains(hint, c) {
			t.Errorf("hint %q lacks the example %s", hint, c)
		}
		if _, ok := assess.Countries.Resolve(c); !ok {
			t.Errorf("the hint's example %s does not resolve", c)
		}
	}
	for _, c := range []string{"GBR", "DEU"} {
		if _, ok := assess.Countries.Resolve(c); ok {
			t.Errorf("%s resolves: the hint's warning is wrong", c)
		}
	}
}
