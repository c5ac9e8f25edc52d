import { SUBMIT_CODES, SubmitError } from "../errors.js";

/** The body grpc-gateway writes for a failed call: a google.rpc.Status. */
interface RpcStatus {
  code?: number;
  message?: string;
  details?: unknown[];
}

/** What was asked and of whom, to say it back in the error (names only, never the token). */
export interface KfpRequestContext {
  /** For people: `upload pipeline churn`, `get run 1b2c`. */
  what: string;
  server: string;
  /** The token, only to blank it out should a server ever echo it. */
  token?: string;
}

/**
 * Turns a failed KFP API call into an error a person can act on. grpc-gateway maps gRPC codes
 * onto HTTP statuses (Unauthenticated 401, PermissionDenied 403, NotFound 404, AlreadyExists 409,
 * InvalidArgument/FailedPrecondition 400, ...) and sends `{code, message, details}`; a proxy in
 * front (Istio, oauth2-proxy, an ingress) answers with HTML or plain text instead, which is kept
 * short. The server's own message is quoted: KFP's say which namespace or which field.
 */
export function explainKfpError(status: number, text: string, ctx: KfpRequestContext): SubmitError {
  const rpc = parseRpcStatus(text);
  const said = rpc?.message ? redact(rpc.message, ctx.token) : shortText(redact(text, ctx.token));
  const quote = said ? `: KFP said: ${said}` : "";
  const at = `Kubeflow Pipelines at ${ctx.server}`;
  switch (status) {
    case 401:
      return new SubmitError(SUBMIT_CODES.unauthenticated, `${at} did not accept the credentials for ${ctx.what} (401)${quote}`, "the bearer token is missing, unknown or expired: pass a fresh one with --kfp-token, KF_PIPELINES_TOKEN or a token file (kubeflow.tokenFile)");
    case 403:
      return new SubmitError(SUBMIT_CODES.forbidden, `${at} refused ${ctx.what} (403)${quote}`, "on a multi-user deployment the token's user needs access to the profile namespace (--kfp-namespace); ask its owner to add you as a contributor");
    case 404:
      if (!rpc) return new SubmitError(SUBMIT_CODES.kindMissing, `no Kubeflow Pipelines API at ${ctx.server} (404 for ${ctx.what})`, "check the URL: the API answers under /apis/v2beta1, at the host itself (port-forward of ml-pipeline) or under /pipeline (behind the Kubeflow dashboard)");
      return new SubmitError(SUBMIT_CODES.runNotFound, `${at} has no such object for ${ctx.what} (404)${quote}`, "a run reference is what sluice submit printed; the run may have been deleted");
    case 409:
      return new SubmitError(SUBMIT_CODES.conflict, `${at} refused ${ctx.what}: it already exists (409)${quote}`);
    case 400:
    case 422:
      return new SubmitError(SUBMIT_CODES.invalid, `${at} refused ${ctx.what} as invalid (${status})${quote}`, "a Sluice bug if the file came from the compiler unchanged: please report it");
    default:
      return new SubmitError(SUBMIT_CODES.serverError, `${at} answered ${status} to ${ctx.what}${quote}`, status >= 500 ? "the API server failed: retry, and check the ml-pipeline pod's log" : undefined);
  }
}

function parseRpcStatus(text: string): RpcStatus | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === "object" && body !== null && ("message" in body || "code" in body)) return body as RpcStatus;
  } catch {
    // not JSON: a proxy's page
  }
  return undefined;
}

function shortText(text: string): string {
  const plain = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}...` : plain;
}

/** A server message never carries the token out, even if a proxy echoed the request. */
function redact(text: string, token: string | undefined): string {
  const out = token && token.length >= 4 ? text.split(token).join("<token>") : text;
  return out.length > 500 ? `${out.slice(0, 500)}...` : out;
}
