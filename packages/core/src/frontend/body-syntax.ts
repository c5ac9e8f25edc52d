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
