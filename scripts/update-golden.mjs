// `pnpm run golden:update`: rewrites every fixture's expected/ from the current compiler and
// deletes orphaned goldens. Refuses under CI, where goldens must be compared, never rewritten.
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./ensure-built.mjs";

if (process.env.CI) {
  console.error("golden:update refuses to run when CI is set: goldens are compared in CI, not rewritten.");
  process.exit(2);
}
await ensureBuilt();
const { updateAllGoldens } = await import("../packages/cli/dist/testing/index.js");
const root = fileURLToPath(new URL("..", import.meta.url));
const summary = updateAllGoldens(root);
for (const path of summary.written) console.log(`wrote   ${path}`);
for (const path of summary.deleted) console.log(`deleted ${path}`);
for (const failure of summary.failures) console.error(`FAILED  ${failure}`);
if (summary.written.includes("docs/support-matrix.md")) console.log("note: docs/support-matrix.md changed: commit it together with your goldens (a test checks it).");
console.log(`${summary.written.length} written, ${summary.deleted.length} deleted, ${summary.failures.length} failed`);
process.exitCode = summary.failures.length > 0 ? 1 : 0;
