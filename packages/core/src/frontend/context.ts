// What every part of the front end shares while analyzing one pipeline file: the project root
// (spans are relative to it), the text of every file read, and the diagnostics collected so far.
import { existsSync, readFileSync, statSync } from "node:fs";
import { relative, sep } from "node:path";
import type { ts } from "ts-morph";
import { tsApi } from "./typescript.js";
import { SyntaxKind, forEachChild, isSourceFile } from "./syntax.js";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { MESSAGES, type MessageKey } from "./messages.js";
import { BRACKET_LIMIT, DEPTH_BUDGET, DEPTH_COST, DEPTH_LIMITS, DEPTH_WHAT, type DepthKind, tooDeepBracket } from "./limits.js";
import { lineAndColumn, lineAndColumnAt, lineStarts, withoutBom } from "./lines.js";

/** A parsed source file. Parsing only: no program, no type checker (that is what keeps us fast). */
export interface ParsedFile {
  /** Absolute path on disk. */
  path: string;
  /** Path relative to the project root, POSIX separators: the form spans use. */
  rel: string;
  sourceFile: ts.SourceFile;
}

/** Thrown inside the front end after a diagnostic was reported, to abandon one construct. */
export class Reported extends Error {
  constructor() {
    super("reported");
  }
}

/**
 * Files are parsed without parent pointers: setting them costs about half a parse again, and the
 * front end only needs to go from a node to its file when it records a span. It finds the file
 * by descending from each parsed file's root along the positions (see `fileOf`).
 */
export class FrontendContext {
  /** The context analyzing right now (analysis is synchronous), for `nodeText` in messages. */
  static current: FrontendContext | undefined;
  readonly diagnostics: Diagnostic[] = [];
  private readonly files: ts.SourceFile[] = [];
  /** Source text by relative path, for code frames. */
  readonly sources = new Map<string, string>();
  private readonly parsed = new Map<string, ParsedFile | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly relCache = new Map<string, string>();
  /** Files refused before parsing (SLU1010): reading them again fails silently. */
  private readonly refused = new Set<string>();
  /** Levels of nesting of each kind the front end is inside right now, and their stack cost (see `deeper`). */
  private readonly depth: Record<DepthKind, number> = { pipelines: 0, blocks: 0, values: 0 };
  private stackCost = 0;
  private readonly lineStartsOf = new WeakMap<ts.SourceFile, number[]>();

  constructor(readonly projectRoot: string) {}

  relative(abs: string): string {
    let rel = this.relCache.get(abs);
    if (rel === undefined) {
      rel = relative(this.projectRoot, abs).split(sep).join("/");
      this.relCache.set(abs, rel);
    }
    return rel;
  }

  /** Reads a file once; undefined when it does not exist. */
  readText(abs: string): string | undefined {
    if (this.texts.has(abs)) return this.texts.get(abs);
    const text = isReadableFile(abs) ? readFileSync(abs, "utf8") : undefined;
    this.texts.set(abs, text);
    if (text !== undefined) this.sources.set(this.relative(abs), text);
    return text;
  }

  /** Parses a TypeScript file once and reports its syntax errors; undefined when it does not exist. */
  parse(abs: string): ParsedFile | undefined {
    if (this.refused.has(abs)) throw new Reported();
    if (this.parsed.has(abs)) return this.parsed.get(abs);
    // A TypeScript file's BOM is not text an editor shows (nor a column); a script read with
    // file() keeps its bytes as written.
    const raw = this.readText(abs);
    const text = raw === undefined ? undefined : withoutBom(raw);
    if (text !== undefined && text !== raw) this.sources.set(this.relative(abs), text);
    let result: ParsedFile | undefined;
    if (text !== undefined) {
      const sourceFile = this.parseWithinLimits(abs, text);
      this.files.push(sourceFile);
      result = { path: abs, rel: this.relative(abs), sourceFile };
      this.reportSyntaxErrors(result);
    }
    this.parsed.set(abs, result);
    return result;
  }

  /**
   * TypeScript's parser recurses once per level of nesting and overflows the stack at a few
   * hundred parentheses: brackets deeper than BRACKET_LIMIT are refused before parsing, where they
   * open. Other forms the parser recurses on (thousands of `!` in a row) are caught as the stack
   * overflow they cause and reported at the file's start, the only place known then.
   */
  private parseWithinLimits(abs: string, text: string): ts.SourceFile {
    const refuse = (offset: number, length: number): never => {
      this.refused.add(abs);
      this.diagnostics.push({
        code: MESSAGES.tooDeep.code,
        severity: "error",
        message: MESSAGES.tooDeep.message(String(BRACKET_LIMIT), DEPTH_WHAT.brackets),
        span: { file: this.relative(abs), ...lineAndColumn(text, offset), offset, length },
        hint: MESSAGES.tooDeep.hint,
      });
      throw new Reported();
    };
    const deep = tooDeepBracket(text);
    if (deep) return refuse(deep.offset, deep.length);
    try {
      // JSDoc is never read here: skipping it spares the parser every doc comment's tags.
      return tsApi.createSourceFile(abs, text, { languageVersion: tsApi.ScriptTarget.ES2022, jsDocParsingMode: tsApi.JSDocParsingMode.ParseNone }, false, tsApi.ScriptKind.TS);
    } catch (e) {
      if (e instanceof RangeError) return refuse(0, 0);
      throw e;
    }
  }

  /**
   * Runs `f` one level of nesting of `kind` deeper (a value, a block, a nested pipeline): past
   * that kind's limit, or past the stack budget of all levels together, it reports SLU1010 at `node`
   * instead, before the stack can overflow. A nested pipeline's body counts its blocks and values
   * from zero again, as they are written in its own definition.
   */
  deeper<T>(node: ts.Node, f: () => T, kind: DepthKind = "values"): T {
    if (kind === "values") {
      this.enterValue(node);
      try {
        return f();
      } finally {
        this.leaveValue();
      }
    }
    this.checkDepth(node, kind);
    const saved = { ...this.depth };
    if (kind === "pipelines") this.depth.blocks = this.depth.values = 0;
    this.depth[kind]++;
    this.stackCost += DEPTH_COST[kind];
    try {
      return f();
    } finally {
      Object.assign(this.depth, saved);
      this.stackCost -= DEPTH_COST[kind];
    }
  }

  /**
   * One level of a value deeper, without the closure `deeper` takes: the evaluator and the body
   * reader enter a level for every node of every value, so this path allocates nothing. Every
   * `enterValue` that returns is paired with one `leaveValue`, in a `finally`.
   */
  enterValue(node: ts.Node): void {
    this.checkDepth(node, "values");
    this.depth.values++;
    this.stackCost += DEPTH_COST.values;
  }

  leaveValue(): void {
    this.depth.values--;
    this.stackCost -= DEPTH_COST.values;
  }

  private checkDepth(node: ts.Node, kind: DepthKind): void {
    if (this.depth[kind] >= DEPTH_LIMITS[kind]) this.fail("tooDeep", node, String(DEPTH_LIMITS[kind]), DEPTH_WHAT[kind]);
    if (this.stackCost + DEPTH_COST[kind] > DEPTH_BUDGET) this.fail("tooDeep", node, String(DEPTH_BUDGET), DEPTH_WHAT.total);
  }

  private reportSyntaxErrors(file: ParsedFile): void {
    // parseDiagnostics is what tsc's syntactic check reads; no program is needed to get it.
    const errors = (file.sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const e of errors) {
      const text = tsApi.flattenDiagnosticMessageText(e.messageText, "\n");
      this.diagnostics.push({
        code: MESSAGES.syntaxError.code,
        severity: "error",
        message: MESSAGES.syntaxError.message(text),
        span: this.spanAt(file.sourceFile, e.start, e.length),
      });
    }
  }

  spanAt(sf: ts.SourceFile, offset: number, length: number): Span {
    let starts = this.lineStartsOf.get(sf);
    if (!starts) this.lineStartsOf.set(sf, (starts = lineStarts(sf.text)));
    return { file: this.relative(sf.fileName), ...lineAndColumnAt(starts, offset), offset, length };
  }

  spanOf(node: ts.Node): Span {
    const sf = this.fileOf(node);
    const start = node.getStart(sf);
    return this.spanAt(sf, start, node.getEnd() - start);
  }

  /** The source text of a node. */
  textOf(node: ts.Node): string {
    return node.getText(this.fileOf(node));
  }

  /** The parsed file a node belongs to. */
  fileOf(node: ts.Node): ts.SourceFile {
    if (isSourceFile(node)) return node;
    if (this.files.length === 1) return this.files[0]!;
    // By position first (fast); a tree the parser rebuilt around a syntax error may have nodes
    // whose ranges do not nest, so fall back to a full walk, and to the entry file at worst.
    return this.files.find((f) => containsNode(f, node)) ?? this.files.find((f) => walkFinds(f, node)) ?? this.files[0]!;
  }

  /** The IR's `file:line:column` form. */
  spanText(node: ts.Node): string {
    const s = this.spanOf(node);
    return `${s.file}:${s.line}:${s.column}`;
  }

  /** Records a diagnostic from the catalogue at a node. */
  report<K extends MessageKey>(key: K, node: ts.Node | undefined, ...args: Parameters<(typeof MESSAGES)[K]["message"]>): void {
    const entry = MESSAGES[key] as { code: string; message: (...a: string[]) => string; hint?: string };
    this.diagnostics.push({
      code: entry.code,
      severity: "error",
      message: entry.message(...(args as string[])),
      ...(node ? { span: this.spanOf(node) } : {}),
      ...(entry.hint ? { hint: entry.hint } : {}),
    });
  }

  /** Reports and abandons the construct being analyzed. */
  fail<K extends MessageKey>(key: K, node: ts.Node | undefined, ...args: Parameters<(typeof MESSAGES)[K]["message"]>): never {
    this.report(key, node, ...args);
    throw new Reported();
  }

  /** Runs `f`; a Reported failure becomes `undefined` (the diagnostic is already recorded). */
  attempt<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof Reported) return undefined;
      throw e;
    }
  }
}

/** A file we can read: not a folder (file("./") names one), not missing. */
function isReadableFile(abs: string): boolean {
  return existsSync(abs) && statSync(abs).isFile();
}

/** Whether `target` is in the tree of `sf`: descends along the child whose range holds it. */
function containsNode(sf: ts.SourceFile, target: ts.Node): boolean {
  if (target.end > sf.end) return false;
  let current: ts.Node | undefined = statementAround(sf, target);
  while (current && current !== target) {
    let next: ts.Node | undefined;
    forEachChild(current, (c) => {
      if (c.pos <= target.pos && target.end <= c.end) return (next = c);
      return undefined;
    });
    current = next;
  }
  return current === target;
}

/** A full walk with an explicit stack: a deep tree must not overflow the call stack. */
function walkFinds(root: ts.Node, target: ts.Node): boolean {
  const stack: ts.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node === target) return true;
    forEachChild(node, (c) => void stack.push(c));
  }
  return false;
}

/** The top-level statement whose range holds the target, by binary search (files can be long). */
function statementAround(sf: ts.SourceFile, target: ts.Node): ts.Node | undefined {
  const stmts = sf.statements;
  let lo = 0;
  let hi = stmts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = stmts[mid]!;
    if (target.end <= s.pos && s.pos !== s.end) hi = mid - 1;
    else if (target.pos >= s.end) lo = mid + 1;
    else return s.pos <= target.pos && target.end <= s.end ? s : undefined;
  }
  return undefined;
}

/** Source text of a node for messages, through the context analyzing it. */
export function nodeText(node: ts.Node): string {
  const ctx = FrontendContext.current;
  return ctx ? ctx.textOf(node) : SyntaxKind[node.kind] ?? "?";
}
