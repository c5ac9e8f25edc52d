#!/usr/bin/env bash
# Submit conformance for Argo: starts the test cluster (conformance/cluster: a real kube-apiserver
# with etcd, scheduler, controller manager, kwok's fake node, Argo's workflow-controller), runs
# checks.mjs against it through the built CLI and @sluice/submit, and stops the cluster by PID.
# Prints PASS/FAIL per check and "N passed, N failed, N skipped".
# Exit 0 all passed, 1 any failed, 3 skipped (no Go, or the cluster binary cannot be built).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if ! command -v go >/dev/null 2>&1; then echo "submit-argo: skipped: no Go toolchain on PATH (the test cluster is built from the Go module proxy)"; exit 3; fi
if [ ! -f "$root/packages/cli/dist/bin.js" ] || [ ! -f "$root/packages/submit/dist/argo/index.js" ]; then
  echo "submit-argo: run pnpm run build first"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/sluice-cluster.XXXXXX")"
cleanup() { bash "$root/conformance/cluster/cluster.sh" stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$SECONDS
bash "$root/conformance/cluster/cluster.sh" start "$dir"
rc=$?
if [ $rc -eq 3 ]; then echo "submit-argo: skipped: the test cluster binary could not be built (see above)"; exit 3; fi
if [ $rc -ne 0 ]; then
  echo "submit-argo: the test cluster did not start (logs were in $dir/logs)"
  for f in "$dir"/logs/*.log; do echo "--- $f"; tail -n 15 "$f"; done
  echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
echo "submit-argo: cluster up in $((SECONDS - start))s"
node "$here/checks.mjs" "$dir"
rc=$?
if [ $rc -ne 0 ]; then for f in "$dir"/logs/*.log; do echo "--- last lines of $(basename "$f")"; tail -n 8 "$f"; done; fi
exit $rc
