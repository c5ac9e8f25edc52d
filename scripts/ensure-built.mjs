// Builds the workspace (tsc -b) when any package's output is missing or older than its sources,
// so that `pnpm sluice` and `pnpm run golden:update` always run the code in the tree. The
// up-to-date case only compares file times, which takes milliseconds; tsc -b would take seconds.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function ensureBuilt() {
  if (isStale()) build();
  if (bundleIsStale()) {
    const { bundleCli } = await import("./bundle-cli.mjs");
    await bundleCli();
  }
}

function build() {
  if (!existsSync(join(root, "node_modules/typescript/bin/tsc"))) {
    process.stderr.write("sluice: dependencies are not installed: run `bash scripts/setup.sh` (or `pnpm install`) first.\n");
    process.exit(70);
  }
  process.stderr.write("sluice: building the workspace (pnpm run build)...\n");
  try {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", ...packageDirs()], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    process.stderr.write("sluice: the build failed (TypeScript errors above); fix them, or run `pnpm run build` to see them again.\n");
    process.exit(70); // not a mistake in the pipeline (1) or the command line (2): the workspace is broken
  }
  // tsc -b leaves its build info untouched when an input changed but no output did (or when the
  // input is not one it tracks, like package.json): mark the build as newer than every input so
  // the next run does not rebuild for nothing.
  const now = new Date();
  for (const dir of packageDirs()) {
    const info = join(root, dir, "tsconfig.tsbuildinfo");
    if (existsSync(info)) utimesSync(info, now, now);
  }
}

/** The CLI bundle (scripts/bundle-cli.mjs) is stale when missing or older than a package's build. */
function bundleIsStale() {
  const bundle = join(root, "packages/cli/bundle/main.js");
  if (!existsSync(bundle)) return true;
  const bundled = statSync(bundle).mtimeMs;
  return packageDirs().some((dir) => statSync(join(root, dir, "tsconfig.tsbuildinfo")).mtimeMs > bundled);
}

function packageDirs() {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, "packages", e.name, "tsconfig.json")))
    .map((e) => join("packages", e.name));
}

/** Stale when a package has no build info, or a source or config newer than it. */
function isStale() {
  for (const dir of packageDirs()) {
    const info = join(root, dir, "tsconfig.tsbuildinfo");
    if (!existsSync(info) || !existsSync(join(root, dir, "dist"))) return true;
    const built = statSync(info).mtimeMs;
    const inputs = [join(root, dir, "tsconfig.json"), join(root, dir, "package.json"), ...sourceFiles(join(root, dir, "src"))];
    if (inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > built)) return true;
  }
  return false;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|hbs|json)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}
