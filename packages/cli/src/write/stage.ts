import { randomBytes } from "node:crypto";
import { join } from "node:path";

/**
 * One write in progress keeps everything it needs in a staging folder inside `--out`, named after
 * the process (`.sluice-write-<pid>-<random>`): the new files (`new/`), the files they replace
 * (`old/`), and a journal listing the renames to come. Inside `--out`, so every rename stays on one
 * file system (atomic); named after the PID, so a later run can tell a dead write from a live one.
 */
export const STAGE_PREFIX = ".sluice-write-";

export interface Stage {
  root: string;
  newDir: string;
  oldDir: string;
  journal: string;
}

export interface Journal {
  /** Each output file, in rename order, and whether a file was there before. */
  files: { path: string; existed: boolean }[];
  /** Folders this write created, outermost first (removed again when it is undone). */
  createdDirs: string[];
}

export function newStage(outDir: string, pid: number): Stage {
  return stageAt(join(outDir, `${STAGE_PREFIX}${pid}-${randomBytes(4).toString("hex")}`));
}

export function stageAt(root: string): Stage {
  return { root, newDir: join(root, "new"), oldDir: join(root, "old"), journal: join(root, "journal.json") };
}

/** The PID a staging folder (or an old-style `.NAME.PID.tmp` file) belongs to, if it is one. */
export function stagePid(name: string): number | undefined {
  const m = /^\.sluice-write-(\d+)-[0-9a-f]+$/.exec(name) ?? /^\..+\.(\d+)\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether a process with this PID is running (EPERM: it is, under another user). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
