import { Document, Scalar, parse, visit } from "yaml";
import { setOwn, sortKeysDeep } from "../records/own-keys.js";
import { emitSimpleYaml } from "./fast-yaml.js";

/**
 * The one YAML writer for every YAML Sluice emits (IR, Argo, KFP).
 *
 * Written as YAML 1.1 because the consumers read 1.1 (go-yaml behind sigs.k8s.io/yaml in Argo,
 * kubectl and the KFP backend; PyYAML in kfp): in 1.1 mode the writer quotes `yes`, `on`, `no`,
 * `y`, dates and the like, which a 1.2 writer leaves bare and a 1.1 reader turns into booleans or
 * timestamps. No line folding, so long strings stay on one line and diffs stay readable.
 * Key order is the order the caller built the object in; callers build objects in a fixed order.
 * Every key is written as a key, `__proto__` and `constructor` included.
 * Negative zero is written `0`: JSON has no way to say it (JSON.stringify(-0) is "0"), PyYAML and
 * go-yaml read `-0` as the integer 0, and the IR hash (canonical JSON) already treats the two as
 * one value, so writing `-0` would only make equal inputs give different bytes.
 */
export function serializeYaml(value: unknown, options: YamlOptions = {}): string {
  // Most documents are in the subset the direct emitter writes byte for byte as the yaml package
  // would (fast-yaml.ts), straight from the value; the rest, and every hostile string, go through
  // the package, from a copy without undefined values (and sorted, when asked).
  return emitSimpleYaml(value, options.sortKeys) ?? serializeWithYamlPackage(stripUndefined(options.sortKeys ? sortKeysDeep(value) : value));
}

export interface YamlOptions {
  /** Every map's keys in sorted order (sortKeysDeep's order), as kfp writes its files. */
  sortKeys?: boolean;
}

/** serializeYaml through the yaml package alone (exported for the emitter's equality test). */
export function serializeWithYamlPackage(plain: unknown): string {
  const doc = new Document(plain, { version: "1.1" });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && (PYYAML_SPECIAL.test(node.value) || NEEDS_ESCAPES.test(node.value))) {
        node.type = Scalar.QUOTE_DOUBLE;
        // Without an explicit str tag the writer prints `<<` bare as a merge key, whatever the type.
        if (node.value === "<<") node.tag = "tag:yaml.org,2002:str";
      }
    },
  });
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, blockQuote: "literal" });
  // The yaml package leaves C1 controls, NEL, LS, PS and BOM raw even inside double quotes. Every
  // string holding one was forced into double quotes above, so escaping them in the text is safe.
  return text.replace(RAW_IN_DOUBLE_QUOTES, (ch) => "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
}

/**
 * Plain scalars PyYAML resolves to tags it cannot construct (`=` is the 1.1 "value" type, `<<` the
 * merge key), which the yaml package does not quote on its own.
 */
const PYYAML_SPECIAL = /^(=|<<)$/;

/**
 * Characters that must not appear raw: anything PyYAML's reader rejects as non-printable, tabs
 * (not allowed to start a token in a plain scalar), CR, and the characters YAML 1.1 reads as line
 * breaks (NEL, LS, PS) or strips (BOM). Strings holding them are written double-quoted, where
 * the writer escapes them.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPES = /[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

const RAW_IN_DOUBLE_QUOTES = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Several documents in one file, separated by `---`. */
export function serializeYamlDocuments(values: unknown[], options: YamlOptions = {}): string {
  return values.map((value) => serializeYaml(value, options)).join("---\n");
}

/** Reads YAML written by serializeYaml (1.1 rules, so that round trips are exact). */
export function parseYaml(text: string): unknown {
  return parse(text, { version: "1.1" });
}

/** A copy without undefined values (the writer would print them as null), and -0 as 0. */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, stripUndefined(v));
    return out;
  }
  return Object.is(value, -0) ? 0 : value;
}
