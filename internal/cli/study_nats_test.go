package cli

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// A study run on NATS workers equals the local run for a date given with
// --as-of: the date travels in the spec the workers receive, whatever
// their own clock says. 1930 is far from today and moves the figures (the
// structural engine drops its post-1945 era term), so a worker that
// ignored the date would disagree.
func TestStudyAsOfOnNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server did not start")
	}
	defer ns.Shutdown()
	url := ns.ClientURL()
	done := make(chan int)
	go func() {
		var out, errb bytes.Buffer
		done <- Main([]string{"worker", "--nats", url, "--idle", "3s", "-q"}, nil, &out, &errb)
	}()
	defer func() { <-done }()

	run := func(args ...string) []byte {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(args, nil, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.Bytes()
	}
	field := func(doc []byte, key string) string {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		return string(m[key])
	}
	sw := []string{"sweep", studyEU, "--vary", "option.guarantors[id=uk].instruments[type=tripwire].troops=1000,9000",
		"--samples", "100", "--as-of", "1930-06-01", "--format", "json", "-q"}
	local := run(append(sw, "--out", t.TempDir())...)
	remote := run(append(sw, "--out", t.TempDir(), "--nats", url)...)
	if !bytes.Equal(local, remote) {
		t.Errorf("sweep on NATS differs from local:\n%s\n%s", field(local, "points"), field(remote, "points"))
	}
	se := []string{"sensitivity", studyEU, "--samples", "64", "--bootstrap", "0", "--swing-rows", "0",
		"--as-of", "1930-06-01", "--format", "json", "-q"}
	local = run(se...)
	remote = run(append(se, "--nats", url, "--out", t.TempDir())...)
	if field(local, "outputs") != field(remote, "outputs") {
		t.Error("sensitivity on NATS differs from local")
	}
	modern := run("sensitivity", studyEU, "--samples", "64", "--bootstrap", "0", "--swing-rows", "0",
		"--as-of", "2025-06-01", "--format", "json", "-q")
	if field(local, "outputs") == field(modern, "outputs") {
		t.Error("--as-of 1930 and 2025 give the same indices: the test cannot tell whether workers use the date")
	}
}
