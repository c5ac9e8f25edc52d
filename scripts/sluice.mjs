// `pnpm sluice ...`: builds if needed, then runs the CLI from the folder pnpm was started in.
import { ensureBuilt } from "./ensure-built.mjs";

await ensureBuilt();
// pnpm runs scripts from the workspace root; INIT_CWD is where the user typed the command.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
// As packages/cli/dist/bin.js does: TypeScript through V8's code cache (packages/core/src/frontend/code-cache.ts).
globalThis[Symbol.for("sluice.codeCache")] = true;
const { main } = await import("../packages/cli/bundle/main.js");
process.exitCode = await main(process.argv.slice(2));
