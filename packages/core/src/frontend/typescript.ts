import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as TsMorph from "ts-morph";
import { requireCached } from "./code-cache.js";

/**
 * The TypeScript compiler API bundled with ts-morph, for run-time use; files keep
 * `import type { ts } from "ts-morph"` for types. What the front end calls on every node
 * (`isIdentifier`, `SyntaxKind`) is read off it once, in syntax.ts: each member here is a getter
 * on an object of 2,000 members, which V8 keeps as a hash table.
 *
 * Loaded with require() rather than an ES import: an ES import of a CommonJS module makes Node
 * scan the module's source for export names first, which for ts-morph costs about a quarter of a
 * second on every cold CLI run (see bench/RESULTS.md).
 *
 * And loaded on its own: the front end only parses and walks syntax, so it requires the very
 * `typescript.js` file that ts-morph's `@ts-morph/common` requires (one TypeScript in the
 * process, whichever loads first), without ts-morph's 4 MB of wrappers, which only `--typecheck`
 * needs. That is about a third of ts-morph's load time on each cold run.
 */
const requireHere = createRequire(import.meta.url);

/** ts-morph itself, for the one place that builds a full program (`--typecheck`). */
export function loadTsMorph(): typeof TsMorph {
  return requireHere("ts-morph") as typeof TsMorph;
}

function loadTypeScript(): typeof TsMorph.ts {
  const fromTsMorph = createRequire(requireHere.resolve("ts-morph"));
  const common = fromTsMorph.resolve("@ts-morph/common"); // .../@ts-morph/common/dist/ts-morph-common.js
  return requireCached(join(dirname(common), "typescript.js")) as typeof TsMorph.ts;
}

export const tsApi: typeof TsMorph.ts = loadTypeScript();
