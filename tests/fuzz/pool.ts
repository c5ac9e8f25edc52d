import { Worker } from "node:worker_threads";
import { PER_INPUT_LIMIT_MS, type RunResult } from "./checks.js";

export interface Job {
  dir: string;
  files: Record<string, string>;
  args: string[];
  outDir: string;
}

/**
 * One worker thread running `sluice` in-process (worker.mjs). An input that does not answer
 * within PER_INPUT_LIMIT_MS is a hang: the worker is terminated (which stops even a synchronous
 * loop) and the next input gets a fresh one.
 */
export class FuzzWorker {
  private worker: Worker | undefined;

  async run(job: Job): Promise<RunResult> {
    const worker = (this.worker ??= new Worker(new URL("./worker.mjs", import.meta.url)));
    return new Promise<RunResult>((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        void worker.terminate();
        this.worker = undefined;
        resolve({ code: -1, stdout: "", stderr: "", ms: PER_INPUT_LIMIT_MS, hung: true });
      }, PER_INPUT_LIMIT_MS);
      const onMessage = (result: RunResult) => {
        cleanup();
        resolve(result);
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = undefined;
        resolve({ code: -1, stdout: "", stderr: `main() threw: the worker died: ${error.stack ?? error.message}`, ms: 0 });
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
