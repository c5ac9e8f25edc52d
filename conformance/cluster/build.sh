#!/usr/bin/env bash
# Builds (or finds cached) the sluice-cluster binary and prints its path on the last line of stdout.
# The cache lives outside the repository, keyed by a hash of this module's inputs (go.mod, go.sum,
# *.go) and the Go version, so a fresh clone on the same machine reuses it:
#   ${SLUICE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}/cluster/<hash>/sluice-cluster
# A first build compiles kube-apiserver, etcd, the scheduler, the controller manager, kwok and
# Argo's controller: 10-15 minutes on two idle cores, much longer on a busy machine. It runs under
# nice (set GOFLAGS=-p=1 to be kinder still to a shared machine), and reports progress.
# Exit 0 built/found, 3 no Go toolchain or the build failed (the log's tail is printed on stderr).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v go >/dev/null 2>&1; then echo "no Go toolchain on PATH" >&2; exit 3; fi
key="$(cd "$here" && { go version; cat go.mod go.sum; for f in $(ls *.go | sort); do echo "$f"; cat "$f"; done; } | sha256sum | cut -c1-16)"
cache="${SLUICE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}/cluster/$key"
bin="$cache/sluice-cluster"
# Argo's controller also needs the CRDs of its internal kinds (task results, task sets, ...), which
# /work/shared/specs/argo/crds does not hold: take them from the Argo module the binary is built from.
copy_crds() {
  [ -d "$cache/crds" ] && return 0
  local argo; argo="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/argoproj/argo-workflows/v3)" || return 1
  mkdir -p "$cache/crds.tmp"
  for kind in workflowtaskresults workflowtasksets workflowartifactgctasks workfloweventbindings; do
    cp "$argo/manifests/base/crds/full/argoproj.io_$kind.yaml" "$cache/crds.tmp/" || return 1
  done
  mv "$cache/crds.tmp" "$cache/crds"
}
if [ -x "$bin" ]; then copy_crds || exit 3; echo "$bin"; exit 0; fi
mkdir -p "$cache"
log="$cache/build.log"
k8s=v1.37.2
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=1 -X $pkg.gitMinor=37 -X $pkg.gitTreeState=clean -X $pkg.buildDate=2026-01-01T00:00:00Z"
done
ldflags+=" -X github.com/argoproj/argo-workflows/v3.version=v3.7.18 -X github.com/argoproj/argo-workflows/v3.gitTreeState=clean"
echo "building the test cluster binary (kube-apiserver + etcd + scheduler + controller-manager + kwok + Argo controller) into $cache; first build takes 10-15+ minutes, log: $log" >&2
start=$(date +%s)
(cd "$here" && nice go build -v -trimpath -ldflags "$ldflags" -o "$bin.tmp" . >"$log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT INT TERM
while kill -0 $pid 2>/dev/null; do
  sleep 30
  echo "  ... $(( $(date +%s) - start ))s, $(grep -c . "$log" 2>/dev/null || echo 0) packages compiled, last: $(tail -n 1 "$log" 2>/dev/null)" >&2
done
wait $pid; rc=$?
trap - EXIT INT TERM
if [ $rc -ne 0 ]; then
  echo "the cluster binary did not build (exit $rc); last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 3
fi
mv "$bin.tmp" "$bin"
copy_crds || exit 3
echo "built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
