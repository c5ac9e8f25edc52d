#!/usr/bin/env bash
# Packaging: every package packs (pnpm pack) into a tarball whose exports, types and bin are
# right, and a user can install the tarballs with plain npm in a fresh folder outside the
# workspace and work: `sluice init` from the installed CLI, `npm install` of the new project,
# `tsc` against the installed @sluice/core types, its snapshot test with `--ci`, `sluice diff`,
# `sluice compile`, `sluice graph --format png`, and the same snapshot test under vitest.
# Third-party packages come from the npm registry at the versions the packages pin.
# Prints PASS/FAIL per check and "N passed, N failed, N skipped". Exit 0 all passed, 1 any
# failed, 3 skipped (no npm, or the registry cannot be reached).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
passed=0 failed=0
# The vitest release the matchers are checked against (Node 20 is within its engines).
VITEST_VERSION=4.1.12
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && tail -n 30 "$2" | sed 's/^/    /'; failed=$((failed + 1)); }
finish() { echo "packaging: $passed passed, $failed failed"; echo "$passed passed, $failed failed, 0 skipped"; [ "$failed" -eq 0 ] && exit 0 || exit 1; }

if ! command -v npm >/dev/null 2>&1; then echo "packaging: skipped: no npm on PATH"; exit 3; fi
# The tarballs depend on better-sqlite3, which npm compiles from source here.
source "$root/scripts/lib/node-headers.sh"
sluice_use_installed_node_headers
if ! (cd "$root" && npm view typescript@5.9.3 version >/dev/null 2>&1); then echo "packaging: skipped: the npm registry cannot be reached"; exit 3; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-packaging-XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarballs="$work/tarballs"
mkdir -p "$tarballs"
log="$work/log"

# 1. Pack each package, and read back what is inside.
for pkg in "$root"/packages/*/; do
  name="$(node -p "require('$pkg/package.json').name")"
  if (cd "$pkg" && pnpm pack --pack-destination "$tarballs" >"$log" 2>&1); then pass "pnpm pack $name"; else fail "pnpm pack $name" "$log"; fi
done
for tgz in "$tarballs"/*.tgz; do
  if node "$here/check-tarball.mjs" "$tgz" >"$log" 2>&1; then pass "contents of $(basename "$tgz")"; else fail "contents of $(basename "$tgz")" "$log"; fi
done

# 2. Install the CLI from its tarballs with npm, in a folder outside the workspace, and create a project with it.
tool="$work/tool"
mkdir -p "$tool" && (cd "$tool" && npm init -y >/dev/null)
if (cd "$tool" && npm install --no-audit --no-fund "$tarballs"/*.tgz >"$log" 2>&1); then pass "npm install of every tarball"; else fail "npm install of every tarball" "$log"; finish; fi
sluice="$tool/node_modules/.bin/sluice"
if "$sluice" --version >"$log" 2>&1 && grep -q "^0\." "$log"; then pass "installed sluice --version"; else fail "installed sluice --version" "$log"; fi
project="$work/my-pipelines"
if (cd "$work" && "$sluice" init my-pipelines --sluice-from "$tarballs" >"$log" 2>&1); then pass "sluice init (installed binary)"; else fail "sluice init (installed binary)" "$log"; finish; fi

# 3. The new project works at once.
step() {
  local label="$1"; shift
  if (cd "$project" && "$@" >"$log" 2>&1); then pass "$label"; else fail "$label" "$log"; fi
}
step "npm install in the new project" npm install --no-audit --no-fund
step "tsc against the installed @sluice/core types" npx --no-install tsc
step "its snapshot test, with --ci (the snapshot sluice init wrote)" npm test -- --ci
step "sluice diff against the deploy/ folder sluice init wrote" npx --no-install sluice diff pipelines/pipeline.ts --against deploy
step "sluice compile with the installed binary" npx --no-install sluice compile pipelines/pipeline.ts --no-git --out out
step "sluice graph --format png with the installed binary" npx --no-install sluice graph pipelines/pipeline.ts --out out/graph.png
# A type error must fail tsc, or the tsc check proves nothing.
cp "$project/pipelines/pipeline.ts" "$work/pipeline.ts.bak"
sed -i 's/lr: params.lr/lr: "fast"/' "$project/pipelines/pipeline.ts"
if (cd "$project" && npx --no-install tsc >"$log" 2>&1); then fail "tsc rejects a string passed as a float input" "$log"; else pass "tsc rejects a string passed as a float input"; fi
cp "$work/pipeline.ts.bak" "$project/pipelines/pipeline.ts"
# The same matchers under vitest (docs/testing.md, "Vitest"): its expect.extend and matcher
# context are jest's, so a vitest test of the same name reads the snapshot jest wrote.
cat >"$project/vitest.config.mjs" <<'VITEST'
import { defineConfig } from "vitest/config";
export default defineConfig({ test: { include: ["pipelines/**/*.vitest.ts"], setupFiles: ["./vitest.setup.mjs"] } });
VITEST
cat >"$project/vitest.setup.mjs" <<'VITEST'
import { expect } from "vitest";
import { sluiceMatchers } from "@sluice/testing";
expect.extend(sluiceMatchers);
VITEST
cat >"$project/pipelines/pipeline.vitest.ts" <<'VITEST'
import { describe, expect, it } from "vitest";
import { synth } from "@sluice/testing";

describe("pipeline", () => {
  it("compiles to every target", () => {
    const result = synth(new URL("./pipeline.ts", import.meta.url));
    expect(result).toHaveNoErrors();
    expect(result).toMatchPipelineSnapshot();
  });
});
VITEST
vitest=(env CI=true NO_COLOR=1 npx --no-install vitest run)
step "npm install of vitest $VITEST_VERSION in the new project" npm install --no-save --no-audit --no-fund "vitest@$VITEST_VERSION"
step "vitest: the same test passes against the snapshot jest wrote (CI mode)" "${vitest[@]}"
# A drifted step must fail the snapshot test (jest and vitest) and sluice diff.
sed -i 's/python:3.12-slim/python:3.13-slim/' "$project/pipelines/pipeline.ts"
if (cd "$project" && npm test -- --ci >"$log" 2>&1); then fail "the snapshot test fails when a step changes" "$log"; else pass "the snapshot test fails when a step changes"; fi
if (cd "$project" && "${vitest[@]}" >"$log" 2>&1); then fail "vitest: the snapshot test fails when a step changes" "$log"
elif grep -q "python:3.13-slim" "$log" && grep -q "vitest -u" "$log"; then pass "vitest: the snapshot test fails when a step changes, with the diff and the update flag"
else fail "vitest: the failure shows the changed line and the update flag" "$log"; fi
if (cd "$project" && npx --no-install sluice diff pipelines/pipeline.ts --against deploy >"$log" 2>&1); then fail "sluice diff exits 1 when a step changes" "$log"; else pass "sluice diff exits 1 when a step changes"; fi
step "vitest -u rewrites the snapshot folder" npx --no-install vitest run -u
if (cd "$project" && grep -rq "python:3.13-slim" pipelines/__pipelines__ && "${vitest[@]}" >"$log" 2>&1); then pass "vitest: after -u, the snapshot holds the change and the test passes"; else fail "vitest: after -u, the snapshot holds the change and the test passes" "$log"; fi
finish
