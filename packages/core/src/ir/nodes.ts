import { z } from "zod";
import { Binding, Expr } from "./bindings.js";
import { RunSettings } from "./settings.js";
import { SourceSpan } from "./types.js";

/** Per-call options a task may set on top of its component's settings. */
export const TaskOptions = RunSettings.extend({ displayName: z.string().optional() }).strict();
export type TaskOptions = z.infer<typeof TaskOptions>;

/**
 * A node of the pipeline graph. Ids are unique across one pipeline body, including nested groups,
 * so a back end can use them as names. `after` holds only the explicit ordering edges the user
 * wrote; data edges are implied by `taskOutput` bindings and are never repeated here.
 */
export type Node = TaskNode | SubPipelineNode | ConditionNode | LoopNode | ExitHandlerNode;

/** A call of a step. */
export interface TaskNode {
  type: "task";
  id: string;
  component: string;
  inputs: Record<string, Binding>;
  after: string[];
  options?: TaskOptions;
  span: string;
}

/** A call of another pipeline, declared in spec.subPipelines. */
export interface SubPipelineNode {
  type: "subPipeline";
  id: string;
  pipeline: string;
  inputs: Record<string, Binding>;
  after: string[];
  options?: TaskOptions;
  span: string;
}

/** `if / else if / else`: the first branch whose `when` holds runs; `when` absent is the else. */
export interface ConditionNode {
  type: "condition";
  id: string;
  branches: { id: string; when?: Expr; nodes: Node[]; span: string }[];
  span: string;
}

/** Parallel fan-out: `nodes` run once per item. Outputs leave the loop only through `collected`. */
export interface LoopNode {
  type: "loop";
  id: string;
  /** A literal list, a list param, a list output of a task, or an enclosing loop's item. */
  items: Binding;
  /** The loop variable's name in the source, kept for readable names. */
  itemName: string;
  parallelism?: number;
  nodes: Node[];
  span: string;
}

/** `try { nodes } finally { exit }`: exit runs after nodes, whatever happened to them. */
export interface ExitHandlerNode {
  type: "exitHandler";
  id: string;
  nodes: Node[];
  exit: Node[];
  span: string;
}

const Id = z.string().min(1);
const Call = { id: Id, inputs: z.record(z.string(), Binding), after: z.array(Id), options: TaskOptions.optional(), span: SourceSpan };

export const Node: z.ZodType<Node> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("task"), component: z.string(), ...Call }).strict(),
    z.object({ type: z.literal("subPipeline"), pipeline: z.string(), ...Call }).strict(),
    z
      .object({
        type: z.literal("condition"),
        id: Id,
        branches: z.array(z.object({ id: Id, when: Expr.optional(), nodes: z.array(Node), span: SourceSpan }).strict()).min(1),
        span: SourceSpan,
      })
      .strict(),
    z
      .object({
        type: z.literal("loop"),
        id: Id,
        items: Binding,
        itemName: z.string(),
        parallelism: z.number().int().positive().optional(),
        nodes: z.array(Node),
        span: SourceSpan,
      })
      .strict(),
    z.object({ type: z.literal("exitHandler"), id: Id, nodes: z.array(Node), exit: z.array(Node), span: SourceSpan }).strict(),
  ]),
);
