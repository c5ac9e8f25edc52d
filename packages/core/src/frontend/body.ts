// Reads a pipeline body (the arrow function given to pipeline()) statement by statement into IR
// nodes. Statements and expressions live here; calls, groups and conditions in body-*.ts.
import type { ts } from "ts-morph";
import { NodeFlags, SyntaxKind, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isDoStatement, isEmptyStatement, isExpressionStatement, isForInStatement, isForOfStatement, isForStatement, isFunctionDeclaration, isIdentifier, isIfStatement, isNonNullExpression, isObjectBindingPattern, isObjectLiteralExpression, isParenthesizedExpression, isPostfixUnaryExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isReturnStatement, isSatisfiesExpression, isShorthandPropertyAssignment, isSwitchStatement, isTemplateExpression, isThrowStatement, isTryStatement, isVariableStatement, isVoidExpression, isWhileStatement } from "./syntax.js";
import type { Binding, JsonValue, Node, PipelineOutput, SubPipelineNode, TaskNode, ValueType } from "../ir/index.js";
import { Reported } from "./context.js";
import type { LocalLookup } from "./evaluate.js";
import { snippet } from "./evaluate.js";
import { propertyKey } from "./args.js";
import type { ModuleInfo } from "./modules.js";
import type { PipelineBuilder } from "./pipeline-builder.js";
import { readCall } from "./body-calls.js";
import { readForOf, readIf, readMap, readTry } from "./body-groups.js";
import { type BodyValue, hidingGroup, itemType, literalType, type ScopePath } from "./body-values.js";
import { isJson } from "./values.js";
import { didYouMean } from "./suggest.js";
import { checkCycles } from "./body-cycles.js";
import { Env } from "./body-env.js";
import { containsReturn, isBlockScoped, isConstantSyntax, isEmptyListReturn, propertyNameAndValue } from "./body-syntax.js";

export interface ReadBinding {
  binding: Binding;
  type: ValueType | undefined;
  scope: ScopePath;
}

/**
 * What a block does with its final `return`. With `intoBranches` (a `.map` / `.flatMap` callback)
 * a `return` at the end of an `if` branch is handed over too, with the branch's scope.
 */
export interface ReturnHandler {
  (ret: ts.ReturnStatement, env: Env, out: Node[], scope: ScopePath): void;
  intoBranches?: boolean;
}

export interface CallRecord {
  node: TaskNode | SubPipelineNode;
  at: ts.Node;
}

export class BodyReader {
  private readonly ids = new Set<string>();
  private readonly counts = new Map<string, number>();
  private conditions = 0;
  private exitHandlers = 0;
  readonly calls: CallRecord[] = [];
  /** Where `var` declarations land: the body's own scope, or the .map callback's. */
  readonly functionEnvs: Env[] = [];
  private asyncBody = false;
  /** `after` entries naming a const declared further down; resolved when the body is read. */
  readonly pendingAfter: { node: TaskNode | SubPipelineNode; name: string; env: Env; at: ts.Node }[] = [];

  constructor(
    readonly builder: PipelineBuilder,
    readonly module: ModuleInfo,
    /** The body's own pipeline's defaults.image, for steps that name none. */
    readonly defaultImage?: string,
  ) {}

  get ctx() {
    return this.builder.ctx;
  }

  read(fn: ts.ArrowFunction | ts.FunctionExpression, params: Map<string, ValueType>): { root: Node[]; outputs: PipelineOutput[] } {
    // Reported once for the function; `await`s inside it then stay silent.
    this.asyncBody = fn.modifiers?.some((m) => m.kind === SyntaxKind.AsyncKeyword) ?? false;
    if (this.asyncBody) this.ctx.report("awaitNotAllowed", fn);
    const env = new Env();
    this.functionEnvs.push(env);
    this.bindBodyParameter(fn.parameters[0], env, params);
    const outputs: PipelineOutput[] = [];
    let root: Node[];
    if (isBlock(fn.body)) {
      root = this.readBlock(fn.body.statements, env, [], (ret, blockEnv) => outputs.push(...this.readReturn(ret, blockEnv)));
    } else {
      root = [];
      this.ctx.attempt(() => this.value(fn.body as ts.Expression, env, [], root));
    }
    this.resolvePendingAfter();
    checkCycles(this);
    return { root, outputs };
  }

  private bindBodyParameter(param: ts.ParameterDeclaration | undefined, env: Env, params: Map<string, ValueType>): void {
    if (!param) return;
    const paramsValue: BodyValue = { kind: "params", types: params };
    if (isIdentifier(param.name)) {
      env.set(param.name.text, { kind: "object", fields: new Map([["params", paramsValue]]) });
      return;
    }
    if (!isObjectBindingPattern(param.name)) return this.ctx.report("unsupportedStatement", param, "this parameter pattern");
    for (const el of param.name.elements) {
      const key = propertyKey(el.propertyName ?? el.name);
      if (key !== "params" || !isIdentifier(el.name)) this.ctx.report("unsupportedStatement", el, `\`${snippet(el)}\` (the body receives { params })`);
      else env.set(el.name.text, paramsValue);
    }
  }

  /** Reads statements in order; one failing statement does not stop the others. */
  readBlock(stmts: readonly ts.Statement[], parent: Env, scope: ScopePath, onReturn?: ReturnHandler): Node[] {
    if (stmts.length === 0) return [];
    return this.ctx.deeper(stmts[0]!, () => this.readStatements(stmts, parent, scope, onReturn), "blocks");
  }

  private readStatements(stmts: readonly ts.Statement[], parent: Env, scope: ScopePath, onReturn?: ReturnHandler): Node[] {
    const env = new Env(parent);
    for (const s of stmts) if (isBlockScoped(s)) for (const d of s.declarationList.declarations) if (isIdentifier(d.name)) env.declareLater(d.name.text);
    const out: Node[] = [];
    stmts.forEach((stmt, i) => {
      const ok = this.ctx.attempt(() => {
        // After an `if` that may return, a statement would run only in the iterations whose
        // branch did not return: an implicit else no target has. Only `return []` may follow.
        if (onReturn?.intoBranches && i > 0 && containsReturn(stmts[i - 1]!) && !isEmptyListReturn(stmt))
          return this.ctx.fail("uncollectable", stmt, "a statement follows an `if` that returns", "it would run only in the iterations whose branch did not return; put it in an `else` block");
        if (isReturnStatement(stmt) && onReturn && i === stmts.length - 1) onReturn(stmt, env, out, scope);
        else if (isIfStatement(stmt) && onReturn?.intoBranches) out.push(...readIf(this, stmt, env, scope, onReturn));
        else this.statement(stmt, env, scope, out);
        return true;
      });
      if (!ok && isVariableStatement(stmt)) for (const d of stmt.declarationList.declarations) if (isIdentifier(d.name)) env.set(d.name.text, { kind: "poisoned" });
    });
    return out;
  }

  private statement(stmt: ts.Statement, env: Env, scope: ScopePath, out: Node[]): void {
    if (isVariableStatement(stmt)) return this.variables(stmt, env, scope, out);
    if (isExpressionStatement(stmt)) return this.expressionStatement(stmt.expression, env, scope, out);
    if (isIfStatement(stmt)) return void out.push(...readIf(this, stmt, env, scope));
    if (isForOfStatement(stmt)) return void out.push(readForOf(this, stmt, env, scope));
    if (isTryStatement(stmt)) return void out.push(readTry(this, stmt, env, scope));
    if (isBlock(stmt)) return void out.push(...this.readBlock(stmt.statements, env, scope));
    if (isEmptyStatement(stmt)) return;
    if (isWhileStatement(stmt)) return this.ctx.fail("unsupportedLoop", stmt, "`while`");
    if (isDoStatement(stmt)) return this.ctx.fail("unsupportedLoop", stmt, "`do...while`");
    if (isForStatement(stmt)) return this.ctx.fail("unsupportedLoop", stmt, "`for (;;)`");
    if (isForInStatement(stmt)) return this.ctx.fail("unsupportedLoop", stmt, "`for...in`");
    if (isReturnStatement(stmt)) return this.ctx.fail("unsupportedStatement", stmt, "`return` other than at the end of the pipeline body");
    if (isFunctionDeclaration(stmt)) return this.ctx.fail("unsupportedStatement", stmt, "a function declaration");
    if (isSwitchStatement(stmt)) return this.ctx.fail("unsupportedStatement", stmt, "`switch` (use if / else if / else)");
    if (isThrowStatement(stmt)) return this.ctx.fail("unsupportedStatement", stmt, "`throw`");
    return this.ctx.fail("unsupportedStatement", stmt, `\`${snippet(stmt)}\``);
  }

  /**
   * `const` and `let` bind in their block; `var` in the enclosing function, as JavaScript does,
   * so a `var` declared in a branch can be read after it (and is then refused as out of scope).
   * Bindings never change: reassignment is refused where it is written (SLU1003).
   */
  private variables(stmt: ts.VariableStatement, env: Env, scope: ScopePath, out: Node[]): void {
    const flags = stmt.declarationList.flags;
    const target = (flags & (NodeFlags.Const | NodeFlags.Let)) === 0 ? this.functionEnvs[this.functionEnvs.length - 1] ?? env : env;
    for (const decl of stmt.declarationList.declarations) {
      if (!isIdentifier(decl.name)) return this.ctx.fail("unsupportedStatement", decl.name, "destructuring (bind the task and read task.outputs.X)");
      if (!decl.initializer) return this.ctx.fail("mutableBinding", decl, "a declaration without a value (it could only be assigned later)");
      target.set(decl.name.text, this.value(decl.initializer, env, scope, out));
    }
  }

  private expressionStatement(e: ts.Expression, env: Env, scope: ScopePath, out: Node[]): void {
    if (isBinaryExpression(e) && e.operatorToken.kind >= SyntaxKind.FirstAssignment && e.operatorToken.kind <= SyntaxKind.LastAssignment)
      return this.ctx.fail("mutableBinding", e, `assignment to \`${snippet(e.left)}\``);
    if ((isPostfixUnaryExpression(e) || isPrefixUnaryExpression(e)) && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(e.operator))
      return this.ctx.fail("mutableBinding", e, `\`${snippet(e)}\``);
    let inner = e;
    while (isParenthesizedExpression(inner) || isVoidExpression(inner)) inner = inner.expression;
    if (!isCallExpression(inner) && !isAwaitExpression(inner) && !isPropertyAccessExpression(inner))
      return this.ctx.fail("unsupportedStatement", e, `the expression \`${snippet(e)}\``);
    this.value(inner, env, scope, out);
  }

  /** What an expression in the body stands for; calls add nodes to `out`. */
  value(e: ts.Expression, env: Env, scope: ScopePath, out: Node[]): BodyValue {
    // Calls and names do not nest by themselves (a call's body counts where it is read); the
    // rest can wrap each other without brackets (`a.b.c...`), so they count a level each.
    if (isCallExpression(e) || isIdentifier(e)) return this.valueOf(e, env, scope, out);
    return this.ctx.deeper(e, () => this.valueOf(e, env, scope, out));
  }

  private valueOf(e: ts.Expression, env: Env, scope: ScopePath, out: Node[]): BodyValue {
    if (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e)) return this.value(e.expression, env, scope, out);
    if (isAwaitExpression(e)) {
      if (this.asyncBody) return this.value(e.expression, env, scope, out);
      return this.ctx.fail("awaitNotAllowed", e);
    }
    if (isCallExpression(e)) {
      if (isPropertyAccessExpression(e.expression) && (e.expression.name.text === "map" || e.expression.name.text === "flatMap")) return readMap(this, e, env, scope, out);
      return readCall(this, e, env, scope, out);
    }
    if (isIdentifier(e)) return this.identifier(e, env);
    if (isPropertyAccessExpression(e)) return this.member(this.value(e.expression, env, scope, out), e.name.text, e, env);
    if (isTemplateExpression(e)) return this.template(e, env, scope, out);
    if (isObjectLiteralExpression(e) && e.properties.every((p) => isPropertyAssignment(p) || isShorthandPropertyAssignment(p))) {
      // An object of run-time values (a .map callback's result); all-constant objects stay constants.
      const fields = new Map<string, BodyValue>();
      for (const prop of e.properties) {
        const [name, valueExpr] = propertyNameAndValue(this.ctx, prop);
        fields.set(name, this.value(valueExpr, env, scope, out));
      }
      if ([...fields.values()].some((f) => f.kind !== "const")) return { kind: "object", fields };
    }
    if (isConstantSyntax(e)) return { kind: "const", value: this.builder.ev.evaluate(e, this.module, this.constLocals(env)) };
    return this.ctx.fail("unsupportedStatement", e, `the expression \`${snippet(e)}\``);
  }

  private identifier(e: ts.Identifier, env: Env): BodyValue {
    const found = env.find(e.text);
    if (found === "later") return this.ctx.fail("usedBeforeDeclaration", e, e.text);
    if (found?.kind === "poisoned") throw new Reported();
    if (found) return found;
    return { kind: "const", value: this.builder.ev.lookup(this.module, e.text, e) };
  }

  private member(base: BodyValue, name: string, e: ts.PropertyAccessExpression, env: Env): BodyValue {
    switch (base.kind) {
      case "params": {
        const type = base.types.get(name);
        if (!type) return this.ctx.fail("unresolvedName", e, `params.${name}`, didYouMean(name, base.types.keys()));
        return { kind: "binding", binding: { param: name }, type, scope: [] };
      }
      case "task":
        if (name === "outputs") return { kind: "outputs", task: base };
        return this.ctx.fail("unsupportedStatement", e, `\`.${name}\` of a task (read task.outputs.X)`);
      case "outputs": {
        const type = base.task.outputs.get(name);
        if (!type) return this.ctx.fail("unknownOutput", e.name, name, base.task.callee, didYouMean(name, base.task.outputs.keys()));
        return { kind: "binding", binding: { taskOutput: { task: base.task.id, output: name } }, type, scope: base.task.scope };
      }
      case "object": {
        if (base.collected) {
          const list = snippet(e.expression);
          return this.ctx.fail("unresolvedName", e, snippet(e), `: \`${list}\` is a list (one entry per iteration of its .map), as TypeScript sees it; pick the field from each entry: \`${list}.map((r) => r.${name})\``);
        }
        const field = base.fields.get(name);
        if (!field) return this.ctx.fail("unresolvedName", e, snippet(e));
        return field;
      }
      case "binding":
        if ("loopItem" in base.binding && base.binding.field === undefined)
          return { kind: "binding", binding: { loopItem: base.binding.loopItem, field: name }, type: base.items ? this.itemFieldType(base.items, name, e) : undefined, scope: base.scope };
        return this.ctx.fail("unsupportedStatement", e, `\`${snippet(e)}\` (a run-time value has no fields here)`);
      case "const":
        return { kind: "const", value: this.builder.ev.evaluate(e, this.module, this.constLocals(env)) };
      case "poisoned":
        throw new Reported();
    }
  }

  /**
   * A field of a loop item over a literal array: every item must have it (a missing one would
   * reach the step as an empty or unresolved value at run time); its type is the items' common one.
   */
  private itemFieldType(items: readonly JsonValue[], name: string, e: ts.PropertyAccessExpression): ValueType | undefined {
    const missing = items.findIndex((v) => v === null || typeof v !== "object" || Array.isArray(v) || !Object.hasOwn(v, name));
    if (missing >= 0) {
      const item = items[missing];
      const known = item !== null && typeof item === "object" && !Array.isArray(item) ? Object.keys(item) : [];
      const what = known.length > 0 ? `has no field \`${name}\`${didYouMean(name, known)}` : "is not an object";
      return this.ctx.fail("unresolvedName", e, snippet(e), ` in every item: item ${missing + 1} of the loop's list ${what}`);
    }
    const field = itemType(literalType(items.map((v) => (v as Record<string, JsonValue>)[name]!)));
    return field === "not-a-list" ? undefined : field;
  }

  private template(e: ts.TemplateExpression, env: Env, scope: ScopePath, out: Node[]): BodyValue {
    const parts: (string | Binding)[] = [e.head.text];
    let constant = true;
    // The text exists only where its deepest part does (a `var` could carry it further).
    let deepest: ScopePath = [];
    for (const span of e.templateSpans) {
      const v = this.value(span.expression, env, scope, out);
      if (v.kind === "const" && (typeof v.value === "string" || typeof v.value === "number" || typeof v.value === "boolean")) parts.push(String(v.value));
      else {
        constant = false;
        const read = this.toBinding(v, span.expression, scope);
        if (read.scope.length > deepest.length) deepest = read.scope;
        parts.push(read.binding);
      }
      parts.push(span.literal.text);
    }
    if (constant) return { kind: "const", value: parts.join("") };
    const merged: (string | Binding)[] = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (typeof p === "string" && typeof last === "string") merged[merged.length - 1] = last + p;
      else if (p !== "") merged.push(p);
    }
    return { kind: "binding", binding: { template: merged }, type: { category: "param", type: "string" }, scope: deepest };
  }

  /** Body-level constants are visible to the constant evaluator; run-time values are not. */
  constLocals(env: Env): LocalLookup {
    return (name, at) => {
      const v = env.find(name);
      if (v === undefined) return undefined;
      if (v === "later") return this.ctx.fail("usedBeforeDeclaration", at, name);
      if (v.kind === "const") return { value: v.value };
      if (v.kind === "poisoned") throw new Reported();
      return this.ctx.fail("notConstant", at, `\`${name}\` (a run-time value) inside a constant`);
    };
  }

  /** A value used as an input, loop items or condition operand, checked to be visible here. */
  toBinding(v: BodyValue, at: ts.Node, scope: ScopePath): ReadBinding {
    if (v.kind === "const") {
      if (!isJson(v.value)) return this.ctx.fail("notConstant", at, `\`${snippet(at)}\` (not plain data)`);
      return { binding: { literal: v.value }, type: literalType(v.value), scope: [] };
    }
    if (v.kind === "binding") {
      const hidden = hidingGroup(v.scope, scope);
      if (hidden) return this.ctx.fail("outOfScope", at, `\`${snippet(at)}\``, hidden.label);
      return v;
    }
    if (v.kind === "poisoned") throw new Reported();
    if (v.kind === "task" || v.kind === "outputs") return this.ctx.fail("typeMismatch", at, `\`${snippet(at)}\``, "a value", `a task, which is not a value: pass one of its outputs, \`${snippet(at)}.outputs.NAME\``);
    return this.ctx.fail("typeMismatch", at, `\`${snippet(at)}\``, "a value", "an object");
  }

  /** A fresh id from a readable base: `base`, then `base-2`, `base-3`... */
  freshId(base: string): string {
    for (let n = (this.counts.get(base) ?? 0) + 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!this.ids.has(id)) {
        this.counts.set(base, n);
        this.ids.add(id);
        return id;
      }
    }
  }

  /** An id the user chose (the `name` option): a second use is a duplicate. */
  claimId(id: string, at: ts.Node): string {
    if (this.ids.has(id)) return this.ctx.fail("duplicateTask", at, id);
    this.ids.add(id);
    return id;
  }

  nextConditionId(): string {
    return this.freshId(`condition-${++this.conditions}`);
  }

  nextExitHandlerId(): string {
    return this.freshId(`exit-handler-${++this.exitHandlers}`);
  }

  private readReturn(ret: ts.ReturnStatement, env: Env): PipelineOutput[] {
    if (!ret.expression) return [];
    let e = ret.expression;
    while (isParenthesizedExpression(e) || isAsExpression(e)) e = e.expression;
    if (!isObjectLiteralExpression(e)) return this.ctx.fail("unsupportedStatement", ret, "a return value other than an object of outputs { name: task.outputs.x }");
    const outputs: PipelineOutput[] = [];
    for (const prop of e.properties) {
      const ok = this.ctx.attempt(() => {
        const [name, valueExpr] = propertyNameAndValue(this.ctx, prop);
        const read = this.toBinding(this.value(valueExpr, env, [], []), valueExpr, []);
        if (!read.type) return this.ctx.fail("typeMismatch", valueExpr, `pipeline output \`${name}\``, "a value of known type", "a loop item field");
        outputs.push({ name, type: read.type, from: read.binding });
      });
      void ok;
    }
    return outputs;
  }

  private resolvePendingAfter(): void {
    for (const p of this.pendingAfter) {
      const v = p.env.find(p.name);
      if (v && v !== "later" && v.kind === "task") {
        if (!p.node.after.includes(v.id)) p.node.after.push(v.id);
      } else if (v && v !== "later" && v.kind !== "poisoned") this.ctx.report("typeMismatch", p.at, "`after`", "tasks", `\`${p.name}\``);
    }
  }
}

