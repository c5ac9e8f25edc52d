// `import "@sluice/testing/setup"` (or list it in jest's `setupFilesAfterEnv`): adds the Sluice
// matchers to the runner's global `expect`. Without globals, call `expect.extend(sluiceMatchers)`.
import { sluiceMatchers } from "./matchers.js";
import "./matcher-types.js";

const expectGlobal = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (!expectGlobal) throw new Error("@sluice/testing/setup: no global expect; call expect.extend(sluiceMatchers) from @sluice/testing instead");
expectGlobal.extend(sluiceMatchers);
