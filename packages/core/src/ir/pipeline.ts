import { z } from "zod";
import { Binding } from "./bindings.js";
import { Component } from "./component.js";
import { Node } from "./nodes.js";
import { RunSettings } from "./settings.js";
import { JsonValue, SourceSpan, ValueType } from "./types.js";

export const IR_API_VERSION = "sluice.dev/v1alpha1";

export const PipelineParam = z
  .object({
    name: z.string(),
    type: ValueType,
    default: JsonValue.optional(),
    description: z.string().optional(),
    enum: z.array(JsonValue).optional(),
    span: SourceSpan,
  })
  .strict();
export type PipelineParam = z.infer<typeof PipelineParam>;

/** A value a pipeline body returns, so that a calling pipeline can use it as a task output. */
export const PipelineOutput = z.object({ name: z.string(), type: ValueType, from: Binding }).strict();
export type PipelineOutput = z.infer<typeof PipelineOutput>;

/** Pipeline-wide defaults: run settings every task inherits, plus pod-level settings. */
export const Defaults = RunSettings.extend({
  image: z.string().optional(),
  serviceAccount: z.string().optional(),
  imagePullSecrets: z.array(z.string()).optional(),
  /** Maximum tasks running at once in the whole run. */
  parallelism: z.number().int().positive().optional(),
}).strict();
export type Defaults = z.infer<typeof Defaults>;

export const Schedule = z
  .object({
    cron: z.string(),
    timezone: z.string().optional(),
    /** What to do when a run is due while the previous one still runs; Forbid unless asked. */
    concurrencyPolicy: z.enum(["Allow", "Forbid", "Replace"]).optional(),
    /** Whether missed intervals are run later (Airflow catchup). Off unless asked. */
    catchup: z.boolean().optional(),
  })
  .strict();
export type Schedule = z.infer<typeof Schedule>;

/** A pipeline called as a step by another one. Shares spec.components with the top pipeline. */
export const SubPipeline = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    params: z.array(PipelineParam),
    outputs: z.array(PipelineOutput),
    root: z.array(Node),
    span: SourceSpan,
  })
  .strict();
export type SubPipeline = z.infer<typeof SubPipeline>;

export const GitInfo = z
  .object({
    commit: z.string(),
    branch: z.string().optional(),
    dirty: z.boolean(),
    /** The remote URL with any user name, password or token removed. */
    remote: z.string().optional(),
  })
  .strict();
export type GitInfo = z.infer<typeof GitInfo>;

export const Pipeline = z
  .object({
    apiVersion: z.literal(IR_API_VERSION),
    kind: z.literal("Pipeline"),
    metadata: z
      .object({
        /** The name as the user wrote it; each back end derives its valid names from it (names.ts). */
        name: z.string().min(1),
        displayName: z.string().optional(),
        description: z.string().optional(),
        source: z
          .object({
            file: z.string(),
            export: z.string(),
            /** Where the pipeline is defined (its `pipeline(...)` call). */
            span: SourceSpan.optional(),
            /**
             * Where each pipeline-level setting is written, by path (`defaults`,
             * `defaults.serviceAccount`, `schedule`, `schedule.timezone`, ...), so that a back end's
             * message about one points at it (see `settingSpan`). Only known keys appear.
             */
            settings: z.record(z.string(), SourceSpan).optional(),
          })
          .strict(),
        /** sha256 of the document without metadata.hash, metadata.git, metadata.source and spans. */
        hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
        git: GitInfo.optional(),
      })
      .strict(),
    spec: z
      .object({
        params: z.array(PipelineParam),
        outputs: z.array(PipelineOutput),
        defaults: Defaults,
        schedule: Schedule.optional(),
        components: z.array(Component),
        subPipelines: z.array(SubPipeline),
        root: z.array(Node),
      })
      .strict(),
  })
  .strict();
export type Pipeline = z.infer<typeof Pipeline>;
