import { displayNameFor, errorAt, findCollisions, type Pipeline, type PipelineParam, settingSpan } from "@sluice/core/backend";
import { BuildContext } from "./build-context.js";
import { buildNodes } from "./build-nodes.js";
import { paramExpr, type Scope, type Value } from "./build-values.js";
import { AirflowCodes, warningAt } from "./diagnostics.js";
import { dagId, MAX_TASK_ID_LENGTH } from "./names.js";
import type { AirflowOptions } from "./options.js";
import { importsForVersion, sortImports } from "./imports.js";
import { layoutBody } from "./layout.js";
import type { DagFileView, Kwarg, PyValue, StatementView } from "./view-model.js";

/** JSON Schema types of Airflow Params, per IR type. json params accept any JSON value. */
function paramType(p: PipelineParam): string | undefined {
  const t = p.type;
  if (t.category === "paramList" || t.category === "artifactList") return "array";
  if (t.category === "artifact") return "string";
  return { string: "string", int: "integer", float: "number", bool: "boolean", json: undefined }[t.type];
}

function paramView(p: PipelineParam): PyValue {
  const args: PyValue[] = p.default !== undefined ? [{ kind: "json", value: p.default }] : [];
  const kwargs: Kwarg[] = [];
  const type = paramType(p);
  if (type) kwargs.push(["type", { kind: "str", value: type }]);
  if (p.description) kwargs.push(["description", { kind: "str", value: p.description }]);
  if (p.enum) kwargs.push(["enum", { kind: "json", value: p.enum }]);
  return { kind: "call", fn: "Param", args, kwargs };
}

/** An IANA time zone name, as the ICU database Node carries knows it (pendulum uses the same names). */
function isKnownTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function dagKwargs(ctx: BuildContext): Kwarg[] {
  const { ir, options } = ctx;
  const kw: Kwarg[] = [["dag_id", { kind: "str", value: dagId(ir.metadata.name) }]];
  const display = displayNameFor(ir.metadata.name, dagId(ir.metadata.name), ir.metadata.displayName);
  if (display !== undefined) kw.push(["dag_display_name", { kind: "str", value: display }]);
  if (ir.metadata.description) kw.push(["description", { kind: "str", value: ir.metadata.description }]);
  const schedule = ir.spec.schedule;
  kw.push(["schedule", schedule ? { kind: "str", value: schedule.cron } : { kind: "code", value: "None" }]);
  ctx.imports.add("import pendulum");
  // A fixed start date keeps the file deterministic; the schedule's time zone is the DAG's.
  const [y, m, d] = options.startDate.split("-").map(Number);
  kw.push(["start_date", { kind: "code", value: `pendulum.datetime(${y}, ${m}, ${d}, tz=${JSON.stringify(schedule?.timezone ?? "UTC")})` }]);
  kw.push(["catchup", { kind: "code", value: schedule?.catchup ? "True" : "False" }]);
  // Forbid (the default) and Replace both mean one run at a time; Airflow cannot cancel the old run.
  if (schedule && schedule.concurrencyPolicy !== "Allow") kw.push(["max_active_runs", { kind: "json", value: 1 }]);
  if (schedule?.concurrencyPolicy === "Replace") {
    ctx.diagnostics.push(warningAt(AirflowCodes.replacePolicy, "Airflow cannot replace a running run with a new one; the DAG allows one run at a time instead", settingSpan(ir, "schedule.concurrencyPolicy")));
  }
  if (ir.spec.defaults.parallelism !== undefined) kw.push(["max_active_tasks", { kind: "json", value: ir.spec.defaults.parallelism }]);
  if (schedule?.timezone !== undefined && !isKnownTimezone(schedule.timezone)) {
    // pendulum would raise when Airflow imports the file.
    ctx.diagnostics.push(errorAt(AirflowCodes.unknownTimezone, `unknown time zone ${JSON.stringify(schedule.timezone)}`, settingSpan(ir, "schedule.timezone"), 'use an IANA name such as "UTC" or "Europe/Paris"'));
  }
  if (schedule) {
    // Airflow refuses to import a scheduled DAG with a param that has no default: a scheduled run
    // has nobody to supply the value.
    for (const p of ir.spec.params.filter((x) => x.default === undefined)) {
      ctx.diagnostics.push(errorAt(AirflowCodes.scheduledRequiredParam, `param ${p.name} has no default, and Airflow refuses a schedule on a DAG with a required param`, p.span, "give the param a default, or drop the schedule"));
    }
  }
  if (ir.spec.params.length) {
    ctx.imports.add("from airflow.sdk import Param");
    kw.push(["params", { kind: "dict", entries: ir.spec.params.map((p) => [p.name, paramView(p)]) }]);
  }
  kw.push(["tags", { kind: "list", items: [{ kind: "str", value: "sluice" }] }]);
  return kw;
}

/**
 * Trigger rules for joins: a task waiting for a task that a branch may skip (one inside a branch
 * the waiting task is not in) runs when nothing failed and something succeeded, rather than being
 * skipped along with the branch not taken.
 */
function setJoinTriggerRules(ctx: BuildContext): void {
  for (const { from, to } of ctx.edges) {
    const a = ctx.vars.get(from);
    const b = ctx.vars.get(to);
    if (!a || !b || b.triggerRule) continue;
    const skippable = a.branchPath.some((id, i) => b.branchPath[i] !== id);
    if (skippable) {
      b.triggerRule = "none_failed_min_one_success";
      ctx.operators.get(to)?.kwargs.push(["trigger_rule", { kind: "str", value: b.triggerRule }]);
    }
  }
}

function headerLines(ir: Pipeline): string[] {
  return [
    `Airflow DAG "${dagId(ir.metadata.name)}", generated by Sluice from ${ir.metadata.source.file} (export ${ir.metadata.source.export})`,
    `at git commit ${ir.metadata.git?.commit ?? "(none recorded)"}${ir.metadata.git?.dirty ? " with uncommitted changes" : ""}, IR ${ir.metadata.hash}.`,
    "Do not edit: edit the pipeline source and recompile.",
  ];
}

/** Builds the whole view model of the DAG file, with the diagnostics found on the way. */
export function buildDagFile(ir: Pipeline, options: AirflowOptions & { artifactRoot: string }): { view: DagFileView; ctx: BuildContext } {
  const ctx = new BuildContext(ir, options);
  const params = new Map<string, Value>(ir.spec.params.map((p) => [p.name, { expr: paramExpr(p.name, p.type), deps: [] }]));
  const scope: Scope = { prefix: "", branchPath: [], params, paramTypes: new Map(ir.spec.params.map((p) => [p.name, p.type])), items: new Map(), unrolled: new Map(), producers: new Map(), subOutputs: new Map(), subSources: new Map(), handles: new Map() };
  const kwargs = dagKwargs(ctx);
  const body: StatementView[] = [];
  buildNodes(ctx, ir.spec.root, scope, body);
  setJoinTriggerRules(ctx);
  for (const c of findCollisions(ctx.fullIds)) {
    const span = ctx.fullIds.find((x) => x.sanitized === c.sanitized && x.original === c.originals[1])?.span;
    ctx.diagnostics.push(errorAt(AirflowCodes.idCollision, `task ids ${c.originals.map((o) => JSON.stringify(o)).join(" and ")} both become the Airflow id ${c.sanitized}`, span, "rename one of them"));
  }
  // The name budget (names.ts) keeps every id within the limit unless TaskGroups nest so deep
  // that the prefix alone fills it: Airflow would refuse the DAG, so say so here.
  for (const id of ctx.fullIds.filter((x) => !x.group && x.sanitized.length > MAX_TASK_ID_LENGTH)) {
    ctx.diagnostics.push(errorAt(AirflowCodes.idTooLong, `the Airflow task id ${JSON.stringify(id.sanitized)} is ${id.sanitized.length} characters long, past Airflow's ${MAX_TASK_ID_LENGTH}: the nested pipelines (TaskGroups) around the task leave no room`, id.span, "nest fewer pipelines inside each other, or give them shorter names"));
  }
  ctx.imports.add("from airflow.sdk import DAG");
  addHelperImports(ctx, [...kwargs.map((k) => k[1]), ...body.flatMap(statementValues)]);
  const lines = layoutBody(body, ctx.edges, [...ctx.vars.keys()]);
  const view: DagFileView = { header: headerLines(ir), imports: sortImports(importsForVersion(ctx.imports, options.version)), helpers: ctx.helpers, choosers: ctx.choosers, hasFunctions: ctx.choosers.length > 0 || Object.values(ctx.helpers).some(Boolean), dagKwargs: kwargs, lines };
  return { view, ctx };
}

/** Every value a statement renders, nested groups included. */
function statementValues(s: StatementView): PyValue[] {
  return s.kind === "group" ? [...s.kwargs.map((k) => k[1]), ...s.body.flatMap(statementValues)] : s.kwargs.map((k) => k[1]);
}

function usesUserText(v: PyValue): boolean {
  if (v.kind === "userText") return true;
  if (v.kind === "list") return v.items.some(usesUserText);
  if (v.kind === "dict") return v.entries.some(([, x]) => usesUserText(x));
  if (v.kind === "call") return v.fn === "literal" || v.args.some(usesUserText) || v.kwargs.some(([, x]) => usesUserText(x));
  return false;
}

/** Imports the rendered values and helper functions need, and nothing more (no dead imports). */
function addHelperImports(ctx: BuildContext, values: PyValue[]): void {
  if (values.some(usesUserText)) ctx.imports.add("from airflow.sdk import literal");
  const h = ctx.helpers;
  h.resolveMarkers = h.runLocal;
  if (h.runLocal) for (const m of ["json", "os", "subprocess", "tempfile"]) ctx.imports.add(`import ${m}`);
  if (h.loopItems) ctx.imports.add("import json");
  if (h.resourceWait) for (const line of ["import json", "import time", "from airflow.sdk.exceptions import AirflowException"]) ctx.imports.add(line);
  if (h.customResource) for (const line of ["import copy", "from airflow.sdk import BaseOperator", "from airflow.providers.cncf.kubernetes.hooks.kubernetes import KubernetesHook"]) ctx.imports.add(line);
  if (h.sparkApplication) ctx.imports.add("from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator");
}
