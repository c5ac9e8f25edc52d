import { allNodes, dataDependencies, findComponent, findSubPipeline, type LoopNode, type Node, type SubPipelineNode } from "@sluice/core/backend";
import { stopping, type EngineContext } from "./context.js";
import { Semaphore } from "./semaphore.js";
import { Scope, type NodeResult } from "./scope.js";
import { runTask } from "./task.js";
import { BindingError, evaluateExpr, resolveBinding } from "./values.js";
import type { Value } from "./types.js";

type Outcome = NodeResult["state"];

/**
 * Runs a list of sibling nodes as a DAG: each starts once the siblings it waits for are done
 * (data edges and `after`, of the node or of anything inside it). A node whose upstream failed
 * is skipped; one whose upstream was skipped (a branch not taken) still runs, as on the targets.
 * Returns the worst outcome: failed, cancelled, then succeeded.
 */
export async function runNodes(ctx: EngineContext, nodes: Node[], scope: Scope, inExit: boolean): Promise<Outcome> {
  const owner = new Map<string, Node>();
  for (const n of nodes) for (const inner of allNodes([n])) owner.set(inner.id, n);
  const started = new Map<string, Promise<Outcome>>();
  const start = (n: Node): Promise<Outcome> => {
    let p = started.get(n.id);
    if (!p) {
      const deps = [...new Set(allNodes([n]).flatMap(waitsFor).map((id) => owner.get(id)).filter((d): d is Node => d !== undefined && d !== n))];
      p = Promise.all(deps.map(start)).then((states) => (states.some((s) => s === "failed" || s === "cancelled") ? skip(ctx, n, scope) : runNode(ctx, n, scope, inExit)));
      started.set(n.id, p);
    }
    return p;
  };
  const outcomes = await Promise.all(nodes.map(start));
  return worst(outcomes);
}

function waitsFor(n: Node): string[] {
  return [...dataDependencies(n), ...("after" in n ? n.after : [])];
}

function worst(states: Outcome[]): Outcome {
  if (states.includes("failed")) return "failed";
  if (states.includes("cancelled")) return "cancelled";
  if (states.length > 0 && states.every((s) => s === "skipped")) return "skipped";
  return "succeeded";
}

async function runNode(ctx: EngineContext, n: Node, scope: Scope, inExit: boolean): Promise<Outcome> {
  if (stopping(ctx, inExit)) return skip(ctx, n, scope);
  try {
    switch (n.type) {
      case "task": {
        const r = await runTask(ctx, n, scope, inExit);
        scope.results.set(n.id, r);
        return r.state;
      }
      case "subPipeline":
        return await runSubPipeline(ctx, n, scope, inExit);
      case "condition": {
        // The first branch whose test holds on the values the steps wrote; no test is the else.
        const branch = n.branches.find((b) => b.when === undefined || evaluateExpr(b.when, scope));
        for (const b of n.branches) if (b !== branch) skipAll(ctx, b.nodes, scope, `branch ${b.id} not taken`);
        return branch ? await runNodes(ctx, branch.nodes, scope, inExit) : "skipped";
      }
      case "loop":
        return await runLoop(ctx, n, scope, inExit);
      case "exitHandler": {
        const body = await runNodes(ctx, n.nodes, scope, inExit);
        // The finally block runs whatever happened to the body, and a failed body still fails the run.
        const exit = ctx.signal.aborted ? skip(ctx, { ...n, nodes: n.exit }, scope) : await runNodes(ctx, n.exit, scope, true);
        return worst([body, exit]);
      }
    }
  } catch (error) {
    if (!(error instanceof BindingError)) throw error;
    ctx.failures.push({ task: scope.path(n.id), reason: error.message, logTail: "" });
    ctx.emitTask(scope.path(n.id), "failed", { reason: error.message });
    return "failed";
  }
}

async function runLoop(ctx: EngineContext, n: LoopNode, scope: Scope, inExit: boolean): Promise<Outcome> {
  const items = resolveBinding(n.items, scope);
  if (!Array.isArray(items)) throw new BindingError(`loop "${n.id}" needs a list, got ${JSON.stringify(items)}`);
  const limit = n.parallelism ?? ctx.ir.spec.defaults.parallelism;
  const lanes = new Semaphore(limit ?? Number.MAX_SAFE_INTEGER);
  const iterations = (items as Value[]).map((item, i) => scope.child(n.id, item, i));
  scope.iterations.set(n.id, iterations);
  const outcomes = await Promise.all(
    iterations.map(async (it) => {
      const release = await lanes.acquire();
      try {
        return await runNodes(ctx, n.nodes, it, inExit);
      } finally {
        release();
      }
    }),
  );
  return outcomes.length === 0 ? "succeeded" : worst(outcomes);
}

/** A nested pipeline call: a fresh scope holding only its params; its outputs become the call's. */
async function runSubPipeline(ctx: EngineContext, n: SubPipelineNode, scope: Scope, inExit: boolean): Promise<Outcome> {
  const sub = findSubPipeline(ctx.ir, n.pipeline);
  const params: Record<string, Value> = {};
  for (const p of sub.params) {
    const b = n.inputs[p.name];
    const v = b ? resolveBinding(b, scope) : p.default;
    if (v !== undefined) params[p.name] = v;
  }
  const inner = new Scope(params, undefined, new Map(), `${scope.path(n.id)}/`, []);
  const state = await runNodes(ctx, sub.root, inner, inExit);
  const outputs: Record<string, Value> = {};
  if (state === "succeeded" || state === "skipped") for (const o of sub.outputs) outputs[o.name] = resolveBinding(o.from, inner);
  const result: NodeResult = { state: state === "skipped" ? "succeeded" : state, outputs };
  scope.results.set(n.id, result);
  return result.state;
}

function skip(ctx: EngineContext, n: Node, scope: Scope): Outcome {
  skipAll(ctx, [n], scope, ctx.signal.aborted ? "the run was cancelled" : "an upstream task failed");
  return "skipped";
}

/** Marks the tasks of nodes that will not run as skipped, so the summary shows every task. */
function skipAll(ctx: EngineContext, nodes: Node[], scope: Scope, reason: string): void {
  for (const inner of allNodes(nodes)) {
    if (inner.type !== "task" && inner.type !== "subPipeline") continue;
    scope.results.set(inner.id, { state: "skipped", outputs: {} });
    if (inner.type !== "task") continue;
    const path = scope.path(inner.id);
    const kind = findComponent(ctx.ir, inner.component).kind;
    ctx.store.saveTask(ctx.runId, { path, nodeId: inner.id, component: inner.component, kind, status: "skipped", reason });
    ctx.emitTask(path, "skipped", { reason });
  }
}
