// The CLI's cold start (issue 12): what every `sluice` command loads before it knows which command
// runs must stay small. This follows the static imports of the built CLI's entry (esbuild's
// metafile, as scripts/bundle-cli.mjs bundles it) and fails if they reach the front end, a back
// end, the runner, zod or the YAML writer: those belong behind a dynamic import() (see
// commands/pipeline-options.ts, and report.ts taking the formatter from @sluice/core/diagnostics).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const HEAVY = [/node_modules\/\.pnpm\/zod@/, /node_modules\/\.pnpm\/yaml@/, /node_modules\/\.pnpm\/handlebars@/, /packages\/compiler-[a-z]+\//, /packages\/runner\//, /packages\/core\/dist\/frontend\//, /packages\/core\/dist\/ir\//];

it("loads no back end, front end, runner, zod or YAML writer before a command runs", async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["packages/cli/dist/main.js"],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    write: false,
    metafile: true,
    outdir: "unused",
    external: ["better-sqlite3", "@resvg/resvg-js", "ts-morph"],
    logLevel: "silent",
  });
  const inputs = result.metafile.inputs;
  const from = new Map<string, string | null>([["packages/cli/dist/main.js", null]]);
  const queue = ["packages/cli/dist/main.js"];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind !== "import-statement" || from.has(imported.path)) continue;
      from.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  const chainTo = (file: string) => {
    const chain: string[] = [];
    for (let at: string | null | undefined = file; at; at = from.get(at)) chain.unshift(at);
    return chain.join(" -> ");
  };
  const heavy = [...from.keys()].filter((file) => HEAVY.some((re) => re.test(file))).map(chainTo);
  expect(heavy.slice(0, 3)).toEqual([]);
});
