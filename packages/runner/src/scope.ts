import type { Value } from "./types.js";

/** What a task (or nested pipeline call) left behind for its readers. */
export interface NodeResult {
  state: "succeeded" | "failed" | "skipped" | "cancelled";
  outputs: Record<string, Value>;
}

/**
 * Names visible where a node runs. One scope per pipeline instance and per loop iteration;
 * branches and exit-handler blocks write into the scope they sit in, since task ids are unique in
 * a pipeline body. A nested pipeline gets a fresh scope with no parent: it sees only its params.
 */
export class Scope {
  readonly results = new Map<string, NodeResult>();
  /** Per loop id: one scope per iteration, in item order (for fan-in). */
  readonly iterations = new Map<string, Scope[]>();

  constructor(
    readonly params: Readonly<Record<string, Value>>,
    readonly parent: Scope | undefined,
    readonly items: ReadonlyMap<string, Value>,
    /** Task path prefix, e.g. `fit/` inside a nested pipeline call. */
    readonly prefix: string,
    /** Iteration indices of the enclosing loops, outermost first. */
    readonly indices: readonly number[],
  ) {}

  child(loopId: string, item: Value, index: number): Scope {
    return new Scope(this.params, this, new Map([...this.items, [loopId, item]]), this.prefix, [...this.indices, index]);
  }

  result(taskId: string): NodeResult | undefined {
    return this.results.get(taskId) ?? this.parent?.result(taskId);
  }

  loopIterations(loopId: string): Scope[] | undefined {
    return this.iterations.get(loopId) ?? this.parent?.loopIterations(loopId);
  }

  /** The readable, unique name of a task instance: `fit/train[0,2]`. */
  path(taskId: string): string {
    return this.prefix + taskId + (this.indices.length > 0 ? `[${this.indices.join(",")}]` : "");
  }
}
