#!/usr/bin/env bash
# The main job on a fresh machine: install, build, and compile every examples/*/pipeline.ts to
# every available target, into out/<example>/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
status=0
for pipeline in examples/*/pipeline.ts; do
  [ -f "$pipeline" ] || continue
  example="$(basename "$(dirname "$pipeline")")"
  echo "==> sluice compile $pipeline --target all --out out/$example"
  node packages/cli/dist/bin.js compile "$pipeline" --target all --out "out/$example" || status=1
done
exit $status
