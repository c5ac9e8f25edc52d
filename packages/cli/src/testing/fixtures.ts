import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Finding fixtures by their layout, never from a hand-kept list:
 * - `fixtures/<case>/pipeline.ts` and `examples/<case>/pipeline.ts`: good pipelines, with every
 *   target's output in `expected/`;
 * - `fixtures/errors/<code>-<slug>/pipeline.ts`: bad ones, with `expected/diagnostics.txt`.
 * Each may have a `fixture.json` (see FixtureConfig).
 */
export interface FixtureCase {
  /** `fixtures/loops` or `examples/churn`: relative to the repository root, with `/`. */
  name: string;
  dir: string;
  pipeline: string;
  expectedDir: string;
  config: FixtureConfig;
}

/** `fixture.json`: which export to compile, back-end options, and an optional target list. */
export interface FixtureConfig {
  export?: string;
  /** Options per back end name, as the back end's schema takes them. */
  options?: Record<string, Record<string, unknown>>;
  /** Restricts the targets (`ir` and back-end names); by default the IR and every ready back end. */
  targets?: string[];
}

export function findGoodCases(root: string): FixtureCase[] {
  return [...casesIn(root, "fixtures"), ...casesIn(root, "examples")];
}

export function findErrorCases(root: string): FixtureCase[] {
  return casesIn(root, "fixtures/errors");
}

function casesIn(root: string, folder: string): FixtureCase[] {
  const base = join(root, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "pipeline.ts")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(base, name);
      return { name: relative(root, dir).split("\\").join("/"), dir, pipeline: join(dir, "pipeline.ts"), expectedDir: join(dir, "expected"), config: readConfig(dir) };
    });
}

/** Reads and checks `fixture.json`; a malformed one is a broken fixture, so it throws. */
function readConfig(dir: string): FixtureConfig {
  const path = join(dir, "fixture.json");
  if (!existsSync(path)) return {};
  const raw = JSON.parse(readFileSync(path, "utf8")) as unknown;
  const problem = configProblem(raw);
  if (problem) throw new Error(`${path}: ${problem}`);
  return raw as FixtureConfig;
}

function configProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return "must be a JSON object";
  for (const key of Object.keys(raw)) if (!["export", "options", "targets", "description"].includes(key)) return `unknown key "${key}" (allowed: export, options, targets, description)`;
  if (raw.export !== undefined && typeof raw.export !== "string") return `"export" must be a string`;
  if (raw.options !== undefined && !(isObject(raw.options) && Object.values(raw.options).every(isObject))) return `"options" must map back-end names to objects`;
  if (raw.targets !== undefined && !(Array.isArray(raw.targets) && raw.targets.every((t) => typeof t === "string"))) return `"targets" must be a list of target names`;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
