import { SUBMIT_CODES, SubmitError } from "../errors.js";
import { explainKfpError } from "./api-errors.js";

/** Where the Kubeflow client finds its API server: resolved by the CLI from config, env and flags. */
export interface KubeflowConnection {
  /** The API's base URL: the host (`http://127.0.0.1:8888`, a port-forward) or the dashboard's `/pipeline` prefix. */
  url: string;
  /** A bearer token (read from a flag, KF_PIPELINES_TOKEN or a file by the CLI); never printed. */
  token?: string;
  /** The profile namespace of a multi-user deployment; unset on a single-user one. */
  namespace?: string;
  /** The experiment runs go into; default the pipeline's name. */
  experiment?: string;
}

/** One part of a multipart upload. */
export interface UploadFile {
  name: string;
  contents: string;
}

/**
 * The KFP v2beta1 REST API (grpc-gateway) over Node's fetch. `/apis/v2beta1` is added to the
 * base URL, so a URL with or without the `/pipeline` prefix works, as the kfp SDK's `host` does.
 */
export class KfpHttp {
  readonly base: string;

  constructor(private readonly conn: KubeflowConnection) {
    this.base = conn.url.replace(/\/+$/, "").replace(/\/apis\/v2beta1$/, "");
  }

  async json<T>(method: string, path: string, what: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) };
    return this.send<T>(method, path, what, { headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  }

  /** The multipart `uploadfile` form of `/pipelines/upload` and `/pipelines/upload_version`. */
  async upload<T>(path: string, what: string, file: UploadFile): Promise<T> {
    const form = new FormData();
    form.append("uploadfile", new Blob([file.contents], { type: "application/octet-stream" }), file.name);
    return this.send<T>("POST", path, what, { headers: { Accept: "application/json" }, body: form });
  }

  private async send<T>(method: string, path: string, what: string, init: { headers: Record<string, string>; body?: string | FormData }): Promise<T> {
    if (this.conn.token) init.headers.Authorization = `Bearer ${this.conn.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}/apis/v2beta1${path}`, { method, ...init });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new SubmitError(SUBMIT_CODES.unreachable, `cannot reach the Kubeflow Pipelines API at ${this.base} (${cause})`, "check the URL (--kfp-url, KF_PIPELINES_ENDPOINT) and that the API server or its port-forward is up");
    }
    const text = await response.text();
    if (!response.ok) throw explainKfpError(response.status, text, { what, server: this.base, ...(this.conn.token ? { token: this.conn.token } : {}) });
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new SubmitError(SUBMIT_CODES.kindMissing, `${this.base} answered ${what} with something that is not the KFP API (not JSON)`, "check the URL: it should be the KFP API server, or the Kubeflow dashboard with /pipeline");
    }
  }
}

/** A filter of the list calls: `display_name` (or another key) equal to a string, as the kfp SDK sends it. */
export function equalsFilter(key: string, value: string): string {
  // operation 1 is EQUALS in filter.proto; the SDK sends the number, and protojson reads either.
  return JSON.stringify({ predicates: [{ operation: 1, key, stringValue: value }] });
}

/** A query string from the params that are set (the SDK leaves out the unset ones too). */
export function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "");
  return entries.length === 0 ? "" : `?${new URLSearchParams(entries).toString()}`;
}
