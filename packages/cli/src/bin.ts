#!/usr/bin/env node
// The `sluice` executable. All behaviour lives in main.ts, which tests call in-process.
//
// `pnpm run build` also bundles the CLI into ../bundle/ (scripts/bundle-cli.mjs): a cold start
// then loads a few files instead of hundreds of modules. The bundle runs only when it is newer
// than every package's tsc build, so a plain `tsc -b` after an edit never runs stale code: it
// falls back to the modules tsc just wrote.
import { existsSync, readdirSync, statSync } from "node:fs";

// TypeScript is compiled through V8's code cache in this process (packages/core/src/frontend/code-cache.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for("sluice.codeCache")] = true;

const bundle = new URL("../bundle/main.js", import.meta.url);
const { main } = (await import(bundleIsFresh() ? bundle.href : "./main.js")) as typeof import("./main.js");
process.exitCode = await main(process.argv.slice(2));

function bundleIsFresh(): boolean {
  if (!existsSync(bundle)) return false;
  const bundled = statSync(bundle).mtimeMs;
  // In the workspace each package has a build info next to its dist/; an installed CLI has none.
  const packages = new URL("../../", import.meta.url);
  return readdirSync(packages).every((name) => {
    const info = new URL(`${name}/tsconfig.tsbuildinfo`, packages);
    return !existsSync(info) || statSync(info).mtimeMs <= bundled;
  });
}
