#!/usr/bin/env bash
# The one test command (README, `pnpm test`, .ci/run). On a fresh machine it installs what it
# needs, builds, runs every jest test (unit, type-level, golden, bad-input fixtures, CLI), then
# each conformance/<target>/run.sh (real Airflow, kfp, Argo validation), and ends with one line:
#   N passed, N failed, N skipped
# A conformance script exits 0 (passed), 3 (skipped: it prints why) or anything else (failed).
# If it prints its own "N passed, N failed, N skipped" line, those numbers are counted;
# otherwise it counts as one check.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
finish() {
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
  exit $?
}

if ! bash scripts/setup.sh; then
  echo "setup (install or build) failed: see above"
  failed=$((failed + 1))
  finish
fi

echo "==> jest"
report="$(mktemp)"
node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile="$report"
jest_rc=$?
if counts="$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // A suite that cannot even load (syntax error, missing module) has no tests: count it as failed.
  const n = (k) => Number(r[k] ?? 0);
  console.log(n("numPassedTests"), n("numFailedTests") + n("numRuntimeErrorTestSuites"), n("numPendingTests") + n("numTodoTests"));
' "$report" 2>/dev/null)"; then
  read -r p f s <<<"$counts"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  # jest can fail with every test passing (for example an open handle or a coverage threshold).
  if [ "$jest_rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "jest did not write a report (exit code $jest_rc)"
  failed=$((failed + 1))
fi
rm -f "$report"

for script in conformance/*/run.sh; do
  [ -f "$script" ] || continue
  echo
  echo "==> $script"
  log="$(mktemp)"
  bash "$script" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  own="$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1)"
  rm -f "$log"
  if [ -n "$own" ]; then
    read -r p _ f _ s _ <<<"${own//,/}"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  elif [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
  elif [ "$rc" -eq 3 ]; then
    skipped=$((skipped + 1))
  else
    echo "$script failed (exit code $rc)"
    failed=$((failed + 1))
  fi
done

finish
