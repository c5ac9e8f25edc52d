import { SUBMIT_CODES, SubmitError } from "../errors.js";

/** What was being done when the server answered, to say it back in the error. */
export interface RequestContext {
  verb: string;
  kind: string;
  namespace: string;
  name?: string;
  /** The kubeconfig user and cluster (names only, never credentials). */
  user: string;
  server: string;
}

interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { name?: string; kind?: string; group?: string; causes?: { field?: string; message?: string; reason?: string }[] };
}

/** The Kubernetes Status a failed request carries, whatever shape the client library gave it. */
export function statusOf(error: unknown): { code?: number; status: KubeStatus; network?: string } {
  const e = error as { code?: unknown; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof e?.code === "number") {
    let body = e.body;
    if (typeof body === "string") {
      try {
        body = JSON.parse(body);
      } catch {
        body = { message: body };
      }
    }
    return { code: e.code, status: (body ?? {}) as KubeStatus };
  }
  const network = e?.cause?.code ?? (typeof e?.code === "string" ? e.code : undefined) ?? e?.message;
  return { status: {}, network: String(network) };
}

/**
 * Turns a failed request into an error a person can act on: who they are and what RBAC refused
 * (403), that the Argo CRDs are missing (404 on the kind) or being deleted (403 "terminating"), which object is in the way (409), each
 * field error (422; the caller maps fields to pipeline spans).
 */
export function explainApiError(error: unknown, ctx: RequestContext): SubmitError {
  if (error instanceof SubmitError) return error;
  const { code, status, network } = statusOf(error);
  const what = `${ctx.verb} ${ctx.kind}${ctx.name ? ` "${ctx.name}"` : ""} in namespace "${ctx.namespace}"`;
  const server = status.message ? `: the server said: ${status.message}` : "";
  switch (code) {
    case undefined:
      return new SubmitError(SUBMIT_CODES.unreachable, `cannot reach the Kubernetes API server at ${ctx.server} (${network})`, "check that the cluster is up and that your kubeconfig's current context points at it");
    case 401:
      return new SubmitError(SUBMIT_CODES.unauthenticated, `the cluster at ${ctx.server} did not accept the credentials of kubeconfig user "${ctx.user}" (401 Unauthorized)`, "the token or certificate is unknown or expired: log in again or refresh the kubeconfig");
    case 403:
      // The API server also answers 403 when the kind's CRD is being deleted: that is Argo being
      // uninstalled, not RBAC, and a Role would not help.
      if (/custom resource definition is terminating/.test(status.message ?? "")) {
        return new SubmitError(SUBMIT_CODES.kindMissing, `the cluster at ${ctx.server} is deleting its ${ctx.kind} resource: the Argo Workflows CRDs are being uninstalled there${server}`, "wait for the uninstall to finish and install Argo Workflows again (or pick another --context)");
      }
      return new SubmitError(SUBMIT_CODES.forbidden, `not allowed to ${what}${server}`, `ask a cluster admin for a Role in "${ctx.namespace}" that allows "${ctx.verb}" on ${ctx.kind.toLowerCase()}s, bound to you (kubeconfig user "${ctx.user}")`);
    case 404:
      if (!status.details?.name) {
        return new SubmitError(SUBMIT_CODES.kindMissing, `the cluster at ${ctx.server} has no ${ctx.kind} resource: the Argo Workflows CRDs are not installed there`, "install Argo Workflows in that cluster (or pick another --context)");
      }
      if (status.details.kind === "namespaces") {
        return new SubmitError(SUBMIT_CODES.namespaceMissing, `the namespace "${status.details.name}" does not exist in the cluster at ${ctx.server}`, "pass --namespace, or create the namespace");
      }
      return new SubmitError(SUBMIT_CODES.runNotFound, `${ctx.kind} "${status.details.name}" not found in namespace "${ctx.namespace}"`, "it may have been deleted (or garbage-collected by its TTL)");
    case 409:
      return new SubmitError(SUBMIT_CODES.conflict, `cannot ${what}: conflict${server}`, status.reason === "AlreadyExists" ? "an object of that name exists already: delete it, or rename the pipeline" : "another field manager owns these fields: pass --force-conflicts to take them over");
    case 422:
      return new SubmitError(SUBMIT_CODES.invalid, `the cluster refused ${ctx.kind}${ctx.name ? ` "${ctx.name}"` : ""} as invalid${server}`, fieldsHint(status));
    case 400:
      return new SubmitError(SUBMIT_CODES.badRequest, `the cluster refused to ${what} (400 Bad Request)${server}`);
    default:
      return new SubmitError(SUBMIT_CODES.serverError, `the cluster answered ${code} to ${what}${server}`);
  }
}

function fieldsHint(status: KubeStatus): string | undefined {
  const causes = status.details?.causes ?? [];
  if (causes.length === 0) return undefined;
  return causes.map((c) => `${c.field ?? "?"}: ${c.message ?? c.reason ?? ""}`).join("; ");
}

export function fieldCauses(error: unknown): { field: string; message: string }[] {
  const { code, status } = statusOf(error);
  if (code !== 422) return [];
  return (status.details?.causes ?? []).map((c) => ({ field: c.field ?? "", message: c.message ?? c.reason ?? "" }));
}
