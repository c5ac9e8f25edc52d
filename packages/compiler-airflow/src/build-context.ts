import type { Diagnostic, Pipeline } from "@sluice/core/backend";
import { PyNames } from "./names.js";
import type { AirflowOptions } from "./options.js";
import type { ChooserView, HelperFlags, OperatorView, StatementView } from "./view-model.js";

/** What a compiled IR node offers to edges: where to attach upstream and downstream edges. */
export interface NodeHandle {
  /** Vars that must wait for anything this node waits for (its first tasks). */
  entries: string[];
  /** Vars whose completion means the node is done (its last tasks). */
  exits: string[];
}

/** Facts about one generated operator var, used for trigger rules and diagnostics. */
export interface VarInfo {
  fullId: string;
  /** Branch ids enclosing the var, outermost first: a var is skipped when any of them is not taken. */
  branchPath: string[];
  triggerRule?: string;
}

/** Mutable state of one compilation: names, imports, helpers, diagnostics and edges. */
export class BuildContext {
  readonly names = new PyNames();
  readonly diagnostics: Diagnostic[] = [];
  readonly imports = new Set<string>();
  readonly helpers: HelperFlags = { resolveMarkers: false, runLocal: false, loopItems: false, coerce: false, failRun: false, resourceWait: false, customResource: false, sparkApplication: false };
  readonly choosers: ChooserView[] = [];
  readonly vars = new Map<string, VarInfo>();
  readonly operators = new Map<string, OperatorView>();
  /** Edges in creation order; rendered deduplicated. */
  readonly edges: { from: string; to: string }[] = [];
  /** `from\0to` of every edge, so that deduplicating stays linear in the number of edges. */
  private readonly edgeKeys = new Set<string>();
  /** Every id given out (TaskGroups marked `group`), for the collision and length checks. */
  readonly fullIds: { original: string; sanitized: string; span: string; group?: boolean }[] = [];

  constructor(
    readonly ir: Pipeline,
    readonly options: AirflowOptions & { artifactRoot: string },
  ) {}

  get local(): boolean {
    return this.options.operator === "local";
  }

  addEdge(from: string, to: string): void {
    if (from === to) return;
    const key = `${from}\0${to}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to });
  }

  addEdges(froms: readonly string[], tos: readonly string[]): void {
    for (const to of tos) for (const from of froms) this.addEdge(from, to);
  }
}

/** Where statements of the body being built go (the DAG body or a TaskGroup body). */
export type StatementSink = StatementView[];
