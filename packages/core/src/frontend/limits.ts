// How deep a pipeline file may nest, and the pre-parse check that enforces it. The TypeScript
// parser and the front end both recurse over nesting the user writes (parentheses, arrays, `if`
// blocks, consts naming consts, nested pipelines); past a few hundred levels the JavaScript stack
// runs out, which used to end as an internal error (exit 70). A stated limit, reported as a
// located SLU1010 where it is crossed, replaces that; no real pipeline comes near it
// (Prettier-formatted code rarely nests 20 deep).
import type { ts } from "ts-morph";
import { tsApi } from "./typescript.js";

/** Levels of nesting the front end follows (documented in docs/frontend.md, "Limits"). */
export const NESTING_LIMIT = 200;

/**
 * The first bracket (`(`, `[`, `{`, or `${` in a template) opened deeper than NESTING_LIMIT, as
 * an offset and length, found with TypeScript's own scanner so strings, comments and templates
 * are skipped as the parser skips them. Regular expressions are told from `/` the usual way
 * (by the token before). Undefined when the file stays within the limit.
 */
export function tooDeepBracket(text: string): { offset: number; length: number } | undefined {
  const K = tsApi.SyntaxKind;
  const scanner = tsApi.createScanner(tsApi.ScriptTarget.ES2022, true, tsApi.LanguageVariant.Standard, text);
  // One entry per open bracket: true when it is a template's `${`, whose `}` resumes the template.
  const open: boolean[] = [];
  let previous: ts.SyntaxKind = K.Unknown;
  for (let token = scanner.scan(); token !== K.EndOfFileToken; token = scanner.scan()) {
    if (token === K.CloseBraceToken && open[open.length - 1] === true) {
      token = scanner.reScanTemplateToken(false);
      if (token === K.TemplateTail) open.pop();
      previous = token;
      continue;
    }
    if ((token === K.SlashToken || token === K.SlashEqualsToken) && !endsOperand(previous)) token = scanner.reScanSlashToken();
    if (token === K.OpenParenToken || token === K.OpenBracketToken || token === K.OpenBraceToken) open.push(false);
    else if (token === K.TemplateHead) open.push(true);
    else if (token === K.CloseParenToken || token === K.CloseBracketToken || token === K.CloseBraceToken) open.pop();
    if (open.length > NESTING_LIMIT) return { offset: scanner.getTokenStart(), length: scanner.getTokenEnd() - scanner.getTokenStart() };
    previous = token;
  }
  return undefined;
}

/** Whether a token can end an operand, so that a following `/` divides rather than starts a regex. */
function endsOperand(kind: ts.SyntaxKind): boolean {
  const K = tsApi.SyntaxKind;
  return (
    kind === K.Identifier ||
    kind === K.NumericLiteral ||
    kind === K.BigIntLiteral ||
    kind === K.StringLiteral ||
    kind === K.NoSubstitutionTemplateLiteral ||
    kind === K.TemplateTail ||
    kind === K.RegularExpressionLiteral ||
    kind === K.CloseParenToken ||
    kind === K.CloseBracketToken ||
    kind === K.CloseBraceToken ||
    kind === K.ThisKeyword ||
    kind === K.TrueKeyword ||
    kind === K.FalseKeyword ||
    kind === K.NullKeyword ||
    kind === K.PlusPlusToken ||
    kind === K.MinusMinusToken
  );
}
