// How deep a pipeline file may nest, and the pre-parse check that enforces it. The TypeScript
// parser and the front end both recurse over nesting the user writes (parentheses, arrays, `if`
// blocks, consts naming consts, nested pipelines); past a few hundred levels the JavaScript stack
// runs out, which used to end as an internal error (exit 70). Stated limits, reported as a
// located SLU1010 where they are crossed, replace that; no real pipeline comes near them
// (Prettier-formatted code rarely nests 20 deep). Each is counted on its own, so that nesting of
// one kind does not use up another's allowance (one limit for all stopped 21 nested pipelines
// with params). The values and the stack each one was measured against: docs/frontend.md, "Limits"
// (scripts/measure-nesting.mjs measures them again).
import type { ts } from "ts-morph";
import { tsApi } from "./typescript.js";
import { SyntaxKind } from "./syntax.js";

/** Brackets (`(`, `[`, `{`, a template's `${`) one inside another, checked before parsing. */
export const BRACKET_LIMIT = 200;

/**
 * What the front end recurses over, each kind with its own limit: nested pipeline calls; blocks
 * one inside another (if/else, for, try, a `.map` callback) in one pipeline body; levels of one
 * value (operators, calls, objects, consts naming consts, a condition's `&&` and `!`) in one body.
 * A nested pipeline's body starts its blocks and values from zero. Measured (bench/nesting.mjs, a
 * fresh `node` with its default stack, as the CLI runs) the stack overflowed past about 280
 * nested pipelines, 380 nested `if`s and 800 consts naming consts: each limit is at least 2.5
 * times inside that.
 */
export const DEPTH_LIMITS = { pipelines: 80, blocks: 100, values: 300 } as const;
export type DepthKind = keyof typeof DEPTH_LIMITS;

/**
 * The stack one level of each kind takes, in units of about 1.25 KB (from the same measurement:
 * a block about 2.6 KB, a value about 1.2 KB, a nested pipeline call about 0.9 KB besides its
 * body's block), and how many units may be on the stack at once: the backstop for nesting of
 * several kinds combined, such as 80 nested pipelines each with deep blocks, which no single
 * limit above bounds. 400 units are about 500 KB, half of Node's default stack.
 */
export const DEPTH_COST: Record<DepthKind, number> = { pipelines: 1, blocks: 3, values: 1 };
export const DEPTH_BUDGET = 400;

/**
 * Levels of `!`, `&&` and `||` one inside another in one condition, once `!!` cancels and chains
 * of `&&` are flattened: each back end writes a level as up to two parentheses, and the readers
 * stop at 200 (Python's parser for Airflow's branch chooser) or 250 (CEL, which reads Kubeflow's
 * trigger conditions). No real condition nests past a handful.
 */
export const CONDITION_LIMIT = 32;

/** What each limit counts, for SLU1010's message. */
export const DEPTH_WHAT: Record<DepthKind | "brackets" | "total" | "condition", string> = {
  brackets: "brackets, parentheses and braces one inside another",
  pipelines: "nested pipeline calls",
  blocks: "blocks one inside another (if, for, try, .map callbacks) in one pipeline body",
  values: "levels of nesting in the values of one pipeline body (operators, calls, objects, consts naming consts)",
  total: "units of nesting of every kind together (a nested pipeline call or a level of a value counts 1, a block 3)",
  condition: "levels of `!`, `&&` and `||` one inside another in one condition",
};

/**
 * The first bracket (`(`, `[`, `{`, or `${` in a template) opened deeper than BRACKET_LIMIT, as
 * an offset and length, with strings, comments and templates skipped as the parser skips them.
 * Undefined when the file stays within the limit.
 */
export function tooDeepBracket(text: string): { offset: number; length: number } | undefined {
  // Almost every file is far within the limit and has no regular expression or division, which
  // is all a character scan cannot tell apart; it costs a tenth of TypeScript's scanner.
  if (bracketDepthBound(text) <= BRACKET_LIMIT) return undefined;
  return firstTooDeepToken(text);
}

/**
 * The deepest bracket nesting of `text`, counted as `firstTooDeepToken` counts it (strings,
 * comments and template text skipped; a template's `${` counts as a bracket), or Infinity when a
 * `/` outside strings and comments leaves a character scan unable to tell a regular expression
 * (whose brackets do not count) from a division.
 */
export function bracketDepthBound(text: string): number {
  // One entry per open bracket: true when it is a template's `${`, whose `}` resumes the template.
  const open: boolean[] = [];
  let deepest = 0;
  let i = 0;
  const n = text.length;
  /** Skips template text from i (just past a backtick or a `}` that ends a `${`); true at `${`. */
  const templateText = (): boolean => {
    while (i < n) {
      const c = text.charCodeAt(i++);
      if (c === BACKSLASH) i++;
      else if (c === BACKTICK) return false;
      else if (c === DOLLAR && text.charCodeAt(i) === OPEN_BRACE) {
        i++;
        return true;
      }
    }
    return false;
  };
  const push = (template: boolean): void => {
    open.push(template);
    if (open.length > deepest) deepest = open.length;
  };
  while (i < n) {
    const c = text.charCodeAt(i++);
    switch (c) {
      case OPEN_PAREN:
      case OPEN_BRACKET:
      case OPEN_BRACE:
        push(false);
        break;
      case CLOSE_PAREN:
      case CLOSE_BRACKET:
        open.pop();
        break;
      case CLOSE_BRACE:
        if (open.pop() === true && templateText()) push(true);
        break;
      case BACKTICK:
        if (templateText()) push(true);
        break;
      case QUOTE:
      case DOUBLE_QUOTE:
        // A string ends at its closing quote or, unterminated, at a line feed or carriage return
        // (U+2028 and U+2029 are allowed inside strings since ES2019).
        while (i < n) {
          const d = text.charCodeAt(i++);
          if (d === BACKSLASH) i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          else if (d === c || d === LF || d === CR) break;
        }
        break;
      case SLASH: {
        const next = text.charCodeAt(i);
        if (next === SLASH) {
          while (i < n && !isLineBreak(text.charCodeAt(i))) i++;
        } else if (next === STAR) {
          const end = text.indexOf("*/", i + 1);
          i = end < 0 ? n : end + 2;
        } else return Infinity;
        break;
      }
      case BACKSLASH:
        return Infinity; // a unicode escape outside a string: rare, left to the scanner
    }
  }
  return deepest;
}

// Character codes, as constants the compiler can fold into the switch of bracketDepthBound.
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const DOLLAR = 0x24;
const LF = 0x0a;
const CR = 0x0d;
const LS = 0x2028;
const PS = 0x2029;

function isLineBreak(c: number): boolean {
  return c === LF || c === CR || c === LS || c === PS;
}

/** The first token opening a bracket deeper than `limit`, by TypeScript's scanner. */
export function firstTooDeepToken(text: string, limit = BRACKET_LIMIT): { offset: number; length: number } | undefined {
  const K = SyntaxKind;
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
    if (open.length > limit) return { offset: scanner.getTokenStart(), length: scanner.getTokenEnd() - scanner.getTokenStart() };
    previous = token;
  }
  return undefined;
}

/** Whether a token can end an operand, so that a following `/` divides rather than starts a regex. */
function endsOperand(kind: ts.SyntaxKind): boolean {
  const K = SyntaxKind;
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
