import { Document } from "yaml";
import { sortedKeys } from "../records/own-keys.js";

/**
 * A direct emitter for the common case of serializeYaml: the exact bytes the `yaml` package
 * writes with serializeYaml's options, for documents whose every string is on one line and
 * printable (no control characters, no line breaks, no document markers), whose numbers are
 * finite (and safe integers when whole) and whose keys are short. Anything else returns
 * undefined and goes through the `yaml` package as before, so the two never disagree: this file
 * only restates, for that subset, the choices the package makes (see yaml's
 * stringify/stringifyString.js), and `fast-yaml.test.ts` checks it against the package on
 * generated documents. It costs a small fraction of building and visiting a yaml Document.
 *
 * Input: the value as serializeYaml's caller gave it. Keys whose value is undefined are left out
 * (serializeYaml's copy drops them), -0 is written `0` (as JSON.stringify writes it); with
 * `sortKeys`, each map is written in the key order of a sorted copy (sortKeysDeep), without making
 * the copy. An undefined sequence item is outside the subset.
 */
export function emitSimpleYaml(value: unknown, sortKeys = false): string | undefined {
  if (!isCollection(value)) return undefined;
  const emitter = new Emitter(sortKeys ? sortedKeys : Object.keys);
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return "[]\n";
      emitter.seq(value, 0, false);
    } else {
      const keys = emitter.keysOf(value);
      const start = firstWritten(value as Record<string, unknown>, keys);
      if (start < 0) return "{}\n";
      emitter.map(value as Record<string, unknown>, keys, start, 0, false);
    }
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
  return emitter.text;
}

/** Thrown (and caught above) when the document leaves the subset. */
const OUTSIDE = Symbol("outside the fast subset");

function isCollection(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** The index of the first key whose value is written (not undefined), or -1 when none is. */
function firstWritten(map: Record<string, unknown>, keys: readonly string[]): number {
  for (let i = 0; i < keys.length; i++) if (map[keys[i]!] !== undefined) return i;
  return -1;
}

/**
 * Writes one document into `text`. Collections nest by `depth` (two spaces each). Each line is
 * one or two appends of cached text: a collection's line start with its line break (`key:\n`,
 * `- `), or a scalar's line start (`key:`, `-`) and the rest of its line (` scalar\n`).
 */
class Emitter {
  text = "";

  constructor(readonly keysOf: (map: object) => string[]) {}

  /** `inline`: the first entry continues the current line (a map that is a sequence item). */
  map(map: Record<string, unknown>, keys: readonly string[], start: number, depth: number, inline: boolean): void {
    for (let i = start; i < keys.length; i++) {
      const key = keys[i]!;
      const value = map[key];
      if (value === undefined) continue;
      // A sequence item's first key follows its `- ` on the same line: written without indent.
      const at = i === start && inline ? 0 : depth;
      // A non-empty collection under a key starts on the next line, two spaces deeper (sequences too: indentSeq).
      if (isCollection(value) && this.nested(value, blockKeyLine(key, at), depth + 1, false)) continue;
      this.text += keyLine(key, at);
      this.text += scalarLine(value);
    }
  }

  seq(seq: readonly unknown[], depth: number, inline: boolean): void {
    for (let i = 0; i < seq.length; i++) {
      const item = seq[i];
      const first = i === 0 && inline;
      // A non-empty collection that is an item starts on the item's line.
      if (isCollection(item) && this.nested(item, first ? "- " : dashSpaceLine(depth), depth + 1, true)) continue;
      this.text += first ? "-" : dashLine(depth);
      this.text += scalarLine(item);
    }
  }

  /**
   * Writes `lead` and then the collection, at `depth`, when it is not empty (true); an empty one,
   * written as a scalar (`[]`, `{}`), is left to the caller (false).
   */
  private nested(value: object, lead: string, depth: number, inline: boolean): boolean {
    if (Array.isArray(value)) {
      if (value.length === 0) return false;
      this.text += lead;
      this.seq(value, depth, inline);
      return true;
    }
    const keys = this.keysOf(value);
    const start = firstWritten(value as Record<string, unknown>, keys);
    if (start < 0) return false;
    this.text += lead;
    this.map(value as Record<string, unknown>, keys, start, depth, inline);
    return true;
  }
}

/** The rest of a line after `key:` or `-`: ` <scalar>\n` (an empty collection is a scalar here). */
function scalarLine(value: unknown): string {
  if (typeof value === "string") return valueLine(value);
  if (Array.isArray(value)) return " []\n";
  if (isCollection(value)) return " {}\n";
  return ` ${scalar(value)}\n`;
}

/** Booleans, null and numbers; anything else (undefined, a function...) is outside the subset. */
function scalar(value: unknown): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) throw OUTSIDE;
    return JSON.stringify(value);
  }
  throw OUTSIDE;
}

/** Strings the package writes in a way that depends on more than the string: outside the subset. */
// eslint-disable-next-line no-control-regex
const NOT_SIMPLE = /[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]|^(%|---|\.\.\.)|^(=|<<)$/u;

/** Where the package refuses a plain scalar (stringifyString's plainString, for one line). */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$/;

/**
 * Line starts and scalar lines seen before (keys and common values repeat across a document and
 * across documents), bounded in count and length, so that a long watch session neither grows
 * them nor keeps large strings (scripts) alive.
 */
const CACHE_LIMIT = 20000;
const CACHE_MAX_LENGTH = 200;

function remember(cache: Map<string, string>, key: string, text: string): void {
  if (key.length > CACHE_MAX_LENGTH) return;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, text);
}

/** Two spaces per depth, and the dash of a sequence item at that depth. */
const indents: string[] = [];
const dashes: string[] = [];

function indentOf(depth: number): string {
  return (indents[depth] ??= "  ".repeat(depth));
}

function dashLine(depth: number): string {
  return (dashes[depth] ??= indentOf(depth) + "-");
}

/** The dash of an item that is a non-empty collection, whose first entry follows on the line. */
const dashSpaces: string[] = [];

function dashSpaceLine(depth: number): string {
  return (dashSpaces[depth] ??= dashLine(depth) + " ");
}

/** `<indent><key>:` by key, one map per depth. */
const keyLines: Map<string, string>[] = [];

function keyLine(key: string, depth: number): string {
  const lines = (keyLines[depth] ??= new Map());
  let line = lines.get(key);
  if (line === undefined) {
    if (key.length > 1000) throw OUTSIDE; // the package writes long keys as explicit `? ` keys
    line = indentOf(depth) + simpleString(key) + ":";
    remember(lines, key, line);
  }
  return line;
}

/** `<indent><key>:\n`, the line of a key whose value is a non-empty collection, one map per depth. */
const blockKeyLines: Map<string, string>[] = [];

function blockKeyLine(key: string, depth: number): string {
  const lines = (blockKeyLines[depth] ??= new Map());
  let line = lines.get(key);
  if (line === undefined) {
    line = keyLine(key, depth) + "\n";
    remember(lines, key, line);
  }
  return line;
}

/** ` <string>\n`, the rest of a line whose value is a string. */
const valueLines = new Map<string, string>();

function valueLine(value: string): string {
  let line = valueLines.get(value);
  if (line === undefined) {
    line = ` ${simpleString(value)}\n`;
    remember(valueLines, value, line);
  }
  return line;
}

/** The written form of a string, which must be in the subset. */
function simpleString(value: string): string {
  if (NOT_SIMPLE.test(value)) throw OUTSIDE;
  return writtenForm(value);
}

function writtenForm(value: string): string {
  if (!NOT_PLAIN.test(value) && !resolvesToOtherType(value)) return value;
  // quotedString: single quotes only when the string has " and no '; else JSON's double quotes,
  // which for a printable one-line string are exactly the package's double-quoted form.
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

/** The package's own YAML 1.1 tags: a plain string one of them would read as non-string is quoted. */
const TYPE_TESTS: RegExp[] = (() => {
  const schema = new Document(null, { version: "1.1" }).schema as unknown as { tags: Tag[]; compat?: Tag[] | null };
  return [...schema.tags, ...(schema.compat ?? [])].filter((t) => t.default && t.tag !== "tag:yaml.org,2002:str" && t.test).map((t) => t.test!);
})();

interface Tag {
  default?: boolean | string;
  tag: string;
  test?: RegExp;
}

/**
 * What a string must begin with for any of TYPE_TESTS to match it (or be empty): read off the
 * package's 1.1 tags (null `~ N n`, bool `Y y T t O o N n F f`, ints and floats `- + 0-9 .`, and
 * `e E` for a float like `e5` whose every optional part is absent, merge `<`, timestamps `0-9`).
 * Most strings begin elsewhere and skip the tests. `fast-yaml.test.ts` pins the package's list of
 * tests, so a yaml release that changes it fails there and this set is read again.
 */
const TYPED_START = new Set("~NnYyTtOoFf-+0123456789.<eE");

export function resolvesToOtherType(value: string): boolean {
  if (value !== "" && !TYPED_START.has(value[0]!)) return false;
  for (const test of TYPE_TESTS) if (test.test(value)) return true;
  return false;
}

/** The package's YAML 1.1 type tests, as regular-expression sources (for the test that pins them). */
export const TYPE_TEST_SOURCES: readonly string[] = TYPE_TESTS.map((t) => t.source);
