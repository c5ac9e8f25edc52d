import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { OutputFile } from "@sluice/core/backend";
import { makeDirs } from "./write/make-dirs.js";
import { recoverStaleWrites, removeEmptyDirs, rollBack } from "./write/recover.js";
import { newStage, type Journal } from "./write/stage.js";

/** Seams for tests: a rename that fails on demand, a pause between renames. */
export interface WriteHooks {
  rename?: (from: string, to: string) => void;
  /** Called after the i-th output file (0-based) was renamed into place. */
  afterRename?: (index: number) => void;
}

/**
 * Writes every output file, or none, and returns the paths written (joined onto `outDir`).
 *
 * 1. Leftovers of writes whose process died are rolled back first (write/recover.ts).
 * 2. Every file is written into a staging folder inside `outDir`, and a journal of the renames
 *    to come is saved there.
 * 3. Each file that would be replaced is moved into the stage (`old/`), and the new one renamed
 *    into place. If any step fails, the files already replaced get their old contents back and
 *    the new ones are removed, so `outDir` is as it was; the error is rethrown.
 * A process killed during step 3 leaves the stage and its journal, and the next write into the
 * same folder undoes it. (SIGINT and SIGTERM do not interrupt step 3: see signals.ts.)
 */
export function writeOutputFiles(outDir: string, files: readonly OutputFile[], hooks: WriteHooks = {}): string[] {
  const rename = hooks.rename ?? renameSync;
  const createdOut = makeDirs(outDir);
  recoverStaleWrites(outDir);
  const stage = newStage(outDir, process.pid);
  const finals = files.map((f) => join(outDir, f.path));
  // A folder where a file should go is the one thing a rename cannot replace: refuse it first.
  const blocked = finals.find((final) => existsSync(final) && statSync(final).isDirectory());
  if (blocked) throw Object.assign(new Error(`"${blocked}" is a folder`), { code: "EISDIR" });
  const journal: Journal = { files: files.map((f, i) => ({ path: f.path, existed: existsSync(finals[i]!) })), createdDirs: missingParents(outDir, finals) };
  try {
    mkdirSync(stage.root);
    for (const file of files) {
      makeDirs(dirname(join(stage.newDir, file.path)));
      writeFileSync(join(stage.newDir, file.path), file.contents, "utf8");
    }
    writeFileSync(stage.journal, JSON.stringify(journal));
    for (const dir of journal.createdDirs) mkdirSync(dir);
    files.forEach((file, i) => {
      const final = finals[i]!;
      if (journal.files[i]!.existed) {
        makeDirs(dirname(join(stage.oldDir, file.path)));
        rename(final, join(stage.oldDir, file.path));
      }
      rename(join(stage.newDir, file.path), final);
      hooks.afterRename?.(i);
    });
  } catch (error) {
    undo(outDir, stage, journal, createdOut);
    throw error;
  }
  rmSync(stage.root, { recursive: true, force: true });
  return finals;
}

/** Best effort: a failure while undoing must not hide the error that caused it. */
function undo(outDir: string, stage: ReturnType<typeof newStage>, journal: Journal, createdOut: string[]): void {
  try {
    if (existsSync(stage.journal)) rollBack(outDir, stage, journal);
    rmSync(stage.root, { recursive: true, force: true });
    removeEmptyDirs([...createdOut, ...journal.createdDirs]);
  } catch {
    /* what is left is rolled back by the next write (the stage names this process) */
  }
}

/** The folders under `outDir` that the output files need and that do not exist yet, outermost first. */
function missingParents(outDir: string, finals: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const final of finals) {
    const chain: string[] = [];
    for (let dir = dirname(final); dir !== outDir && dir.startsWith(outDir) && !existsSync(dir); dir = dirname(dir)) chain.unshift(dir);
    for (const dir of chain) missing.add(dir);
  }
  return [...missing].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}
