import { SUBMIT_CODES, SubmitError } from "../errors.js";

/** Where the Airflow client finds its deployment: resolved by the CLI from config, env and flags. */
export interface AirflowConnection {
  /** The api-server's (Airflow 2: the webserver's) base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  /** The folder the deployment reads DAG files from (local or mounted). */
  dagsFolder?: string;
  username?: string;
  /** Read from a file or the environment by the CLI; never printed. */
  password?: string;
  /** A ready bearer token instead of a user name and password. */
  token?: string;
}

/** Airflow 3 serves REST API v2; Airflow 2 (2.10) serves v1 only. */
export type AirflowApi = "v1" | "v2";

/**
 * Airflow's REST API, either version, found by asking: `GET /api/v2/version` answers on
 * Airflow 3 (any status but 404), and on a 404 the server is an Airflow 2 with API v1. Airflow 3
 * takes a bearer token, from the connection or from `/auth/token` (what the simple and FAB auth
 * managers serve) with the user name and password; Airflow 2 takes the user name and password
 * as HTTP basic auth (its `basic_auth` API backend), or a ready token as a bearer.
 */
export class AirflowHttp {
  private token: string | undefined;
  private found: AirflowApi | undefined;

  constructor(private readonly conn: AirflowConnection) {
    this.token = conn.token;
  }

  get base(): string {
    return this.conn.url.replace(/\/+$/, "");
  }

  /** Which REST API the server speaks, asked once. */
  async api(): Promise<AirflowApi> {
    if (this.found) return this.found;
    const probe = await this.fetchOrExplain(`${this.base}/api/v2/version`, { method: "GET", headers: { Accept: "application/json" } });
    this.found = probe.status === 404 ? "v1" : "v2";
    return this.found;
  }

  /** `path` is below the API root: `/dags/x` is `/api/v2/dags/x` on Airflow 3, `/api/v1/dags/x` on 2. */
  async request<T>(method: string, path: string, body?: unknown, what = `${method} ${path}`): Promise<T> {
    const response = await this.send(method, `/api/${await this.api()}${path}`, body);
    const text = await response.text();
    if (!response.ok) throw this.explain(response.status, text, what);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) };
    const authorization = await this.authorization();
    if (authorization) headers.Authorization = authorization;
    return this.fetchOrExplain(`${this.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  }

  private async fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new SubmitError(SUBMIT_CODES.unreachable, `cannot reach the Airflow API server at ${this.base} (${cause})`, "check that the api-server is up and the URL is right");
    }
  }

  private async authorization(): Promise<string | undefined> {
    if (this.found === "v1" && !this.token && this.conn.username) return `Basic ${Buffer.from(`${this.conn.username}:${this.conn.password ?? ""}`).toString("base64")}`;
    const token = await this.bearer();
    return token ? `Bearer ${token}` : undefined;
  }

  private async bearer(): Promise<string | undefined> {
    if (this.token || !this.conn.username) return this.token;
    let response: Response;
    try {
      response = await fetch(`${this.base}/auth/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: this.conn.username, password: this.conn.password ?? "" }) });
    } catch (error) {
      throw new SubmitError(SUBMIT_CODES.unreachable, `cannot reach the Airflow API server at ${this.base} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`);
    }
    if (!response.ok) throw new SubmitError(SUBMIT_CODES.unauthenticated, `Airflow at ${this.base} refused the user name and password of "${this.conn.username}" (${response.status})`, "check the user and its password (file or environment variable)");
    this.token = ((await response.json()) as { access_token: string }).access_token;
    return this.token;
  }

  private explain(status: number, text: string, what: string): SubmitError {
    let detail = text;
    try {
      const body = JSON.parse(text) as { detail?: unknown };
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch {
      // not JSON: keep the text
    }
    const said = detail ? `: Airflow said: ${detail.slice(0, 500)}` : "";
    if (status === 401) {
      const hint = this.found === "v1" ? "check the user and its password; Airflow 2 needs the basic_auth API backend ([api] auth_backends)" : "the token is unknown or expired";
      return new SubmitError(SUBMIT_CODES.unauthenticated, `Airflow at ${this.base} did not accept the credentials (401)${said}`, hint);
    }
    if (status === 403) return new SubmitError(SUBMIT_CODES.forbidden, `Airflow refused ${what} (403)${said}`, "a bad or expired token also answers 403 on Airflow 3; else ask for a role allowing this");
    if (status === 404) return new SubmitError(SUBMIT_CODES.runNotFound, `Airflow has no such object for ${what}${said}`);
    if (status === 409) return new SubmitError(SUBMIT_CODES.conflict, `Airflow refused ${what}: conflict${said}`);
    if (status === 422 || status === 400) return new SubmitError(SUBMIT_CODES.invalid, `Airflow refused ${what} as invalid${said}`);
    return new SubmitError(SUBMIT_CODES.serverError, `Airflow answered ${status} to ${what}${said}`);
  }
}
