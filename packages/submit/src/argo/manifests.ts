import type { JsonValue, OutputFile } from "@sluice/core/backend";
import { parseAllDocuments } from "yaml";
import { paramText } from "../params.js";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; generateName?: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; ownerReferences?: OwnerReference[] };
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  blockOwnerDeletion?: boolean;
  controller?: boolean;
}

/** The Argo kinds the compiler emits, with their REST plural. */
export const ARGO_KINDS: Record<string, string> = { Workflow: "workflows", WorkflowTemplate: "workflowtemplates", CronWorkflow: "cronworkflows" };

export interface ArgoManifests {
  /** The Workflow, WorkflowTemplate or CronWorkflow. */
  main: KubeObject;
  /** ConfigMaps the compiler emits beside it (strings kept out of the templates). */
  configMaps: KubeObject[];
}

/** Reads the `.argo.yaml` the Argo back end produced (one main object, maybe ConfigMaps). */
export function readArgoManifests(files: readonly OutputFile[]): ArgoManifests {
  const file = files.find((f) => f.path.endsWith(".argo.yaml"));
  if (!file) throw new Error("the Argo back end produced no .argo.yaml file");
  const objects = parseAllDocuments(file.contents).map((d) => d.toJS() as KubeObject).filter((o) => o && typeof o === "object");
  const main = objects.find((o) => o.kind in ARGO_KINDS);
  if (!main) throw new Error(`${file.path} holds no Workflow, WorkflowTemplate or CronWorkflow`);
  return { main, configMaps: objects.filter((o) => o.kind === "ConfigMap") };
}

/**
 * Puts the given params into the object's arguments (a Workflow's and a WorkflowTemplate's
 * `spec.arguments`, a CronWorkflow's `spec.workflowSpec.arguments`). Argo params are text.
 */
export function withParams(main: KubeObject, params: Readonly<Record<string, JsonValue>>): KubeObject {
  const copy = structuredClone(main);
  const spec = copy.spec as Record<string, any>;
  const holder = (copy.kind === "CronWorkflow" ? spec.workflowSpec : spec) as { arguments?: { parameters?: { name: string; value?: string }[] } };
  for (const [name, value] of Object.entries(params)) {
    holder.arguments ??= {};
    holder.arguments.parameters ??= [];
    const existing = holder.arguments.parameters.find((p) => p.name === name);
    if (existing) existing.value = paramText(value);
    else holder.arguments.parameters.push({ name, value: paramText(value) });
  }
  return copy;
}

export function withNamespace(obj: KubeObject, namespace: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, namespace } };
}

export function ownerReferenceTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, blockOwnerDeletion: false };
}
