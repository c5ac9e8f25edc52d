// Small syntax questions the body reader asks: which declarations are block-scoped, which
// expressions are plain constants, and the name and value of an object literal's property.
import type { ts } from "ts-morph";
import { tsApi } from "./typescript.js";
import type { FrontendContext } from "./context.js";
import { snippet } from "./evaluate.js";

export function isBlockScoped(s: ts.Statement): s is ts.VariableStatement {
  return tsApi.isVariableStatement(s) && (s.declarationList.flags & (tsApi.NodeFlags.Const | tsApi.NodeFlags.Let)) !== 0;
}

/** Literals, arrays and objects: read by the constant evaluator. */
export function isConstantSyntax(e: ts.Expression): boolean {
  return (
    tsApi.isStringLiteral(e) ||
    tsApi.isNumericLiteral(e) ||
    tsApi.isNoSubstitutionTemplateLiteral(e) ||
    tsApi.isArrayLiteralExpression(e) ||
    tsApi.isObjectLiteralExpression(e) ||
    tsApi.isPrefixUnaryExpression(e) ||
    tsApi.isElementAccessExpression(e) ||
    e.kind === tsApi.SyntaxKind.TrueKeyword ||
    e.kind === tsApi.SyntaxKind.FalseKeyword ||
    e.kind === tsApi.SyntaxKind.NullKeyword ||
    (tsApi.isBinaryExpression(e) && [tsApi.SyntaxKind.PlusToken, tsApi.SyntaxKind.MinusToken, tsApi.SyntaxKind.AsteriskToken, tsApi.SyntaxKind.SlashToken].includes(e.operatorToken.kind))
  );
}

/** `name: value` or shorthand `name` of an object literal in a body. */
export function propertyNameAndValue(ctx: FrontendContext, prop: ts.ObjectLiteralElementLike): [string, ts.Expression] {
  if (tsApi.isPropertyAssignment(prop) && (tsApi.isIdentifier(prop.name) || tsApi.isStringLiteral(prop.name) || tsApi.isNumericLiteral(prop.name))) return [prop.name.text, prop.initializer];
  if (tsApi.isShorthandPropertyAssignment(prop)) return [prop.name.text, prop.name];
  return ctx.fail("unsupportedStatement", prop, `\`${snippet(prop)}\` in an object here (write name: value)`);
}

/** Whether a statement holds a `return` of its own function (not one of a nested function). */
export function containsReturn(s: ts.Node): boolean {
  if (tsApi.isReturnStatement(s)) return true;
  if (tsApi.isFunctionLike(s) || tsApi.isClassLike(s)) return false;
  return tsApi.forEachChild(s, (c) => (containsReturn(c) ? true : undefined)) ?? false;
}

/** The list a `return` statement gives, without brackets and `as`; undefined for a bare `return`. */
export function returnedExpression(s: ts.ReturnStatement): ts.Expression | undefined {
  let e = s.expression;
  while (e && (tsApi.isParenthesizedExpression(e) || tsApi.isAsExpression(e) || tsApi.isSatisfiesExpression(e))) e = e.expression;
  return e;
}

/** `return []` (or a bare `return`): an iteration that adds nothing to a `.flatMap`. */
export function isEmptyListReturn(s: ts.Statement): boolean {
  if (!tsApi.isReturnStatement(s)) return false;
  const e = returnedExpression(s);
  return e === undefined || (tsApi.isArrayLiteralExpression(e) && e.elements.length === 0);
}
