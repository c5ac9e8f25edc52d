import type { JsonValue } from "@sluice/core/backend";

/** A JSON value as the text an Argo parameter holds: strings as they are, the rest as JSON. */
export function literalText(v: JsonValue): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
