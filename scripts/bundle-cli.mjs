// Bundles the CLI (after `tsc -b`) into packages/cli/bundle/: one file per entry point, plus one
// chunk per lazily imported part (the front end, each back end, the runner), so that a cold
// `sluice` start reads a handful of files instead of resolving and compiling hundreds of modules.
// tsc still builds dist/ (types, and the modules tests and tools import one by one).
//
// Kept out of the bundle, loaded at run time from where pnpm installed them:
// - ts-morph/typescript: the front end require()s them through createRequire (never seen here);
//   bundling 9 MB of TypeScript would only move its compile time, not remove it;
// - better-sqlite3 and @resvg/resvg-js (sluice graph): native modules that find their .node
//   files relative to their own folders.
//
// Every bundled module keeps its own import.meta.url (templates, package.json, the DSL folder are
// found next to the module's dist file), rewritten to a path relative to the bundle, so the tree
// can move.
import { build } from "esbuild";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, "packages/cli/bundle");
const NATIVE = ["better-sqlite3", "@resvg/resvg-js"];

/** A path as an ES module specifier relative to the bundle folder (posix separators). */
const fromBundle = (path) => {
  const rel = relative(outdir, path).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
};

const keepModuleUrls = {
  name: "keep-module-urls",
  setup(b) {
    b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const url = `new URL(${JSON.stringify(fromBundle(args.path))}, import.meta.url).href`;
      return { contents: text.replaceAll("import.meta.url", url), loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

const nativeExternal = {
  name: "native-external",
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${NATIVE.join("|")})$`) }, (args) => {
      const resolved = createRequire(join(args.resolveDir, "x.js")).resolve(args.path);
      return { path: fromBundle(resolved), external: true };
    });
  },
};

export async function bundleCli() {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(root, "packages/cli/dist/main.js") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Chunks sit beside the entry: the import.meta.url rewrite above is relative to this folder.
    chunkNames: "[name]-[hash]",
    // CommonJS dependencies (commander, handlebars) call require() for Node's own modules.
    banner: { js: 'import { createRequire as __sluiceCreateRequire } from "node:module"; const require = __sluiceCreateRequire(import.meta.url);' },
    plugins: [keepModuleUrls, nativeExternal],
    logLevel: "warning",
    legalComments: "none",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bundleCli();
