// Every example and fixture drawn through Graphviz: each task is a node, each group a cluster,
// no two task boxes overlap, and the three kinds of edges keep their style. Read from the SVG
// that Graphviz wrote, not from our own model, so a layout problem cannot hide.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { allNodes, findSubPipeline, type Node, type Pipeline } from "@sluice/core/backend";
import { analyzePipelineFile } from "@sluice/core/frontend";
import { findGoodCases } from "../../cli/src/testing/index.js";
import { allClusters, buildGraph, dotToSvg, renderDot, renderGraph, renderMermaid } from "./index.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const cases = findGoodCases(root);

function irOf(name: string): Pipeline {
  const fixture = cases.find((c) => c.name === name)!;
  const r = analyzePipelineFile(fixture.pipeline, { projectRoot: root, ...(fixture.config.export !== undefined ? { exportName: fixture.config.export } : {}) });
  if (!r.ir) throw new Error(`${name} does not compile`);
  return r.ir;
}

/** Ids the picture must show: every task, and every group, sub-pipeline bodies expanded under their call. */
function expected(ir: Pipeline): { tasks: string[]; groups: string[] } {
  const tasks: string[] = [];
  const groups: string[] = [];
  const visit = (nodes: Node[], prefix: string) => {
    for (const n of allNodes(nodes)) {
      if (n.type === "task") tasks.push(prefix + n.id);
      else if (n.type === "condition") groups.push(prefix + n.id, ...n.branches.map((b) => prefix + b.id));
      else if (n.type === "exitHandler") groups.push(prefix + n.id, `${prefix}${n.id}/try`, `${prefix}${n.id}/finally`);
      else groups.push(prefix + n.id);
      if (n.type === "subPipeline") visit(findSubPipeline(ir, n.pipeline).root, `${prefix}${n.id}/`);
    }
  };
  visit(ir.spec.root, "");
  return { tasks, groups };
}

interface Box {
  title: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Graphviz's SVG: `<g class="node"><title>id</title><path d=…>` and `<g class="cluster"><title>cluster_id</title>`. */
function parseSvg(svg: string): { nodes: Box[]; clusters: string[]; edges: { title: string; dashed: boolean; dotted: boolean }[] } {
  const unescape = (s: string) => s.replace(/&#45;/g, "-").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  const groups = [...svg.matchAll(/<g id="[^"]+" class="(node|cluster|edge)">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)];
  const nodes: Box[] = [];
  const clusters: string[] = [];
  const edges: { title: string; dashed: boolean; dotted: boolean }[] = [];
  for (const [, cls, rawTitle, body] of groups) {
    const title = unescape(rawTitle!);
    if (cls === "cluster") clusters.push(title);
    else if (cls === "edge") edges.push({ title, dashed: /stroke-dasharray="5,2"/.test(body!), dotted: /stroke-dasharray="1,5"/.test(body!) });
    else {
      const shape = /<(?:path|polygon)[^>]*(?:d|points)="([^"]+)"/.exec(body!)![1]!;
      const nums = [...shape.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
      const xs = nums.filter((_, i) => i % 2 === 0);
      const ys = nums.filter((_, i) => i % 2 === 1);
      nodes.push({ title, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
    }
  }
  return { nodes, clusters, edges };
}

function overlapping(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) out.push(`${a.title} and ${b.title}`);
    }
  }
  return out;
}

describe("the picture in the README", () => {
  it("docs/img/churn.svg is what sluice graph draws today", async () => {
    const committed = readFileSync(join(root, "docs/img/churn.svg"), "utf8");
    const fresh = (await renderGraph(irOf("examples/churn"), "svg")) as string;
    if (committed !== fresh) throw new Error("docs/img/churn.svg is stale: run pnpm sluice graph examples/churn/pipeline.ts --out docs/img/churn.svg (and --out docs/img/churn.png), and look at it");
  });
});

describe("sluice graph, through Graphviz", () => {
  it.each(cases.map((c) => c.name))("%s: every task a node, every group a cluster, no boxes overlapping", async (name) => {
    const ir = irOf(name);
    const svg = await dotToSvg(renderDot(buildGraph(ir)));
    const drawn = parseSvg(svg);
    const want = expected(ir);
    const placeholders = drawn.nodes.map((n) => n.title).filter((t) => t.endsWith("/(empty)"));
    expect(drawn.nodes.map((n) => n.title).filter((t) => !placeholders.includes(t)).sort()).toEqual([...want.tasks].sort());
    expect(drawn.clusters.map((c) => c.replace(/^cluster_/, "")).sort()).toEqual([...want.groups].sort());
    expect(overlapping(drawn.nodes)).toEqual([]);
    expect(drawn.edges.length).toBe(buildGraph(ir).edges.length);
  });

  it("tells data, after and exit-handler edges apart", async () => {
    const ir = irOf("examples/churn");
    const graph = buildGraph(ir);
    const drawn = parseSvg(await dotToSvg(renderDot(graph)));
    expect(drawn.edges.filter((e) => e.dashed).map((e) => e.title)).toEqual(["evaluate->report"]);
    expect(drawn.edges.filter((e) => e.dotted).map((e) => e.title)).toEqual(["report->cleanup"]);
    expect(graph.edges.filter((e) => e.kind === "data").length).toBe(drawn.edges.filter((e) => !e.dashed && !e.dotted).length);
    expect(allClusters(graph).map((c) => `${c.type} ${c.label}`)).toEqual([
      "loop for each lr in params.rates",
      "condition condition",
      "branch if evaluate.accuracy >= params.threshold",
      "branch else",
      "exitHandler exit handler",
      "try try",
      "finally finally (runs whatever happened)",
    ]);
  });

  it("shows each task's step kind, and a nested pipeline's tasks inside its call", async () => {
    const ir = irOf("fixtures/nested-pipeline");
    const graph = buildGraph(ir);
    const sub = allClusters(graph).filter((c) => c.type === "subPipeline");
    expect(sub.length).toBeGreaterThan(0);
    for (const c of sub) expect(c.nodes.length + c.clusters.length).toBeGreaterThan(0);
    const svg = (await renderGraph(ir, "svg")) as string;
    for (const n of graph.nodes.filter((x) => x.kind)) expect(svg).toContain(`>${n.kind}`);
  });

  it("is deterministic, and Mermaid names every node and group", async () => {
    const ir = irOf("examples/churn");
    expect(renderDot(buildGraph(ir))).toBe(renderDot(buildGraph(irOf("examples/churn"))));
    const mermaid = renderMermaid(buildGraph(ir));
    expect(mermaid.startsWith("flowchart TD\n")).toBe(true);
    expect(mermaid.match(/subgraph /g)?.length).toBe(allClusters(buildGraph(ir)).length);
    expect(mermaid).toContain("-.->|after|");
    expect(mermaid).toContain("==>|finally|");
  });

  it("rasterises to a PNG twice the SVG's size with the bundled font", async () => {
    const ir = irOf("examples/churn");
    const svg = (await renderGraph(ir, "svg")) as string;
    const png = Buffer.from((await renderGraph(ir, "png")) as Uint8Array);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const [, w, h] = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg)!.map(Number);
    // Graphviz sizes the SVG in points; a CSS pixel is 3/4 of a point.
    expect(png.readUInt32BE(16)).toBe(Math.round(((w! * 4) / 3) * 2));
    expect(png.readUInt32BE(20)).toBe(Math.round(((h! * 4) / 3) * 2));
    // The same SVG gives the same bytes: no system font is read.
    expect(Buffer.from((await renderGraph(ir, "png")) as Uint8Array).equals(png)).toBe(true);
  });
});


describe("pngZoom", () => {
  it("draws twice the size, less for a picture that would be too large", async () => {
    const { pngZoom } = await import("./index.js");
    expect(pngZoom('<svg width="300pt" height="400pt"')).toBe(2);
    const tall = pngZoom('<svg width="300pt" height="75000pt"');
    expect(tall).toBeLessThan(2);
    expect(((75000 * 4) / 3) * tall).toBeLessThanOrEqual(16384);
  });
});
