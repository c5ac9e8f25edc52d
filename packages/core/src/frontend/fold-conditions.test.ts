// Conditions known when compiling are decided in the front end, for every target alike.
import type { Expr } from "../ir/index.js";
import { foldExpr } from "./fold-conditions.js";
import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

const lit = (literal: number | string | boolean) => ({ literal });
const cmp = (op: "==" | "!=" | "<" | "<=" | ">" | ">=", left: unknown, right: unknown): Expr => ({ compare: { op, left, right } }) as Expr;
const onParam: Expr = cmp(">", { param: "n" }, lit(0));

describe("foldExpr", () => {
  it.each([
    [cmp(">", lit(1), lit(0)), true],
    [cmp("<=", lit(2), lit(1)), false],
    [cmp("==", lit("a"), lit("a")), true],
    [cmp("!=", lit(true), lit(false)), true],
    // by code point, as Python and Go order strings: U+FF61 < U+1F600, though not by UTF-16 unit
    [cmp("<", lit("\uff61"), lit("\u{1f600}")), true],
    [{ not: cmp("<", lit("b"), lit("a")) }, true],
  ])("decides %j", (e, value) => expect(foldExpr(e)).toBe(value));

  it.each([
    ["a comparison with a param", onParam],
    ["an ordering of booleans", cmp("<", lit(false), lit(true))],
    ["values of two kinds", cmp("==", lit(1), lit("1"))],
  ])("leaves %s to the orchestrator", (_, e) => expect(foldExpr(e)).toEqual(e));

  it("keeps only the run-time parts of && and ||", () => {
    expect(foldExpr({ and: [onParam, cmp(">", lit(3), lit(1))] })).toEqual(onParam);
    expect(foldExpr({ and: [onParam, cmp(">", lit(1), lit(3))] })).toBe(false);
    expect(foldExpr({ or: [onParam, cmp(">", lit(3), lit(1))] })).toBe(true);
    expect(foldExpr({ or: [onParam, cmp(">", lit(1), lit(3)), onParam] })).toEqual({ or: [onParam, onParam] });
  });
});

describe("an if known when compiling", () => {
  const STEPS = `const a = step({ name: "a", image: "alpine", command: ["echo"] });\nconst b = step({ name: "b", image: "alpine", command: ["echo"] });\n`;
  const pipelineWith = (body: string) => analyzeSources({ "pipeline.ts": `${HEADER}${STEPS}const OFF = false;\nexport default pipeline({ name: "p" }, () => {\n  a({});\n${body}\n});\n` });

  it("writes the branch that runs plainly and declares no step only a dead branch calls", () => {
    const { ir, diagnostics } = pipelineWith(`  if (OFF) {\n    b({});\n  } else {\n    a({}, { name: "a2" });\n  }`);
    expect(diagnostics).toEqual([]);
    expect(ir!.spec.root.map((n) => `${n.type}:${n.id}`)).toEqual(["task:a", "task:a2"]);
    expect(ir!.spec.components.map((c) => c.name)).toEqual(["a"]);
  });

  it("still reports the mistakes of a branch that never runs", () => {
    expect(codesAt(pipelineWith(`  if (OFF) {\n    b({ nope: 1 });\n  }`))).toEqual(["SLU1201@8:9"]);
  });

  it("is an empty pipeline (SLU1309) when it leaves nothing to run", () => {
    const result = analyzeSources({ "pipeline.ts": `${HEADER}${STEPS}export default pipeline({ name: "p" }, () => {\n  if (1 > 2) {\n    a({});\n  }\n});\n` });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["SLU1309"]);
  });
});
