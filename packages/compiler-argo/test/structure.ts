// Test support: the shape of an Argo workflow, independent of how it is spelled. Leaf tasks
// (those that run a container or script) with what they wait for, whether a `when` or a loop
// applies to them (on the task or on any group around it), and whether they run as an exit
// handler. Steps templates and DAG templates give the same shape, so Argo's own examples (often
// written with steps) compare with Sluice's output (always DAGs).
type Obj = Record<string, any>;

export interface Leaf {
  deps: string[];
  conditional: boolean;
  looped: boolean;
  /** Number of literal items when the loop is withItems. */
  items?: number;
  exit: boolean;
  retryLimit?: string;
}

interface Ctx {
  conditional: boolean;
  looped: boolean;
  items?: number;
  exit: boolean;
  deps: Set<string>;
}

export function workflowShape(doc: Obj): Map<string, Leaf> {
  const spec = doc.spec.workflowSpec ?? doc.spec;
  const byName = new Map<string, Obj>(spec.templates.map((t: Obj) => [t.name, t]));
  const leaves = new Map<string, Leaf>();
  const isLeaf = (t: Obj) => Boolean(t.container || t.script);
  const name = (n: string) => n.toLowerCase();

  const addLeaf = (leafName: string, template: Obj, ctx: Ctx) => {
    const limit = template.retryStrategy?.limit;
    leaves.set(name(leafName), {
      deps: [...ctx.deps].sort(),
      conditional: ctx.conditional,
      looped: ctx.looped,
      ...(ctx.items !== undefined ? { items: ctx.items } : {}),
      exit: ctx.exit,
      ...(limit !== undefined ? { retryLimit: String(limit) } : {}),
    });
  };

  /** Visits a task (DAG task or step); returns the leaves it runs. */
  const visitTask = (task: Obj, ctx: Ctx): string[] => {
    const inner: Ctx = {
      conditional: ctx.conditional || Boolean(task.when),
      looped: ctx.looped || Boolean(task.withItems || task.withParam),
      items: task.withItems ? task.withItems.length : ctx.items,
      exit: ctx.exit,
      deps: ctx.deps,
    };
    const template = byName.get(task.template)!;
    const out = isLeaf(template) ? (addLeaf(task.name, template, inner), [name(task.name)]) : visitTemplate(template, inner);
    const hook = task.hooks?.exit ?? (task.onExit ? { template: task.onExit } : undefined);
    if (hook) visitTemplate(byName.get(hook.template)!, { ...inner, exit: true, deps: new Set() });
    return out;
  };

  const visitTemplate = (t: Obj, ctx: Ctx): string[] => {
    if (t.dag) {
      const leavesOf = new Map<string, string[]>();
      const tasks: Obj[] = t.dag.tasks;
      // Tasks in dependency order, so a task's dependencies are visited first.
      const pending = [...tasks];
      while (pending.length) {
        const i = pending.findIndex((task) => taskDeps(task).every((d) => leavesOf.has(d)));
        const task = pending.splice(i < 0 ? 0 : i, 1)[0]!;
        const deps = new Set([...ctx.deps, ...taskDeps(task).flatMap((d) => leavesOf.get(d) ?? [])]);
        leavesOf.set(task.name, visitTask(task, { ...ctx, deps }));
      }
      return [...leavesOf.values()].flat();
    }
    if (t.steps) {
      let before: string[] = [];
      const all: string[] = [];
      for (const group of t.steps as Obj[][]) {
        const deps = new Set([...ctx.deps, ...before]);
        before = group.flatMap((step) => visitTask(step, { ...ctx, deps }));
        all.push(...before);
      }
      return all;
    }
    addLeaf(t.name, t, ctx);
    return [name(t.name)];
  };

  const root: Ctx = { conditional: false, looped: false, exit: false, deps: new Set() };
  visitTemplate(byName.get(spec.entrypoint)!, root);
  if (spec.onExit) visitTemplate(byName.get(spec.onExit)!, { ...root, exit: true });
  return leaves;
}

/** Task names in `depends` ("A && (B || C.Failed)") or `dependencies`. */
function taskDeps(task: Obj): string[] {
  if (task.dependencies) return task.dependencies;
  if (!task.depends) return [];
  return [...new Set((task.depends as string).split(/&&|\|\||!|\(|\)/).map((s) => s.trim().replace(/\.[A-Za-z]+$/, "")).filter(Boolean))];
}
