#!/usr/bin/env bash
# Builds a baseline tree for bench/ab.mjs: this checkout's files as they are at COMMIT, in DIR,
# with each package's node_modules links and the root node_modules shared (a symlink), so nothing
# is installed. Only the files that differ from COMMIT are replaced. Usage (from the repo root):
#   bench/ab-base.sh main /tmp/sluice-base
set -euo pipefail
commit="${1:?usage: bench/ab-base.sh COMMIT DIR}"
dir="${2:?usage: bench/ab-base.sh COMMIT DIR}"
root="$(git rev-parse --show-toplevel)"
cd "$root"
rm -rf "$dir"
mkdir -p "$dir"
tar --exclude=./.git --exclude=./node_modules --exclude=./bench/tmp -cf - . | tar -xf - -C "$dir"
ln -s "$root/node_modules" "$dir/node_modules"
# Files that differ from COMMIT, committed or not: take COMMIT's copy, or remove one it lacks.
{ git diff --name-only "$commit"; git ls-files --others --exclude-standard; } | sort -u | while read -r f; do
  if git cat-file -e "$commit:$f" 2>/dev/null; then git show "$commit:$f" >"$dir/$f"; else rm -f "$dir/$f"; fi
done
git rev-parse --short "$commit" >"$dir/AB-BASE"
(cd "$dir" && node_modules/.bin/tsc -b packages/cli packages/core packages/compiler-argo packages/compiler-kubeflow packages/compiler-airflow)
echo "$dir: $(cat "$dir/AB-BASE"), built"
