import type { JsonValue } from "@sluice/core/backend";
import { jinjaStr } from "./python.js";
import type { PyValue } from "./view-model.js";

/**
 * A custom resource from the shared builder (docs/scale-out.md) as the Python value of a templated
 * operator field. The builder only ever sees text, so a value known only at run time (a param, an
 * XCom pull, an artifact URI with the run id) reaches it as a token, a private-use character pair
 * around a number, that no string of the component holds. Here every string holding tokens
 * becomes one Jinja expression; everything else stays user text that Jinja never renders:
 * `literal(...)`, for the whole subtree when no token is below it.
 */
/** Dotted paths of the resource whose run-time values need more than plain text (see toPy). */
export interface TokenFields {
  shellQuoted?: readonly string[];
  expanded?: readonly string[];
}

export class RuntimeTokens {
  private readonly open: string;
  private readonly close: string;
  private readonly exprs: string[] = [];

  /** `taken`: every text the tokens must not collide with (the component, as JSON). */
  constructor(taken: string) {
    let cp = 0xe000;
    while (taken.includes(String.fromCodePoint(cp)) || taken.includes(String.fromCodePoint(cp + 1))) cp += 2;
    this.open = String.fromCodePoint(cp);
    this.close = String.fromCodePoint(cp + 1);
  }

  /** A token standing for a Jinja expression yielding text. */
  token(jinjaExpr: string): string {
    this.exprs.push(jinjaExpr);
    return `${this.open}${this.exprs.length - 1}${this.close}`;
  }

  private pattern(): RegExp {
    return new RegExp(`${this.open}(\\d+)${this.close}`, "gu");
  }

  has(text: string): boolean {
    return this.pattern().test(text);
  }

  /**
   * One string as a Jinja template: a single `{{ ... }}` expression, so the text never ends in a
   * template-file suffix. `shellQuoted`: the tokens sit inside POSIX single quotes (the builder
   * quoted the words of a Ray entrypoint), so each value's own `'` is closed, escaped, reopened.
   * `expanded`: Kubernetes expands the field in the engine's pods (the builder doubled every `$`
   * of its fixed text), so each value's `$` is doubled too, as for a container step's args.
   */
  template(text: string, shellQuoted: boolean, expanded = false): PyValue {
    const parts: string[] = [];
    let last = 0;
    for (const m of text.matchAll(this.pattern())) {
      if (m.index > last) parts.push(jinjaStr(text.slice(last, m.index)));
      const expr = `(${this.exprs[Number(m[1])]})`;
      const quoted = shellQuoted ? `(${expr} | replace(${jinjaStr("'")}, ${jinjaStr("'\\''")}))` : expr;
      parts.push(expanded ? `(${quoted} | replace('$', '$$'))` : quoted);
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push(jinjaStr(text.slice(last)));
    // One value alone needs no parentheses around it.
    if (parts.length === 1 && !shellQuoted && !expanded) return { kind: "template", value: `{{ ${this.exprs[Number(this.pattern().exec(text)![1])]} }}` };
    return { kind: "template", value: `{{ ${parts.join(" ~ ")} }}` };
  }

  /**
   * The resource as a PyValue. `at` names dotted paths: `shellQuoted` whose tokens are quoted,
   * `expanded` whose values get their `$` doubled (kubernetesExpandedFields).
   */
  toPy(value: unknown, at: TokenFields = {}, path = ""): PyValue {
    if (!this.holdsToken(value)) return literalOf(value as JsonValue);
    if (typeof value === "string") return this.template(value, at.shellQuoted?.includes(path) ?? false, at.expanded?.includes(path) ?? false);
    if (Array.isArray(value)) return { kind: "list", items: value.map((v) => this.toPy(v, at, path)) };
    const entries = Object.entries(value as Record<string, unknown>);
    return { kind: "dict", entries: entries.map(([k, v]) => [k, this.toPy(v, at, path ? `${path}.${k}` : k)]) };
  }

  private holdsToken(value: unknown): boolean {
    if (typeof value === "string") return this.has(value);
    if (Array.isArray(value)) return value.some((v) => this.holdsToken(v));
    if (value && typeof value === "object") return Object.values(value).some((v) => this.holdsToken(v));
    return false;
  }
}

/** A constant: numbers and booleans as themselves, anything holding a string under `literal()`. */
function literalOf(value: JsonValue): PyValue {
  if (value === null || typeof value === "number" || typeof value === "boolean") return { kind: "json", value };
  if (typeof value === "string") return { kind: "userText", value };
  return { kind: "call", fn: "literal", args: [{ kind: "json", value }], kwargs: [] };
}
