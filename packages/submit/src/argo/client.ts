import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from "@kubernetes/client-node";
import type { JsonValue } from "@sluice/core/backend";
import type { LogsOptions, RunStatus, SubmitClient, SubmitInput, SubmitOptions, SubmitResult } from "../client.js";
import { SUBMIT_CODES, SubmitError } from "../errors.js";
import { splitArgoRef, type RunRef } from "../run-ref.js";
import { explainApiError, fieldCauses, type RequestContext } from "./api-errors.js";
import { contextNamespace, loadKubeConfig, type ArgoConnection } from "./connect.js";
import { writePodLogs } from "./logs.js";
import { ARGO_KINDS, ownerReferenceTo, readArgoManifests, withNamespace, withParams, type KubeObject } from "./manifests.js";
import { fieldDiagnostics } from "./spans.js";
import { workflowStatus, type ArgoWorkflow } from "./status.js";
import { watchWorkflow } from "./watch.js";

const GROUP = "argoproj.io";
const VERSION = "v1alpha1";
export const FIELD_MANAGER = "sluice";

/**
 * Argo Workflows through the Kubernetes API. A Workflow is created (generateName gives each
 * submit its own run); a WorkflowTemplate or CronWorkflow is a definition, applied server-side
 * so that the next submit updates it. ConfigMaps the compiler emits get an owner reference to
 * the main object, so they go when it goes.
 */
export class ArgoClient implements SubmitClient {
  readonly kc: KubeConfig;
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly defaultNamespace: string;
  private readonly explicitNamespace: string | undefined;

  constructor(conn: ArgoConnection, env: Readonly<Record<string, string | undefined>>) {
    this.kc = loadKubeConfig(conn, env).kc;
    this.custom = this.kc.makeApiClient(CustomObjectsApi);
    this.core = this.kc.makeApiClient(CoreV1Api);
    this.explicitNamespace = conn.namespace;
    this.defaultNamespace = conn.namespace ?? contextNamespace(this.kc) ?? "default";
  }

  async submit(input: SubmitInput, params: Readonly<Record<string, JsonValue>>, opts: SubmitOptions): Promise<SubmitResult> {
    const { main, configMaps } = readArgoManifests(input.files);
    // --namespace wins over the file's namespace (like kubectl -n refusing a mismatch is unkind).
    const namespace = this.explicitNamespace ?? main.metadata.namespace ?? this.defaultNamespace;
    const body = withNamespace(withParams(main, params), namespace);
    const dryRun = opts.dryRun ? "All" : undefined;
    const plural = ARGO_KINDS[body.kind]!;
    const isRun = body.kind === "Workflow";
    const verb = isRun ? "create" : "apply";
    const ctx = this.context(verb, body.kind, namespace, body.metadata.name ?? (body.metadata.generateName ? `${body.metadata.generateName}*` : undefined));
    // A ConfigMap in the way is refused before anything is created: no half-submitted pipeline.
    for (const cm of configMaps) await this.checkConfigMapFree(withNamespace(cm, namespace));
    let sent: KubeObject;
    try {
      sent = isRun
        ? await this.custom.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, body, fieldManager: FIELD_MANAGER, fieldValidation: "Strict", ...(dryRun ? { dryRun } : {}) })
        : await this.custom.patchNamespacedCustomObject(
            { group: GROUP, version: VERSION, namespace, plural, name: body.metadata.name!, body, fieldManager: FIELD_MANAGER, fieldValidation: "Strict", force: opts.forceConflicts ?? false, ...(dryRun ? { dryRun } : {}) },
            setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply),
          );
    } catch (error) {
      throw this.withFieldSpans(explainApiError(error, ctx), error, input, body);
    }
    const objects: SubmitResult["objects"] = [{ kind: sent.kind, name: `${namespace}/${sent.metadata.name}`, action: opts.dryRun ? "checked" : isRun ? "created" : "applied" }];
    for (const cm of configMaps) objects.push(await this.createOwnedConfigMap(withNamespace(cm, namespace), sent, dryRun, input));
    const ref: RunRef = { target: "argo", id: `${namespace}/${sent.metadata.name}` };
    return { kind: isRun ? "run" : "definition", dryRun: !!opts.dryRun, objects, ...(isRun ? { ref } : {}) };
  }

  /**
   * The ConfigMap's name carries a hash of its contents, so one that exists already with the
   * same data is shared: the new owner is added beside the old, and garbage collection removes
   * it only when every owner is gone. Different data under the same name is a real conflict.
   */
  private async createOwnedConfigMap(cm: KubeObject, owner: KubeObject, dryRun: string | undefined, input: SubmitInput): Promise<SubmitResult["objects"][number]> {
    const namespace = cm.metadata.namespace!;
    const name = cm.metadata.name!;
    const body = { ...cm, metadata: { ...cm.metadata, ownerReferences: [ownerReferenceTo(owner)] } };
    const display = { kind: "ConfigMap", name: `${namespace}/${name}` };
    try {
      await this.core.createNamespacedConfigMap({ namespace, body: body as any, fieldManager: FIELD_MANAGER, fieldValidation: "Strict", ...(dryRun ? { dryRun } : {}) });
      return { ...display, action: dryRun ? "checked" : "created" };
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw this.withFieldSpans(explainApiError(error, this.context("create", "ConfigMap", namespace, name)), error, input, body);
    }
    const ctx = this.context("update", "ConfigMap", namespace, name);
    try {
      const existing = await this.core.readNamespacedConfigMap({ name, namespace });
      if (!sameData(existing.data, cm.data as Record<string, string> | undefined)) {
        throw new SubmitError(SUBMIT_CODES.conflict, `ConfigMap "${name}" exists in namespace "${namespace}" with other contents`, "it was not written by this pipeline's compiler: delete or rename it");
      }
      const owners = existing.metadata?.ownerReferences ?? [];
      if (!owners.some((o) => o.uid === owner.metadata.uid)) {
        const patch = [{ op: "add", path: owners.length ? "/metadata/ownerReferences/-" : "/metadata/ownerReferences", value: owners.length ? ownerReferenceTo(owner) : [ownerReferenceTo(owner)] }];
        await this.core.patchNamespacedConfigMap({ name, namespace, body: patch, fieldManager: FIELD_MANAGER, ...(dryRun ? { dryRun } : {}) }, setHeaderOptions("Content-Type", PatchStrategy.JsonPatch));
      }
      return { ...display, action: dryRun ? "checked" : "shared" };
    } catch (error) {
      throw explainApiError(error, ctx);
    }
  }

  private async checkConfigMapFree(cm: KubeObject): Promise<void> {
    const namespace = cm.metadata.namespace!;
    const name = cm.metadata.name!;
    let existing;
    try {
      existing = await this.core.readNamespacedConfigMap({ name, namespace });
    } catch (error) {
      if ((error as { code?: number }).code === 404) return;
      throw explainApiError(error, this.context("get", "ConfigMap", namespace, name));
    }
    if (!sameData(existing.data, cm.data as Record<string, string> | undefined)) {
      throw new SubmitError(SUBMIT_CODES.conflict, `ConfigMap "${name}" exists in namespace "${namespace}" with other contents`, "it was not written for this pipeline: delete or rename it, then submit again");
    }
  }

  async status(ref: RunRef): Promise<RunStatus> {
    return workflowStatus(ref, await this.getWorkflow(ref));
  }

  async watch(ref: RunRef, onStatus: (status: RunStatus) => void, signal?: AbortSignal): Promise<RunStatus> {
    const { namespace, name } = splitArgoRef(ref);
    return watchWorkflow({ kc: this.kc, namespace, name, get: () => this.getWorkflow(ref), onStatus: (wf) => onStatus(workflowStatus(ref, wf)), ...(signal ? { signal } : {}) }).then(
      (wf) => workflowStatus(ref, wf),
      (error) => Promise.reject(explainApiError(error, this.context("watch", "Workflow", namespace, name))),
    );
  }

  async logs(ref: RunRef, opts: LogsOptions, write: (text: string) => void): Promise<void> {
    const { namespace, name } = splitArgoRef(ref);
    const wf = await this.getWorkflow(ref);
    try {
      await writePodLogs({ kc: this.kc, core: this.core, namespace, workflow: wf, ...opts }, write);
    } catch (error) {
      throw explainApiError(error, this.context("read logs of", "Pod", namespace, name));
    }
  }

  /** What `argo terminate` does: spec.shutdown=Terminate stops every running step now. */
  async cancel(ref: RunRef): Promise<void> {
    const { namespace, name } = splitArgoRef(ref);
    try {
      await this.custom.patchNamespacedCustomObject(
        { group: GROUP, version: VERSION, namespace, plural: "workflows", name, body: { spec: { shutdown: "Terminate" } }, fieldManager: FIELD_MANAGER },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
    } catch (error) {
      throw explainApiError(error, this.context("cancel", "Workflow", namespace, name));
    }
  }

  private async getWorkflow(ref: RunRef): Promise<ArgoWorkflow> {
    const { namespace, name } = splitArgoRef(ref);
    try {
      return (await this.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: "workflows", name })) as ArgoWorkflow;
    } catch (error) {
      throw explainApiError(error, this.context("get", "Workflow", namespace, name));
    }
  }

  private context(verb: string, kind: string, namespace: string, name: string | undefined): RequestContext {
    return { verb, kind, namespace, ...(name ? { name } : {}), user: this.kc.getCurrentUser()?.name ?? "(none)", server: this.kc.getCurrentCluster()?.server ?? "(none)" };
  }

  private withFieldSpans(error: SubmitError, raw: unknown, input: SubmitInput, sent: KubeObject): SubmitError {
    const causes = fieldCauses(raw);
    if (causes.length === 0) return error;
    return new SubmitError(error.code, error.message, error.hint, fieldDiagnostics(input.ir, sent, causes));
  }
}

/** ConfigMap data compared by key, whatever order the server lists the keys in. */
function sameData(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const sorted = (d: Record<string, string> | undefined) => JSON.stringify(Object.entries(d ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return sorted(a) === sorted(b);
}
