#!/bin/sh
# Builds etcd's own load tool, tools/benchmark at v3.4.23 (the etcd the bench compares with), into
# bench/target/etcd-benchmark/benchmark, as a cross-check of revkv-bench's numbers. It builds offline, in GOPATH
# mode, against the etcd 3.4 sources and their dependencies that Debian packages under /usr/share/gocode:
#   apt-get install -y golang-go golang-etcd-server-dev
# and takes tools/benchmark from a git clone of etcd (Debian does not package it):
#   bench/etcd-benchmark.sh /path/to/etcd.git   (a clone or a bare mirror with the tag v3.4.23)
# The binary is a build product: it stays under target/, never in git.
set -eu

etcd_git=${1:?usage: $0 <etcd git dir with tag v3.4.23>}
tag=${ETCD_BENCHMARK_TAG:-v3.4.23}
gocode=${GOCODE:-/usr/share/gocode}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/target/etcd-benchmark"
gopath="$out/gopath"
src="$gopath/src/go.etcd.io/etcd"

rm -rf "$gopath"
mkdir -p "$src"
# Only tools/benchmark goes into the first GOPATH entry; every other go.etcd.io/etcd package (clientv3,
# pkg/report, ...) and the third-party ones resolve from Debian's tree, the second entry.
git --git-dir="$etcd_git" archive "$tag" tools/benchmark | tar -x -C "$src"
cd "$src/tools/benchmark"
GO111MODULE=off GOPATH="$gopath:$gocode" GOFLAGS= go build -o "$out/benchmark" .
echo "built $out/benchmark"
"$out/benchmark" --help | head -n 3
