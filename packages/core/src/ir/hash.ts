import { createHash } from "node:crypto";
import { sortKeysDeep } from "../records/own-keys.js";
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
  return JSON.stringify(sortKeys(value, dropSpans));
}

function sortKeys(value: unknown, dropSpans: boolean): unknown {
  return sortKeysDeep(value, (key, v) => v === undefined || (dropSpans && key === "span"));
}
