import type { Kwarg, LineView, StatementView } from "./view-model.js";

/** One `upstream >> downstream` line: the vars that must finish before `to` starts. */
interface EdgeView {
  from: string[];
  to: string;
}

/** Edges grouped by downstream var, both sides in the order the vars were made. */
function groupEdges(pairs: { from: string; to: string }[], order: Map<string, number>): EdgeView[] {
  const grouped = new Map<string, string[]>();
  for (const { from, to } of pairs) grouped.set(to, [...(grouped.get(to) ?? []), from]);
  const rank = (v: string) => order.get(v) ?? 0;
  return [...grouped.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([to, from]) => ({ to, from: from.sort((a, b) => rank(a) - rank(b)) }));
}

/**
 * Lays the statement tree out as the flat lines the template renders.
 *
 * Nested pipelines do not nest Python blocks: a TaskGroup is `group_N = TaskGroup(...,
 * parent_group=<its parent>)` and a task inside it gets `task_group=<its group>`, so any depth of
 * nesting stays at one indentation level (Python refuses more than 100). A loop is a mapped task
 * group, which Airflow only offers as a `@task_group` function: its body is indented once more,
 * declares its vars `global` (so the edges at the end of the file can name them), and ends with
 * the edges between its own tasks, so that when the function returns Airflow knows which of them
 * come first (it attaches the items task to those). Airflow cannot nest mapped task groups, and
 * the back end never asks it to, so there are at most two levels.
 */
export function layoutBody(body: StatementView[], edges: { from: string; to: string }[], vars: string[]): LineView[] {
  const order = new Map(vars.map((v, i) => [v, i]));
  const owner = new Map<string, string>();
  const mark = (stmts: StatementView[], mapped: string | undefined): void => {
    for (const s of stmts) {
      if (mapped) owner.set(s.var, mapped);
      if (s.kind === "group") mark(s.body, s.mapped ? s.var : mapped);
    }
  };
  mark(body, undefined);
  const insidePairs = new Map<string, { from: string; to: string }[]>();
  const outsidePairs: { from: string; to: string }[] = [];
  for (const e of edges) {
    const group = owner.get(e.to);
    if (group && owner.get(e.from) === group) insidePairs.set(group, [...(insidePairs.get(group) ?? []), e]);
    else outsidePairs.push(e);
  }
  const inside = new Map([...insidePairs].map(([g, pairs]) => [g, groupEdges(pairs, order)]));
  const outside = groupEdges(outsidePairs, order);
  const lines: LineView[] = [];
  const emit = (stmts: StatementView[], indent: number, parent: string | undefined): void => {
    for (const s of stmts) {
      const placed: Kwarg[] = parent ? [[s.kind === "group" ? "parent_group" : "task_group", { kind: "code", value: parent }]] : [];
      if (s.kind === "operator") {
        lines.push({ ...s, indent, kwargs: [...s.kwargs, ...placed] });
      } else if (!s.mapped) {
        lines.push({ kind: "group", indent, var: s.var, comment: s.comment, kwargs: [...s.kwargs, ...placed] });
        emit(s.body, indent, s.var);
      } else {
        const assigned: string[] = [];
        const collect = (xs: StatementView[]): void => xs.forEach((x) => (assigned.push(x.var), x.kind === "group" && collect(x.body)));
        collect(s.body);
        lines.push({ kind: "mappedStart", indent, var: s.var, comment: s.comment, kwargs: [...s.kwargs, ...placed], globals: assigned.join(", ") });
        if (!s.body.length) lines.push({ kind: "pass", indent: indent + 1 });
        emit(s.body, indent + 1, undefined);
        for (const e of inside.get(s.var) ?? []) lines.push({ kind: "edge", indent: indent + 1, ...e });
        lines.push({ kind: "mappedEnd", indent, var: s.var, expand: s.mapped.expand });
      }
    }
  };
  emit(body, 1, undefined);
  if (!lines.length) lines.push({ kind: "pass", indent: 1 });
  if (outside.length) {
    lines.push({ kind: "blank", indent: 0 }, { kind: "comment", indent: 1, text: "Order: data edges, `after` edges, branches, loops and exit handlers." });
    for (const e of outside) lines.push({ kind: "edge", indent: 1, ...e });
  }
  return lines;
}
