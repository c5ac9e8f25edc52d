// Small syntax questions the body reader asks: which declarations are block-scoped, which
// expressions are plain constants, and the name and value of an object literal's property.
import { ts } from "ts-morph";
import type { FrontendContext } from "./context.js";
import { snippet } from "./evaluate.js";

export function isBlockScoped(s: ts.Statement): s is ts.VariableStatement {
  return ts.isVariableStatement(s) && (s.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0;
}

/** Literals, arrays and objects: read by the constant evaluator. */
export function isConstantSyntax(e: ts.Expression): boolean {
  return (
    ts.isStringLiteral(e) ||
    ts.isNumericLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    ts.isArrayLiteralExpression(e) ||
    ts.isObjectLiteralExpression(e) ||
    ts.isPrefixUnaryExpression(e) ||
    ts.isElementAccessExpression(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken].includes(e.operatorToken.kind))
  );
}

/** `name: value` or shorthand `name` of an object literal in a body. */
export function propertyNameAndValue(ctx: FrontendContext, prop: ts.ObjectLiteralElementLike): [string, ts.Expression] {
  if (ts.isPropertyAssignment(prop) && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) || ts.isNumericLiteral(prop.name))) return [prop.name.text, prop.initializer];
  if (ts.isShorthandPropertyAssignment(prop)) return [prop.name.text, prop.name];
  return ctx.fail("unsupportedStatement", prop, `\`${snippet(prop)}\` in an object here (write name: value)`);
}
