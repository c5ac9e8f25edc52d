import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

const STEPS = `
const emit = step({ name: "emit", image: "a", inputs: { x: param.string() }, outputs: { y: param.string(), n: param.int(), items: param.list(param.string()), m: artifact.model() },
  args: ({ inputs, outputs }) => [inputs.x, outputs.y.path, outputs.n.path, outputs.items.path, outputs.m.path] });
const take = step({ name: "take", image: "a", inputs: { x: param.string({ optional: true }), models: artifact.list(artifact.model(), { optional: true }), ys: param.list(param.string(), { optional: true }) }, command: ["true"] });
`;

function analyzeBody(body: string, extra = "") {
  return analyzeSources({ "pipeline.ts": `${HEADER}${STEPS}${extra}\nexport default pipeline({ name: "p", params: { xs: param.list(param.string(), { default: ["a"] }), k: param.int({ default: 1 }), on: param.bool({ default: true }) } }, ({ params }) => {\n${body}\n});\n` });
}

describe("pipeline bodies", () => {
  it("numbers repeated calls in source order and honours the name option", () => {
    const r = analyzeBody(`emit({ x: "1" }); emit({ x: "2" }, { name: "second" }); emit({ x: "3" });`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.root.map((n) => n.id)).toEqual(["emit", "second", "emit-2"]);
  });

  it("nests loops, reads loop item fields, and conditions on loop items", () => {
    const r = analyzeBody(`for (const cfg of [{ name: "a", size: 1 }, { name: "b", size: 2 }]) {
  for (const x of params.xs) {
    if (cfg.size > 1) { take({ x: cfg.name }); }
    take({ x });
  }
}`);
    expect(r.diagnostics).toEqual([]);
    const outer = r.ir!.spec.root[0]!;
    expect(outer).toMatchObject({ type: "loop", id: "for-each-cfg", itemName: "cfg", items: { literal: [{ name: "a", size: 1 }, { name: "b", size: 2 }] } });
    const inner = (outer as { nodes: unknown[] }).nodes[0];
    expect(inner).toMatchObject({
      type: "loop",
      id: "for-each-x",
      items: { param: "xs" },
      nodes: [
        { type: "condition", id: "condition-1", branches: [{ id: "condition-1-then", when: { compare: { op: ">", left: { loopItem: "for-each-cfg", field: "size" }, right: { literal: 1 } } } }] },
        { type: "task", id: "take-2", inputs: { x: { loopItem: "for-each-x" } } },
      ],
    });
  });

  it("collects .map results: one output, the task, or an object of outputs", () => {
    const r = analyzeBody(`const ys = params.xs.map((x) => emit({ x }).outputs.y);
const tasks = params.xs.map((x) => emit({ x }));
const both = params.xs.map((x) => { const e = emit({ x }); return { m: e.outputs.m, y: e.outputs.y }; });
take({ ys, models: tasks.map((t) => t.outputs.m) });
take({ ys: both.map((b) => b.y), models: both.map((b) => { return b.m; }) });`);
    expect(r.diagnostics).toEqual([]);
    const [, , , t1, t2] = r.ir!.spec.root;
    expect(t1).toMatchObject({ inputs: { ys: { collected: { loop: "for-each-x", task: "emit", output: "y" } }, models: { collected: { loop: "for-each-x-2", task: "emit-2", output: "m" } } } });
    expect(t2).toMatchObject({ inputs: { ys: { collected: { loop: "for-each-x-3", task: "emit-3", output: "y" } }, models: { collected: { loop: "for-each-x-3", task: "emit-3", output: "m" } } } });
  });

  it("refuses a field read on the list of entries itself, as tsc does (SLU1106 where TS2339; the body starts on line 8)", () => {
    const r = analyzeBody(`const tasks = params.xs.map((x) => emit({ x }));
const both = params.xs.map((x) => { const e = emit({ x }); return { m: e.outputs.m }; });
take({ models: tasks.outputs.m });
take({ models: both.m });
take({ models: both.map((b) => b.nope) });`);
    expect(r.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ["SLU1106", 10],
      ["SLU1106", 11],
      ["SLU1106", 12],
    ]);
  });

  it("loops over a list output of a step (dynamic fan-out)", () => {
    const r = analyzeBody(`const e = emit({ x: "a" });\nfor (const item of e.outputs.items) { take({ x: item }); }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.root[1]).toMatchObject({ type: "loop", items: { taskOutput: { task: "emit", output: "items" } } });
  });

  it("turns try/finally into an exit handler and keeps explicit after edges apart from data edges", () => {
    const r = analyzeBody(`const a = emit({ x: "a" });
try { const b = emit({ x: a.outputs.y }, { after: [a] }); take({}, { after: [b, [a]] }); } finally { take({ x: "bye" }); }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.root[1]).toMatchObject({
      type: "exitHandler",
      id: "exit-handler-1",
      nodes: [{ id: "emit-2", after: ["emit"] }, { id: "take", after: ["emit-2", "emit"] }],
      exit: [{ id: "take-2", inputs: { x: { literal: "bye" } } }],
    });
  });

  it("stores === as == and combines && || ! in source order", () => {
    const r = analyzeBody(`const e = emit({ x: "a" });\nif (!(e.outputs.n === 3) && (params.k < e.outputs.n || params.on)) { take({}); }`);
    expect(r.diagnostics).toEqual([]);
    expect((r.ir!.spec.root[1] as { branches: { when: unknown }[] }).branches[0]!.when).toEqual({
      and: [
        { not: { compare: { op: "==", left: { taskOutput: { task: "emit", output: "n" } }, right: { literal: 3 } } } },
        { or: [{ compare: { op: "<", left: { param: "k" }, right: { taskOutput: { task: "emit", output: "n" } } } }, { compare: { op: "==", left: { param: "on" }, right: { literal: true } } }] },
      ],
    });
  });

  it("calls nested pipelines, also imported, with their returned outputs", () => {
    const r = analyzeSources({
      "sub.ts": `${HEADER}const mk = step({ name: "mk", image: "a", inputs: { x: param.string() }, outputs: { y: param.string() }, args: ({ inputs, outputs }) => [inputs.x, outputs.y.path] });
export const sub = pipeline({ name: "sub", params: { x: param.string() } }, ({ params }) => { const m = mk({ x: params.x }); return { y: m.outputs.y }; });
`,
      "pipeline.ts": `${HEADER}import { sub } from "./sub.js";
const use = step({ name: "use", image: "a", inputs: { v: param.string() }, command: ["echo"] });
export default pipeline({ name: "top" }, () => { const s = sub({ x: "1" }); sub({ x: "2" }); use({ v: s.outputs.y }); });
`,
    });
    expect(r.diagnostics).toEqual([]);
    const ir = r.ir!;
    expect(ir.spec.subPipelines).toMatchObject([{ name: "sub", params: [{ name: "x" }], outputs: [{ name: "y", type: { category: "param", type: "string" }, from: { taskOutput: { task: "mk", output: "y" } } }] }]);
    expect(ir.spec.root).toMatchObject([
      { type: "subPipeline", id: "sub", pipeline: "sub" },
      { type: "subPipeline", id: "sub-2" },
      { type: "task", id: "use", inputs: { v: { taskOutput: { task: "sub", output: "y" } } } },
    ]);
    expect(ir.spec.components.map((c) => c.name)).toEqual(["mk", "use"]);
  });

  it("gives byte-identical IR for the same source, and keeps the hash when only spans move", () => {
    const a = analyzeBody(`emit({ x: "a" });`);
    const b = analyzeBody(`emit({ x: "a" });`);
    const moved = analyzeBody(`\n\n  emit({ x: "a" });`);
    expect(JSON.stringify({ ...a.ir, metadata: { ...a.ir!.metadata, source: null } })).toBe(JSON.stringify({ ...b.ir, metadata: { ...b.ir!.metadata, source: null } }));
    expect(moved.ir!.metadata.hash).toBe(a.ir!.metadata.hash);
  });

  it("selects one of several exported pipelines", () => {
    const r = analyzeSources(
      { "pipeline.ts": `${HEADER}const s = step({ name: "s", image: "a", command: ["true"] });\nexport const one = pipeline({ name: "one" }, () => { s({}); });\nexport const two = pipeline({ name: "two" }, () => s({}));\n` },
      "two",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.metadata).toMatchObject({ name: "two", source: { file: "pipeline.ts", export: "two" } });
    expect(r.ir!.spec.root.map((n) => n.id)).toEqual(["s"]);
  });

  it("falls back to defaults.image", () => {
    const r = analyzeSources({ "pipeline.ts": `${HEADER}const s = step({ name: "s", command: ["true"] });\nexport default pipeline({ name: "d", defaults: { image: "busybox" } }, () => { s({}); });\n` });
    expect(r.ir!.spec.components[0]!.image).toBe("busybox");
  });
});

describe("body diagnostics, by code and span", () => {
  it("refuses an output read outside the loop that produced it (except through .map)", () => {
    const r = analyzeBody(`for (const x of params.xs) { var e = emit({ x }); }\ntake({ x: e.outputs.y });`);
    expect(codesAt(r)).toEqual(["SLU1301@9:11"]);
  });

  it("carries the scope of a template's parts, so text built in a branch stays there", () => {
    const r = analyzeBody(`if (params.on) { var e = emit({ x: "a" }); var msg = \`v=\${e.outputs.y}\`; }\ntake({ x: msg });`);
    expect(codesAt(r)).toEqual(["SLU1301@9:11"]);
  });

  it("reports a finally block reading the try block's outputs", () => {
    const r = analyzeBody(`try { var e = emit({ x: "a" }); } finally { take({ x: e.outputs.y }); }`);
    expect(codesAt(r)).toEqual(["SLU1301@8:55"]);
  });

  it("reports a type mismatch of a list where a single value is wanted, and a literal of the wrong type", () => {
    const r = analyzeBody(`take({ x: params.xs });\ntake({ x: 3 });`);
    expect(codesAt(r)).toEqual(["SLU1203@8:11", "SLU1203@9:11"]);
  });

  it("keeps going after a failing statement and reports each problem once", () => {
    const r = analyzeBody(`const a = emit({ x: nope });\ntake({ x: a.outputs.y });\nwhile (true) {}\nemit({ x: "ok" }, { name: "ok", timeout: "soon" });`);
    expect(codesAt(r)).toEqual(["SLU1106@8:21", "SLU1004@10:1", "SLU1408@11:33"]);
  });

  it("checks literals against an input's enum, and refuses comparing a string with a number", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}const pick = step({ name: "pick", image: "a", inputs: { size: param.string({ enum: ["s", "l"] }) }, command: ["true"] });
export default pipeline({ name: "e", params: { name: param.string({ default: "x" }) } }, ({ params }) => {
  pick({ size: "m" });
  if (params.name > 3) { pick({ size: "s" }); }
});
`,
    });
    expect(codesAt(r)).toEqual(["SLU1203@4:16", "SLU1205@5:7"]);
  });

  it("refuses collecting from a .map an output produced in a group nested in the loop", () => {
    const r = analyzeBody(`const ys = params.xs.map((x) => { if (params.on) { var e = emit({ x }); } return e.outputs.y; });`);
    expect(codesAt(r)).toEqual(["SLU1301@8:82"]);
  });

  describe(".flatMap", () => {
    const collectedOf = (r: ReturnType<typeof analyzeBody>, id: string) => (r.ir!.spec.root.find((n) => n.id === id) as { inputs: Record<string, unknown> }).inputs;

    it("collects the iterations whose branch ran: the task sits in the branch, the fan-in names the loop", () => {
      const r = analyzeBody(`const ys = params.xs.flatMap((x) => { if (params.on) { return [emit({ x }).outputs.y]; } return []; });\ntake({ ys });`);
      expect(r.diagnostics).toEqual([]);
      expect(r.ir!.spec.root[0]).toMatchObject({ type: "loop", id: "for-each-x", nodes: [{ type: "condition", branches: [{ nodes: [{ type: "task", id: "emit" }] }] }] });
      expect(collectedOf(r, "take")).toEqual({ ys: { collected: { loop: "for-each-x", task: "emit", output: "y" } } });
    });

    it("flattens an inner .map (also the outputs of a returned task) into one list of the outer loop", () => {
      const r = analyzeBody(`const ys = params.xs.flatMap((x) => ["a", "b"].map((z) => emit({ x: z })));\ntake({ ys: ys.map((t) => t.outputs.y) });`);
      expect(r.diagnostics).toEqual([]);
      expect(collectedOf(r, "take")).toEqual({ ys: { collected: { loop: "for-each-x", task: "emit", output: "y" } } });
    });

    it("takes an else branch that adds nothing, and an expression body like .map's", () => {
      const r = analyzeBody(`const a = params.xs.flatMap((x) => { if (params.on) { return [emit({ x }).outputs.y]; } else { take({ x }); return []; } });\nconst b = params.xs.flatMap((x) => [emit({ x }, { name: "e2" }).outputs.y]);\ntake({ ys: a }, { name: "t2" });\ntake({ ys: b }, { name: "t3" });`);
      expect(r.diagnostics).toEqual([]);
      expect(collectedOf(r, "t3")).toEqual({ ys: { collected: { loop: "for-each-x-2", task: "e2", output: "y" } } });
    });

    it("refuses, where they are written, the fan-ins no target means alike (SLU1308)", () => {
      const r = analyzeBody(
        [
          `const a = params.xs.map((x) => { if (params.on) { return emit({ x }).outputs.y; } return emit({ x }, { name: "e2" }).outputs.y; });`,
          `const b = params.xs.flatMap((x) => { const t = emit({ x }, { name: "e3" }); if (params.on) { return [t.outputs.y]; } return []; });`,
          `const c = params.xs.flatMap((x) => { if (params.on) { return [emit({ x }, { name: "e4" }).outputs.y]; } take({ x }); return []; });`,
          `const d = params.xs.flatMap((x) => [emit({ x }, { name: "e5" }).outputs.y, emit({ x }, { name: "e6" }).outputs.y]);`,
        ].join("\n"),
      );
      expect(codesAt(r)).toEqual(["SLU1308@8:51", "SLU1308@8:83", "SLU1308@9:102", "SLU1308@10:105", "SLU1308@11:36"]);
    });
  });
});
