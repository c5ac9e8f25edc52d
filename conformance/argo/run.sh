#!/usr/bin/env bash
# Argo conformance: every generated Argo manifest is checked by Argo Workflows' own lint code,
# the path `argo lint --offline` takes (pkg/apiclient offline client + cmd/argo/lint +
# workflow/validate), built from the Go module proxy.
#
# Checks: fixtures/*/expected/*.argo.yaml, examples/*/expected/*.argo.yaml, and this back
# end's IR fixtures compiled on the spot (compile-ir-fixtures.mjs); then every scale-out resource
# template through Argo's own substitution code (substitute/, check-scale-out-substitution.mjs).
# Prints PASS/FAIL per file, then "argo-lint: N passed, N failed" and the summary line that
# scripts/test-all.sh counts. Exit 0 all passed, 1 any failed, 3 the validator cannot be built.
#
# Version: github.com/argoproj/argo-workflows/v3 v3.7.18, the newest release the module proxy
# serves here (v4.x is refused by the proxy except v4.0.5, which has reported security flaws;
# see docs/targets/argo.md, "Validation").
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v go >/dev/null 2>&1; then
  echo "argo-lint: skipped: no Go toolchain on PATH"
  exit 3
fi
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
cache="$(sluice_cache_dir argo-lint "$here/main.go" "$here/go.mod" "$here/go.sum")"
bin="$cache/argo-lint-offline"
if [ ! -f "$cache/.sluice-complete" ]; then
  echo "building the Argo lint program into $cache (the first run on a machine downloads and compiles Argo's modules: about 15 min on 2 cores)..."
  if ! sluice_cache_build "$cache" go build -C "$here" -o "$bin" .; then
    echo "argo-lint: skipped: cannot build the validator from github.com/argoproj/argo-workflows/v3:"
    tail -n 20 "$cache.log"
    exit 3
  fi
fi

# The validator must be able to fail, or a pass proves nothing.
if "$bin" "$here/testdata/broken.argo.yaml" >/dev/null 2>&1; then
  echo "argo-lint: the validator accepted testdata/broken.argo.yaml, which Argo must reject"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

files=()
while IFS= read -r f; do files+=("$f"); done < <(cd "$root" && ls fixtures/*/expected/*.argo.yaml examples/*/expected/*.argo.yaml 2>/dev/null | sort)

compiled="$(mktemp -d)"
trap 'rm -rf "$compiled"' EXIT
if ! node "$here/compile-ir-fixtures.mjs" "$compiled"; then
  echo "argo-lint: cannot compile the IR fixtures (run pnpm run build first)"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
for f in "$compiled"/*.argo.yaml; do files+=("$f"); done

if [ "${#files[@]}" -eq 0 ]; then
  echo "argo-lint: no manifests found"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

cd "$root"
log="$(mktemp)"
"$bin" "${files[@]}" | tee "$log" | sed "s#$compiled/#(compiled IR) #"
rc=${PIPESTATUS[0]}
summary="$(grep '^argo-lint:' "$log" | tail -n 1)"
rm -f "$log"
read -r _ p _ f _ <<<"${summary//,/}"
p=${p:-0}; f=${f:-1}

# Scale-out resource templates through Argo's own substitution (util/template), with hostile
# values: the manifest must stay the object Sluice's tests evaluate it to. Go's build cache makes
# this a few seconds once the validator above is built.
sub="$(mktemp -d)"
if go build -C "$here" -o "$sub/substitute" ./substitute >"$sub/build.log" 2>&1; then
  node "$here/check-scale-out-substitution.mjs" "$sub/substitute" | tee "$sub/out.log"
  sub_rc=${PIPESTATUS[0]}
  read -r _ sp _ sf _ <<<"$(grep '^scale-out-substitution:' "$sub/out.log" | tail -n 1 | tr -d ,)"
  p=$((p + ${sp:-0})); f=$((f + ${sf:-1}))
  [ "$sub_rc" -eq 0 ] || rc=1
else
  echo "scale-out-substitution: cannot build substitute/main.go:"; tail -n 10 "$sub/build.log"; f=$((f + 1)); rc=1
fi
rm -rf "$sub"
echo "$p passed, $f failed, 0 skipped"
exit $rc
