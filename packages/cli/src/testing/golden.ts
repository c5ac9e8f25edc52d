import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { OutputFile } from "@sluice/core/backend";

/**
 * Golden files: the exact bytes each fixture compiles to, committed under `expected/`.
 * Comparison is byte for byte, with no normalising: what the test accepts is what users get.
 */
export type GoldenProblem =
  | { kind: "mismatch"; path: string; diff: string }
  | { kind: "missing"; path: string }
  | { kind: "orphan"; path: string };

export const UPDATE_COMMAND = "pnpm run golden:update";

/** How the two sides of a diff are named: `--- expected/x.yaml`, `+++ actual/x.yaml` by default. */
export interface DiffLabels {
  expected: string;
  actual: string;
}

/** Every way `expectedDir` differs from `files`: changed, missing and orphaned goldens. */
export function compareWithGoldens(expectedDir: string, files: readonly OutputFile[], labels: DiffLabels = { expected: "expected", actual: "actual" }): GoldenProblem[] {
  const problems: GoldenProblem[] = [];
  const produced = new Set(files.map((f) => f.path));
  for (const file of files) {
    const path = join(expectedDir, file.path);
    if (!existsSync(path)) {
      problems.push({ kind: "missing", path: file.path });
      continue;
    }
    const expected = readFileSync(path, "utf8");
    if (expected !== file.contents) problems.push({ kind: "mismatch", path: file.path, diff: unifiedDiff(file.path, expected, file.contents, labels) });
  }
  for (const path of listFiles(expectedDir)) if (!produced.has(path)) problems.push({ kind: "orphan", path });
  return problems;
}

/** A report a person can act on: what differs, the diff, and the command that accepts it. */
export function describeGoldenProblems(name: string, problems: readonly GoldenProblem[]): string {
  const lines = problems.map((p) => {
    if (p.kind === "missing") return `${name}: no golden file expected/${p.path} (new output)`;
    if (p.kind === "orphan") return `${name}: expected/${p.path} is no longer produced (orphaned golden)`;
    return `${name}: expected/${p.path} differs:\n${p.diff}`;
  });
  return `${lines.join("\n")}\nIf the new output is right, run: ${UPDATE_COMMAND}`;
}

/** Makes `expectedDir` hold exactly `files`: writes changed ones, deletes orphans. */
export function writeGoldens(expectedDir: string, files: readonly OutputFile[]): { written: string[]; deleted: string[] } {
  const written: string[] = [];
  const deleted: string[] = [];
  const produced = new Set(files.map((f) => f.path));
  for (const path of listFiles(expectedDir)) {
    if (produced.has(path)) continue;
    rmSync(join(expectedDir, path));
    deleted.push(path);
  }
  for (const file of files) {
    const path = join(expectedDir, file.path);
    if (existsSync(path) && readFileSync(path, "utf8") === file.contents) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents, "utf8");
    written.push(file.path);
  }
  removeEmptyFolders(expectedDir);
  return { written, deleted };
}

/** Files under a folder, relative to it with `/`, sorted; none when it does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

const MAX_DIFF_LINES = 200;

function unifiedDiff(path: string, expected: string, actual: string, labels: DiffLabels): string {
  const patch = createTwoFilesPatch(`${labels.expected}/${path}`, `${labels.actual}/${path}`, expected, actual, undefined, undefined, { context: 3 });
  const lines = patch.split("\n").slice(1); // drop the "====" banner diff puts first
  if (lines.length <= MAX_DIFF_LINES) return lines.join("\n");
  return [...lines.slice(0, MAX_DIFF_LINES), `... ${lines.length - MAX_DIFF_LINES} more diff lines`].join("\n");
}

function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyFolders(join(dir, entry.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}
