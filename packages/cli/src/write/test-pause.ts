import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WriteHooks } from "../write-files.js";

/**
 * For the kill tests only (tests/fuzz/signals.test.ts): with SLUICE_TEST_WRITE_PAUSE=<folder>,
 * the write stops after its first rename, creates `<folder>/paused` and waits until
 * `<folder>/resume` exists, so that a test can send a signal at exactly that point instead of
 * racing a timer. Unset (always, outside those tests), it changes nothing.
 */
export function testPauseHooks(env: Readonly<Record<string, string | undefined>>): WriteHooks {
  const folder = env.SLUICE_TEST_WRITE_PAUSE;
  if (!folder) return {};
  return {
    afterRename(index) {
      if (index !== 0) return;
      writeFileSync(join(folder, "paused"), String(process.pid));
      const tick = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(join(folder, "resume"))) Atomics.wait(tick, 0, 0, 20);
    },
  };
}
