// The module layer: which names a file declares, imports and exports, found in one pass over
// its top-level statements, and how relative imports resolve to files. No type checker: we
// resolve the few forms pipeline files use ourselves (see docs/language.md, "What the compiler reads").
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ts } from "ts-morph";
import { NodeFlags, SyntaxKind, canHaveModifiers, getModifiers, isClassDeclaration, isExportAssignment, isExportDeclaration, isFunctionDeclaration, isIdentifier, isImportDeclaration, isNamedExports, isNamespaceImport, isStringLiteral, isVariableStatement } from "./syntax.js";
import type { FrontendContext, ParsedFile } from "./context.js";

/** The package whose exports the front end understands natively. */
export const CORE_MODULE = "@sluice/core";

export type LocalDecl =
  | { kind: "const"; node: ts.VariableDeclaration }
  | { kind: "mutable"; node: ts.VariableDeclaration }
  | { kind: "other"; node: ts.Node }
  | { kind: "import"; spec: string; name: string; node: ts.Node };

export type ExportTarget = { local: string; node: ts.Node } | { reexport: string; name: string; node: ts.Node } | { expr: ts.Expression };

export interface ModuleInfo {
  file: ParsedFile;
  locals: Map<string, LocalDecl>;
  exports: Map<string, ExportTarget>;
  starExports: { spec: string; node: ts.Node }[];
}

export class Modules {
  private readonly cache = new Map<string, ModuleInfo | undefined>();

  constructor(private readonly ctx: FrontendContext) {}

  load(abs: string): ModuleInfo | undefined {
    if (this.cache.has(abs)) return this.cache.get(abs);
    const file = this.ctx.parse(abs);
    const info = file ? indexModule(file) : undefined;
    this.cache.set(abs, info);
    return info;
  }

  /** A relative import's module, "core" for @sluice/core, undefined when it cannot be read. */
  resolveImport(from: ModuleInfo, spec: string): ModuleInfo | "core" | undefined {
    if (spec === CORE_MODULE) return "core";
    if (!spec.startsWith(".")) return undefined;
    const base = resolve(dirname(from.file.path), spec);
    const candidates = [base.replace(/\.(m?)js$/, ".$1ts"), base, `${base}.ts`, `${base}/index.ts`];
    const found = candidates.find((c) => /\.m?tsx?$/.test(c) && existsSync(c));
    return found ? this.load(found) : undefined;
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return canHaveModifiers(node) && (getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** One pass over the top-level statements: declarations, imports and exports by name. */
function indexModule(file: ParsedFile): ModuleInfo {
  const info: ModuleInfo = { file, locals: new Map(), exports: new Map(), starExports: [] };
  for (const stmt of file.sourceFile.statements) {
    if (isImportDeclaration(stmt)) indexImport(info, stmt);
    else if (isVariableStatement(stmt)) indexVariables(info, stmt);
    else if (isExportDeclaration(stmt)) indexExportDeclaration(info, stmt);
    else if (isExportAssignment(stmt)) info.exports.set("default", { expr: stmt.expression });
    else if ((isFunctionDeclaration(stmt) || isClassDeclaration(stmt)) && stmt.name) {
      info.locals.set(stmt.name.text, { kind: "other", node: stmt });
      if (hasModifier(stmt, SyntaxKind.ExportKeyword)) {
        const exported = hasModifier(stmt, SyntaxKind.DefaultKeyword) ? "default" : stmt.name.text;
        info.exports.set(exported, { local: stmt.name.text, node: stmt });
      }
    }
  }
  return info;
}

function indexImport(info: ModuleInfo, stmt: ts.ImportDeclaration): void {
  const clause = stmt.importClause;
  if (!clause || clause.isTypeOnly || !isStringLiteral(stmt.moduleSpecifier)) return;
  const spec = stmt.moduleSpecifier.text;
  if (clause.name) info.locals.set(clause.name.text, { kind: "import", spec, name: "default", node: clause.name });
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (isNamespaceImport(bindings)) {
    info.locals.set(bindings.name.text, { kind: "import", spec, name: "*", node: bindings });
    return;
  }
  for (const el of bindings.elements) {
    if (el.isTypeOnly) continue;
    info.locals.set(el.name.text, { kind: "import", spec, name: (el.propertyName ?? el.name).text, node: el });
  }
}

function indexVariables(info: ModuleInfo, stmt: ts.VariableStatement): void {
  const isConst = (stmt.declarationList.flags & NodeFlags.Const) !== 0;
  const exported = hasModifier(stmt, SyntaxKind.ExportKeyword);
  for (const decl of stmt.declarationList.declarations) {
    if (!isIdentifier(decl.name)) continue;
    const name = decl.name.text;
    info.locals.set(name, { kind: isConst ? "const" : "mutable", node: decl });
    if (exported) info.exports.set(name, { local: name, node: decl });
  }
}

function indexExportDeclaration(info: ModuleInfo, stmt: ts.ExportDeclaration): void {
  if (stmt.isTypeOnly) return;
  const spec = stmt.moduleSpecifier && isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
  if (!stmt.exportClause) {
    if (spec) info.starExports.push({ spec, node: stmt });
    return;
  }
  if (!isNamedExports(stmt.exportClause)) return;
  for (const el of stmt.exportClause.elements) {
    const inner = (el.propertyName ?? el.name).text;
    info.exports.set(el.name.text, spec ? { reexport: spec, name: inner, node: el } : { local: inner, node: el });
  }
}
