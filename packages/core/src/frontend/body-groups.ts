// Groups in a body: if / else if / else (condition), for...of, .map and .flatMap (loop, with
// fan-in), try/finally (exit handler). Each group opens a scope: what is produced inside stays
// inside, except a .map's or .flatMap's returned outputs, which leave it collected into a list.
import type { ts } from "ts-morph";
import { NodeFlags, isArrowFunction, isBlock, isFunctionExpression, isIdentifier, isIfStatement, isParenthesizedExpression, isPropertyAccessExpression, isReturnStatement, isVariableDeclarationList } from "./syntax.js";
import type { Binding, ConditionNode, JsonValue, ExitHandlerNode, LoopNode, Node, ValueType } from "../ir/index.js";
import { allNodes } from "../ir/walk.js";
import type { BodyReader, ReadBinding, ReturnHandler } from "./body.js";
import { Env } from "./body-env.js";
import { readCondition } from "./body-conditions.js";
import { exprDepth, foldExpr } from "./fold-conditions.js";
import { CONDITION_LIMIT, DEPTH_WHAT } from "./limits.js";
import { type BodyValue, hidingGroup, itemType, listOf, sameScope, type ScopePath } from "./body-values.js";
import { flatten, readFlatExpression, readFlatReturn, type Returned } from "./body-flat-map.js";
import { snippet } from "./evaluate.js";

/**
 * The nodes of an `if` chain: one condition node, or, when a test is known when compiling
 * (fold-conditions.ts), only the branches that may run; the branch that surely runs first is
 * written plainly. A branch that never runs is still read, so its mistakes are reported as
 * TypeScript reports them in dead code, and then left out (with what it returns to a `.flatMap`).
 */
export function readIf(reader: BodyReader, stmt: ts.IfStatement, env: Env, scope: ScopePath, onReturn?: ReturnHandler): Node[] {
  const id = reader.nextConditionId();
  const node: ConditionNode = { type: "condition", id, branches: [], span: reader.ctx.spanText(stmt) };
  let current: ts.Statement | undefined = stmt;
  let elseIfs = 0;
  // Set once a branch's test is known to hold: the branches after it never run.
  let decided = false;
  let plain: Node[] | undefined;
  const keep = (branch: ConditionNode["branches"][number]) => {
    if (branch.when === undefined && node.branches.length === 0) plain = branch.nodes;
    else node.branches.push(branch);
  };
  while (current) {
    if (isIfStatement(current)) {
      const branchId = reader.freshId(current === stmt ? `${id}-then` : `${id}-elif-${++elseIfs}`);
      const when = readCondition(reader, current.expression, env, scope);
      const folded = decided ? false : foldExpr(when);
      if (typeof folded !== "boolean" && exprDepth(folded) > CONDITION_LIMIT) reader.ctx.fail("tooDeep", current.expression, String(CONDITION_LIMIT), DEPTH_WHAT.condition);
      const nodes = readBranch(reader, current.thenStatement, env, scope, branchId, folded === false ? neverReturns(onReturn) : onReturn);
      const span = reader.ctx.spanText(current);
      if (folded !== false) keep({ id: branchId, ...(folded === true ? {} : { when: folded }), nodes, span });
      if (folded === true) decided = true;
      current = current.elseStatement;
    } else {
      const branchId = reader.freshId(`${id}-else`);
      const nodes = readBranch(reader, current, env, scope, branchId, decided ? neverReturns(onReturn) : onReturn);
      if (!decided) keep({ id: branchId, nodes, span: reader.ctx.spanText(current) });
      current = undefined;
    }
  }
  return plain ?? (node.branches.length > 0 ? [node] : []);
}

/** What a branch that never runs returns is read by nothing: no iteration takes its value. */
function neverReturns(onReturn: ReturnHandler | undefined): ReturnHandler | undefined {
  return onReturn && Object.assign(() => undefined, { intoBranches: true as const });
}

function readBranch(reader: BodyReader, stmt: ts.Statement, env: Env, scope: ScopePath, branchId: string, onReturn?: ReturnHandler): Node[] {
  const inner = [...scope, { id: branchId, label: `the branch \`${branchId}\`` }];
  return reader.readBlock(isBlock(stmt) ? stmt.statements : [stmt], env, inner, onReturn);
}

/** The loop's items as a binding, and the type of one item. */
function readItems(reader: BodyReader, list: ts.Expression, env: Env, scope: ScopePath, out: Node[]): { items: Binding; item: ValueType | undefined; literal?: readonly JsonValue[] } {
  const read: ReadBinding = reader.toBinding(reader.value(list, env, scope, out), list, scope);
  if ("literal" in read.binding && !Array.isArray(read.binding.literal)) return reader.ctx.fail("notAList", list, `\`${snippet(list)}\``);
  const item = itemType(read.type);
  if (item === "not-a-list" || "template" in read.binding) return reader.ctx.fail("notAList", list, `\`${snippet(list)}\``);
  return { items: read.binding, item, ...("literal" in read.binding && Array.isArray(read.binding.literal) ? { literal: read.binding.literal } : {}) };
}

function loopScope(scope: ScopePath, id: string): ScopePath {
  return [...scope, { id, label: `the loop \`${id}\`` }];
}

export function readForOf(reader: BodyReader, stmt: ts.ForOfStatement, env: Env, scope: ScopePath): LoopNode {
  const { ctx } = reader;
  if (stmt.awaitModifier) return ctx.fail("awaitNotAllowed", stmt.awaitModifier);
  const init = stmt.initializer;
  const decl = isVariableDeclarationList(init) ? init.declarations[0] : undefined;
  if (!decl || !isVariableDeclarationList(init) || (init.flags & NodeFlags.Const) === 0 || !isIdentifier(decl.name))
    return ctx.fail("unsupportedStatement", init, "a loop variable other than `const name`");
  const pre: Node[] = [];
  const { items, item, literal } = readItems(reader, stmt.expression, env, scope, pre);
  if (pre.length > 0) return ctx.fail("unsupportedStatement", stmt.expression, "a step call in the loop header (bind it to a const first)");
  const name = decl.name.text;
  const id = reader.freshId(`for-each-${name}`);
  const inner = loopScope(scope, id);
  const loopEnv = new Env(env);
  loopEnv.set(name, { kind: "binding", binding: { loopItem: id }, type: item, scope: inner, ...(literal ? { items: literal } : {}) });
  const body = isBlock(stmt.statement) ? stmt.statement.statements : [stmt.statement];
  return { type: "loop", id, items, itemName: name, nodes: reader.readBlock(body, loopEnv, inner), span: ctx.spanText(stmt) };
}

/**
 * `list.map((x) => step(...).outputs.y)` and `list.flatMap((x) => ...)`: a loop whose returned
 * outputs are collected. `.map` collects one value per iteration; `.flatMap` collects what each
 * iteration returns, concatenated in item order: `[value]` from the branch that ran or `[]`, or an
 * inner `.map`'s list (body-flat-map.ts). Both match what TypeScript types the result as.
 */
export function readMap(reader: BodyReader, call: ts.CallExpression, env: Env, scope: ScopePath, out: Node[]): BodyValue {
  const { ctx } = reader;
  const access = call.expression as ts.PropertyAccessExpression;
  const flat = access.name.text === "flatMap";
  const method = `.${access.name.text}`;
  const fn = call.arguments[0];
  if (!fn || !(isArrowFunction(fn) || isFunctionExpression(fn)) || call.arguments.length > 1)
    return ctx.fail("unsupportedStatement", call, `\`${method}\` without one arrow function \`(x) => ...\``);
  const param = fn.parameters[0];
  if (!param || !isIdentifier(param.name) || fn.parameters.length > 1) return ctx.fail("unsupportedStatement", param ?? fn, `a ${method} callback other than \`(item) => ...\``);
  const earlier = flat ? undefined : collectedList(access.expression, env);
  if (earlier) return pickField(reader, earlier, fn, param.name.text, call);
  const { items, item, literal } = readItems(reader, access.expression, env, scope, out);
  const name = param.name.text;
  const id = reader.freshId(`for-each-${name}`);
  const inner = loopScope(scope, id);
  const loopEnv = new Env(env);
  loopEnv.set(name, { kind: "binding", binding: { loopItem: id }, type: item, scope: inner, ...(literal ? { items: literal } : {}) });
  const loop: LoopNode = { type: "loop", id, items, itemName: name, nodes: [], span: ctx.spanText(call) };
  const returned: Returned[] = [];
  const onReturn: ReturnHandler = Object.assign(
    (ret: ts.ReturnStatement, blockEnv: Env, nodes: Node[], here: ScopePath) => {
      if (flat) return void returned.push(...readFlatReturn(reader, ret, blockEnv, nodes, here));
      if (here.length > inner.length)
        return ctx.fail("uncollectable", ret, "this `.map` callback returns from inside a branch", "TypeScript types the iterations whose branch did not run as `undefined`, and no target has a value for them; write `.flatMap`, returning `[value]` there and `[]` otherwise");
      if (ret.expression) returned.push({ value: reader.value(ret.expression, blockEnv, here, nodes), at: ret.expression, here, wrapped: true });
    },
    { intoBranches: true },
  );
  reader.functionEnvs.push(loopEnv);
  try {
    if (isBlock(fn.body)) {
      loop.nodes = reader.readBlock(fn.body.statements, loopEnv, inner, onReturn);
    } else if (flat) {
      returned.push(...readFlatExpression(reader, fn.body, loopEnv, loop.nodes, inner));
    } else {
      returned.push({ value: reader.value(fn.body, loopEnv, inner, loop.nodes), at: fn.body, here: inner, wrapped: true });
    }
  } finally {
    reader.functionEnvs.pop();
  }
  out.push(loop);
  const [first, second] = returned;
  if (second)
    return ctx.fail("uncollectable", second.at, `this ${method} callback returns a value from more than one branch`, "each iteration would take its value from one of several branches, kfp's dsl.OneOf inside dsl.Collected, which kfp refuses; collect each branch's values with its own `.flatMap` (returning `[]` in the other branches) and pass both lists");
  // A `.flatMap` with nothing to collect (it returns only `[]`, or only from branches that never
  // run) is the empty list TypeScript gives it.
  if (!first) return { kind: "const", value: flat ? [] : null };
  return first.wrapped ? collect(reader, first.value, first.at, loop, first.here, scope) : flatten(reader, first.value, first.at, loop, first.here, scope);
}

/** The results of an earlier `.map` whose callback returned a task or an object, when `list` names them. */
function collectedList(list: ts.Expression, env: Env): Extract<BodyValue, { kind: "object" }> | undefined {
  if (!isIdentifier(list)) return undefined;
  const v = env.find(list.text);
  return v !== undefined && v !== "later" && v.kind === "object" && v.collected ? v : undefined;
}

/**
 * `results.map((r) => r.acc)` over such results: TypeScript's spelling of "the list of every
 * iteration's `acc`", which is the collected output itself. Nothing else may be done per entry:
 * the entries exist only on the orchestrator.
 */
function pickField(reader: BodyReader, list: Extract<BodyValue, { kind: "object" }>, fn: ts.ArrowFunction | ts.FunctionExpression, name: string, call: ts.CallExpression): BodyValue {
  let body: ts.Node = fn.body;
  if (isBlock(body) && body.statements.length === 1 && isReturnStatement(body.statements[0]!) && body.statements[0].expression) body = body.statements[0].expression;
  const path: string[] = [];
  let e: ts.Node = body;
  while (isParenthesizedExpression(e) || isPropertyAccessExpression(e)) {
    if (isPropertyAccessExpression(e)) path.unshift(e.name.text);
    e = e.expression;
  }
  const fail = () => reader.ctx.fail("unsupportedStatement", fn, `this callback over the results of an earlier .map (only picking one output is supported: \`${snippet(call.expression)}((r) => r.NAME)\`)`);
  if (!isIdentifier(e) || e.text !== name || path.length === 0) return fail();
  let v: BodyValue | undefined = list;
  for (const key of path) v = v?.kind === "object" ? v.fields.get(key) : undefined;
  if (!v) return reader.ctx.fail("unresolvedName", body, snippet(body), ` in the results of the earlier .map: its entries hold ${[...list.fields.keys()].map((k) => `\`${k}\``).join(", ")}`);
  if (v.kind !== "binding") return fail();
  return v;
}

/** Turns what one iteration returns (at `here`, in `loop`) into the list every iteration returns. */
function collect(reader: BodyReader, v: BodyValue, at: ts.Node, loop: LoopNode, here: ScopePath, outer: ScopePath): BodyValue {
  const { ctx } = reader;
  if (v.kind === "binding" && "taskOutput" in v.binding && sameScope(v.scope, here)) {
    const type = v.type && listOf(v.type);
    if (!type) return ctx.fail("typeMismatch", at, "a .map result", "a parameter or artifact output", "a list");
    const { task, output } = v.binding.taskOutput;
    return { kind: "binding", binding: { collected: { loop: loop.id, task, output } }, type, scope: outer };
  }
  if (v.kind === "task" && sameScope(v.scope, here)) {
    const fields = new Map<string, BodyValue>();
    for (const [output, type] of v.outputs) {
      const list = listOf(type);
      if (list) fields.set(output, { kind: "binding", binding: { collected: { loop: loop.id, task: v.id, output } }, type: list, scope: outer });
    }
    return { kind: "object", fields: new Map([["outputs", { kind: "object", fields }]]), collected: true };
  }
  if (v.kind === "object" && !v.collected) {
    const fields = new Map<string, BodyValue>();
    for (const [k, f] of v.fields) fields.set(k, collect(reader, f, at, loop, here, outer));
    return { kind: "object", fields, collected: true };
  }
  if (v.kind === "poisoned") return v;
  if ((v.kind === "binding" && "collected" in v.binding) || (v.kind === "object" && v.collected))
    return ctx.fail("uncollectable", at, "this `.map` returns an inner `.map`'s list, a list of lists for TypeScript", "Kubeflow's dsl.Collected gives one flat list of every inner iteration; write `.flatMap` for that flat list");
  return unreturnable(reader, v, at, loop, here);
}

/** Why a returned value is not one this iteration produced where it returns it. */
function unreturnable(reader: BodyReader, v: BodyValue, at: ts.Node, loop: LoopNode, here: ScopePath): never {
  const { ctx } = reader;
  const depth = here.findIndex((s) => s.id === loop.id) + 1;
  if (v.kind === "binding" || v.kind === "task") {
    const nested = v.scope.length > here.length && hidingGroup(v.scope, here);
    if (nested) return ctx.fail("outOfScope", at, `\`${snippet(at)}\``, `${nested.label}, nested in the loop,`);
    if (v.scope.length >= depth && v.scope.length < here.length && v.scope[depth - 1]?.id === loop.id)
      return ctx.fail("uncollectable", at, `\`${snippet(at)}\` is returned from a branch but produced outside it`, "its step runs in every iteration, so every target would collect every iteration's value; call the step inside the branch");
  }
  return ctx.fail("unsupportedStatement", at, "a .map callback that does not return a step's output (or the task, or an object of outputs)");
}

export function readTry(reader: BodyReader, stmt: ts.TryStatement, env: Env, scope: ScopePath): ExitHandlerNode {
  const { ctx } = reader;
  if (stmt.catchClause) return ctx.fail("unsupportedStatement", stmt.catchClause, "`catch` (use try/finally: the finally block is an exit handler)");
  if (!stmt.finallyBlock) return ctx.fail("unsupportedStatement", stmt, "`try` without `finally`");
  const id = reader.nextExitHandlerId();
  const errorsBefore = ctx.diagnostics.length;
  const nodes = reader.readBlock(stmt.tryBlock.statements, env, [...scope, { id: `${id}:body`, label: `the try block of \`${id}\`` }]);
  const exit = reader.readBlock(stmt.finallyBlock.statements, env, [...scope, { id: `${id}:exit`, label: `the finally block of \`${id}\`` }]);
  // A `finally` with nothing to guard: Airflow's failure watcher would have no upstream task
  // and fail every run, and Argo has no task to hang the exit hook on. Write the steps plainly.
  if (ctx.diagnostics.length === errorsBefore && !allNodes(nodes).some((n) => n.type === "task" || n.type === "subPipeline")) ctx.report("emptyPipeline", stmt.tryBlock, "this `try` block");
  return { type: "exitHandler", id, nodes, exit, span: ctx.spanText(stmt) };
}
