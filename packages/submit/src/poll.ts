import { setTimeout as delay } from "node:timers/promises";
import { TERMINAL_PHASES, type RunStatus } from "./client.js";
import { SUBMIT_CODES, SubmitError } from "./errors.js";

/**
 * `watch` for a target without a watch API (KFP, Airflow): reads the status every `pollMs`, hands
 * each to `onStatus`, and resolves with the first that ends the run. An abort (Ctrl-C) stops the
 * watching, not the run.
 */
export async function pollUntilDone(read: () => Promise<RunStatus>, onStatus: (status: RunStatus) => void, pollMs: number, signal?: AbortSignal): Promise<RunStatus> {
  for (;;) {
    const status = await read();
    onStatus(status);
    if (TERMINAL_PHASES.has(status.phase)) return status;
    if (signal?.aborted) throw new SubmitError(SUBMIT_CODES.runFailed, "stopped watching (interrupted); the run goes on");
    await delay(pollMs);
  }
}
