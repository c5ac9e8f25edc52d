// How a scale-out step's outputs come back (docs/scale-out.md): an artifact is a URI the job
// writes to (outputs.X.path resolves to it); a param is read from the custom resource's status,
// at the path `statusOutputs` names, because that is the one value every target can read back
// from a custom resource (Argo's resource template, a launcher, an Airflow sensor).
import { type ComponentOutput, isArtifactType } from "../../ir/index.js";
import type { FrontendContext } from "../context.js";
import { setOwn } from "../../records/own-keys.js";
import { describeValue, isConstObject, nodeOfProperty, type StepValue } from "../values.js";

/** `status.a.b`: plain field names, so each back end can write it as its own JSONPath. */
const STATUS_PATH = /^status(\.[A-Za-z_][A-Za-z0-9_-]*)+$/;

export function readStatusOutputs(ctx: FrontendContext, step: StepValue, outputs: ComponentOutput[]): Record<string, string> | undefined {
  const def = step.definition;
  const raw = def.statusOutputs;
  const at = nodeOfProperty(def, "statusOutputs", step.node);
  const out: Record<string, string> = {};
  if (raw !== undefined && !isConstObject(raw)) ctx.report("scaleOutOutput", at, `\`statusOutputs\` must be an object { output: "status.<path>" }, got ${describeValue(raw)}`);
  const written = isConstObject(raw) ? raw : {};
  for (const [name, path] of Object.entries(written)) {
    const where = nodeOfProperty(written, name, at);
    const output = outputs.find((o) => o.name === name);
    if (!output) ctx.report("scaleOutOutput", where, `\`statusOutputs.${name}\` names no output of this step`);
    else if (isArtifactType(output.type)) ctx.report("scaleOutOutput", where, `\`${name}\` is an artifact: the job writes it to outputs.${name}.path (a URI), it is not read from the status`);
    else if (typeof path !== "string" || !STATUS_PATH.test(path)) ctx.report("scaleOutOutput", where, `\`statusOutputs.${name}\` must be a path under the resource's status such as "status.jobStatus", got ${describeValue(path)}`);
    else setOwn(out, name, path);
  }
  for (const o of outputs) {
    if (!isArtifactType(o.type) && !Object.prototype.hasOwnProperty.call(written, o.name))
      ctx.report("scaleOutOutput", isConstObject(def.outputs) ? nodeOfProperty(def.outputs, o.name, step.node) : step.node, `param output \`${o.name}\` has no \`statusOutputs\` entry: a scale-out step cannot write a param file the target reads back`);
  }
  return Object.keys(out).length ? out : undefined;
}
