import fc from "fast-check";
import { emitSimpleYaml } from "./fast-yaml.js";
import { serializeWithYamlPackage, serializeYaml } from "./yaml.js";

// The direct emitter must write exactly what the yaml package writes, or decline (undefined).
// Generated documents mix plain words, YAML 1.1 trap words, quotes, indicators and non-ASCII, so
// that both the quoted and the plain branches, and the declines, are exercised.
const WORDS = ["a", "s1", "comp-s1", "n", "y", "yes", "No", "on", "~", "null", "", "1", "0x1f", "017", "1_000", "1:20", "2024-01-01", ".inf", "1e3", "+1", "-", "- x", "?", "a: b", "a:b", "#c", "a #c", "a#c", "{{$.inputs.parameters['x']}}", "--n={{x}}", 'say "hi"', "it's", `both ' "`, "*a", "&a", "!t", "%x", "@x", "`x", "|", ">", " lead", "trail ", "end:", "ü😀", "tab\there", "line\nbreak", "---", "...", "=", "<<", "\u0085", "__proto__", "constructor", "x".repeat(1001)];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }));
const scalar = fc.oneof(word, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(2 ** 60));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(word, tie("tree"), { maxKeys: 4 })),
}));
const SEED = 20261201;

describe("emitSimpleYaml", () => {
  it("writes what the yaml package writes, whenever it writes anything", () => {
    let emitted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(word, tree, { maxKeys: 6 }), fc.array(tree, { maxLength: 6 })), (doc) => {
        const plain = JSON.parse(JSON.stringify(doc)) as unknown; // as serializeYaml sees it: no undefined, no -0
        const fast = emitSimpleYaml(plain);
        if (fast === undefined) return;
        emitted++;
        expect(fast).toBe(serializeWithYamlPackage(plain));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // Most generated documents must be in the subset, or this test would prove little.
    expect(emitted).toBeGreaterThan(300);
  });

  it("declines documents it cannot write, which then go through the package", () => {
    for (const doc of [{ a: "line\nbreak" }, { a: "tab\there" }, { a: "---" }, { a: 2 ** 60 }, { a: Number.NaN }, { ["k".repeat(1001)]: 1 }, { a: "=" }]) {
      expect(emitSimpleYaml(doc)).toBeUndefined();
      expect(serializeYaml(doc)).toBe(serializeWithYamlPackage(doc));
    }
  });
});
