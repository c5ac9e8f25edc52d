/**
 * Maps keyed by what a user wrote (labels, env, params, loop items...) are plain objects, and a
 * plain object has keys that are not ordinary: `obj["__proto__"] = v` calls the prototype setter
 * instead of adding a key (the key vanishes, or worse, the object's prototype changes), and
 * `obj["constructor"]` reads `Object` when the key is absent. Every object built from such keys
 * goes through these helpers, which define own properties and read own properties only.
 */

/** Adds (or replaces) `key` as an own, enumerable property, whatever the key is. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
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
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (!skip?.(key, v)) setOwn(out, key, sortKeysDeep(v, skip));
    }
    return out;
  }
  return value;
}

/**
 * The key the JavaScript runtime reserves: written in an object literal it sets the prototype
 * rather than a key, and zod (which checks the IR) skips it. Sluice refuses it as a user key.
 */
export const RESERVED_KEY = "__proto__";
