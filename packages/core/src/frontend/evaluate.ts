// The constant evaluator: computes what a step definition, pipeline config or call option
// would be at run time, from syntax alone, following consts and imports across files. Anything
// that is not a compile-time constant is a located SLU1101 naming the construct.
import type { ts } from "ts-morph";
import { SyntaxKind, isComputedPropertyName, isIdentifier, isMethodDeclaration, isNoSubstitutionTemplateLiteral, isNumericLiteral, isOmittedExpression, isPropertyAssignment, isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteral } from "./syntax.js";
import type { FrontendContext } from "./context.js";
import { nodeText, Reported } from "./context.js";
import type { ModuleInfo, Modules } from "./modules.js";
import { callBuiltin, isCoreExport } from "./builtins.js";
import { didYouMean } from "./suggest.js";
import { assignOwn, RESERVED_KEY, setOwn } from "../records/own-keys.js";
import { BuiltinValue, type ConstObject, type ConstValue, FunctionValue, isConstObject, NamespaceValue, recordOrigin } from "./values.js";

/** Body-level names (loop variables, local consts) the evaluator may see; undefined when unknown. */
export type LocalLookup = (name: string, at: ts.Node) => { value: ConstValue | undefined } | undefined;

const POISON = Symbol("already reported");
const MISS = Symbol("not cached");
const IMPORT_CYCLE = "its imports and re-exports lead back to this name, so it has no value";

/** Globals whose values exist only at run time: reading them is "not constant", not "unknown". */
export const RUNTIME_GLOBALS = new Set(["process", "Math", "Date", "JSON", "console", "globalThis", "window", "Number", "String", "Boolean", "Object", "Array", "crypto", "require", "__dirname", "__filename", "Buffer", "fetch", "Promise", "setTimeout"]);

export class Evaluator {
  private readonly cache = new Map<ts.Node, ConstValue | undefined | typeof POISON>();
  private readonly inProgress = new Set<ts.Node>();

  constructor(
    readonly ctx: FrontendContext,
    readonly modules: Modules,
  ) {}

  /** The value of an expression, one level of nesting deeper (see DEPTH_LIMITS). */
  evaluate(expr: ts.Expression, module: ModuleInfo, locals?: LocalLookup): ConstValue | undefined {
    // A literal nests nothing, so it takes no level: most values of a definition are literals.
    const literal = literalValue(expr);
    if (literal !== NOT_LITERAL) return literal;
    this.ctx.enterValue(expr);
    try {
      return this.evaluateNode(expr, module, locals);
    } finally {
      this.ctx.leaveValue();
    }
  }

  /** One switch on the syntax kind: this runs for every value of every definition. */
  private evaluateNode(expr: ts.Expression, module: ModuleInfo, locals?: LocalLookup): ConstValue | undefined {
    const K = SyntaxKind;
    switch (expr.kind) {
      // Literals are read in `evaluate`, before a level of nesting is entered.
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.SatisfiesExpression:
      case K.NonNullExpression:
      case K.TypeAssertionExpression:
        return this.evaluate((expr as ts.ParenthesizedExpression).expression, module, locals);
      case K.PrefixUnaryExpression:
        return this.prefix(expr as ts.PrefixUnaryExpression, module, locals);
      case K.TemplateExpression:
        return this.template(expr as ts.TemplateExpression, module, locals);
      case K.ArrayLiteralExpression:
        return this.array(expr as ts.ArrayLiteralExpression, module, locals);
      case K.ObjectLiteralExpression:
        return this.object(expr as ts.ObjectLiteralExpression, module, locals);
      case K.Identifier: {
        const name = (expr as ts.Identifier).text;
        const local = locals?.(name, expr);
        return local ? local.value : this.lookup(module, name, expr);
      }
      case K.PropertyAccessExpression: {
        const access = expr as ts.PropertyAccessExpression;
        return this.member(this.evaluate(access.expression, module, locals), access.name.text, expr);
      }
      case K.ElementAccessExpression: {
        const access = expr as ts.ElementAccessExpression;
        const key = this.evaluate(access.argumentExpression, module, locals);
        if (typeof key !== "string" && typeof key !== "number") return this.notConstant(access.argumentExpression);
        return this.member(this.evaluate(access.expression, module, locals), String(key), expr);
      }
      case K.CallExpression: {
        const call = expr as ts.CallExpression;
        const callee = this.evaluate(call.expression, module, locals);
        if (!(callee instanceof BuiltinValue)) return this.notConstant(expr, `the call \`${snippet(call.expression)}(...)\``);
        return callBuiltin(this, callee.name, call, module, locals);
      }
      case K.ArrowFunction:
      case K.FunctionExpression:
        return new FunctionValue(expr as ts.ArrowFunction, module);
      case K.BinaryExpression:
        return this.binary(expr as ts.BinaryExpression, module, locals);
      default:
        return this.notConstant(expr);
    }
  }

  notConstant(node: ts.Node, what = `\`${snippet(node)}\``): never {
    return this.ctx.fail("notConstant", node, what);
  }

  /** The value of a top-level name of a module, following imports. */
  lookup(module: ModuleInfo, name: string, at: ts.Node): ConstValue | undefined {
    if (name === "undefined") return undefined;
    const decl = module.locals.get(name);
    if (!decl && RUNTIME_GLOBALS.has(name)) return this.notConstant(at, `\`${name}\` (known only when the file runs)`);
    if (!decl) return this.ctx.fail("unresolvedName", at, name, didYouMean(name, module.locals.keys()));
    switch (decl.kind) {
      case "const": {
        if (!decl.node.initializer) return this.notConstant(at, `\`${name}\` (declared without a value)`);
        // Every use of a const reads the cache: checked here, before making the closure.
        const hit = this.hit(decl.node);
        return hit !== MISS ? hit : this.cached(decl.node, () => this.evaluate(decl.node.initializer!, module));
      }
      case "mutable":
        return this.notConstant(at, `\`${name}\` (declared with let/var, so it may change)`);
      case "other":
        return this.notConstant(at, `\`${name}\` (a function or class)`);
      case "import": {
        // Cached by the import's node, so an import that leads back to itself (a file
        // re-exporting its own import) is reported instead of followed forever.
        const hit = this.hit(decl.node);
        return hit !== MISS ? hit : this.cached(decl.node, () => this.imported(module, decl.spec, decl.name, decl.node), IMPORT_CYCLE);
      }
    }
  }

  /** An exported value of a module, following re-exports. */
  exported(module: ModuleInfo, name: string, at: ts.Node): ConstValue | undefined {
    const target = module.exports.get(name);
    if (target) {
      if ("expr" in target) return this.cached(target.expr, () => this.evaluate(target.expr, module));
      if ("local" in target) return this.lookup(module, target.local, target.node);
      return this.cached(target.node, () => this.imported(module, target.reexport, target.name, target.node), IMPORT_CYCLE);
    }
    for (const star of module.starExports) {
      const inner = this.modules.resolveImport(module, star.spec);
      if (inner && inner !== "core" && hasExport(this.modules, inner, name, new Set())) return this.exported(inner, name, at);
    }
    return this.ctx.fail("unknownExport", at, name, module.file.rel, exportList(module, name));
  }

  private imported(module: ModuleInfo, spec: string, name: string, at: ts.Node): ConstValue | undefined {
    const target = this.modules.resolveImport(module, spec);
    if (target === undefined) return this.ctx.fail("moduleNotFound", at, spec);
    if (target === "core") {
      if (name === "*") return new BuiltinValue("core");
      if (!isCoreExport(name)) return this.notConstant(at, `\`${name}\` from ${spec} (only the DSL functions are read at compile time)`);
      return new BuiltinValue(name);
    }
    return name === "*" ? new NamespaceValue(target) : this.exported(target, name, at);
  }

  private cached(key: ts.Node, compute: () => ConstValue | undefined, cycle = "it refers to itself"): ConstValue | undefined {
    const hit = this.hit(key);
    if (hit !== MISS) return hit;
    if (this.inProgress.has(key)) return this.notConstant(key, `\`${snippet(key)}\` (${cycle})`);
    this.inProgress.add(key);
    try {
      const v = compute();
      this.cache.set(key, v);
      return v;
    } catch (e) {
      if (e instanceof Reported) this.cache.set(key, POISON);
      throw e;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The cached value of `key`, or MISS: callers check before making the closure `cached` takes. */
  private hit(key: ts.Node): ConstValue | undefined | typeof MISS {
    const v = this.cache.get(key);
    if (v === undefined && !this.cache.has(key)) return MISS;
    if (v === POISON) throw new Reported();
    return v;
  }

  private member(base: ConstValue | undefined, name: string, at: ts.Node): ConstValue | undefined {
    if (base instanceof BuiltinValue) {
      const full = base.name === "core" ? name : `${base.name}.${name}`;
      if (base.name === "core" && !isCoreExport(name)) return this.notConstant(at);
      return new BuiltinValue(full);
    }
    if (base instanceof NamespaceValue) return this.exported(base.module, name, at);
    if (Array.isArray(base)) {
      if (name === "length") return base.length;
      if (/^\d+$/.test(name)) return base[Number(name)];
    }
    if (isConstObject(base)) return Object.hasOwn(base, name) ? base[name] : undefined;
    if (typeof base === "string" && name === "length") return base.length;
    return this.notConstant(at);
  }

  private prefix(expr: ts.PrefixUnaryExpression, module: ModuleInfo, locals?: LocalLookup): ConstValue {
    const v = this.evaluate(expr.operand, module, locals);
    if (expr.operator === SyntaxKind.MinusToken && typeof v === "number") return -v;
    if (expr.operator === SyntaxKind.PlusToken && typeof v === "number") return v;
    if (expr.operator === SyntaxKind.ExclamationToken && (typeof v === "boolean" || v === null)) return !v;
    return this.notConstant(expr);
  }

  private binary(expr: ts.BinaryExpression, module: ModuleInfo, locals?: LocalLookup): ConstValue {
    const op = expr.operatorToken.kind;
    const l = this.evaluate(expr.left, module, locals);
    const r = this.evaluate(expr.right, module, locals);
    if (op === SyntaxKind.PlusToken && (typeof l === "string" || typeof r === "string") && isPrimitive(l) && isPrimitive(r)) return `${l}${r}`;
    if (typeof l === "number" && typeof r === "number") {
      if (op === SyntaxKind.PlusToken) return l + r;
      if (op === SyntaxKind.MinusToken) return l - r;
      if (op === SyntaxKind.AsteriskToken) return l * r;
      if (op === SyntaxKind.SlashToken) return l / r;
    }
    return this.notConstant(expr);
  }

  private template(expr: ts.TemplateExpression, module: ModuleInfo, locals?: LocalLookup): string {
    let text = expr.head.text;
    for (const span of expr.templateSpans) {
      const v = this.evaluate(span.expression, module, locals);
      if (!isPrimitive(v)) return this.notConstant(span.expression);
      text += String(v) + span.literal.text;
    }
    return text;
  }

  private array(expr: ts.ArrayLiteralExpression, module: ModuleInfo, locals?: LocalLookup): ConstValue[] {
    const out: ConstValue[] = [];
    for (const el of expr.elements) {
      if (isSpreadElement(el)) {
        const v = this.evaluate(el.expression, module, locals);
        if (!Array.isArray(v)) return this.notConstant(el, `the spread of \`${snippet(el.expression)}\` (not an array)`);
        out.push(...v);
      } else if (isOmittedExpression(el)) {
        return this.notConstant(el, "an array hole");
      } else {
        const v = this.evaluate(el, module, locals);
        out.push(v === undefined ? null : v);
      }
    }
    return out;
  }

  private object(expr: ts.ObjectLiteralExpression, module: ModuleInfo, locals?: LocalLookup): ConstObject {
    const out: ConstObject = {};
    let spreads: Map<ts.Node, object> | undefined;
    for (const prop of expr.properties) {
      if (isSpreadAssignment(prop)) {
        const v = this.evaluate(prop.expression, module, locals);
        if (v === undefined) continue;
        if (!isConstObject(v)) return this.notConstant(prop, `the spread of \`${snippet(prop.expression)}\` (not an object)`);
        assignOwn(out, v);
        (spreads ??= new Map()).set(prop, v);
        continue;
      }
      let key: string;
      let value: ConstValue | undefined;
      if (isPropertyAssignment(prop)) {
        key = this.propertyName(prop.name, module, locals);
        value = this.evaluate(prop.initializer, module, locals);
      } else if (isShorthandPropertyAssignment(prop)) {
        key = prop.name.text;
        const local = locals?.(key, prop.name);
        value = local ? local.value : this.lookup(module, key, prop.name);
      } else if (isMethodDeclaration(prop) && prop.body) {
        return this.notConstant(prop, "a method (use an arrow function for args/command)");
      } else {
        return this.notConstant(prop);
      }
      if (key === RESERVED_KEY) return this.ctx.fail("reservedKey", prop.name, key);
      if (value === undefined) delete out[key];
      else setOwn(out, key, value);
    }
    recordOrigin(out, spreads ? { literal: expr, spreads } : { literal: expr });
    return out;
  }

  private propertyName(name: ts.PropertyName, module: ModuleInfo, locals?: LocalLookup): string {
    if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (isComputedPropertyName(name)) {
      const v = this.evaluate(name.expression, module, locals);
      if (typeof v === "string" || typeof v === "number") return String(v);
    }
    return this.notConstant(name);
  }
}

const NOT_LITERAL = Symbol("not a literal");

/** The value of a string, number, boolean or null literal; NOT_LITERAL for any other expression. */
function literalValue(expr: ts.Expression): string | number | boolean | null | typeof NOT_LITERAL {
  const K = SyntaxKind;
  switch (expr.kind) {
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return (expr as ts.StringLiteral).text;
    case K.NumericLiteral:
      return Number((expr as ts.NumericLiteral).text);
    case K.TrueKeyword:
      return true;
    case K.FalseKeyword:
      return false;
    case K.NullKeyword:
      return null;
    default:
      return NOT_LITERAL;
  }
}

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function hasExport(modules: Modules, module: ModuleInfo, name: string, seen: Set<ModuleInfo>): boolean {
  if (seen.has(module)) return false;
  seen.add(module);
  if (module.exports.has(name)) return true;
  return module.starExports.some((s) => {
    const inner = modules.resolveImport(module, s.spec);
    return inner !== undefined && inner !== "core" && hasExport(modules, inner, name, seen);
  });
}

/** The module's own exports for an unknown-export message, closest first when one is close. */
function exportList(module: ModuleInfo, name: string): string {
  const names = [...module.exports.keys()].sort();
  const star = module.starExports.length > 0 ? " (and what its `export *` lines re-export)" : "";
  if (names.length === 0) return star ? `; it only re-exports with \`export *\`` : "; it has no exports";
  return `${didYouMean(name, names)}; its exports: ${names.map((n) => `\`${n}\``).join(", ")}${star}`;
}

/** A short excerpt of source for messages. */
export function snippet(node: ts.Node): string {
  const text = nodeText(node).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
