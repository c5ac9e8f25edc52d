import { dataDependencies, findSubPipeline, type Node, type Pipeline } from "@sluice/core/backend";
import { describeItems, describeWhen } from "./describe.js";

/**
 * The picture's model, built from the IR alone: tasks as nodes, groups as nested clusters, and
 * edges of three kinds told apart (data read from another task, an explicit `after`, and the
 * exit handler's "runs after the body, whatever happened"). Every renderer (DOT, Mermaid) reads
 * only this, so they cannot disagree about what is in the graph.
 */
export interface GraphNode {
  id: string;
  /** The task id, or its displayName. */
  label: string;
  /** The step kind (`trainer`, ...); absent for a placeholder of an empty group. */
  kind?: string;
  component?: string;
}

export type ClusterType = "condition" | "branch" | "loop" | "exitHandler" | "try" | "finally" | "subPipeline";

export interface Cluster {
  id: string;
  type: ClusterType;
  label: string;
  nodes: string[];
  clusters: Cluster[];
}

export type EdgeKind = "data" | "after" | "finally";

export interface GraphEdge {
  /** Node ids; when an end is a group, the node is one inside it and `fromCluster`/`toCluster` names the group. */
  from: string;
  to: string;
  kind: EdgeKind;
  fromCluster?: string;
  toCluster?: string;
}

export interface PipelineGraph {
  name: string;
  nodes: GraphNode[];
  /** Top-level nodes and clusters, in source order. */
  root: { nodes: string[]; clusters: Cluster[] };
  edges: GraphEdge[];
}

/** Where an edge to or from an IR node lands: a node, or a group drawn as a cluster around `node`. */
interface Endpoint {
  node: string;
  cluster?: string;
}

export function buildGraph(ir: Pipeline): PipelineGraph {
  return new GraphBuilder(ir).build();
}

class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** IR node id (with its sub-pipeline prefix) to where edges attach. */
  private readonly endpoints = new Map<string, Endpoint>();
  /** Edges are resolved after every body is placed, since `after` may name a later group. */
  private readonly pending: { from: string; to: string; kind: EdgeKind }[] = [];

  constructor(private readonly ir: Pipeline) {}

  build(): PipelineGraph {
    const root = this.body(this.ir.spec.root, "");
    for (const e of this.pending) this.edge(e.from, e.to, e.kind);
    return { name: this.ir.metadata.name, nodes: this.nodes, root, edges: this.edges };
  }

  /** Places one body (the pipeline's, a group's, a sub-pipeline's); ids are prefixed per sub-pipeline call. */
  private body(irNodes: Node[], prefix: string): { nodes: string[]; clusters: Cluster[] } {
    const out = { nodes: [] as string[], clusters: [] as Cluster[] };
    for (const node of irNodes) {
      const id = prefix + node.id;
      if (node.type === "task") {
        const component = this.ir.spec.components.find((c) => c.name === node.component);
        this.nodes.push({ id, label: node.options?.displayName ?? node.id, ...(component ? { kind: component.kind, component: component.name } : {}) });
        this.endpoints.set(id, { node: id });
        out.nodes.push(id);
      } else {
        out.clusters.push(this.group(node, id, prefix));
      }
      this.dependOn(node, prefix);
    }
    return out;
  }

  private group(node: Exclude<Node, { type: "task" }>, id: string, prefix: string): Cluster {
    switch (node.type) {
      case "subPipeline": {
        const sub = findSubPipeline(this.ir, node.pipeline);
        return this.cluster(id, "subPipeline", `${node.options?.displayName ?? node.id}: pipeline ${sub.name}`, this.body(sub.root, `${id}/`));
      }
      case "condition": {
        const branches = node.branches.map((b, i) => this.cluster(prefix + b.id, "branch", describeWhen(b.when, i), this.body(b.nodes, prefix)));
        return this.cluster(id, "condition", "condition", { nodes: [], clusters: branches });
      }
      case "loop": {
        const limit = node.parallelism !== undefined ? ` (${node.parallelism} at a time)` : "";
        return this.cluster(id, "loop", `for each ${node.itemName} in ${describeItems(node.items)}${limit}`, this.body(node.nodes, prefix));
      }
      case "exitHandler": {
        const body = this.cluster(`${id}/try`, "try", "try", this.body(node.nodes, prefix));
        const exit = this.cluster(`${id}/finally`, "finally", "finally (runs whatever happened)", this.body(node.exit, prefix));
        this.pending.push({ from: `${id}/try`, to: `${id}/finally`, kind: "finally" });
        return this.cluster(id, "exitHandler", "exit handler", { nodes: [], clusters: [body, exit] });
      }
    }
  }

  /** A cluster, with a placeholder node when the group is empty so that edges can still reach it. */
  private cluster(id: string, type: ClusterType, label: string, content: { nodes: string[]; clusters: Cluster[] }): Cluster {
    if (content.nodes.length === 0 && content.clusters.length === 0) {
      const placeholder = `${id}/(empty)`;
      this.nodes.push({ id: placeholder, label: "(empty)" });
      content.nodes.push(placeholder);
    }
    const anchor = content.nodes[0] ?? this.endpoints.get(content.clusters[0]!.id)!.node;
    this.endpoints.set(id, { node: anchor, cluster: id });
    return { id, type, label, ...content };
  }

  private dependOn(node: Node, prefix: string): void {
    const id = prefix + node.id;
    for (const dep of dataDependencies(node)) this.pending.push({ from: prefix + dep, to: id, kind: "data" });
    if (node.type === "task" || node.type === "subPipeline") for (const dep of node.after) this.pending.push({ from: prefix + dep, to: id, kind: "after" });
  }

  private edge(fromId: string, toId: string, kind: EdgeKind): void {
    const from = this.endpoints.get(fromId);
    const to = this.endpoints.get(toId);
    if (!from || !to) throw new Error(`IR invariant broken: an edge names ${from ? toId : fromId}, which is not in the pipeline`);
    const key = `${fromId}\0${toId}\0${kind}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from: from.node, to: to.node, kind, ...(from.cluster ? { fromCluster: from.cluster } : {}), ...(to.cluster ? { toCluster: to.cluster } : {}) });
  }
}

/** Every cluster, depth-first. */
export function allClusters(graph: PipelineGraph): Cluster[] {
  const out: Cluster[] = [];
  const walk = (cs: Cluster[]) => cs.forEach((c) => (out.push(c), walk(c.clusters)));
  walk(graph.root.clusters);
  return out;
}
