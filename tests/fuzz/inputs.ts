import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { backendOptionArgs, findErrorCases, findGoodCases, type FixtureCase } from "../../packages/cli/src/index.js";
import { HAND_MADE, type FuzzInput } from "./hand-made.js";
import { mutate } from "./mutate.js";
import { Random } from "./random.js";

export interface PlannedRun {
  id: string;
  /** Where it comes from: a fixture's name or "hand-made". */
  group: string;
  files: Record<string, string>;
  args: string[];
  format: "json" | "text";
  outDir: string;
}

/** Mutations per fixture: with about 100 fixtures and examples, over 1,000 inputs in all. */
export const MUTATIONS_PER_FIXTURE = 10;

/** Every file of a fixture folder but its goldens, by path relative to the folder. */
function fixtureFiles(c: FixtureCase): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "expected") walk(path);
      } else files[relative(c.dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(c.dir);
  return files;
}

function compileArgs(entry: string, format: "json" | "text", extra: readonly string[]): string[] {
  return ["compile", entry, "--target", "all", "--out", "out", "--no-git", "--format", format, ...extra];
}

/** The whole plan, from the seed alone: same seed, same inputs, in the same order. */
export function planRuns(root: string, seed: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const fixtures = [...findGoodCases(root), ...findErrorCases(root)];
  for (const c of fixtures) {
    const files = fixtureFiles(c);
    const source = files["pipeline.ts"]!;
    const extra = [...(c.config.export ? ["--export", c.config.export] : []), ...backendOptionArgs(c.config.options)];
    // Seeded by the fixture's name too, so adding a fixture does not change the others' inputs.
    const local = new Random(seed ^ nameHash(c.name));
    for (let m = 0; m < MUTATIONS_PER_FIXTURE; m++) {
      const { text, applied } = mutate(source, local);
      const format = m % 2 === 0 ? "json" : "text";
      runs.push({ id: `${c.name}#${m}:${applied.join("+")}`, group: c.name, files: { ...files, "pipeline.ts": text }, args: compileArgs("pipeline.ts", format, extra), format, outDir: "out" });
    }
  }
  for (const input of HAND_MADE) runs.push(...handMadeRuns(input));
  return runs;
}

/** FNV-1a of a name: a stable 32-bit salt. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A hand-made input runs in both formats. */
function handMadeRuns(input: FuzzInput): PlannedRun[] {
  return (["json", "text"] as const).map((format) => {
    const args = compileArgs(input.entry ?? "pipeline.ts", format, input.args ?? []);
    // A later --out wins in commander: the input's own --out is the folder to check.
    const outAt = args.lastIndexOf("--out");
    return { id: `hand-made/${input.id}:${format}`, group: "hand-made", files: input.files, args, format, outDir: args[outAt + 1]! };
  });
}
