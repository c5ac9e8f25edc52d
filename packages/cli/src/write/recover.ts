import { existsSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isAlive, stageAt, stagePid, type Journal, type Stage } from "./stage.js";

/**
 * Undoes what a write killed half-way (SIGKILL, a power cut) left in `outDir`: each staging
 * folder of a process that is no longer running is rolled back from its journal (replaced files
 * get their old contents back, new files are removed), then deleted. Old-style `.NAME.PID.tmp`
 * files of dead processes are deleted. A live process's staging folder is left alone: that is
 * a concurrent write. Returns the names cleaned.
 */
export function recoverStaleWrites(outDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return []; // no folder yet: nothing to recover (and creating it reports its own error)
  }
  const cleaned: string[] = [];
  for (const name of names.sort()) {
    const pid = stagePid(name);
    if (pid === undefined || isAlive(pid)) continue;
    const path = join(outDir, name);
    const journal = name.startsWith(".sluice-write-") ? readJournal(stageAt(path)) : undefined;
    rollBack(outDir, stageAt(path), journal);
    rmSync(path, { recursive: true, force: true });
    removeEmptyDirs(journal?.createdDirs ?? []);
    cleaned.push(name);
  }
  return cleaned;
}

/**
 * Puts the files of `outDir` back as they were before the write of this stage began. Safe to call at any point
 * of the write (and again after a crash during a previous roll-back): a file whose old copy is in
 * `old/` gets it back; a file that did not exist before and whose new copy has left `new/` is
 * removed; anything else was never touched.
 */
export function rollBack(outDir: string, stage: Stage, journal: Journal | undefined): void {
  if (!journal) return; // killed before the first rename: nothing outside the stage changed
  for (const { path, existed } of [...journal.files].reverse()) {
    const final = join(outDir, path);
    const old = join(stage.oldDir, path);
    if (existsSync(old)) renameSync(old, final);
    else if (!existed && !existsSync(join(stage.newDir, path))) rmSync(final, { force: true });
  }
}

/** Removes folders a write created (innermost first), each only if it is empty. */
export function removeEmptyDirs(outermostFirst: readonly string[]): void {
  for (const dir of [...outermostFirst].reverse()) {
    try {
      rmdirSync(dir); // only when empty: someone else may have put a file there since
    } catch {
      /* not empty, or already gone */
    }
  }
}

function readJournal(stage: Stage): Journal | undefined {
  try {
    return JSON.parse(readFileSync(stage.journal, "utf8")) as Journal;
  } catch {
    return undefined;
  }
}
