import type { Node } from "@sluice/core/backend";
import type { BuildContext, NodeHandle, StatementSink } from "./build-context.js";
import { buildCondition } from "./build-condition.js";
import { buildExitHandler } from "./build-exit-handler.js";
import { buildLoop } from "./build-loop.js";
import { buildSubPipeline } from "./build-sub-pipeline.js";
import { buildTask } from "./build-task.js";
import type { Scope } from "./build-values.js";

/**
 * Builds a body in source order and wires its `after` edges. The body's entries are the entries of
 * nodes with no edge from inside the body; its exits are every node's exits (a task waiting for a
 * body waits for all of it).
 */
export function buildNodes(ctx: BuildContext, nodes: Node[], scope: Scope, sink: StatementSink): NodeHandle {
  const handles: NodeHandle[] = [];
  const edgesBefore = ctx.edges.length;
  for (const node of nodes) {
    const h = buildNode(ctx, node, scope, sink);
    if ("after" in node) {
      for (const id of node.after) {
        const target = scope.handles.get(id);
        if (target) ctx.addEdges(target.exits, h.entries);
      }
    }
    handles.push(h);
  }
  const all = new Set(handles.flatMap((h) => [...h.entries, ...h.exits]));
  const internal = new Set<string>();
  for (const e of ctx.edges.slice(edgesBefore)) if (all.has(e.from)) internal.add(e.to);
  return {
    entries: handles.flatMap((h) => h.entries).filter((v) => !internal.has(v)),
    exits: handles.flatMap((h) => h.exits),
  };
}

function buildNode(ctx: BuildContext, node: Node, scope: Scope, sink: StatementSink): NodeHandle {
  switch (node.type) {
    case "task":
      return buildTask(ctx, node, scope, sink);
    case "loop":
      return buildLoop(ctx, node, scope, sink, buildNodes);
    case "condition":
      return buildCondition(ctx, node, scope, sink, buildNodes);
    case "exitHandler":
      return buildExitHandler(ctx, node, scope, sink, buildNodes);
    case "subPipeline":
      return buildSubPipeline(ctx, node, scope, sink, buildNodes);
  }
}
