#!/usr/bin/env bash
# Brings a fresh checkout to a runnable state: the pinned pnpm, the locked dependencies, a build.
# Used by scripts/test-all.sh and scripts/quickstart.sh; safe to run again (each step is quick
# when there is nothing to do).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION"
  npm install --global "pnpm@$PNPM_VERSION"
fi
# better-sqlite3 (the run store) compiles from source, against the headers installed with Node.
source scripts/lib/node-headers.sh
sluice_use_installed_node_headers
echo "==> pnpm install --frozen-lockfile"
pnpm install --frozen-lockfile
echo "==> pnpm run build"
pnpm run build
