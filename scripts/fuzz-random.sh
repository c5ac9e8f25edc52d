#!/usr/bin/env bash
# Non-blocking: runs every property test and the fuzz suite with a freshly drawn seed, so that
# inputs the fixed CI seed never reaches get tried now and then. Not part of scripts/test-all.sh
# (a random failure must not fail CI); run it by hand or from a scheduled job:
#   bash scripts/fuzz-random.sh            # a new seed
#   SLUICE_FUZZ_SEED=123 bash scripts/fuzz-random.sh   # replay one
# It prints the seed first and again on failure, with the command that replays it.
set -uo pipefail
cd "$(dirname "$0")/.."

seed="${SLUICE_FUZZ_SEED:-$(node -e 'console.log(require("crypto").randomInt(1, 2 ** 31 - 1))')}"
echo "fuzz seed: $seed"
# The property tests: every test file that uses fast-check, and the fuzz suite.
mapfile -t files < <(grep -rlE "from \"fast-check\"" --include='*.test.ts' packages/*/src tests | sort)
SLUICE_FUZZ_SEED="$seed" node --experimental-vm-modules node_modules/jest/bin/jest.js "${files[@]}" tests/fuzz
rc=$?
if [ "$rc" -ne 0 ]; then
  echo
  echo "FAILED with fuzz seed $seed; replay: SLUICE_FUZZ_SEED=$seed bash scripts/fuzz-random.sh"
fi
exit "$rc"
