/**
 * Python and Jinja literal text for strings Sluice writes into a DAG file.
 *
 * pyStr writes a double-quoted Python string literal that is pure ASCII, escaping per code point
 * the way Python's ascii() does, so that no editor, encoding or normalisation can change it.
 * jinjaStr writes a Jinja string literal for use inside a generated `{{ ... }}` expression; every
 * character Jinja could read as syntax, a newline, or anything outside printable ASCII becomes a
 * \x / \u / \U escape, which Jinja's lexer decodes with Python's unicode-escape codec (it also
 * rewrites raw CR/CRLF to LF, which escaping avoids).
 */

/** Thrown for a string that is not well-formed UTF-16 (a lone surrogate); callers check first. */
export class IllFormedStringError extends Error {}

/** True when a string has no lone surrogate halves, so it has an exact Python equivalent. */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** The escape Python itself uses for a code point outside printable ASCII. */
function escapeCodePoint(cp: number): string {
  if (cp === 0x09) return "\\t";
  if (cp === 0x0a) return "\\n";
  if (cp === 0x0d) return "\\r";
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

function escapeWith(s: string, keep: (ch: string) => boolean): string {
  if (!isWellFormed(s)) throw new IllFormedStringError("string is not well-formed UTF-16");
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\\" || ch === '"') out += "\\" + ch;
    else if (cp >= 0x20 && cp < 0x7f && keep(ch)) out += ch;
    else out += escapeCodePoint(cp);
  }
  return out;
}

/** A Python string literal, ASCII only, with the value `s` exactly. */
export function pyStr(s: string): string {
  // Printable ASCII without `\` or `"` is written as it is (escapeWith keeps every such character).
  if (PLAIN_PY.test(s)) return `"${s}"`;
  return `"${escapeWith(s, () => true)}"`;
}

const PLAIN_PY = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Characters Jinja never reads as syntax inside a string literal; all others are escaped. */
const JINJA_SAFE = /[A-Za-z0-9 _.,:;\-+=/@!?*()[\]<>|~^&`$]/;

/**
 * A single-quoted Jinja string literal (itself to be wrapped by pyStr) whose value is `s` exactly.
 * Single quotes keep the Python text readable: pyStr leaves them alone.
 */
export function jinjaStr(s: string): string {
  return `'${escapeWith(s, (ch) => JINJA_SAFE.test(ch))}'`;
}

/** Python identifiers and keywords: a name is used bare only when it is a plain identifier. */
const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

export function isPlainIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !PY_KEYWORDS.has(s);
}

/** A JSON value as a Python expression (dicts, lists, str, int/float, True/False/None). */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === "string") return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pyStr(k)}: ${pyJson(v)}`).join(", ")}}`;
}

function pyFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'float("nan")' : n > 0 ? 'float("inf")' : 'float("-inf")';
  const text = String(n);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}
