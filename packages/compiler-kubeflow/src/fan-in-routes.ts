/**
 * How a fan-in leaves a loop when its producer is nested deeper than the loop's own body (inside a
 * branch, an inner loop, an exit handler): as kfp compiles `dsl.Collected` of such a task, every
 * group between the loop and the producer exports the value as a DAG output named like the fan-in
 * (`pipelinechannel--<task>-<output>`), each selecting it from the next group down, and the loop
 * selects it from its child group. KFP's driver resolves that chain at run time
 * (backend/src/v2/driver/resolve.go, CollectInputs): it walks every iteration down to the step, so
 * the list holds one value per run of the step, in iteration order: none for an iteration whose
 * branch did not run, and every inner iteration's value, one flat list, for an inner loop.
 */
import type { Node } from "@sluice/core/backend";
import { dagPaths } from "./after-edges.js";
import { collectedKey } from "./scope.js";

/** Where a group's DAG output (or a loop's fan-in) takes the value from: a task of its DAG and its output key. */
export interface Selection {
  producer: string;
  key: string;
}

/** One value a group exports for a fan-in of an enclosing loop. */
export interface GroupExport extends Selection {
  /** The output key on the group (kfp's `pipelinechannel--<task>-<output>`). */
  name: string;
  /** The fan-in it serves, for its type. */
  collected: { loop: string; task: string; output: string };
}

export interface FanInRoutes {
  /** For each loop and fan-in `task.output`, what the loop's DAG output selects; absent: not below the loop. */
  loopSource: Map<string, Selection>;
  /** The DAG outputs each group in between must declare, by group id. */
  exports: Map<string, GroupExport[]>;
}

export function routeKey(loop: string, c: { task: string; output: string }): string {
  return JSON.stringify([loop, c.task, c.output]);
}

export function fanInRoutes(root: Node[], finallyGroups: Map<string, string>, collected: Map<string, { task: string; output: string }[]>): FanInRoutes {
  const routes: FanInRoutes = { loopSource: new Map(), exports: new Map() };
  // Most pipelines have no fan-in: no need to walk them for DAG paths.
  if (collected.size === 0) return routes;
  const paths = dagPaths(root, finallyGroups);
  for (const [loop, wanted] of collected) {
    for (const c of wanted) {
      const path = paths.get(c.task);
      const at = path ? path.indexOf(loop) : -1;
      if (!path || at < 0) continue;
      const between = path.slice(at + 1);
      const name = collectedKey(c);
      // The innermost group selects the step's own output; each outer one its child group's export.
      between.forEach((group, i) => {
        const from: Selection = i + 1 < between.length ? { producer: between[i + 1]!, key: name } : { producer: c.task, key: c.output };
        const list = routes.exports.get(group) ?? [];
        if (!list.some((e) => e.name === name)) list.push({ name, ...from, collected: { loop, ...c } });
        routes.exports.set(group, list);
      });
      routes.loopSource.set(routeKey(loop, c), between.length ? { producer: between[0]!, key: name } : { producer: c.task, key: c.output });
    }
  }
  return routes;
}
