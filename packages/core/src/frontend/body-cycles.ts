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
  // Depth-first with an explicit stack: a chain of tens of thousands of tasks, each reading the
  // previous one, must not overflow the call stack.
  const visit = (start: string): boolean => {
    const frames: { id: string; next: string[]; i: number }[] = [{ id: start, next: edges(start), i: 0 }];
    state.set(start, "visiting");
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.i === frame.next.length) {
        frames.pop();
        stack.pop();
        state.set(frame.id, "done");
        continue;
      }
      const next = frame.next[frame.i++]!;
      if (!byId.has(next)) continue;
      if (state.get(next) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        reader.ctx.report("afterCycle", byId.get(frame.id)!.at, cycle.join(" -> "));
        return true;
      }
      if (state.has(next)) continue;
      state.set(next, "visiting");
      stack.push(next);
      frames.push({ id: next, next: edges(next), i: 0 });
    }
    return false;
  };
  for (const c of reader.calls) if (!state.has(c.node.id) && visit(c.node.id)) return;
}
