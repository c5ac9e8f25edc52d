import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates `dir` and its missing parents, one level at a time, and returns the folders it created
 * (outermost first) so a failed write can remove them again.
 *
 * Not `mkdirSync(dir, { recursive: true })`: on Node 20 that loops forever when the parent
 * refuses new entries with ENOENT (`--out /proc/x` spun at 100% CPU). Here every failure is the
 * error of one `mkdir`, with its code and path.
 */
export function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  let current = dir;
  while (!exists(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (missing.length === 0 || exists(current)) {
    if (!statSync(current).isDirectory()) throw Object.assign(new Error(`"${current}" is a file, not a folder`), { code: "ENOTDIR", path: current });
  }
  const created: string[] = [];
  for (const folder of missing.reverse()) {
    mkdirSync(folder);
    created.push(folder);
  }
  return created;
}

/** Whether something is at `path`; errors other than "nothing there" (EACCES, ELOOP) are thrown. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
