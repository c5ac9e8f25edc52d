#!/usr/bin/env bash
# Proves the Airflow back end against a real Airflow (see README.md beside this file):
#  1. every golden DAG file (fixtures/*/expected/*.py, examples/*/expected/*.py) is ruff-clean,
#     imports through DagBag with no error, and holds the task ids, dependencies, trigger rules
#     and params its IR (the .ir.yaml beside it) describes;
#  2. the local-operator fixtures (fixtures/airflow-*) run end to end with `airflow dags test` on
#     SQLite, and what their steps wrote is checked.
# Exit 0 when all pass, 1 when any fails, 3 (with a reason) when the venv cannot be built.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"

if [ ! -x "$venv/bin/airflow" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  echo "building $venv (pinned apache-airflow and providers; takes minutes once)"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" || ! "$venv/bin/pip" install -q -r "$here/requirements.txt"; then
    echo "airflow: skipped: cannot build the venv (python3 -m venv or pip install -r requirements.txt failed)"
    exit 3
  fi
  cp "$here/requirements.txt" "$venv/requirements.txt"
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
export PATH="$venv/bin:$PATH" PYTHONPATH="$here" AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
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

read -r passed failed < <(python -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["passed"], c["failed"])' "$counts" 2>/dev/null || echo "0 0")
failed=$((failed + crashed))
echo
echo "airflow: $passed passed, $failed failed"
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
