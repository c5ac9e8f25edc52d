// Reads the constant option objects of scale-out steps (`spark`, `ray`, `distributed`) field by
// field: each wrong field is one located SLU1420 (unknown field, wrong type) and reads as
// undefined, so that one run reports every mistake in the object.
import type { ts } from "ts-morph";
import type { FrontendContext } from "../context.js";
import { didYouMean } from "../suggest.js";
import { type ConstObject, type ConstValue, describeValue, isConstObject, isJson, nodeOfProperty } from "../values.js";
import type { JsonValue } from "../../ir/index.js";
import { setOwn } from "../../records/own-keys.js";

export class FieldReader {
  constructor(
    readonly ctx: FrontendContext,
    readonly obj: ConstObject,
    /** Where the object was written (its property in the definition), for errors about it as a whole. */
    readonly node: ts.Node,
    /** How messages name the object: `spark`, `ray.head`... */
    readonly where: string,
  ) {}

  /** An object field (or the definition's own object) read with its own reader; undefined when absent or not an object. */
  static of(ctx: FrontendContext, parent: ConstObject, key: string, fallback: ts.Node, where: string): FieldReader | undefined {
    const v = parent[key];
    if (v === undefined) return undefined;
    const at = nodeOfProperty(parent, key, fallback);
    if (!isConstObject(v)) {
      ctx.report("badScaleOut", at, `\`${where}\` must be an object, got ${describeValue(v)}`);
      return undefined;
    }
    return new FieldReader(ctx, v, at, where);
  }

  at(key: string): ts.Node {
    return nodeOfProperty(this.obj, key, this.node);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  /** Reports every key that is not one of `allowed` (the CRD subset Sluice models). */
  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.obj)) if (!allowed.includes(key)) this.ctx.report("badScaleOut", this.at(key), `unknown field \`${key}\` in \`${this.where}\`${didYouMean(key, allowed)} (allowed: ${allowed.join(", ")})`);
  }

  bad(key: string, what: string): undefined {
    this.ctx.report("badScaleOut", this.at(key), `\`${this.where}.${key}\` must be ${what}, got ${describeValue(this.obj[key])}`);
    return undefined;
  }

  string(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    return typeof v === "string" && v !== "" ? v : this.bad(key, "a non-empty string");
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    return typeof v === "string" && (options as readonly string[]).includes(v) ? (v as T) : this.bad(key, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`);
  }

  boolean(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    return typeof v === "boolean" ? v : this.bad(key, "true or false");
  }

  /** A whole number; below `min` is a count problem (SLU1421), not a shape problem. */
  integer(key: string, min: number): number | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return this.bad(key, "a whole number");
    if (v < min) {
      this.ctx.report("scaleOutCount", this.at(key), `\`${this.where}.${key}\` is ${v}: it must be at least ${min}`);
      return undefined;
    }
    return v;
  }

  strings(key: string): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    return Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : this.bad(key, "an array of strings");
  }

  /** A record of strings with user keys (sparkConf, rayStartParams). */
  stringRecord(key: string): Record<string, string> | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!isConstObject(v) || !Object.values(v).every((s) => typeof s === "string")) return this.bad(key, "an object of strings");
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) setOwn(out, k, s as string);
    return out;
  }

  json(key: string): Record<string, JsonValue> | undefined {
    const v: ConstValue | undefined = this.obj[key];
    if (v === undefined) return undefined;
    return isConstObject(v) && isJson(v) ? (v as Record<string, JsonValue>) : this.bad(key, "an object of JSON values");
  }

  /** A required field that is missing: reported with `code` at the object. */
  missing(key: string, code: "badScaleOut" | "scaleOutEntry" | "scaleOutCount", text: string): undefined {
    this.ctx.report(code, this.node, text || `\`${this.where}\` needs \`${key}\``);
    return undefined;
  }
}
