// Every SLU2xxx diagnostic, asserted by code, severity and line (never by message text).
import { compile } from "../test/ir-fixtures.js";
import { FILE, component, pipeline, task } from "../test/ir-builder.js";

function found(r: ReturnType<typeof compile>) {
  return r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.span?.line, file: d.span?.file }));
}

const dataset = { category: "artifact", kind: "dataset" } as const;

describe("Argo diagnostics", () => {
  it("SLU2001: two names that meet after sanitizing", () => {
    const ir = pipeline([component("work")], [{ type: "loop", id: "work", items: { literal: [1] }, itemName: "x", nodes: [task("w", "work", 5)], span: `${FILE}:4:3` }]);
    const r = compile(ir);
    // At the step (named second), with the loop as the related location.
    expect(found(r)).toEqual([{ code: "SLU2001", severity: "error", line: 1, file: FILE }]);
    expect(r.diagnostics[0]!.related?.[0]?.span?.line).toBe(4);
    expect(r.files).toEqual([]);
  });

  it("SLU2002: {{ in an image", () => {
    const ir = pipeline([component("c", { image: "repo/{{x}}:1", span: `${FILE}:3:1` })], [task("c", "c", 9)]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2002", severity: "error", line: 3, file: FILE }]);
  });

  it("SLU2002: a literal loop list Argo would rewrite", () => {
    const ir = pipeline([component("c")], [{ type: "loop", id: "l", items: { literal: ["{{workflow.name}}"] }, itemName: "x", nodes: [task("c", "c", 8)], span: `${FILE}:7:3` }]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2002", severity: "error", line: 7, file: FILE }]);
  });

  it("SLU2003: an artifact param of the top pipeline", () => {
    const ir = pipeline([component("c")], [task("c", "c", 9)], { params: [{ name: "data", type: dataset, span: `${FILE}:2:5` }] });
    expect(found(compile(ir))).toEqual([{ code: "SLU2003", severity: "error", line: 2, file: FILE }]);
  });

  it("SLU2004: a loop over a template string", () => {
    const ir = pipeline([component("c")], [{ type: "loop", id: "l", items: { template: ["a"] }, itemName: "x", nodes: [task("c", "c", 8)], span: `${FILE}:6:3` }]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2004", severity: "error", line: 6, file: FILE }]);
  });

  it("SLU2005: a display name Argo cannot show (warning: the file is still written)", () => {
    const r = compile(pipeline([component("c")], [task("c", "c", 9, { options: { displayName: "Nice" } })]));
    expect(found(r)).toEqual([{ code: "SLU2005", severity: "warning", line: 9, file: FILE }]);
    expect(r.files).toHaveLength(1);
  });

  it("SLU2006: a fractional backoff factor", () => {
    const ir = pipeline([component("c", { retry: { limit: 2, backoff: { durationSeconds: 1, factor: 1.5 } }, span: `${FILE}:3:1` })], [task("c", "c", 9)]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2006", severity: "warning", line: 3, file: FILE }]);
  });

  it("a fan-in of parameters and artifacts from a branch of the loop body compiles (SLU2007 no more)", () => {
    const out = component("c", { outputs: [{ name: "v", type: { category: "param", type: "int" } }, { name: "m", type: { category: "artifact", kind: "model" } }] });
    const sink = component("sink", { inputs: [{ name: "vs", type: { category: "paramList", items: "int" } }, { name: "ms", type: { category: "artifactList", kind: "model" } }] });
    const inner: any = { type: "condition", id: "cond", span: `${FILE}:5:5`, branches: [{ id: "cond-then", when: { compare: { op: "==", left: { literal: 1 }, right: { literal: 1 } } }, nodes: [task("c", "c", 6)], span: `${FILE}:5:5` }] };
    const loop = { type: "loop", id: "l", items: { literal: [1] }, itemName: "x", nodes: [inner], span: `${FILE}:4:3` };
    const vs = { collected: { loop: "l", task: "c", output: "v" } };
    expect(found(compile(pipeline([out, sink], [loop, task("sink", "sink", 8, { inputs: { vs, ms: { collected: { loop: "l", task: "c", output: "m" } } } })])))).toEqual([]);
    const params = component("sink", { inputs: [{ name: "vs", type: { category: "paramList", items: "int" } }] });
    expect(found(compile(pipeline([out, params], [loop, task("sink", "sink", 8, { inputs: { vs } })])))).toEqual([]);
  });

  it("SLU2007: fan-in from inside an exit handler in the loop body", () => {
    const out = component("c", { outputs: [{ name: "v", type: { category: "param", type: "int" } }] });
    const sink = component("sink", { inputs: [{ name: "vs", type: { category: "paramList", items: "int" } }] });
    const handler: any = { type: "exitHandler", id: "eh", span: `${FILE}:5:5`, nodes: [task("c", "c", 6)], exit: [task("c-exit", "c", 7)] };
    const ir = pipeline([out, sink], [
      { type: "loop", id: "l", items: { literal: [1] }, itemName: "x", nodes: [handler], span: `${FILE}:4:3` },
      task("sink", "sink", 8, { inputs: { vs: { collected: { loop: "l", task: "c", output: "v" } } } }),
    ]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2007", severity: "error", line: 4, file: FILE }]);
  });

  it("SLU2011: an artifact fan-in of a loop inside another loop", () => {
    const producer = component("c", { outputs: [{ name: "m", type: { category: "artifact", kind: "model" } }] });
    const sink = component("sink", { inputs: [{ name: "ms", type: { category: "artifactList", kind: "model" } }] });
    const inner: any = { type: "loop", id: "inner", items: { literal: [1, 2] }, itemName: "y", nodes: [task("c", "c", 6)], span: `${FILE}:5:5` };
    const ir = pipeline([producer, sink], [
      { type: "loop", id: "outer", items: { literal: [1] }, itemName: "x", nodes: [inner, task("sink", "sink", 7, { inputs: { ms: { collected: { loop: "inner", task: "c", output: "m" } } } })], span: `${FILE}:4:3` },
    ]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2011", severity: "error", line: 5, file: FILE }]);
  });

  it("SLU2012 and SLU2013: past the Workflow CRD's 200 templates and 200 tasks in one DAG (warnings)", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => component(`c${i}`));
    const calls = (n: number, each: (i: number) => string) => Array.from({ length: n }, (_, i) => task(`t${i}`, each(i), 9));
    expect(found(compile(pipeline(many(199), calls(199, (i) => `c${i}`))))).toEqual([]);
    expect(found(compile(pipeline([component("c")], calls(201, () => "c"))))).toEqual([{ code: "SLU2013", severity: "warning", line: 1, file: FILE }]);
    const both = compile(pipeline(many(201), calls(201, (i) => `c${i}`)));
    expect(found(both)).toEqual([
      { code: "SLU2012", severity: "warning", line: 1, file: FILE },
      { code: "SLU2013", severity: "warning", line: 1, file: FILE },
    ]);
    expect(both.files.length).toBeGreaterThan(0);
  });

  it("SLU2008: a schedule on a WorkflowTemplate", () => {
    const ir = pipeline([component("c")], [task("c", "c", 9)], { schedule: { cron: "0 * * * *" } });
    expect(found(compile(ir, { kind: "template" }))).toEqual([{ code: "SLU2008", severity: "warning", line: 1, file: FILE }]);
  });

  it("SLU2009: a cached step with artifact inputs", () => {
    const ir = pipeline([component("c", { inputs: [{ name: "d", type: dataset }], cache: true, span: `${FILE}:3:1` })], [task("c", "c", 9)]);
    expect(found(compile(ir))).toEqual([{ code: "SLU2009", severity: "warning", line: 3, file: FILE }]);
  });

  it("SLU2010: a param default Argo would rewrite is compiled in", () => {
    const ir = pipeline([component("c", { inputs: [{ name: "m", type: { category: "param", type: "string" } }] })], [task("c", "c", 9, { inputs: { m: { param: "msg" } } })], {
      params: [{ name: "msg", type: { category: "param", type: "string" }, default: "{{workflow.name}}", span: `${FILE}:2:5` }],
    });
    const r = compile(ir);
    expect(found(r)).toEqual([{ code: "SLU2010", severity: "warning", line: 2, file: FILE }]);
    expect(r.files[0]!.contents).not.toMatch(/name: msg/);
  });
});
