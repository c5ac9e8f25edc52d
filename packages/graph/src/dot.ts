import { CLUSTER_STYLE, EDGE_STYLE, KIND_FILL, PLACEHOLDER_FILL, kindLine } from "./style.js";
import type { Cluster, GraphNode, PipelineGraph } from "./model.js";

/**
 * Graphviz DOT text, deterministic (source order throughout). Groups are `cluster_<id>`
 * subgraphs; an edge to or from a group is drawn to a node inside it and clipped at the group's
 * border (`compound`, `lhead`/`ltail`), so it reads as an edge of the group.
 */
export function renderDot(graph: PipelineGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const lines = [
    `digraph ${q(graph.name)} {`,
    `  graph [compound=true, rankdir=TB, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.45, label=${q(`pipeline ${graph.name}`)}, labelloc=t];`,
    `  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, color="#546e7a"];`,
    `  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];`,
  ];
  const emit = (content: { nodes: string[]; clusters: Cluster[] }, indent: string) => {
    for (const id of content.nodes) lines.push(`${indent}${nodeLine(byId.get(id)!)}`);
    for (const c of content.clusters) {
      const s = CLUSTER_STYLE[c.type];
      lines.push(`${indent}subgraph ${q(`cluster_${c.id}`)} {`);
      lines.push(`${indent}  graph [label=${q(c.label)}, color=${q(s.color)}, fontcolor=${q(s.color)}, style=${q(s.style)}];`);
      emit(c, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  emit(graph.root, "  ");
  for (const e of graph.edges) {
    const s = EDGE_STYLE[e.kind];
    const attrs = [`style=${s.style}`, `color=${q(s.color)}`];
    if (s.label) attrs.push(`label=${q(s.label)}`, `fontcolor=${q(s.color)}`);
    if (e.fromCluster) attrs.push(`ltail=${q(`cluster_${e.fromCluster}`)}`);
    if (e.toCluster) attrs.push(`lhead=${q(`cluster_${e.toCluster}`)}`);
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [${attrs.join(", ")}];`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

function nodeLine(n: GraphNode): string {
  const second = kindLine(n.label, n.kind, n.component);
  // An HTML-like label, so that the kind is a smaller second line under the task's name.
  const label = second ? `<${html(n.label)}<BR/><FONT POINT-SIZE="9" COLOR="#546e7a">${html(second)}</FONT>>` : q(n.label);
  const fill = n.kind ? (KIND_FILL[n.kind] ?? KIND_FILL.custom!) : PLACEHOLDER_FILL;
  const extra = n.kind ? "" : `, style="rounded,dashed", fontcolor="#90a4ae"`;
  return `${q(n.id)} [label=${label}, fillcolor=${q(fill)}${extra}];`;
}

/** Text inside an HTML-like label: the five markup characters as entities. */
function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A DOT double-quoted string: backslash and quote escaped, a newline as DOT's centred line break. */
function q(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}
