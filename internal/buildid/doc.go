// Package buildid names the code a process runs, for keying stored
// results. A release is named by its version; a development build
// (version "dev") by its VCS revision when the tree was clean, and
// otherwise (modified tree, or no VCS stamp, as with -buildvcs=false) by
// a hash of its executable: two builds of different code never share a
// name, so a server never answers a request with a result another build
// computed.
package buildid
