import { createRequire } from "node:module";
import type { Pipeline } from "@sluice/core/backend";
import { renderDot } from "./dot.js";
import { renderMermaid } from "./mermaid.js";
import { buildGraph } from "./model.js";

export type GraphFormat = "mermaid" | "dot" | "svg" | "png";
export const GRAPH_FORMATS: readonly GraphFormat[] = ["mermaid", "dot", "svg", "png"];

/**
 * The picture of a pipeline in one format. SVG is laid out by Graphviz itself (compiled to
 * WebAssembly, `@viz-js/viz`, so nothing is installed on the machine); PNG is that SVG
 * rasterised by resvg (`@resvg/resvg-js`, its binary ships in the npm package). Both are loaded
 * only when asked for.
 */
export async function renderGraph(ir: Pipeline, format: GraphFormat): Promise<string | Uint8Array> {
  const graph = buildGraph(ir);
  if (format === "mermaid") return renderMermaid(graph);
  const dot = renderDot(graph);
  if (format === "dot") return dot;
  const svg = await dotToSvg(dot);
  if (format === "svg") return svg;
  return svgToPng(svg);
}

export async function dotToSvg(dot: string): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}

/**
 * PNG at twice the SVG's size, for sharp text on high-density screens (less for huge graphs). The font ships with the
 * package (DejaVu Sans Condensed, from `dejavu-fonts-ttf`) and system fonts are not read, so the
 * same SVG gives the same PNG on every machine, fonts installed or not. Condensed, because
 * Graphviz sizes boxes with Helvetica's metrics, which it matches closely.
 */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const family = "DejaVu Sans Condensed";
  const font = { loadSystemFonts: false, fontFiles: [fontFile("DejaVuSansCondensed.ttf"), fontFile("DejaVuSansCondensed-Bold.ttf")], defaultFontFamily: family, sansSerifFamily: family, serifFamily: family };
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: pngZoom(svg) }, background: "#ffffff", font });
  return resvg.render().asPng();
}

/** Largest PNG drawn, in pixels: a 1,000-task chain at twice its size would be 100,000 px tall. */
const MAX_PIXELS = 40_000_000;
const MAX_SIDE = 16_384;

/** Twice the SVG's size, less when that would pass the limits above (the SVG has every detail). */
export function pngZoom(svg: string): number {
  const size = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  if (!size) return 2;
  const w = (Number(size[1]) * 4) / 3;
  const h = (Number(size[2]) * 4) / 3;
  return Math.min(2, Math.sqrt(MAX_PIXELS / (w * h)), MAX_SIDE / Math.max(w, h));
}

function fontFile(name: string): string {
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
}
