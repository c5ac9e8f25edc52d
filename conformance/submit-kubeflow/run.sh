#!/usr/bin/env bash
# Submit conformance for Kubeflow Pipelines, differential (no KFP API server can run here: its Go
# module is refused by the proxy, and it needs MySQL, object storage and a cluster). Starts two
# KFP v2beta1 emulators on loopback (serve.mjs; every request and answer checked against the
# official swagger), then checks.mjs has Sluice's CLI talk to one and the real kfp SDK Client
# (the pinned venv of conformance/kubeflow, built once per machine by scripts/lib/cache.sh) to the
# other, and compares what each emulator recorded. Stops the emulators by the PIDs it recorded.
# Prints PASS/FAIL per check and "N passed, N failed, N skipped". Exit 0, 1, or 3 (no venv).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
python="$(sluice_python)"
if ! venv="$(sluice_venv kfp "$root/conformance/kubeflow/requirements.txt" "$python")"; then
  echo "submit-kubeflow: skipped: cannot build the kfp venv"; exit 3
fi
if [ ! -f "$root/packages/cli/dist/bin.js" ]; then echo "submit-kubeflow: run pnpm run build first"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-kfp.XXXXXX")"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM
token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
reader="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
for side in sluice kfp; do
  node "$here/serve.mjs" "$work/$side.url" "$token" "$reader" >"$work/$side.log" 2>&1 &
  pids+=($!)
done
for side in sluice kfp; do
  for _ in $(seq 1 100); do [ -s "$work/$side.url" ] && break; sleep 0.1; done
  if [ ! -s "$work/$side.url" ]; then echo "submit-kubeflow: the $side emulator did not start"; cat "$work/$side.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi
done
echo "submit-kubeflow: emulators on $(cat "$work/sluice.url") (Sluice) and $(cat "$work/kfp.url") (kfp SDK $("$venv/bin/python" -c 'import kfp; print(kfp.__version__)'))"
node "$here/checks.mjs" "$work" "$(cat "$work/sluice.url")" "$(cat "$work/kfp.url")" "$venv/bin/python" "$token" "$reader"
rc=$?
if [ $rc -ne 0 ]; then for side in sluice kfp; do echo "--- $side emulator log"; tail -n 8 "$work/$side.log"; done; fi
exit $rc
