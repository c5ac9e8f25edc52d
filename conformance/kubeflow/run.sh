#!/usr/bin/env bash
# Loads every generated *.kubeflow.yaml with the real kfp SDK and parses it strictly against
# kfp's own protobuf classes (see check.py). Builds the pinned venv once per machine (scripts/lib/cache.sh) and reuses it.
# Exit codes: 0 all passed, 1 some file failed, 3 the venv could not be built (reason printed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
python="$(sluice_python)"
if ! venv="$(sluice_venv kfp "$here/requirements.txt" "$python")"; then
  echo "kubeflow conformance: cannot build the kfp venv (python -m venv or pip install -r requirements.txt failed)"; exit 3
fi
# With no file given, Sluice's output for the hand-written IR twins (twins/*/sluice.ir.yaml) is
# checked too: compiled here with the built back end (pnpm run build), loaded by check.py.
if [ "$#" -eq 0 ]; then
  extra="$(mktemp -d)"
  trap 'rm -rf "$extra"' EXIT
  if ! node "$here/compile-ir-twins.mjs" "$root" "$extra"; then
    echo "kubeflow conformance: an IR twin did not compile (is the build current? pnpm run build)"; exit 1
  fi
  "$venv/bin/python" "$here/check.py" "$root" --also-dir "$extra"
  exit $?
fi
exec "$venv/bin/python" "$here/check.py" "$root" "$@"
