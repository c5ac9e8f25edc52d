import { KIND_FILL, kindLine } from "./style.js";
import type { Cluster, PipelineGraph } from "./model.js";

/**
 * A Mermaid flowchart, for Markdown that renders it (GitHub, GitLab). Mermaid ids must be plain
 * words, so nodes and groups get `n<i>` and `g<i>` in source order, and the ids show in labels.
 * Data edges are `-->`, `after` edges `-.->|after|`, the exit handler's `==>|finally|`; an edge
 * may end on a group, which Mermaid draws to the subgraph's border.
 */
export function renderMermaid(graph: PipelineGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const groupIds = new Map<string, string>();
  const lines = ["flowchart TD"];
  const emit = (content: { nodes: string[]; clusters: Cluster[] }, indent: string) => {
    for (const id of content.nodes) {
      const n = graph.nodes.find((x) => x.id === id)!;
      const second = kindLine(n.label, n.kind, n.component);
      lines.push(`${indent}${ids.get(id)}["${text(n.label)}${second ? `<br/><small>${text(second)}</small>` : ""}"]`);
    }
    for (const c of content.clusters) {
      const gid = `g${groupIds.size}`;
      groupIds.set(c.id, gid);
      lines.push(`${indent}subgraph ${gid}["${text(c.label)}"]`);
      emit(c, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit(graph.root, "  ");
  for (const e of graph.edges) {
    const from = e.fromCluster ? groupIds.get(e.fromCluster)! : ids.get(e.from)!;
    const to = e.toCluster ? groupIds.get(e.toCluster)! : ids.get(e.to)!;
    const arrow = e.kind === "data" ? "-->" : e.kind === "after" ? "-.->|after|" : "==>|finally|";
    lines.push(`  ${from} ${arrow} ${to}`);
  }
  const kinds = [...new Set(graph.nodes.flatMap((n) => (n.kind ? [n.kind] : [])))];
  for (const kind of kinds) {
    lines.push(`  classDef ${kind} fill:${KIND_FILL[kind] ?? KIND_FILL.custom}`);
    lines.push(`  class ${graph.nodes.filter((n) => n.kind === kind).map((n) => ids.get(n.id)).join(",")} ${kind}`);
  }
  return lines.join("\n") + "\n";
}

/** Mermaid label text: quotes and angle brackets as entities, so user text cannot end the label. */
function text(s: string): string {
  return s.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
