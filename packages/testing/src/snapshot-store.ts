import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compareWithGoldens, writeGoldens, type GoldenProblem } from "@sluice/cli";

/**
 * Where a pipeline snapshot lives: one folder per snapshot, beside the test file, holding the
 * native files exactly as `sluice compile` writes them (`__pipelines__/<test name>/x.argo.yaml`),
 * so that a pull request shows a YAML or Python diff rather than a change to one escaped string.
 */
export const SNAPSHOT_FOLDER = "__pipelines__";

/** The runner's update mode, as jest and vitest name it: `-u` is "all", `--ci` is "none". */
export type UpdateMode = "all" | "new" | "none";

export type SnapshotOutcome =
  | { status: "matched" }
  | { status: "written"; written: string[]; deleted: string[] }
  | { status: "absent"; dir: string }
  | { status: "drifted"; problems: GoldenProblem[] };

/** Compares `files` with the snapshot folder (`shown` names it in diffs), writing it when the update mode says so. */
export function checkSnapshot(dir: string, shown: string, files: Record<string, string>, mode: UpdateMode): SnapshotOutcome {
  const outputs = Object.entries(files).map(([path, contents]) => ({ path, contents }));
  if (mode === "all") return { status: "written", ...writeGoldens(dir, outputs) };
  if (!existsSync(dir)) return mode === "new" ? { status: "written", ...writeGoldens(dir, outputs) } : { status: "absent", dir };
  const problems = compareWithGoldens(dir, outputs, { expected: shown, actual: "compiled" });
  return problems.length === 0 ? { status: "matched" } : { status: "drifted", problems };
}

/** `__pipelines__/<name>` beside the test file; the name is made safe for every file system. */
export function snapshotDir(testPath: string, name: string): string {
  return join(dirname(testPath), SNAPSHOT_FOLDER, folderName(name));
}

const MAX_NAME = 80;

/** `churn compiles › to argo` becomes `churn-compiles-to-argo`; a long name keeps a hash suffix. */
export function folderName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "snapshot";
  if (safe.length <= MAX_NAME) return safe;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${safe.slice(0, MAX_NAME - 9)}-${hash}`;
}

/** The folder as a person finds it from the test: relative to the test's folder. */
export function displayDir(testPath: string, dir: string): string {
  return relative(dirname(testPath), dir).split("\\").join("/");
}

/** What drifted, with each file's unified diff, in the order the files were produced. */
export function describeDrift(shown: string, problems: readonly GoldenProblem[]): string {
  return problems
    .map((p) => {
      if (p.kind === "missing") return `${shown}/${p.path}: new output file, not in the snapshot`;
      if (p.kind === "orphan") return `${shown}/${p.path}: in the snapshot, no longer produced`;
      return `${shown}/${p.path} differs:\n${p.diff}`;
    })
    .join("\n\n");
}
