// The fuzz suite of issue 14: over 1,000 generated inputs (mutations of every fixture and example,
// and the hand-made classes of tests/fuzz/hand-made.ts), each compiled by the real CLI code
// in-process (a worker thread, so a hang can be stopped), with the central fixed seed
// (tests/setup/seed.ts; SLUICE_FUZZ_SEED replays another, scripts/fuzz-random.sh draws one).
// Each run must hold the promises of checks.ts: no exit 70, no stack trace, no hang past
// PER_INPUT_LIMIT_MS, every diagnostic located inside its file, nothing left in --out on failure,
// one JSON report with --format json. The distinct outputs of exit-0 runs are written to
// tests/fuzz/.accepted/ for conformance/fuzz/run.sh, which has the real consumers check them.
// SLUICE_FUZZ_RECORD=1 saves each failing input under tests/fuzz/known/ as a reproducer.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { testSeed } from "../setup/seed.js";
import { checkRun, type RunResult } from "./checks.js";
import { planRuns, type PlannedRun } from "./inputs.js";
import { FuzzWorker } from "./pool.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const seed = testSeed();
const runs = planRuns(root, seed);
const ACCEPTED = join(root, "tests/fuzz/.accepted");
const KNOWN = join(root, "tests/fuzz/known");
/** Distinct exit-0 outputs handed to the real consumers: enough variety, bounded cost. */
const ACCEPTED_CAP = 250;
/** At most this many per fixture, so that every fixture and every hand-made input gets its turn. */
const ACCEPTED_PER_GROUP = 2;

// Two threads (CI has two cores): the mutations of a fixture run two at a time, and their results
// are checked in plan order, so what is kept in .accepted/ does not depend on which finished first.
const workers = [new FuzzWorker(), new FuzzWorker()];
const work = mkdtempSync(join(tmpdir(), "sluice-fuzz-"));
const acceptedHashes = new Set<string>();
const acceptedPerGroup = new Map<string, number>();
let counter = 0;

beforeAll(() => {
  rmSync(ACCEPTED, { recursive: true, force: true });
  mkdirSync(ACCEPTED, { recursive: true });
  writeFileSync(join(ACCEPTED, "SEED"), `${seed}\n`);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  rmSync(work, { recursive: true, force: true });
});

function execute(run: PlannedRun, worker: FuzzWorker): Promise<RunResult> {
  return worker.run({ dir: join(work, String(counter++)), files: run.files, args: run.args, outDir: run.outDir });
}

/** Every run of `list`, two at a time, checked in plan order. */
async function runAll(list: PlannedRun[]): Promise<string[]> {
  const results: RunResult[] = [];
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < list.length) {
        const i = next++;
        results[i] = await execute(list[i]!, worker);
      }
    }),
  );
  return list.flatMap((run, i) => check(run, results[i]!));
}

async function runOne(run: PlannedRun): Promise<string[]> {
  return check(run, await execute(run, workers[0]!));
}

function check(run: PlannedRun, result: RunResult): string[] {
  const problems = checkRun(result, { format: run.format, files: run.files });
  if (problems.length === 0 && result.code === 0 && result.out) keepAccepted(run, result.out);
  if (problems.length > 0 && process.env.SLUICE_FUZZ_RECORD === "1") recordKnown(run, problems);
  return problems.map((p) => `${run.id}: ${p}`);
}

function keepAccepted(run: PlannedRun, out: Record<string, string>): void {
  const files = Object.entries(out).filter(([path]) => !path.endsWith("/")).sort(([a], [b]) => (a < b ? -1 : 1));
  const hash = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 12);
  const group = run.group === "hand-made" ? run.id : run.group;
  if (acceptedHashes.has(hash) || acceptedHashes.size >= ACCEPTED_CAP || (acceptedPerGroup.get(group) ?? 0) >= ACCEPTED_PER_GROUP) return;
  acceptedHashes.add(hash);
  acceptedPerGroup.set(group, (acceptedPerGroup.get(group) ?? 0) + 1);
  const dir = join(ACCEPTED, `${String(acceptedHashes.size).padStart(3, "0")}-${hash}`);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // What produced it, so that a consumer's refusal can be replayed (conformance/fuzz/run.sh).
  writeInput(join(dir, "input"), run, []);
}

function writeInput(dir: string, run: PlannedRun, problems: string[]): void {
  for (const [path, text] of Object.entries(run.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const command = `node <repo>/packages/cli/dist/bin.js ${run.args.map((a) => JSON.stringify(a)).join(" ")}`;
  writeFileSync(join(dir, "REPRODUCE.txt"), `${run.id}\nseed ${seed}\nin this folder: ${command}\n${problems.length ? `\n${problems.join("\n")}\n` : ""}`);
}

function recordKnown(run: PlannedRun, problems: string[]): void {
  const dir = join(KNOWN, run.id.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 120));
  rmSync(dir, { recursive: true, force: true });
  writeInput(dir, run, problems);
}

const groups = [...new Set(runs.map((r) => r.group))];

describe(`fuzz suite (seed ${seed}, ${runs.length} inputs)`, () => {
  it("has at least 1,000 inputs", () => expect(runs.length).toBeGreaterThanOrEqual(1000));

  for (const group of groups) {
    const members = runs.filter((r) => r.group === group);
    if (group === "hand-made") {
      for (const run of members) it(run.id, async () => expect(await runOne(run)).toEqual([]), 120_000);
    } else {
      it(`${group} (${members.length} mutations)`, async () => expect(await runAll(members)).toEqual([]), 600_000);
    }
  }
});
