import fc from "fast-check";
import { sortKeysDeep } from "../records/own-keys.js";
import { createHash } from "node:crypto";
import { canonicalHash, canonicalJson } from "./hash.js";

// canonicalJson writes sorted JSON directly instead of stringifying a sorted deep copy; it must
// give exactly the copy's text, including keys that are array indices (which every object lists
// first, in numeric order), undefined values, spans dropped or kept, and inherited-member names.
const KEYS = ["a", "b", "span", "10", "9", "0", "01", "-1", "1.5", "4294967295", "4294967294", "__proto__", "constructor", "toString", "é", "Z", ""];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 }));
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 5 })),
}));
const copying = (value: unknown, dropSpans: boolean) => JSON.stringify(sortKeysDeep(value, (k, v) => v === undefined || (dropSpans && k === "span")));

describe("canonicalJson", () => {
  it("is the JSON of the sorted deep copy, byte for byte", () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (value, dropSpans) => {
        expect(canonicalJson(value, dropSpans)).toBe(copying(value, dropSpans));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes own keys only, also when the prototype has an enumerable one (its for-in path)", () => {
    Object.defineProperty(Object.prototype, "polluted", { value: 1, enumerable: true, configurable: true });
    try {
      expect(canonicalJson({ a: 1, b: { c: 2 } })).toBe('{"a":1,"b":{"c":2}}');
      expect(canonicalHash({ a: 1 })).toBe("sha256:" + createHash("sha256").update('{"a":1}').digest("hex"));
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it("takes the copying path for values that are not plain data", () => {
    const values = [new Date(0), { at: new Date(0) }, new Map([["a", 1]]), { toJSON: () => "x" }, [() => 1, Symbol("s")]];
    for (const value of values) expect(canonicalJson(value)).toBe(copying(value, false));
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

// canonicalHash feeds the canonical text to sha256 piece by piece, copying ASCII by hand into a
// 64 KB buffer: it must give the digest of the whole text, for any characters (non-ASCII, pairs,
// lone surrogates) and for pieces near and past the buffer's size.
describe("canonicalHash", () => {
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.constantFrom("\ud800", "x\udc00y", "😀", "é".repeat(25000), "a".repeat(70000), "b".repeat(21845)),
  );
  const { doc } = fc.letrec((tie) => ({
    doc: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.constant(null), fc.array(tie("doc"), { maxLength: 5 }), fc.dictionary(fc.oneof(key, text), tie("doc"), { maxKeys: 4 })),
  }));
  it("is the sha256 of canonicalJson's text", () => {
    fc.assert(
      fc.property(fc.oneof(doc, tree), fc.boolean(), (value, dropSpans) => {
        const expected = "sha256:" + createHash("sha256").update(canonicalJson(value, dropSpans) ?? "").digest("hex");
        expect(canonicalHash(value, dropSpans)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

