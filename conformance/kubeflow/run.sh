#!/usr/bin/env bash
# Loads every generated *.kubeflow.yaml with the real kfp SDK and parses it strictly against
# kfp's own protobuf classes (see check.py). Builds the pinned venv once per machine (scripts/lib/cache.sh) and reuses it.
# Exit codes: 0 all passed, 1 some file failed, 3 the venv could not be built (reason printed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
if ! venv="$(sluice_venv kfp "$here/requirements.txt" "$python")"; then
  echo "kubeflow conformance: cannot build the kfp venv (python -m venv or pip install -r requirements.txt failed)"; exit 3
fi
exec "$venv/bin/python" "$here/check.py" "$root" "$@"
