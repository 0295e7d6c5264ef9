package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runGameInfo(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func infoGamePath(name string) string { return filepath.Join("..", "..", "testdata", "games", name) }

func TestGameInfoText(t *testing.T) {
	cases := []struct {
		file string
		want []string
	}{
		{"entry.efg", []string{
			"players:        2: 1 \"Entrant\", 2 \"Incumbent\"",
			"nodes:          5 (3 terminal, 0 chance)",
			"infosets:       2 (Entrant 1, Incumbent 1; chance 0)",
			"perfect recall: yes",
			"subgames:       2",
		}},
		{"beer_quiche.efg", []string{"nodes:          15 (8 terminal, 1 chance)", "infosets:       4 (Sender 2, Receiver 2; chance 1)", "subgames:       1"}},
		{"absent_minded_driver.efg", []string{`perfect recall: no: player 1's infoset 1 ("exit?"): nodes "first exit" and "second exit" are reached through different histories of the player's own moves`}},
		{"volunteers_dilemma3.nfg", []string{"form:           strategic", "strategies:     2 x 2 x 2 (8 cells)", "outcomes:       8"}},
	}
	for _, c := range cases {
		code, out, errs := runGameInfo(t, "game", "info", infoGamePath(c.file))
		if code != 0 || errs != "" {
			t.Fatalf("%s: exit %d, stderr %q", c.file, code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w+"\n") {
				t.Errorf("%s: output\n%s\nlacks line %q", c.file, out, w)
			}
		}
	}
}

func TestGameInfoJSON(t *testing.T) {
	code, out, _ := runGameInfo(t, "game", "info", "--format", "json", infoGamePath("outside_option.efg"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var info struct {
		Form          string `json:"form"`
		Nodes         int    `json:"nodes"`
		Infosets      int    `json:"infosets"`
		PerfectRecall bool   `json:"perfect_recall"`
		Subgames      int    `json:"subgames"`
		Players       []struct {
			Name     string `json:"name"`
			Infosets int    `json:"infosets"`
		} `json:"players"`
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if info.Form != "extensive" || info.Nodes != 9 || info.Infosets != 3 || !info.PerfectRecall || info.Subgames != 2 ||
		len(info.Players) != 2 || info.Players[0].Infosets != 2 || info.Players[1].Name != "Bob" || info.Warnings == nil {
		t.Errorf("unexpected info %+v", info)
	}
}

func TestGameInfoBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.efg")
	if err := os.WriteFile(bad, []byte("EFG 2 R \"\" { \"1\" }\np \"\" 2 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"game", "info", bad}, bad + `:2:6: expected a player number from 1 to 1, found "2"`},
		{[]string{"game", "info", filepath.Join(dir, "missing.efg")}, "missing.efg"},
		{[]string{"game", "info", "--format", "xml", infoGamePath("entry.efg")}, "--format must be text or json"},
	}
	for _, c := range cases {
		code, out, errs := runGameInfo(t, c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
}
