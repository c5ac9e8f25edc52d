import fc from "fast-check";
import { sortKeysDeep } from "../records/own-keys.js";
import { emitSimpleYaml, resolvesToOtherType, TYPE_TEST_SOURCES } from "./fast-yaml.js";
import { serializeWithYamlPackage, serializeYaml } from "./yaml.js";

// The direct emitter must write exactly what the yaml package writes, or decline (undefined).
// Generated documents mix plain words, YAML 1.1 trap words, quotes, indicators and non-ASCII, so
// that both the quoted and the plain branches, and the declines, are exercised.
const WORDS = ["a", "s1", "comp-s1", "n", "y", "yes", "No", "on", "~", "null", "", "1", "0x1f", "017", "1_000", "1:20", "2024-01-01", ".inf", "1e3", "+1", "-", "- x", "?", "a: b", "a:b", "#c", "a #c", "a#c", "{{$.inputs.parameters['x']}}", "--n={{x}}", 'say "hi"', "it's", `both ' "`, "*a", "&a", "!t", "%x", "@x", "`x", "|", ">", " lead", "trail ", "end:", "ü😀", "tab\there", "line\nbreak", "---", "...", "=", "<<", "\u0085", "__proto__", "constructor", "10", "9", "2", "e5", "E", "x".repeat(1001)];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));
const scalar = fc.oneof(word, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(2 ** 60), fc.constant(undefined), fc.constant(-0));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(word, tie("tree"), { maxKeys: 4 })),
}));

describe("emitSimpleYaml", () => {
  it("writes what the yaml package writes, whenever it writes anything", () => {
    let emitted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(word, tree, { maxKeys: 6 }), fc.array(tree, { maxLength: 6 })), fc.boolean(), (doc, sortKeys) => {
        const fast = emitSimpleYaml(doc, sortKeys);
        if (fast === undefined) return;
        emitted++;
        // What the package gets from serializeYaml: a (sorted) copy without undefined, -0 as 0.
        // The emitter declines a document with an undefined sequence item, which this would turn into null.
        const plain = JSON.parse(JSON.stringify(sortKeys ? sortKeysDeep(doc) : doc)) as unknown;
        expect(fast).toBe(serializeWithYamlPackage(plain));
      }),
      { numRuns: 3000 },
    );
    // Most generated documents must be in the subset, or this test would prove little.
    expect(emitted).toBeGreaterThan(300);
  });

  it("skips the type tests only for strings none of them can match", () => {
    // The first characters resolvesToOtherType lets through were read off exactly these tests:
    // a yaml release that changes them must have that set read again (fast-yaml.ts, TYPED_START).
    expect(TYPE_TEST_SOURCES).toEqual([
      "^(?:~|[Nn]ull|NULL)?$",
      "^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$",
      "^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$",
      "^[-+]?0b[0-1_]+$",
      "^[-+]?0[0-7_]+$",
      "^[-+]?[0-9][0-9_]*$",
      "^[-+]?0x[0-9a-fA-F_]+$",
      "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$",
      "^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$",
      "^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$",
      "^<<$",
      "^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$",
      "^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$",
      "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$",
    ]);
    for (const typed of ["", "~", "null", "y", "On", "no", "0b1", "017", "-1", "0x1f", ".inf", ".nan", "e5", "E10", "+.5", "<<", "1:20", "1:20.5", "2024-01-01"]) expect(resolvesToOtherType(typed)).toBe(true);
    for (const plain of ["a", "image", "comp-s1", "Yes please", "x1"]) expect(resolvesToOtherType(plain)).toBe(false);
  });

  it("declines documents it cannot write, which then go through the package", () => {
    for (const doc of [{ a: "line\nbreak" }, { a: "tab\there" }, { a: "---" }, { a: 2 ** 60 }, { a: Number.NaN }, { ["k".repeat(1001)]: 1 }, { a: "=" }]) {
      expect(emitSimpleYaml(doc)).toBeUndefined();
      expect(serializeYaml(doc)).toBe(serializeWithYamlPackage(doc));
    }
  });
});
