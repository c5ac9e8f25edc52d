/**
 * SIGINT, SIGTERM and SIGHUP end a Node process at once by default, which could stop a write
 * between two renames. While `fn` writes, they are caught instead, and raised again once it is
 * done: the process still ends by that signal (same exit status for the shell), but only after
 * the output folder is whole (all new files, or, if the write failed, all old ones).
 * A write takes milliseconds, so nobody waits for it. SIGKILL cannot be caught: the next write
 * into the folder undoes what it interrupted (write/recover.ts).
 */
const DEFERRED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function withSignalsDeferred<T>(fn: () => T): T {
  const received: NodeJS.Signals[] = [];
  const onSignal = (signal: NodeJS.Signals) => void received.push(signal);
  for (const s of DEFERRED) process.on(s, onSignal);
  try {
    return fn();
  } finally {
    // A signal that arrived during fn reaches the handler only once the event loop has read
    // libuv's signal pipe, which takes up to two turns of the loop; wait three, then re-raise.
    afterLoopTurns(3, () => {
      for (const s of DEFERRED) process.off(s, onSignal);
      if (received[0]) process.kill(process.pid, received[0]);
    });
  }
}

function afterLoopTurns(turns: number, fn: () => void): void {
  setImmediate(() => (turns <= 1 ? fn() : afterLoopTurns(turns - 1, fn)));
}
