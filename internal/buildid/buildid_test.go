package buildid

import (
	"errors"
	"runtime/debug"
	"strings"
	"testing"
)

func info(kv ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{}
	for i := 0; i+1 < len(kv); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return bi
}

// A development build's key changes with the code: the revision when the
// tree is clean, the executable's hash when it is not or when there is no
// VCS stamp; a release keeps its version; with nothing to go on the key is
// unique to the process.
func TestKey(t *testing.T) {
	const rev = "140a123ee806d2b4328cd0f453402b7bf37d6a2e"
	hash := func(h string) func() (string, error) { return func() (string, error) { return h, nil } }
	broken := func() (string, error) { return "", errors.New("no executable") }
	exe1, exe2 := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	for _, c := range []struct {
		name, version string
		info          *debug.BuildInfo
		exe           func() (string, error)
		want          string
	}{
		{"release", "v1.2.0", info("vcs.revision", rev, "vcs.modified", "true"), hash(exe1), "v1.2.0"},
		{"clean checkout", "dev", info("vcs.revision", rev, "vcs.modified", "false"), hash(exe1), "dev+140a123ee806"},
		{"modified tree", "dev", info("vcs.revision", rev, "vcs.modified", "true"), hash(exe1), "dev+140a123ee806-modified+exe.abababababab"},
		{"modified tree, rebuilt", "dev", info("vcs.revision", rev, "vcs.modified", "true"), hash(exe2), "dev+140a123ee806-modified+exe.cdcdcdcdcdcd"},
		{"no VCS stamp (-buildvcs=false)", "dev", info(), hash(exe1), "dev+exe.abababababab"},
		{"no build info", "", nil, hash(exe2), "dev+exe.cdcdcdcdcdcd"},
	} {
		if got := keyOf(c.version, c.info, c.exe); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	a, b := keyOf("dev", info(), broken), keyOf("dev", info(), broken)
	if !strings.HasPrefix(a, "dev+process.") || a == b {
		t.Errorf("unreadable executable: %q and %q, want two distinct process keys", a, b)
	}
}

// The running test binary gets a key that is not the bare "dev".
func TestKeyOfThisBinary(t *testing.T) {
	if k := Key("dev"); k == "dev" || !strings.HasPrefix(k, "dev+") {
		t.Errorf("Key(dev) = %q", k)
	}
}
