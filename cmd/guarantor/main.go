// Command guarantor answers, with numbers, whether a security guarantee
// deters: see the README for a tour.
package main

import (
	"os"

	"github.com/guarantor/guarantor/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
