// Parity with Argo's own examples (../shared/specs/argo/examples): each is re-expressed in
// Sluice as fixtures/argo-<example>/pipeline.ts, and its compiled golden must have the same
// shape: the same leaf tasks, dependencies, conditions, loops, exit handlers and retries.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { workflowShape } from "../test/structure.js";
import { argoDocuments, repoRoot, specsDir } from "../test/specs.js";

interface Case {
  example: string;
  fixture: string;
  golden: string;
  /** Leaves of the original that Sluice cannot express, and why. */
  omit?: { leaves: string[]; why: string };
}

const CASES: Case[] = [
  { example: "dag-diamond", fixture: "argo-dag-diamond", golden: "dag-diamond" },
  { example: "artifact-passing", fixture: "argo-artifact-passing", golden: "artifact-passing" },
  { example: "conditionals", fixture: "argo-conditionals", golden: "conditional" },
  { example: "loops-param-result", fixture: "argo-loops-param-result", golden: "loops-param-result" },
  { example: "loops-param-argument", fixture: "argo-loops-param-argument", golden: "loops-param-arg" },
  {
    example: "exit-handlers",
    fixture: "argo-exit-handlers",
    golden: "exit-handlers",
    omit: { leaves: ["celebrate", "cry"], why: "they branch on {{workflow.status}}, which a Sluice pipeline cannot read" },
  },
  { example: "retry-backoff", fixture: "argo-retry-backoff", golden: "retry-backoff" },
  { example: "output-parameter", fixture: "argo-output-parameter", golden: "output-parameter" },
  { example: "cron-workflow", fixture: "argo-cron-workflow", golden: "hello-world" },
  { example: "parallelism-limit", fixture: "argo-parallelism-limit", golden: "parallelism-limit" },
];

function original(example: string) {
  return argoDocuments(readFileSync(join(specsDir(), "argo/examples", `${example}.yaml`), "utf8"))[0] as Record<string, any>;
}

function compiled(c: Case) {
  return argoDocuments(readFileSync(join(repoRoot, "fixtures", c.fixture, "expected", `${c.golden}.argo.yaml`), "utf8"))[0] as Record<string, any>;
}

describe.each(CASES)("Argo example $example", (c) => {
  it("has the same leaf tasks, dependencies, conditions, loops and exit handlers", () => {
    const want = workflowShape(original(c.example));
    for (const leaf of c.omit?.leaves ?? []) want.delete(leaf);
    expect(Object.fromEntries(workflowShape(compiled(c)))).toEqual(Object.fromEntries(want));
  });

  it("is the same kind of object", () => {
    expect(compiled(c).kind).toBe(original(c.example).kind);
  });
});

describe("workflow-level settings", () => {
  it("cron-workflow: same schedule, time zone and concurrency policy", () => {
    const pick = (d: any) => ({ schedules: d.spec.schedules, timezone: d.spec.timezone, concurrencyPolicy: d.spec.concurrencyPolicy });
    expect(pick(compiled(CASES.find((c) => c.example === "cron-workflow")!))).toEqual(pick(original("cron-workflow")));
  });

  it("parallelism-limit: same workflow parallelism", () => {
    expect(compiled(CASES.find((c) => c.example === "parallelism-limit")!).spec.parallelism).toBe(original("parallelism-limit").spec.parallelism);
  });

  it("retry-backoff: same backoff, in seconds", () => {
    const secs = (s: string) => String(s).replace(/s$/, "");
    const leaf = (d: any) => d.spec.templates.find((t: any) => t.retryStrategy).retryStrategy;
    const a = leaf(compiled(CASES.find((c) => c.example === "retry-backoff")!));
    const b = leaf(original("retry-backoff"));
    expect([secs(a.backoff.duration), a.backoff.factor, secs(a.backoff.cap)]).toEqual([secs(b.backoff.duration), b.backoff.factor, secs(b.backoff.cap)]);
  });
});
