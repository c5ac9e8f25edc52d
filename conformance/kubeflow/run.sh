#!/usr/bin/env bash
# Loads every generated *.kubeflow.yaml with the real kfp SDK and parses it strictly against
# kfp's own protobuf classes (see check.py). Builds a venv beside this script once and reuses it.
# Exit codes: 0 all passed, 1 some file failed, 3 the venv could not be built (reason printed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3

log="${TMPDIR:-/tmp}/sluice-kfp-venv.log"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
  rm -rf "$venv"
  if ! "$python" -m venv "$venv" >"$log" 2>&1; then
    echo "kubeflow conformance: cannot create a venv with $python (see $log)"; exit 3
  fi
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >>"$log" 2>&1; then
    echo "kubeflow conformance: pip could not install requirements.txt (see $log)"; tail -5 "$log"; exit 3
  fi
  cp "$here/requirements.txt" "$stamp"
fi
exec "$venv/bin/python" "$here/check.py" "$root" "$@"
