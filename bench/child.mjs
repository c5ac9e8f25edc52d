// One benchmark row measured in a process of its own: the runners call themselves with --row, and
// the child prints its figures as one JSON line. Shared by run.mjs and backends.mjs.
import { spawnSync } from "node:child_process";

/** `{ value }`: the JSON the child printed; `{ error }`: the first line it wrote when it failed. */
export function rowInChild(script, args, cwd) {
  const child = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", cwd, maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) return { error: (child.stderr || child.stdout).trim().split("\n")[0] || `exit ${child.status}` };
  return { value: JSON.parse(child.stdout) };
}
