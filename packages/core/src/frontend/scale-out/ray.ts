// rayJob({ entrypoint, ray: {...} }) -> the IR's rayJob form (a RayJob subset).
import type { ComponentInput, ComponentOutput, RayJob } from "../../ir/index.js";
import type { FrontendContext } from "../context.js";
import type { Evaluator } from "../evaluate.js";
import { readArgs } from "../args.js";
import { readRunSettings } from "../settings.js";
import { describeValue, isConstObject, nodeOfProperty, type StepValue } from "../values.js";
import { FieldReader } from "./fields.js";
import { dropUndefined } from "./drop-undefined.js";

const RAY_KEYS = ["rayVersion", "runtimeEnv", "head", "workers", "shutdownAfterJobFinishes", "ttlSecondsAfterFinished"] as const;
const GROUP_KEYS = ["rayStartParams", "resources"] as const;
const WORKER_KEYS = ["groupName", "replicas", "minReplicas", "maxReplicas", ...GROUP_KEYS] as const;

export function readRayJob(ctx: FrontendContext, ev: Evaluator, step: StepValue, inputs: ComponentInput[], outputs: ComponentOutput[]): RayJob | undefined {
  const def = step.definition;
  const entryAt = nodeOfProperty(def, "entrypoint", step.node);
  if (def.entrypoint === undefined) ctx.report("scaleOutEntry", step.node, 'a rayJob needs `entrypoint`, the command the job runs, e.g. ["python", "/code/job.py"]');
  const entrypoint = def.entrypoint === undefined ? undefined : ctx.attempt(() => readArgs(ctx, ev, def.entrypoint!, "entrypoint", inputs, outputs, entryAt));
  if (entrypoint && entrypoint.length === 0) ctx.report("scaleOutEntry", entryAt, "`entrypoint` is empty: name the command the job runs");
  const ray = FieldReader.of(ctx, def, "ray", step.node, "ray") ?? new FieldReader(ctx, {}, step.node, "ray");
  ray.onlyKeys(RAY_KEYS);
  const head = readGroup(ctx, FieldReader.of(ctx, ray.obj, "head", ray.node, "ray.head"), GROUP_KEYS);
  const workers = readWorkers(ctx, ray);
  const out = dropUndefined({
    entrypoint: entrypoint ?? [],
    rayVersion: ray.string("rayVersion"),
    runtimeEnv: ray.json("runtimeEnv"),
    head: head ?? {},
    workers: workers ?? [],
    shutdownAfterJobFinishes: ray.boolean("shutdownAfterJobFinishes") ?? true,
    ttlSecondsAfterFinished: ray.integer("ttlSecondsAfterFinished", 0),
  });
  return entrypoint && entrypoint.length > 0 ? out : undefined;
}

function readWorkers(ctx: FrontendContext, ray: FieldReader): RayJob["workers"] | undefined {
  const list = ray.obj.workers;
  if (list === undefined) return [];
  if (!Array.isArray(list)) return ray.bad("workers", "an array of worker groups");
  const out: RayJob["workers"] = [];
  const names = new Set<string>();
  for (const [i, w] of list.entries()) {
    if (!isConstObject(w)) {
      ctx.report("badScaleOut", ray.at("workers"), `\`ray.workers[${i}]\` must be an object, got ${describeValue(w)}`);
      continue;
    }
    const r = new FieldReader(ctx, w, ray.at("workers"), `ray.workers[${i}]`);
    const group = readGroup(ctx, r, WORKER_KEYS);
    const groupName = r.string("groupName") ?? (r.has("groupName") ? undefined : r.missing("groupName", "badScaleOut", `\`ray.workers[${i}]\` needs \`groupName\``));
    if (groupName !== undefined && names.has(groupName)) ctx.report("badScaleOut", r.at("groupName"), `two Ray worker groups are named "${groupName}"`);
    if (groupName !== undefined) names.add(groupName);
    const replicas = r.integer("replicas", 0) ?? (r.has("replicas") ? undefined : r.missing("replicas", "scaleOutCount", `\`ray.workers[${i}]\` needs \`replicas\`, the number of worker pods`));
    const minReplicas = r.integer("minReplicas", 0);
    const maxReplicas = r.integer("maxReplicas", 0);
    if (maxReplicas === 0) ctx.report("scaleOutCount", r.at("maxReplicas"), `\`ray.workers[${i}].maxReplicas\` is 0: the group could never run a worker`);
    if (minReplicas !== undefined && maxReplicas !== undefined && minReplicas > maxReplicas)
      ctx.report("scaleOutCount", r.at("maxReplicas"), `\`ray.workers[${i}].maxReplicas\` (${maxReplicas}) is below \`minReplicas\` (${minReplicas})`);
    if (group && groupName !== undefined && replicas !== undefined) out.push(dropUndefined({ ...group, groupName, replicas, minReplicas, maxReplicas })); // the schema's key order (RayGroup.extend)
  }
  return out;
}

/** `rayStartParams` and `resources` of the head or of one worker group. */
function readGroup(ctx: FrontendContext, r: FieldReader | undefined, keys: readonly string[]): RayJob["head"] | undefined {
  if (!r) return undefined;
  r.onlyKeys(keys);
  const resources = r.has("resources") ? readRunSettings(ctx, { resources: r.obj.resources! }, r.at("resources")).resources : undefined;
  return dropUndefined({ rayStartParams: r.stringRecord("rayStartParams"), resources });
}
