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
  const out: string[] = [];
  const emitter = new Emitter(sortKeys ? sortedKeys : Object.keys, out);
  try {
    if (isEmpty(value)) return Array.isArray(value) ? "[]\n" : "{}\n";
    if (Array.isArray(value)) emitter.seq(value, "", false);
    else emitter.map(value as Record<string, unknown>, "", false);
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
  return out.join("");
}

/** Thrown (and caught above) when the document leaves the subset. */
const OUTSIDE = Symbol("outside the fast subset");

function isCollection(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** Empty as written: no items, or no key with a value. */
function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

class Emitter {
  constructor(
    private readonly keysOf: (map: object) => string[],
    private readonly out: string[],
  ) {}

  /** `inline`: the first entry continues the current line (a collection that is a sequence item). */
  map(map: Record<string, unknown>, indent: string, inline: boolean): void {
    let first = true;
    for (const key of this.keysOf(map)) {
      const value = map[key];
      if (value === undefined) continue;
      if (!(first && inline)) this.out.push(indent);
      first = false;
      if (key.length > 1000) throw OUTSIDE; // the package writes long keys as explicit `? ` keys
      this.out.push(scalarString(key), ":");
      this.value(value, indent, false);
    }
  }

  seq(seq: readonly unknown[], indent: string, inline: boolean): void {
    let first = true;
    for (const item of seq) {
      if (!(first && inline)) this.out.push(indent);
      first = false;
      this.out.push("-");
      this.value(item, indent, true);
    }
  }

  /**
   * After `key:` or `-`. A non-empty collection under a key starts on the next line, two spaces
   * deeper (sequences too: indentSeq); one that is a sequence item starts on the item's line.
   */
  value(value: unknown, indent: string, inSeq: boolean): void {
    if (isCollection(value) && !isEmpty(value)) {
      this.out.push(inSeq ? " " : "\n");
      const deeper = indent + "  ";
      if (Array.isArray(value)) this.seq(value, deeper, inSeq);
      else this.map(value as Record<string, unknown>, deeper, inSeq);
      return;
    }
    this.out.push(" ", scalar(value), "\n");
  }
}

function scalar(value: unknown): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object") return "{}";
  if (typeof value === "number") {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) throw OUTSIDE;
    return JSON.stringify(value);
  }
  if (typeof value === "string") return scalarString(value);
  throw OUTSIDE;
}

/** Strings the package writes in a way that depends on more than the string: outside the subset. */
// eslint-disable-next-line no-control-regex
const NOT_SIMPLE = /[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]|^(%|---|\.\.\.)|^(=|<<)$/u;

/** Where the package refuses a plain scalar (stringifyString's plainString, for one line). */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[\t ]#|[\t :]$/;

/**
 * Written forms of short strings seen before (keys and common values repeat across a document and
 * across documents), or NOT_SIMPLE_MARK; bounded in count and length, so that a long watch
 * session neither grows it nor keeps large strings (scripts) alive.
 */
const written = new Map<string, string>();
const WRITTEN_LIMIT = 20000;
const WRITTEN_MAX_LENGTH = 200;
const NOT_SIMPLE_MARK = "\0";

function scalarString(value: string): string {
  if (value.length > WRITTEN_MAX_LENGTH) {
    if (NOT_SIMPLE.test(value)) throw OUTSIDE;
    return writtenForm(value);
  }
  let text = written.get(value);
  if (text === undefined) {
    text = NOT_SIMPLE.test(value) ? NOT_SIMPLE_MARK : writtenForm(value);
    if (written.size >= WRITTEN_LIMIT) written.clear();
    written.set(value, text);
  }
  if (text === NOT_SIMPLE_MARK) throw OUTSIDE;
  return text;
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
