// Names visible in one block of a pipeline body, with JavaScript's temporal dead zone: a const
// declared further down in the block is known, but reading it early is an error (SLU1304).
import type { BodyValue } from "./body-values.js";

/** Names visible in one block of a body. */
export class Env {
  private readonly vars = new Map<string, BodyValue>();
  private readonly later = new Set<string>();

  constructor(readonly parent?: Env) {}

  declareLater(name: string): void {
    this.later.add(name);
  }

  set(name: string, value: BodyValue): void {
    this.vars.set(name, value);
    this.later.delete(name);
  }

  /** The value, "later" when declared further down (temporal dead zone), undefined when unknown. */
  find(name: string): BodyValue | "later" | undefined {
    const v = this.vars.get(name);
    if (v) return v;
    if (this.later.has(name)) return "later";
    return this.parent?.find(name);
  }
}
