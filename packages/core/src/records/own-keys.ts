/**
 * Maps keyed by what a user wrote (labels, env, params, loop items...) are plain objects, and a
 * plain object has keys that are not ordinary: `obj["__proto__"] = v` calls the prototype setter
 * instead of adding a key (the key vanishes, or worse, the object's prototype changes), and
 * `obj["constructor"]` reads `Object` when the key is absent. Every object built from such keys
 * goes through these helpers, which define own properties and read own properties only.
 */

/** Adds (or replaces) `key` as an own, enumerable property, whatever the key is. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  // Plain assignment is the same for a key the prototype chain does not hold (or the object
  // already owns), and several times cheaper than defineProperty on a hot path.
  if (key !== RESERVED_KEY && (Object.hasOwn(obj, key) || !(key in obj))) obj[key] = value;
  else Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The value of an own property, or undefined: never one inherited from Object.prototype. */
export function getOwn<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Copies every own enumerable key of `from` onto `to` (Object.assign, minus the setter trap). */
export function assignOwn<T>(to: Record<string, T>, from: Readonly<Record<string, T>>): Record<string, T> {
  for (const [key, value] of Object.entries(from)) setOwn(to, key, value);
  return to;
}

/** A deep copy with every object's keys in code-point order (for canonical text). */
export function sortKeysDeep(value: unknown, skip?: (key: string, value: unknown) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v, skip));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (!skip?.(key, v)) setOwn(out, key, sortKeysDeep(v, skip));
    }
    return out;
  }
  return value;
}

/**
 * The own keys of `obj` in the order a sorted copy of it (sortKeysDeep) holds them, so that a
 * writer can walk an object in sorted order without copying it. That is sorted order, except
 * that keys that are array indices ("0", "17") come first in numeric order: every JavaScript
 * object orders its own keys that way, whatever order they were added in.
 */
export function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  sortKeyList(keys);
  return keys;
}

/**
 * sortedKeys(obj), each key's value in the same order, and whether that order differs from the
 * object's own. The values come from Object.values, not from `obj[key]` per key: a writer walking
 * objects of many shapes made every such read a megamorphic lookup, which the front end's own
 * lookups evicted from V8's cache between compiles.
 */
export function sortedKeysAndValues(obj: object): { keys: string[]; values: unknown[]; reordered: boolean } {
  const keys = Object.keys(obj);
  const values = Object.values(obj);
  const reordered = sortKeyList(keys, values);
  return { keys, values, reordered };
}

/**
 * Sorts Object.keys output in place into sortedKeys' order, and `values` alongside when given;
 * true when anything moved. Object.keys already lists the array-index keys first, in numeric
 * order, so only the keys after them are sorted.
 */
function sortKeyList(keys: string[], values?: unknown[]): boolean {
  let from = 0;
  while (from < keys.length && isArrayIndex(keys[from]!)) from++;
  // Most objects are small and often already in order: checking costs less than sorting.
  if (inOrder(keys, from)) return false;
  if (keys.length - from <= SMALL) {
    // An insertion sort in place for the few keys of an IR object: Array.prototype.sort
    // allocates work space on every call, which showed as a tenth of the front end's garbage.
    // `<` on strings compares UTF-16 code units, the same order as sort() without a comparator.
    for (let i = from + 1; i < keys.length; i++) {
      const key = keys[i]!;
      const value = values?.[i];
      let j = i - 1;
      for (; j >= from && keys[j]! > key; j--) {
        keys[j + 1] = keys[j]!;
        if (values) values[j + 1] = values[j];
      }
      keys[j + 1] = key;
      if (values) values[j + 1] = value;
    }
    return true;
  }
  // A long list (a large labels map): sort the positions, then lay keys and values out in that order.
  const order = Array.from({ length: keys.length - from }, (_, i) => from + i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
  const oldKeys = keys.slice();
  const oldValues = values?.slice();
  order.forEach((at, i) => {
    keys[from + i] = oldKeys[at]!;
    if (values) values[from + i] = oldValues![at];
  });
  return true;
}

const SMALL = 24;

/**
 * Whether the own keys of `obj` are already in sortedKeys' order, none of them an array index,
 * found with for-in, which allocates nothing (Object.keys and Object.values allocate two arrays):
 * then a for-in walk visits them in sorted order. Three objects of an IR in four are so (most
 * have one or two keys); for the IR hash this was a tenth of the front end's garbage. A key
 * inherited from a polluted prototype, or one starting with a digit (an index, or not), answers
 * false, leaving the object to the general path.
 */
export function keysInSortedOrder(obj: object): boolean {
  let previous: string | undefined;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) return false;
    const c = key.charCodeAt(0);
    if (c >= DIGIT_0 && c <= DIGIT_9) return false;
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
  }
  return true;
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Whether keys[from..] are already in sort()'s order. */
function inOrder(keys: readonly string[], from: number): boolean {
  for (let i = from + 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

function isArrayIndex(key: string): boolean {
  const n = Number(key);
  return n >>> 0 === n && n !== 4294967295 && String(n) === key;
}

/**
 * The key the JavaScript runtime reserves: written in an object literal it sets the prototype
 * rather than a key, and zod (which checks the IR) skips it. Sluice refuses it as a user key.
 */
export const RESERVED_KEY = "__proto__";
