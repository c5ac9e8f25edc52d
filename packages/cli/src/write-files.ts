import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { OutputFile } from "@sluice/core/backend";

/**
 * Writes every output file, or none. Each file goes to a temporary name beside its target first;
 * only when all of them are written are they renamed into place (a rename within one folder is
 * atomic), so a failure half-way leaves no partial or truncated output behind.
 * Returns the paths written (each joined onto `outDir`).
 */
export function writeOutputFiles(outDir: string, files: readonly OutputFile[]): string[] {
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = join(outDir, file.path);
      const temp = join(dirname(final), `.${file.path.split("/").pop()}.${process.pid}.tmp`);
      staged.push({ temp, final });
      mkdirSync(dirname(final), { recursive: true });
      writeFileSync(temp, file.contents, "utf8");
    }
    // A folder where a file should go is the one thing a rename cannot replace: find it first.
    const blocked = staged.find(({ final }) => existsSync(final) && statSync(final).isDirectory());
    if (blocked) throw new Error(`${blocked.final} is a folder`);
    for (const { temp, final } of staged) renameSync(temp, final);
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  return staged.map((s) => s.final);
}
