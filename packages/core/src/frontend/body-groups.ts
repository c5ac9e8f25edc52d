// Groups in a body: if / else if / else (condition), for...of and .map (loop, with fan-in),
// try/finally (exit handler). Each group opens a scope: what is produced inside stays inside,
// except a .map's returned outputs, which leave it collected into a list.
import type { ts } from "ts-morph";
import { tsApi } from "./typescript.js";
import type { Binding, ConditionNode, JsonValue, ExitHandlerNode, LoopNode, Node, ValueType } from "../ir/index.js";
import type { BodyReader, ReadBinding } from "./body.js";
import { Env } from "./body-env.js";
import { readCondition } from "./body-conditions.js";
import { type BodyValue, itemType, listOf, type ScopePath } from "./body-values.js";
import { snippet } from "./evaluate.js";

export function readIf(reader: BodyReader, stmt: ts.IfStatement, env: Env, scope: ScopePath): ConditionNode {
  const id = reader.nextConditionId();
  const node: ConditionNode = { type: "condition", id, branches: [], span: reader.ctx.spanText(stmt) };
  let current: ts.Statement | undefined = stmt;
  let elseIfs = 0;
  while (current) {
    if (tsApi.isIfStatement(current)) {
      const branchId = reader.freshId(node.branches.length === 0 ? `${id}-then` : `${id}-elif-${++elseIfs}`);
      const when = readCondition(reader, current.expression, env, scope);
      node.branches.push({ id: branchId, when, nodes: readBranch(reader, current.thenStatement, env, scope, branchId), span: reader.ctx.spanText(current) });
      current = current.elseStatement;
    } else {
      const branchId = reader.freshId(`${id}-else`);
      node.branches.push({ id: branchId, nodes: readBranch(reader, current, env, scope, branchId), span: reader.ctx.spanText(current) });
      current = undefined;
    }
  }
  return node;
}

function readBranch(reader: BodyReader, stmt: ts.Statement, env: Env, scope: ScopePath, branchId: string): Node[] {
  const inner = [...scope, { id: branchId, label: `the branch \`${branchId}\`` }];
  return reader.readBlock(tsApi.isBlock(stmt) ? stmt.statements : [stmt], env, inner);
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
  const decl = tsApi.isVariableDeclarationList(init) ? init.declarations[0] : undefined;
  if (!decl || !tsApi.isVariableDeclarationList(init) || (init.flags & tsApi.NodeFlags.Const) === 0 || !tsApi.isIdentifier(decl.name))
    return ctx.fail("unsupportedStatement", init, "a loop variable other than `const name`");
  const pre: Node[] = [];
  const { items, item, literal } = readItems(reader, stmt.expression, env, scope, pre);
  if (pre.length > 0) return ctx.fail("unsupportedStatement", stmt.expression, "a step call in the loop header (bind it to a const first)");
  const name = decl.name.text;
  const id = reader.freshId(`for-each-${name}`);
  const inner = loopScope(scope, id);
  const loopEnv = new Env(env);
  loopEnv.set(name, { kind: "binding", binding: { loopItem: id }, type: item, scope: inner, ...(literal ? { items: literal } : {}) });
  const body = tsApi.isBlock(stmt.statement) ? stmt.statement.statements : [stmt.statement];
  return { type: "loop", id, items, itemName: name, nodes: reader.readBlock(body, loopEnv, inner), span: ctx.spanText(stmt) };
}

/** `list.map((x) => step(...).outputs.y)`: a loop whose returned outputs are collected. */
export function readMap(reader: BodyReader, call: ts.CallExpression, env: Env, scope: ScopePath, out: Node[]): BodyValue {
  const { ctx } = reader;
  const access = call.expression as ts.PropertyAccessExpression;
  const fn = call.arguments[0];
  if (!fn || !(tsApi.isArrowFunction(fn) || tsApi.isFunctionExpression(fn)) || call.arguments.length > 1)
    return ctx.fail("unsupportedStatement", call, "`.map` without one arrow function `(x) => ...`");
  const param = fn.parameters[0];
  if (!param || !tsApi.isIdentifier(param.name) || fn.parameters.length > 1) return ctx.fail("unsupportedStatement", param ?? fn, "a .map callback other than `(item) => ...`");
  const earlier = collectedList(access.expression, env);
  if (earlier) return pickField(reader, earlier, fn, param.name.text, call);
  const { items, item, literal } = readItems(reader, access.expression, env, scope, out);
  const name = param.name.text;
  const id = reader.freshId(`for-each-${name}`);
  const inner = loopScope(scope, id);
  const loopEnv = new Env(env);
  loopEnv.set(name, { kind: "binding", binding: { loopItem: id }, type: item, scope: inner, ...(literal ? { items: literal } : {}) });
  const loop: LoopNode = { type: "loop", id, items, itemName: name, nodes: [], span: ctx.spanText(call) };
  let returned: { value: BodyValue; at: ts.Node } | undefined;
  reader.functionEnvs.push(loopEnv);
  try {
    if (tsApi.isBlock(fn.body)) {
      loop.nodes = reader.readBlock(fn.body.statements, loopEnv, inner, (ret, blockEnv, nodes) => {
        if (ret.expression) returned = { value: reader.value(ret.expression, blockEnv, inner, nodes), at: ret.expression };
      });
    } else {
      returned = { value: reader.value(fn.body, loopEnv, inner, loop.nodes), at: fn.body };
    }
  } finally {
    reader.functionEnvs.pop();
  }
  out.push(loop);
  if (!returned) return { kind: "const", value: null };
  return collect(reader, returned.value, returned.at, loop, inner, scope);
}

/** The results of an earlier `.map` whose callback returned a task or an object, when `list` names them. */
function collectedList(list: ts.Expression, env: Env): Extract<BodyValue, { kind: "object" }> | undefined {
  if (!tsApi.isIdentifier(list)) return undefined;
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
  if (tsApi.isBlock(body) && body.statements.length === 1 && tsApi.isReturnStatement(body.statements[0]!) && body.statements[0].expression) body = body.statements[0].expression;
  const path: string[] = [];
  let e: ts.Node = body;
  while (tsApi.isParenthesizedExpression(e) || tsApi.isPropertyAccessExpression(e)) {
    if (tsApi.isPropertyAccessExpression(e)) path.unshift(e.name.text);
    e = e.expression;
  }
  const fail = () => reader.ctx.fail("unsupportedStatement", fn, `this callback over the results of an earlier .map (only picking one output is supported: \`${snippet(call.expression)}((r) => r.NAME)\`)`);
  if (!tsApi.isIdentifier(e) || e.text !== name || path.length === 0) return fail();
  let v: BodyValue | undefined = list;
  for (const key of path) v = v?.kind === "object" ? v.fields.get(key) : undefined;
  if (!v) return reader.ctx.fail("unresolvedName", body, snippet(body), ` in the results of the earlier .map: its entries hold ${[...list.fields.keys()].map((k) => `\`${k}\``).join(", ")}`);
  if (v.kind !== "binding") return fail();
  return v;
}

/** Turns what one iteration returns into the list every iteration returns. */
function collect(reader: BodyReader, v: BodyValue, at: ts.Node, loop: LoopNode, inner: ScopePath, outer: ScopePath): BodyValue {
  const { ctx } = reader;
  const sameScope = (s: ScopePath) => s.length === inner.length && s[s.length - 1]?.id === loop.id;
  if (v.kind === "binding" && "taskOutput" in v.binding && sameScope(v.scope)) {
    const type = v.type && listOf(v.type);
    if (!type) return ctx.fail("typeMismatch", at, "a .map result", "a parameter or artifact output", "a list");
    const { task, output } = v.binding.taskOutput;
    return { kind: "binding", binding: { collected: { loop: loop.id, task, output } }, type, scope: outer };
  }
  if (v.kind === "task" && sameScope(v.scope)) {
    const fields = new Map<string, BodyValue>();
    for (const [output, type] of v.outputs) {
      const list = listOf(type);
      if (list) fields.set(output, { kind: "binding", binding: { collected: { loop: loop.id, task: v.id, output } }, type: list, scope: outer });
    }
    return { kind: "object", fields: new Map([["outputs", { kind: "object", fields }]]), collected: true };
  }
  if (v.kind === "object") {
    const fields = new Map<string, BodyValue>();
    for (const [k, f] of v.fields) fields.set(k, collect(reader, f, at, loop, inner, outer));
    return { kind: "object", fields, collected: true };
  }
  if (v.kind === "poisoned") return v;
  const nested = (v.kind === "binding" || v.kind === "task") && v.scope.length > inner.length && v.scope[inner.length - 1]?.id === loop.id ? v.scope[inner.length] : undefined;
  if (nested) return ctx.fail("outOfScope", at, `\`${snippet(at)}\``, `${nested.label}, nested in the loop,`);
  return ctx.fail("unsupportedStatement", at, "a .map callback that does not return a step's output (or the task, or an object of outputs)");
}

export function readTry(reader: BodyReader, stmt: ts.TryStatement, env: Env, scope: ScopePath): ExitHandlerNode {
  const { ctx } = reader;
  if (stmt.catchClause) return ctx.fail("unsupportedStatement", stmt.catchClause, "`catch` (use try/finally: the finally block is an exit handler)");
  if (!stmt.finallyBlock) return ctx.fail("unsupportedStatement", stmt, "`try` without `finally`");
  const id = reader.nextExitHandlerId();
  const nodes = reader.readBlock(stmt.tryBlock.statements, env, [...scope, { id: `${id}:body`, label: `the try block of \`${id}\`` }]);
  const exit = reader.readBlock(stmt.finallyBlock.statements, env, [...scope, { id: `${id}:exit`, label: `the finally block of \`${id}\`` }]);
  return { type: "exitHandler", id, nodes, exit, span: ctx.spanText(stmt) };
}
