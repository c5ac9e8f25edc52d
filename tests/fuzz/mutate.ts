import type { Random } from "./random.js";

/**
 * Mutations of a pipeline file, at the level of tokens, so that most results stay close to
 * TypeScript a user could write: a cut, a duplicate, a swap, a literal replaced by a hostile
 * value, a key renamed to an Object.prototype member, nesting deepened, line breaks changed.
 */
const TOKEN =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_$][\w$]*|=>|===|!==|==|!=|<=|>=|&&|\|\||\.\.\.|[\s\S]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Strings that targets would rewrite, misread or reject (see /work/shared/PITFALLS.md). */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "__proto__",
  "constructor",
  "toString",
  "{{ x }}",
  "{{=sprig.env('HOME')}}",
  "{% raw %}",
  "{#",
  "$(HOME)",
  "$$(X)",
  "{{$.inputs.parameters['x']}}",
  "{{channel:task=a;name=b;type=String;}}",
  "{{workflow.name}}",
  "yes",
  "on",
  "null",
  "~",
  "-0",
  "0x1f",
  "1e309",
  "NaN",
  "Infinity",
  "a".repeat(300),
  "x".repeat(64),
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ud800",
  "é\u0301",
  "😀",
  "tab\there",
  "line\nbreak",
  "crlf\r\nend",
  "end\n",
  "'\"\\",
  "A=B",
  "../../etc/passwd",
  "/abs/path",
  "UPPER_case",
  "a b",
  "*/0 * * * *",
  "2025-02-30",
  "99999999999999999999",
  "0.000001",
  "-1",
  "1Gi",
  "",
];

export const HOSTILE_NUMBERS = ["-0", "0", "-1", "1e309", "-1e309", "1e16", "9007199254740993", "0.1", "1e-7", "2147483648", "NaN", "Infinity", "0x10", "1_000", "00", "4294967296"];

export const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "length"];

type Mutation = (tokens: string[], rng: Random) => string[];

const isCode = (t: string) => !/^\s/.test(t) && !t.startsWith("//") && !t.startsWith("/*");
const isString = (t: string) => /^["'`]/.test(t);
const isNumber = (t: string) => /^\d/.test(t);
const isIdent = (t: string) => /^[A-Za-z_$]/.test(t);

function indexWhere(tokens: string[], rng: Random, test: (t: string) => boolean): number | undefined {
  const candidates = tokens.flatMap((t, i) => (test(t) ? [i] : []));
  return candidates.length ? rng.pick(candidates) : undefined;
}

function replaceAt(tokens: string[], i: number | undefined, value: string): string[] {
  if (i === undefined) return tokens;
  const out = [...tokens];
  out[i] = value;
  return out;
}

const MUTATIONS: Record<string, Mutation> = {
  cut(tokens, rng) {
    const i = rng.int(tokens.length);
    return [...tokens.slice(0, i), ...tokens.slice(i + 1 + rng.int(8))];
  },
  duplicate(tokens, rng) {
    const i = rng.int(tokens.length);
    const j = Math.min(tokens.length, i + 1 + rng.int(12));
    return [...tokens.slice(0, j), ...tokens.slice(i, j), ...tokens.slice(j)];
  },
  swap(tokens, rng) {
    const i = indexWhere(tokens, rng, isCode);
    const j = indexWhere(tokens, rng, isCode);
    if (i === undefined || j === undefined) return tokens;
    const out = [...tokens];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  },
  hostileString(tokens, rng) {
    return replaceAt(tokens, indexWhere(tokens, rng, isString), JSON.stringify(rng.pick(HOSTILE_STRINGS)));
  },
  hostileNumber(tokens, rng) {
    const at = indexWhere(tokens, rng, (t) => isNumber(t) || isString(t));
    return replaceAt(tokens, at, rng.pick(HOSTILE_NUMBERS));
  },
  literalType(tokens, rng) {
    // A literal of another type where one is expected: `true`, `null`, `[]`, `{}`, a number.
    return replaceAt(tokens, indexWhere(tokens, rng, (t) => isString(t) || isNumber(t)), rng.pick(["true", "false", "null", "undefined", "[]", "{}", "[1, 2]", '{ a: "b" }', "5", '["x", 1]']));
  },
  prototypeKey(tokens, rng) {
    const name = rng.pick(PROTOTYPE_NAMES);
    // As a key (`name:`) or a name (`"name"`): both reach maps built from user keys.
    const i = indexWhere(tokens, rng, (t) => isIdent(t) || isString(t));
    if (i === undefined) return tokens;
    return replaceAt(tokens, i, isString(tokens[i]!) ? JSON.stringify(name) : name === "__proto__" ? '["__proto__"]' : name);
  },
  deepenParens(tokens, rng) {
    const depth = rng.pick([20, 200, 1200]);
    const i = indexWhere(tokens, rng, (t) => isString(t) || isNumber(t));
    return replaceAt(tokens, i, `${"(".repeat(depth)}${tokens[i ?? 0]}${")".repeat(depth)}`);
  },
  deepenArrays(tokens, rng) {
    const depth = rng.pick([10, 100, 600]);
    const i = indexWhere(tokens, rng, (t) => isString(t) || isNumber(t));
    return replaceAt(tokens, i, `${"[".repeat(depth)}${tokens[i ?? 0]}${"]".repeat(depth)}`);
  },
  lineBreaks(tokens, rng) {
    const text = tokens.join("");
    const kind = rng.int(4);
    if (kind === 0) return [text.replace(/\n/g, "\r\n")];
    if (kind === 1) return ["\ufeff" + text];
    const at = rng.int(text.length);
    return [text.slice(0, at) + rng.pick(["\u2028", "\u2029", "\r", "\u0085"]) + text.slice(at)];
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations of `text`, named in the order applied. */
export function mutate(text: string, rng: Random): { text: string; applied: string[] } {
  let tokens = tokenize(text);
  const applied: string[] = [];
  const count = 1 + (rng.next() < 0.25 ? 1 + rng.int(2) : 0);
  for (let i = 0; i < count; i++) {
    const name = rng.pick(MUTATION_NAMES);
    tokens = tokenize(MUTATIONS[name]!(tokens, rng).join(""));
    applied.push(name);
  }
  return { text: tokens.join(""), applied };
}
