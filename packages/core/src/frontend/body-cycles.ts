// Tasks that wait on each other in a circle can only be written through `after` naming a task
// declared further down; tsc rejects that too, but the compiler must say so itself.
import { type Node, dataDependencies } from "../ir/index.js";
import type { BodyReader } from "./body.js";

export function checkCycles(reader: BodyReader): void {
  const byId = new Map(reader.calls.map((c) => [c.node.id, c]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const edges = (id: string): string[] => {
    const call = byId.get(id);
    return call ? [...call.node.after, ...dataDependencies(call.node as Node)] : [];
  };
  const visit = (id: string): boolean => {
    state.set(id, "visiting");
    stack.push(id);
    for (const next of edges(id)) {
      if (!byId.has(next)) continue;
      if (state.get(next) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        reader.ctx.report("afterCycle", byId.get(id)!.at, cycle.join(" -> "));
        return true;
      }
      if (!state.has(next) && visit(next)) return true;
    }
    stack.pop();
    state.set(id, "done");
    return false;
  };
  for (const c of reader.calls) if (!state.has(c.node.id) && visit(c.node.id)) return;
}
