package buildid

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
)

// Dev is the version of a build without a release version.
const Dev = "dev"

// Key returns the name of this executable's code: version itself for a
// release; for a development build "dev+REV" (a clean checkout at
// revision REV, 12 hex digits), "dev+REV-modified+exe.HASH" (local
// changes: the executable's SHA-256, 12 hex digits) or "dev+exe.HASH" (no
// VCS stamp). When the executable cannot be read either, the name is
// unique to this process ("dev+process.RANDOM"), so nothing is reused.
func Key(version string) string {
	info, _ := debug.ReadBuildInfo()
	return keyOf(version, info, executableHash)
}

// keyOf is Key with its sources passed in, for tests.
func keyOf(version string, info *debug.BuildInfo, exeHash func() (string, error)) string {
	if version != "" && version != Dev {
		return version
	}
	var rev, modified string
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && modified == "false" {
		return Dev + "+" + rev
	}
	prefix := Dev + "+"
	if rev != "" {
		prefix += rev + "-modified+"
	}
	if h, err := exeHash(); err == nil && len(h) >= 12 {
		return prefix + "exe." + h[:12]
	}
	var nonce [8]byte
	rand.Read(nonce[:])
	return Dev + "+process." + hex.EncodeToString(nonce[:])
}

// executableHash is the SHA-256 of the running executable, hex.
func executableHash() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
