import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import vm from "node:vm";

/**
 * require() of one big CommonJS file (TypeScript's 9 MB `typescript.js`) through V8's code cache,
 * so that a cold CLI run does not compile it from source each time.
 *
 * Node 22 does this for every module (`module.enableCompileCache()`); Node 20, which Sluice
 * supports, has no such switch, and its user-land startup snapshot (`--snapshot-blob`) needs a
 * flag on the `node` command line and a single script without require(), so neither fits a CLI
 * started as `sluice ...`. What Node 20 does have is `vm.Script`'s `cachedData`: the file is
 * compiled as Node would (same wrapper, same module object, registered in require's cache so
 * ts-morph later gets this very instance), with the bytes V8 produced last time. V8 checks the
 * bytes against the source and its own version and flags, and rejects them if anything differs;
 * the file name also carries the Node version and the file's size and time.
 *
 * Only the `sluice` executable turns it on, by setting `globalThis[Symbol.for("sluice.codeCache")]`
 * before it loads anything (packages/cli/src/bin.ts, scripts/sluice.mjs); any failure (no writable
 * cache folder, rejected bytes) falls back to compiling from source, silently.
 */
const ENABLED = Symbol.for("sluice.codeCache");

export function requireCached(file: string): unknown {
  const requireFile = createRequire(file);
  if (!(globalThis as Record<symbol, unknown>)[ENABLED] || requireFile.cache[file]) return requireFile(file);
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheFileFor(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(file) as Module & { filename: string; paths: string[]; loaded: boolean };
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  requireFile.cache[file] = module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, requireFile, module, file, dirname(file));
    module.loaded = true;
  } catch (error) {
    delete requireFile.cache[file];
    throw error;
  }
  // Made when the process is done rather than now: by then V8 has also compiled the functions the
  // compile called (it compiles lazily), and those are most of what a cold run spends compiling.
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once("beforeExit", () => writeQuietly(cacheFile, script.createCachedData()));
  return module.exports;
}

function cacheFileFor(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    const key = createHash("sha256").update(`${process.version}\0${process.arch}\0${file}\0${size}\0${mtimeMs}`).digest("hex").slice(0, 24);
    const root = process.env.SLUICE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "sluice");
    return join(root, "v8-code-cache", `${key}.bin`);
  } catch {
    return undefined;
  }
}

/** Written beside, then renamed: two CLI runs at once never read half a file. */
function writeQuietly(path: string, bytes: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch {
    // No cache this time; the next run compiles from source again.
  }
}
