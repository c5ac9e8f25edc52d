import fc from "fast-check";
import { assignOwn, getOwn, keysInSortedOrder, setOwn, sortedKeys, sortedKeysAndValues, sortKeysDeep } from "./own-keys.js";

// Keys that are special on a plain object: the prototype setter and inherited members.
const TRAPS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("own-key helpers", () => {
  it("setOwn keeps every key, and leaves the prototype alone", () => {
    const out: Record<string, unknown> = {};
    for (const k of TRAPS) setOwn(out, k, { k });
    expect(Object.keys(out)).toEqual(TRAPS);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(out))).toEqual(Object.fromEntries(TRAPS.map((k) => [k, { k }])));
  });

  it("getOwn does not read inherited members", () => {
    const obj: Record<string, string> = {};
    for (const k of TRAPS) expect(getOwn(obj, k)).toBeUndefined();
    setOwn(obj, "constructor", "c");
    expect(getOwn(obj, "constructor")).toBe("c");
  });

  it("assignOwn and sortKeysDeep copy __proto__ as a key", () => {
    const from = JSON.parse('{"b":1,"__proto__":{"x":2},"a":[{"__proto__":3}]}') as Record<string, unknown>;
    const copy = assignOwn({}, from);
    expect(Object.keys(copy)).toEqual(["b", "__proto__", "a"]);
    const sorted = sortKeysDeep(from) as Record<string, unknown>;
    expect(Object.keys(sorted)).toEqual(["__proto__", "a", "b"]);
    expect(JSON.stringify(sorted)).toBe('{"__proto__":{"x":2},"a":[{"__proto__":3}],"b":1}');
  });
});

describe("sortedKeys", () => {
  it("is the key order of a sorted copy: array-index keys first in numeric order, then sorted", () => {
    const obj = { b: 1, "10": 2, a: 3, "9": 4, "01": 5, "4294967295": 6, "4294967294": 7 };
    expect(sortedKeys(obj)).toEqual(Object.keys(sortKeysDeep(obj) as object));
    expect(sortedKeys(obj)).toEqual(["9", "10", "4294967294", "01", "4294967295", "a", "b"]);
  });

  it("sorts short and long key lists alike (insertion sort for a few keys, the built-in sort beyond)", () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("0", "7", "10", "01", "a", "B", "é", "😀", "__proto__"));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 40 }), (keys) => {
        const obj = objectWithKeys(keys);
        const indices = Object.keys(obj).filter((k) => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295);
        const rest = Object.keys(obj).filter((k) => !indices.includes(k));
        expect(sortedKeys(obj)).toEqual([...indices, ...rest.sort()]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("sortedKeysAndValues", () => {
  it("is sortedKeys with each key's value and whether the order changed, for short and long key lists", () => {
    const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom("0", "7", "10", "01", "4294967295", "__proto__", "a", "b"), fc.nat({ max: 50 }).map(String));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, fc.integer()), { maxLength: 40, selector: ([k]) => k }), (entries) => {
        const obj: Record<string, number> = {};
        for (const [k, v] of entries) setOwn(obj, k, v);
        const { keys, values, reordered } = sortedKeysAndValues(obj);
        expect(keys).toEqual(sortedKeys(obj));
        expect(values).toEqual(keys.map((k) => obj[k]));
        expect(reordered).toBe(keys.join("\0") !== Object.keys(obj).join("\0"));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("keysInSortedOrder", () => {
  it("says yes only when the own keys are already in sortedKeys' order (and none starts with a digit)", () => {
    const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom("0", "7", "10", "01", "1a", "__proto__", "a", "b", "é"));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 12 }), (keys) => {
        const obj = objectWithKeys(keys);
        const own = Object.keys(obj);
        const sortedAlready = own.every((k) => !/^[0-9]/.test(k)) && sortedKeys(obj).join("\0") === own.join("\0");
        expect(keysInSortedOrder(obj)).toBe(sortedAlready);
      }),
      { numRuns: 1000 },
    );
  });
});

/** An object with each of `keys` as an own property (set with setOwn, so `__proto__` is a key). */
function objectWithKeys(keys: readonly string[]): Record<string, number> {
  const obj: Record<string, number> = {};
  for (const k of keys) setOwn(obj, k, 1);
  return obj;
}
