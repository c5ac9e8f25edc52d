import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

/**
 * The TypeScript compiler API bundled with ts-morph, for run-time use (`tsApi.isIdentifier`,
 * `tsApi.SyntaxKind`); files keep `import type { ts } from "ts-morph"` for types.
 *
 * Loaded with require() rather than an ES import: an ES import of a CommonJS module makes Node
 * scan the module's source for export names first, which for ts-morph costs about a quarter of a
 * second on every cold CLI run (see bench/RESULTS.md).
 */
const requireHere = createRequire(import.meta.url);

/** ts-morph itself, for the one place that builds a full program (`--typecheck`). */
export function loadTsMorph(): typeof TsMorph {
  return requireHere("ts-morph") as typeof TsMorph;
}

export const tsApi: typeof TsMorph.ts = loadTsMorph().ts;
