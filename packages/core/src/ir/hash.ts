import { createHash } from "node:crypto";
import { sortedKeys, sortKeysDeep } from "../records/own-keys.js";
import type { Pipeline } from "./pipeline.js";

/**
 * The content hash of a pipeline: sha256 over canonical JSON (sorted keys) of the document
 * without what does not change behaviour: the hash itself, git state, the source location and
 * every node's span. Reformatting a file or moving it keeps the hash; changing a value does not.
 */
export function computeIrHash(ir: Omit<Pipeline, "metadata"> & { metadata: Partial<Pipeline["metadata"]> }): string {
  const { hash: _hash, git: _git, source: _source, ...metadata } = ir.metadata;
  const text = canonicalJson({ ...ir, metadata }, true);
  return "sha256:" + createHash("sha256").update(text).digest("hex");
}

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown, dropSpans = false): string {
  // The text JSON.stringify gives for a sorted deep copy, written directly: no copy of the tree
  // (measured about a third faster at 100 steps, and it allocates only the text).
  // Values outside plain JSON data (toJSON, bigint, class instances) take the copying path.
  try {
    const text = writeCanonical(value, dropSpans);
    if (text !== undefined) return text;
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
  }
  return JSON.stringify(sortKeysDeep(value, (key, v) => v === undefined || (dropSpans && key === "span")));
}

const NOT_PLAIN = Symbol("not plain JSON data");

/** `"key":` for each key seen (an IR has few distinct keys); bounded for long-running processes. */
const keyTexts = new Map<string, string>();

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= 10000) keyTexts.clear();
    keyTexts.set(key, (text = JSON.stringify(key) + ":"));
  }
  return text;
}

/** JSON.stringify(sortKeysDeep(value, skip)) for plain data; undefined where JSON.stringify omits the value. */
function writeCanonical(value: unknown, dropSpans: boolean): string | undefined {
  switch (typeof value) {
    case "string":
    case "number":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + (writeCanonical(value[i], dropSpans) ?? "null");
        return out + "]";
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
      let out = "{";
      for (const key of sortedKeys(value)) {
        if (dropSpans && key === "span") continue;
        const text = writeCanonical((value as Record<string, unknown>)[key], dropSpans);
        if (text === undefined) continue;
        out += (out.length > 1 ? "," : "") + keyText(key) + text;
      }
      return out + "}";
    }
    default:
      throw NOT_PLAIN; // bigint: JSON.stringify throws, and so does the copying path
  }
}
