// What every part of the front end shares while analyzing one pipeline file: the project root
// (spans are relative to it), the text of every file read, and the diagnostics collected so far.
import { existsSync, readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { MESSAGES, type MessageKey } from "./messages.js";

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

export class FrontendContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Source text by relative path, for code frames. */
  readonly sources = new Map<string, string>();
  private readonly parsed = new Map<string, ParsedFile | undefined>();
  private readonly texts = new Map<string, string | undefined>();

  constructor(readonly projectRoot: string) {}

  relative(abs: string): string {
    return relative(this.projectRoot, abs).split(sep).join("/");
  }

  /** Reads a file once; undefined when it does not exist. */
  readText(abs: string): string | undefined {
    if (this.texts.has(abs)) return this.texts.get(abs);
    const text = existsSync(abs) ? readFileSync(abs, "utf8") : undefined;
    this.texts.set(abs, text);
    if (text !== undefined) this.sources.set(this.relative(abs), text);
    return text;
  }

  /** Parses a TypeScript file once and reports its syntax errors; undefined when it does not exist. */
  parse(abs: string): ParsedFile | undefined {
    if (this.parsed.has(abs)) return this.parsed.get(abs);
    const text = this.readText(abs);
    let result: ParsedFile | undefined;
    if (text !== undefined) {
      const sourceFile = ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      result = { path: abs, rel: this.relative(abs), sourceFile };
      this.reportSyntaxErrors(result);
    }
    this.parsed.set(abs, result);
    return result;
  }

  private reportSyntaxErrors(file: ParsedFile): void {
    // parseDiagnostics is what tsc's syntactic check reads; no program is needed to get it.
    const errors = (file.sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const e of errors) {
      const text = ts.flattenDiagnosticMessageText(e.messageText, "\n");
      this.diagnostics.push({
        code: MESSAGES.syntaxError.code,
        severity: "error",
        message: MESSAGES.syntaxError.message(text),
        span: this.spanAt(file.sourceFile, e.start, e.length),
      });
    }
  }

  spanAt(sf: ts.SourceFile, offset: number, length: number): Span {
    const { line, character } = sf.getLineAndCharacterOfPosition(offset);
    return { file: this.relative(sf.fileName), line: line + 1, column: character + 1, offset, length };
  }

  spanOf(node: ts.Node): Span {
    const sf = node.getSourceFile();
    const start = node.getStart(sf);
    return this.spanAt(sf, start, node.getEnd() - start);
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
