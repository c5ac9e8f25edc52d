#!/usr/bin/env bash
# Proves the Airflow back end against a real Airflow (see README.md beside this file):
#  1. every golden DAG file (fixtures/*/expected/*.py, examples/*/expected/*.py) is ruff-clean,
#     imports through DagBag with no error, and holds the task ids, dependencies, trigger rules
#     and params its IR (the .ir.yaml beside it) describes;
#  2. the local-operator fixtures (fixtures/airflow-*) run end to end with `airflow dags test` on
#     SQLite, and what their steps wrote is checked;
#  3. the artifact move of pods (fixtures/airflow-artifacts-pod): the pod the real provider builds,
#     and its transfer scripts run against a moto S3 server on 127.0.0.1 (check_transfer.py);
#  4. the scale-out tasks (SparkApplicationOperator, CustomResourceOperator) render their custom
#     resource in the real Airflow for a sample run (check_scale_out.py), and what they rendered
#     is the shared builder's resource and valid against the engines' CRDs (scale-out-rendered.test.ts);
#  5. checks 1, 2 and 4 with a real Airflow 2.10, on every fixture compiled afresh with
#     `--airflow-version 2` (its own venv; skipped, and counted so, if it cannot be built).
# Exit 0 when all pass, 1 when any fails, 3 (with a reason) when the Airflow 3 venv cannot be built.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
if ! venv="$(sluice_venv airflow3 "$here/requirements.txt")"; then
  echo "airflow: skipped: cannot build the venv (python3 -m venv or pip install -r requirements.txt failed)"
  exit 3
fi

shopt -s nullglob
goldens=("$root"/fixtures/*/expected/*.py "$root"/examples/*/expected/*.py)
local_dags=("$root"/fixtures/airflow-*/expected/*.py)
if [ ${#goldens[@]} -eq 0 ]; then
  echo "airflow: 0 passed, 1 failed (no golden .py files: run pnpm run golden:update)"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dags"
cp "${local_dags[@]}" "$work/dags/"
export AIRFLOW_HOME="$work/home" AIRFLOW__CORE__DAGS_FOLDER="$work/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False
export PATH="$venv/bin:$PATH" PYTHONPATH="$here" AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING SLUICE_RUFF="$venv/bin/ruff"
counts="$work/counts.json"

if ! airflow db migrate >"$work/migrate.log" 2>&1; then
  tail -20 "$work/migrate.log"
  echo "airflow: 0 passed, 1 failed (airflow db migrate failed)"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Airflow logs to stderr; the checks print PASS/FAIL lines on stdout.
crashed=0
python "$here/check_dags.py" "$counts" "${goldens[@]}" 2>"$work/check.log" || { tail -30 "$work/check.log"; echo "FAIL check_dags.py crashed"; crashed=$((crashed + 1)); }
python "$here/run_e2e.py" "$counts" "$root/fixtures" 2>"$work/e2e.log" || { tail -30 "$work/e2e.log"; echo "FAIL run_e2e.py crashed"; crashed=$((crashed + 1)); }

# What the scale-out operators render: written by check_scale_out.py, compared by a jest file that
# is not part of the unit suite (it needs Airflow's output). One PASS/FAIL line for the comparison.
extra_passed=0
rendered_matches() {
  if (cd "$root" && SLUICE_AIRFLOW_RENDERED="$1" node --experimental-vm-modules node_modules/jest/bin/jest.js --testMatch '**/conformance/airflow/scale-out-rendered.test.ts') >"$2" 2>&1; then
    echo "PASS $3: rendered scale-out resources are the builder's and valid against the CRDs"
    extra_passed=$((extra_passed + 1))
    return 0
  fi
  tail -40 "$2"
  echo "FAIL $3: rendered scale-out resources differ from the builder's or from the CRDs"
  return 1
}
python "$here/check_scale_out.py" "$counts" "$work/rendered.json" "${goldens[@]}" 2>"$work/scale-out.log" || { tail -30 "$work/scale-out.log"; echo "FAIL check_scale_out.py crashed"; crashed=$((crashed + 1)); }
rendered_matches "$work/rendered.json" "$work/rendered-jest.log" "Airflow 3" || crashed=$((crashed + 1))

# The artifact move of pods against a real S3-compatible server (moto, from its own pinned venv),
# on 127.0.0.1 at a free port, stopped by its recorded PID whatever happens.
transfer_dag=("$root"/fixtures/airflow-artifacts-pod/expected/*.py)
if s3venv="$(sluice_venv s3 "$here/requirements-s3.txt")"; then
  port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$s3venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  trap 'kill "$moto_pid" 2>/dev/null; rm -rf "$work"' EXIT
  # Ready when it answers; bounded, so a server that never starts fails the check instead of hanging.
  for _ in $(seq 1 100); do python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.2; done
  node "$root/scripts/sluice.mjs" compile "$root/fixtures/airflow-artifacts-pod/pipeline.ts" --target airflow --airflow-artifact-transfer volume --out "$work/volume" >/dev/null
  PATH="$PATH:$s3venv/bin" python "$here/check_transfer.py" "$counts" "${transfer_dag[0]}" "http://127.0.0.1:$port" "$work/volume/airflow_artifacts_pod.py" 2>"$work/transfer.log" || { tail -30 "$work/transfer.log"; echo "FAIL check_transfer.py crashed"; crashed=$((crashed + 1)); }
  kill "$moto_pid" 2>/dev/null
  wait "$moto_pid" 2>/dev/null
else
  echo "FAIL cannot build the S3 venv (pip install -r requirements-s3.txt failed): the object-store move is not proven"
  crashed=$((crashed + 1))
fi

# Airflow 2.10: its own venv and home; every fixture compiled afresh with --airflow-version 2.
skipped=0
if venv2="$(sluice_venv airflow2 "$here/requirements-airflow2.txt")"; then
  echo
  echo "== Airflow 2.10"
  mkdir -p "$work/v2/dags"
  if node "$here/compile-airflow2.mjs" "$work/v2/out"; then
    cp "$work"/v2/out/airflow-*/expected/*.py "$work/v2/dags/"
    (
      export AIRFLOW_HOME="$work/v2/home" AIRFLOW__CORE__DAGS_FOLDER="$work/v2/dags" PATH="$venv2/bin:$PATH"
      airflow db migrate >"$work/v2/migrate.log" 2>&1 || { tail -20 "$work/v2/migrate.log"; exit 1; }
      python "$here/check_dags.py" "$counts" "$work"/v2/out/*/expected/*.py 2>"$work/v2/check.log" || { tail -30 "$work/v2/check.log"; exit 1; }
      python "$here/run_e2e.py" "$counts" "$work/v2/out" 2>"$work/v2/e2e.log" || { tail -30 "$work/v2/e2e.log"; exit 1; }
      python "$here/check_scale_out.py" "$counts" "$work/v2/rendered.json" "$work"/v2/out/*/expected/*.py 2>"$work/v2/scale-out.log" || { tail -30 "$work/v2/scale-out.log"; exit 1; }
    ) || { echo "FAIL Airflow 2.10 checks crashed"; crashed=$((crashed + 1)); }
    [ -e "$work/v2/rendered.json" ] && { rendered_matches "$work/v2/rendered.json" "$work/v2/rendered-jest.log" "Airflow 2.10" || crashed=$((crashed + 1)); }
  else
    echo "FAIL compiling the fixtures for Airflow 2"
    crashed=$((crashed + 1))
  fi
else
  echo "SKIP Airflow 2.10: cannot build its venv (pip install -r requirements-airflow2.txt failed)"
  skipped=1
fi

read -r passed failed < <(python -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["passed"], c["failed"])' "$counts" 2>/dev/null || echo "0 0")
failed=$((failed + crashed))
passed=$((passed + extra_passed))
echo
echo "airflow: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
