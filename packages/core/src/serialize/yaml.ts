import { Document, Scalar, parse, visit } from "yaml";

/**
 * The one YAML writer for every YAML Sluice emits (IR, Argo, KFP).
 *
 * Written as YAML 1.1 because the consumers read 1.1 (go-yaml behind sigs.k8s.io/yaml in Argo,
 * kubectl and the KFP backend; PyYAML in kfp): in 1.1 mode the writer quotes `yes`, `on`, `no`,
 * `y`, dates and the like, which a 1.2 writer leaves bare and a 1.1 reader turns into booleans or
 * timestamps. No line folding, so long strings stay on one line and diffs stay readable.
 * Key order is the order the caller built the object in; callers build objects in a fixed order.
 */
export function serializeYaml(value: unknown): string {
  const doc = new Document(stripUndefined(value), { version: "1.1" });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && PYYAML_SPECIAL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, blockQuote: "literal" });
}

/**
 * Plain scalars PyYAML resolves to tags it cannot construct (`=` is the 1.1 "value" type, `<<` the
 * merge key), which the yaml package does not quote on its own.
 */
const PYYAML_SPECIAL = /^(=|<<)$/;

/** Several documents in one file, separated by `---`. */
export function serializeYamlDocuments(values: unknown[]): string {
  return values.map(serializeYaml).join("---\n");
}

/** Reads YAML written by serializeYaml (1.1 rules, so that round trips are exact). */
export function parseYaml(text: string): unknown {
  return parse(text, { version: "1.1" });
}

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = stripUndefined(v);
    return out;
  }
  return value;
}
