import fc from "fast-check";
import { sortKeysDeep } from "../records/own-keys.js";
import { canonicalJson } from "./hash.js";

// canonicalJson writes sorted JSON directly instead of stringifying a sorted deep copy; it must
// give exactly the copy's text, including keys that are array indices (which every object lists
// first, in numeric order), undefined values, spans dropped or kept, and inherited-member names.
const KEYS = ["a", "b", "span", "10", "9", "0", "01", "-1", "1.5", "4294967295", "4294967294", "__proto__", "constructor", "toString", "é", "Z", ""];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 }));
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 5 })),
}));
const SEED = 20261201;
const copying = (value: unknown, dropSpans: boolean) => JSON.stringify(sortKeysDeep(value, (k, v) => v === undefined || (dropSpans && k === "span")));

describe("canonicalJson", () => {
  it("is the JSON of the sorted deep copy, byte for byte", () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (value, dropSpans) => {
        expect(canonicalJson(value, dropSpans)).toBe(copying(value, dropSpans));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("takes the copying path for values that are not plain data", () => {
    const values = [new Date(0), { at: new Date(0) }, new Map([["a", 1]]), { toJSON: () => "x" }, [() => 1, Symbol("s")]];
    for (const value of values) expect(canonicalJson(value)).toBe(copying(value, false));
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
