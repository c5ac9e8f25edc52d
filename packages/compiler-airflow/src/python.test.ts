import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { IllFormedStringError, isWellFormed, jinjaStr, pyJson, pyStr } from "./python.js";

/**
 * Round trips through real Python: each string is written as a Python literal by pyStr, and as a
 * Jinja string literal (inside a generated `{{ }}`) by jinjaStr then pyStr; Python evaluates
 * the first and Jinja renders the second, and both must give back the original exactly. Many
 * strings go to one python3 process, which answers with the indexes that differ.
 */
const CHECKER = String.raw`
import ast, json, sys
import jinja2
env = jinja2.Environment()
cases = json.loads(sys.stdin.read())
bad = []
for i, (original, py_literal, jinja_literal) in enumerate(cases):
    if ast.literal_eval(py_literal) != original:
        bad.append([i, "python"])
        continue
    template = ast.literal_eval(jinja_literal)
    if env.from_string("{{ " + template + " }}").render() != original:
        bad.append([i, "jinja"])
print(json.dumps(bad))
`;

function roundTrip(strings: string[]): [number, string][] {
  const cases = strings.map((s) => [s, pyStr(s), pyStr(jinjaStr(s))]);
  const out = execFileSync("python3", ["-c", CHECKER], { input: JSON.stringify(cases), encoding: "utf8" });
  return JSON.parse(out) as [number, string][];
}

/** Fragments Python, Jinja, Airflow or Kubernetes would read as syntax. */
const HOSTILE = [
  '"', "'", '"""', "'''", "\\", "\\n", "\n", "\r", "\r\n", "\t", "\u0000", "\u007f", "\u0085", "\u2028",
  "{{", "}}", "{%", "%}", "{#", "#}", "{{ ds }}", "{% raw %}", "{% endraw %}", "$(HOME)", "$$", "${x}",
  ".sh", ".json", ".yaml", "é", "✓", "😀", "\u{10ffff}", "\ufeff", "\u00a0",
];

const hostileString = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), { maxLength: 8 })
  .map((parts) => parts.join(""));

describe("Python and Jinja literals", () => {
  it("round-trip hostile strings exactly through real Python and Jinja", () => {
    const samples = fc.sample(hostileString, { numRuns: 600 });
    const all = [...HOSTILE, HOSTILE.join(""), "trailing newline\n", "", ...samples];
    expect(roundTrip(all)).toEqual([]);
  });

  it("round-trips arbitrary well-formed strings (fast-check, shrinking on failure)", () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 50, maxLength: 50 }), (batch) => {
        expect(roundTrip(batch)).toEqual([]);
      }),
      { numRuns: 5 },
    );
  });

  it("writes ASCII only, with one escape per astral code point", () => {
    expect(pyStr("😀")).toBe('"\\U0001f600"');
    expect(pyStr('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => /^[\x20-\x7e]*$/.test(pyStr(s)) && /^[\x20-\x7e]*$/.test(jinjaStr(s))));
  });

  it("leaves nothing Jinja could read as syntax inside a Jinja literal", () => {
    const lit = jinjaStr("{{ x }} {% y %} {# z #} 'q'");
    expect(lit.slice(1, -1)).not.toMatch(/[{}%#']/);
  });

  it("rejects lone surrogates, which no Python string can hold", () => {
    expect(isWellFormed("a\ud800b")).toBe(false);
    expect(isWellFormed("\udc00")).toBe(false);
    expect(isWellFormed("😀")).toBe(true);
    expect(() => pyStr("\ud800")).toThrow(IllFormedStringError);
  });

  it("writes JSON values as Python literals", () => {
    expect(pyJson({ a: [1, 2.5, true, null, "x"] })).toBe('{"a": [1, 2.5, True, None, "x"]}');
  });
});
