// Small syntax questions the body reader asks: which declarations are block-scoped, which
// expressions are plain constants, and the name and value of an object literal's property.
import type { ts } from "ts-morph";
import { NodeFlags, SyntaxKind, forEachChild, isArrayLiteralExpression, isAsExpression, isBinaryExpression, isClassLike, isElementAccessExpression, isFunctionLike, isIdentifier, isNoSubstitutionTemplateLiteral, isNumericLiteral, isObjectLiteralExpression, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAssignment, isReturnStatement, isSatisfiesExpression, isShorthandPropertyAssignment, isStringLiteral, isVariableStatement } from "./syntax.js";
import type { FrontendContext } from "./context.js";
import { snippet } from "./evaluate.js";

export function isBlockScoped(s: ts.Statement): s is ts.VariableStatement {
  return isVariableStatement(s) && (s.declarationList.flags & (NodeFlags.Const | NodeFlags.Let)) !== 0;
}

/** Literals, arrays and objects: read by the constant evaluator. */
export function isConstantSyntax(e: ts.Expression): boolean {
  return (
    isStringLiteral(e) ||
    isNumericLiteral(e) ||
    isNoSubstitutionTemplateLiteral(e) ||
    isArrayLiteralExpression(e) ||
    isObjectLiteralExpression(e) ||
    isPrefixUnaryExpression(e) ||
    isElementAccessExpression(e) ||
    e.kind === SyntaxKind.TrueKeyword ||
    e.kind === SyntaxKind.FalseKeyword ||
    e.kind === SyntaxKind.NullKeyword ||
    (isBinaryExpression(e) && [SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.AsteriskToken, SyntaxKind.SlashToken].includes(e.operatorToken.kind))
  );
}

/** `name: value` or shorthand `name` of an object literal in a body. */
export function propertyNameAndValue(ctx: FrontendContext, prop: ts.ObjectLiteralElementLike): [string, ts.Expression] {
  if (isPropertyAssignment(prop) && (isIdentifier(prop.name) || isStringLiteral(prop.name) || isNumericLiteral(prop.name))) return [prop.name.text, prop.initializer];
  if (isShorthandPropertyAssignment(prop)) return [prop.name.text, prop.name];
  return ctx.fail("unsupportedStatement", prop, `\`${snippet(prop)}\` in an object here (write name: value)`);
}

/** Whether a statement holds a `return` of its own function (not one of a nested function). */
export function containsReturn(s: ts.Node): boolean {
  if (isReturnStatement(s)) return true;
  if (isFunctionLike(s) || isClassLike(s)) return false;
  return forEachChild(s, (c) => (containsReturn(c) ? true : undefined)) ?? false;
}

/** The list a `return` statement gives, without brackets and `as`; undefined for a bare `return`. */
export function returnedExpression(s: ts.ReturnStatement): ts.Expression | undefined {
  let e = s.expression;
  while (e && (isParenthesizedExpression(e) || isAsExpression(e) || isSatisfiesExpression(e))) e = e.expression;
  return e;
}

/** `return []` (or a bare `return`): an iteration that adds nothing to a `.flatMap`. */
export function isEmptyListReturn(s: ts.Statement): boolean {
  if (!isReturnStatement(s)) return false;
  const e = returnedExpression(s);
  return e === undefined || (isArrayLiteralExpression(e) && e.elements.length === 0);
}
