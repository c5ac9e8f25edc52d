import fc from "fast-check";
import { exprString } from "./build-when.js";
import { compileText } from "../test/ir-fixtures.js";
import { component, pipeline, task } from "../test/ir-builder.js";
import { argoDocuments } from "../test/specs.js";

/** Reads back what exprString wrote: single-quoted or JSON strings joined with `+`. */
function decode(expr: string): string {
  const body = expr.startsWith("(") ? expr.slice(1, -1) : expr;
  const out: string[] = [];
  const re = /'([^']*)'|("(?:[^"\\]|\\.)*")/gy;
  let i = 0;
  while (i < body.length) {
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw new Error(`cannot read ${body.slice(i)}`);
    out.push(m[1] ?? JSON.parse(m[2]!));
    i = re.lastIndex;
    if (body.startsWith(" + ", i)) i += 3;
  }
  return out.join("");
}

describe("condition string literals", () => {
  it("never hold {{ or }} and read back to the same string", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("{", "}", "'", '"', "\\", "\n", "a", " ", "é", "$", "(") }), (s) => {
        const e = exprString(s);
        expect(e).not.toMatch(/\{\{|\}\}/);
        expect(decode(e)).toBe(s);
      }),
    );
  });
});

describe("when", () => {
  const say = component("say");
  const score = component("score", { outputs: [{ name: "v", type: { category: "param", type: "float" } }] });
  const ir = pipeline([say, score], [
    task("score", "score", 2),
    {
      type: "condition",
      id: "c",
      span: "p.ts:3:1",
      branches: [
        { id: "c-hi", when: { compare: { op: ">=", left: { taskOutput: { task: "score", output: "v" } }, right: { param: "t" } } }, nodes: [task("hi", "say", 4)], span: "p.ts:3:1" },
        { id: "c-mid", when: { compare: { op: "==", left: { param: "env" }, right: { literal: "prod" } } }, nodes: [task("mid", "say", 5)], span: "p.ts:5:1" },
        { id: "c-else", nodes: [task("lo", "say", 6)], span: "p.ts:6:1" },
      ],
    },
  ], {
    params: [
      { name: "t", type: { category: "param", type: "float" }, default: 0.5, span: "p.ts:1:1" },
      { name: "env", type: { category: "param", type: "string" }, default: "dev", span: "p.ts:1:1" },
    ],
  });
  const tasks = (argoDocuments(compileText(ir))[0] as any).spec.templates[0].dag.tasks;
  const when = (name: string) => tasks.find((t: any) => t.name === name).when;

  it("compares numbers as numbers and strings as strings, reading outputs as variables", () => {
    expect(when("c-hi")).toBe("{{=asFloat(tasks['score'].outputs.parameters['v']) >= asFloat(inputs.parameters['t'])}}");
    expect(when("c-mid")).toBe("{{=!(asFloat(tasks['score'].outputs.parameters['v']) >= asFloat(inputs.parameters['t'])) && (inputs.parameters['env'] == 'prod')}}");
  });

  it("runs the else branch only when no earlier test holds", () => {
    expect(when("c-else")).toBe(
      "{{=!(asFloat(tasks['score'].outputs.parameters['v']) >= asFloat(inputs.parameters['t'])) && !(inputs.parameters['env'] == 'prod')}}",
    );
  });

  it("branch tasks wait for the tasks their test reads", () => {
    expect(tasks.filter((t: any) => t.name.startsWith("c-")).map((t: any) => t.depends)).toEqual(["score", "score", "score"]);
  });
});
