import { Document } from "yaml";

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
 * Input: the value after serializeYaml's stripUndefined (no undefined, no -0).
 */
export function emitSimpleYaml(value: unknown): string | undefined {
  if (!isCollection(value)) return undefined;
  const out: string[] = [];
  try {
    if (isEmpty(value)) return Array.isArray(value) ? "[]\n" : "{}\n";
    if (Array.isArray(value)) emitSeq(value, "", false, out);
    else emitMap(value as Record<string, unknown>, "", false, out);
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

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** `inline`: the first entry continues the current line (a collection that is a sequence item). */
function emitMap(map: Record<string, unknown>, indent: string, inline: boolean, out: string[]): void {
  let first = true;
  for (const key of Object.keys(map)) {
    if (!(first && inline)) out.push(indent);
    first = false;
    if (key.length > 1000) throw OUTSIDE; // the package writes long keys as explicit `? ` keys
    out.push(scalarString(key), ":");
    emitValue(map[key], indent, false, out);
  }
}

function emitSeq(seq: readonly unknown[], indent: string, inline: boolean, out: string[]): void {
  let first = true;
  for (const item of seq) {
    if (!(first && inline)) out.push(indent);
    first = false;
    out.push("-");
    emitValue(item, indent, true, out);
  }
}

/**
 * After `key:` or `-`. A non-empty collection under a key starts on the next line, two spaces
 * deeper (sequences too: indentSeq); one that is a sequence item starts on the item's line.
 */
function emitValue(value: unknown, indent: string, inSeq: boolean, out: string[]): void {
  if (isCollection(value) && !isEmpty(value)) {
    out.push(inSeq ? " " : "\n");
    const deeper = indent + "  ";
    if (Array.isArray(value)) emitSeq(value, deeper, inSeq, out);
    else emitMap(value as Record<string, unknown>, deeper, inSeq, out);
    return;
  }
  out.push(" ", scalar(value), "\n");
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

function scalarString(value: string): string {
  if (NOT_SIMPLE.test(value)) throw OUTSIDE;
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

function resolvesToOtherType(value: string): boolean {
  for (const test of TYPE_TESTS) if (test.test(value)) return true;
  return false;
}
