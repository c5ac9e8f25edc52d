#!/usr/bin/env bash
# The fuzz suite's last promise (issue 14): every output of an exit-0 fuzz run is accepted by the
# real consumer. tests/fuzz/fuzz.test.ts (part of the jest run, fixed seed) writes the distinct
# exit-0 outputs to tests/fuzz/.accepted/<n>-<hash>/; this script has them checked by
#   - Argo's own lint code (conformance/argo's validator binary) for every *.argo.yaml,
#   - the real kfp SDK and protobuf classes (conformance/kubeflow/check.py) for every *.kubeflow.yaml,
#   - a real Airflow 3 (conformance/airflow/check_dags.py: ruff, DagBag, graph against the IR)
#     for every .py.
# When the folder is missing (this script run alone), it runs the fuzz suite first.
# The validators and venvs are the ones the other conformance scripts build once per machine
# (scripts/lib/cache.sh). Prints PASS/FAIL lines and the summary line scripts/test-all.sh counts. Exit 0 all passed,
# 1 any failed, 3 skipped (no validator could be built or no output to check).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
accepted="$root/tests/fuzz/.accepted"
cd "$root"

if [ ! -f "$accepted/SEED" ]; then
  echo "fuzz conformance: no outputs yet, running the fuzz suite (tests/fuzz/fuzz.test.ts) first"
  node --experimental-vm-modules node_modules/jest/bin/jest.js tests/fuzz/fuzz.test.ts >/dev/null 2>&1
fi
shopt -s nullglob
argo=("$accepted"/*/*.argo.yaml)
kfp=("$accepted"/*/*.kubeflow.yaml)
dags=("$accepted"/*/*.py)
echo "fuzz conformance: seed $(cat "$accepted/SEED" 2>/dev/null || echo '?'), $(ls -d "$accepted"/*/ 2>/dev/null | wc -l) distinct outputs: ${#argo[@]} Argo, ${#kfp[@]} KFP, ${#dags[@]} Airflow files"
if [ $((${#argo[@]} + ${#kfp[@]} + ${#dags[@]})) -eq 0 ]; then
  echo "fuzz conformance: skipped: no exit-0 outputs to check"
  exit 3
fi

passed=0 failed=0 skipped=0
# Adds the counts of one validator's "N passed, N failed, N skipped" line; a validator that
# crashed without one counts as one failure.
count() {
  local line rc=$1 log=$2
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1)"
  if [ -n "$line" ]; then
    read -r p _ f _ s _ <<<"${line//,/}"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  elif [ "$rc" -eq 3 ]; then skipped=$((skipped + 1))
  else failed=$((failed + 1)); fi
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo
echo "== Argo lint"
# The validator conformance/argo/run.sh builds into the machine cache (scripts/lib/cache.sh).
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
argo_here="$root/conformance/argo"
cache="$(sluice_cache_dir argo-lint "$argo_here/main.go" "$argo_here/go.mod" "$argo_here/go.sum")"
bin="$cache/argo-lint-offline"
if [ ! -f "$cache/.sluice-complete" ] && command -v go >/dev/null 2>&1; then
  echo "building the Argo lint program into $cache (once per machine)..."
  sluice_cache_build "$cache" go build -C "$argo_here" -o "$bin" . || true
fi
if [ ! -f "$cache/.sluice-complete" ]; then
  echo "SKIP Argo: the validator cannot be built (no Go toolchain, or the build failed: $cache.log)"
  skipped=$((skipped + 1))
elif [ ${#argo[@]} -gt 0 ]; then
  "$bin" "${argo[@]}" | sed "s#$accepted/##" | tee "$work/argo.log"
  rc=${PIPESTATUS[0]}
  summary="$(grep '^argo-lint:' "$work/argo.log" | tail -n 1)"
  read -r _ p _ f _ <<<"${summary//,/}"
  echo "${p:-0} passed, ${f:-1} failed, 0 skipped" >>"$work/argo.log"
  count "$rc" "$work/argo.log"
fi

echo
echo "== kfp"
if [ ${#kfp[@]} -gt 0 ]; then
  bash "$root/conformance/kubeflow/run.sh" "${kfp[@]}" | sed "s#tests/fuzz/.accepted/##" | tee "$work/kfp.log"
  count "${PIPESTATUS[0]}" "$work/kfp.log"
fi

echo
echo "== Airflow 3 (DagBag, graph against the IR)"
if ! venv="$(sluice_venv airflow3 "$root/conformance/airflow/requirements.txt")"; then
  echo "SKIP Airflow: cannot build the Airflow 3 venv"
  skipped=$((skipped + 1))
elif [ ${#dags[@]} -gt 0 ]; then
  (
    export AIRFLOW_HOME="$work/home" AIRFLOW__CORE__DAGS_FOLDER="$work/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False
    export PATH="$venv/bin:$PATH" PYTHONPATH="$root/conformance/airflow" AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
    mkdir -p "$work/dags"
    airflow db migrate >"$work/migrate.log" 2>&1 || { tail -20 "$work/migrate.log"; echo "FAIL airflow db migrate"; exit 1; }
    python "$root/conformance/airflow/check_dags.py" "$work/counts.json" "${dags[@]}" 2>"$work/check.log" | sed "s#$accepted/##" || { tail -30 "$work/check.log"; exit 1; }
    python -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["passed"], "passed,", c["failed"], "failed, 0 skipped")' "$work/counts.json"
  ) | tee "$work/airflow.log"
  count "${PIPESTATUS[0]}" "$work/airflow.log"
fi

echo
echo "fuzz conformance: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
