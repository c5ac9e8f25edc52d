import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SUBMIT_CODES, SubmitError, type SubmitClient, type TargetName } from "@sluice/submit";
import type { CliIo } from "../io.js";

/**
 * Connections to orchestrators, per project: `sluice.config.json` (the first found from the
 * working folder upwards), else the `sluice` section of the nearest package.json. Environment
 * variables override the file, flags override both. The file names where credentials are
 * (a kubeconfig, a token file), never a secret itself, so it can be committed.
 *
 *   { "argo": { "kubeconfig": "~/.kube/lab", "context": "lab", "namespace": "ml" } }
 */
export interface ConnectionConfig {
  argo?: { kubeconfig?: string; context?: string; namespace?: string };
  /** The password is never in the file: `passwordFile` names a file holding it. */
  airflow?: { url?: string; dagsFolder?: string; username?: string; passwordFile?: string };
  /** The token is never in the file: `tokenFile` names a file holding it. */
  kubeflow?: { url?: string; namespace?: string; experiment?: string; tokenFile?: string };
}

/** The flags every command that talks to an orchestrator takes. */
export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  airflowUrl?: string;
  airflowDagsFolder?: string;
  airflowUser?: string;
  kfpUrl?: string;
  kfpToken?: string;
  kfpNamespace?: string;
  experiment?: string;
}

const KEYS: Record<keyof ConnectionConfig, readonly string[]> = { argo: ["kubeconfig", "context", "namespace"], airflow: ["url", "dagsFolder", "username", "passwordFile"], kubeflow: ["url", "namespace", "experiment", "tokenFile"] };

export function findConnectionConfig(io: CliIo): { config: ConnectionConfig; file?: string } {
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    const own = join(dir, "sluice.config.json");
    if (existsSync(own)) return { config: readConfig(own, (json) => json), file: own };
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const config = readConfig(pkg, (json) => (json as { sluice?: unknown }).sluice);
      if (Object.keys(config).length > 0) return { config, file: pkg };
    }
    if (dirname(dir) === dir) return { config: {} };
  }
}

function readConfig(file: string, pick: (json: unknown) => unknown): ConnectionConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new SubmitError(SUBMIT_CODES.badConnectionConfig, `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const section = pick(json);
  if (section === undefined) return {};
  if (typeof section !== "object" || section === null || Array.isArray(section)) throw new SubmitError(SUBMIT_CODES.badConnectionConfig, `the Sluice settings in ${file} must be an object`);
  const config: Record<string, Record<string, string>> = {};
  for (const [target, value] of Object.entries(section)) {
    const keys = KEYS[target as keyof ConnectionConfig];
    // Other sections (compile settings, later targets) are not ours to refuse.
    if (!keys) continue;
    if (typeof value !== "object" || value === null) throw new SubmitError(SUBMIT_CODES.badConnectionConfig, `"${target}" in ${file} must be an object`);
    for (const [key, v] of Object.entries(value)) {
      if (!keys.includes(key)) throw new SubmitError(SUBMIT_CODES.badConnectionConfig, `unknown setting "${target}.${key}" in ${file}`, `the ${target} settings are ${keys.join(", ")}`);
      if (typeof v !== "string") throw new SubmitError(SUBMIT_CODES.badConnectionConfig, `"${target}.${key}" in ${file} must be a string`);
    }
    config[target] = { ...(value as Record<string, string>) };
  }
  return config as ConnectionConfig;
}

function expandHome(path: string | undefined, io: CliIo): string | undefined {
  if (path === undefined) return undefined;
  return path.startsWith("~/") && io.env.HOME ? join(io.env.HOME, path.slice(2)) : resolve(io.cwd, path);
}

/** Builds the client of a target from flags > environment > config file. */
export async function connect(target: TargetName, flags: ConnectionFlags, io: CliIo): Promise<SubmitClient> {
  if (target === "airflow") return connectAirflow(flags, io);
  if (target === "kubeflow") return connectKubeflow(flags, io);
  const { config, file } = findConnectionConfig(io);
  const base = config.argo ?? {};
  // KUBECONFIG, when set, is read by the client itself (it may list several files).
  const fromFile = base.kubeconfig !== undefined && file && !io.env.KUBECONFIG ? expandHome(base.kubeconfig, { ...io, cwd: dirname(file) }) : undefined;
  const kubeconfig = flags.kubeconfig !== undefined ? expandHome(flags.kubeconfig, io) : fromFile;
  const context = flags.context ?? io.env.SLUICE_ARGO_CONTEXT ?? base.context;
  const namespace = flags.namespace ?? io.env.SLUICE_ARGO_NAMESPACE ?? base.namespace;
  const { ArgoClient } = await import("@sluice/submit/argo");
  return new ArgoClient({ ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}), ...(namespace ? { namespace } : {}) }, io.env);
}

/**
 * Airflow: flags > SLUICE_AIRFLOW_URL, SLUICE_AIRFLOW_DAGS_FOLDER, SLUICE_AIRFLOW_USERNAME,
 * SLUICE_AIRFLOW_PASSWORD (or SLUICE_AIRFLOW_PASSWORD_FILE), SLUICE_AIRFLOW_TOKEN > the file.
 */
async function connectAirflow(flags: ConnectionFlags, io: CliIo): Promise<SubmitClient> {
  const { config, file } = findConnectionConfig(io);
  const base = config.airflow ?? {};
  const fromFile = (p: string | undefined) => (p !== undefined && file ? expandHome(p, { ...io, cwd: dirname(file) }) : undefined);
  const url = flags.airflowUrl ?? io.env.SLUICE_AIRFLOW_URL ?? base.url;
  if (!url) throw new SubmitError(SUBMIT_CODES.noConnection, "no Airflow API server is configured", "pass --airflow-url http://HOST:PORT, set SLUICE_AIRFLOW_URL, or airflow.url in sluice.config.json");
  const dagsFolder = flags.airflowDagsFolder !== undefined ? expandHome(flags.airflowDagsFolder, io) : io.env.SLUICE_AIRFLOW_DAGS_FOLDER ?? fromFile(base.dagsFolder);
  const username = flags.airflowUser ?? io.env.SLUICE_AIRFLOW_USERNAME ?? base.username;
  const passwordFile = io.env.SLUICE_AIRFLOW_PASSWORD_FILE ?? fromFile(base.passwordFile);
  let password = io.env.SLUICE_AIRFLOW_PASSWORD;
  if (password === undefined && passwordFile !== undefined) {
    try {
      password = readFileSync(passwordFile, "utf8").trim();
    } catch {
      throw new SubmitError(SUBMIT_CODES.noConnection, `cannot read the Airflow password file "${passwordFile}"`);
    }
  }
  const token = io.env.SLUICE_AIRFLOW_TOKEN;
  const { AirflowClient } = await import("@sluice/submit/airflow");
  return new AirflowClient({ url, ...(dagsFolder ? { dagsFolder } : {}), ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}), ...(token ? { token } : {}) });
}

/** Where the kfp SDK looks for a token inside a cluster (a projected service-account token). */
const KFP_SA_TOKEN_PATH = "/var/run/secrets/kubeflow/pipelines/token";

/**
 * Kubeflow Pipelines: URL from --kfp-url > SLUICE_KFP_URL or KF_PIPELINES_ENDPOINT (the kfp
 * SDK's) > kubeflow.url; token from --kfp-token > KF_PIPELINES_TOKEN > a token file
 * (SLUICE_KFP_TOKEN_FILE, kubeflow.tokenFile, else the in-cluster path the SDK reads).
 */
async function connectKubeflow(flags: ConnectionFlags, io: CliIo): Promise<SubmitClient> {
  const { config, file } = findConnectionConfig(io);
  const base = config.kubeflow ?? {};
  const url = flags.kfpUrl ?? io.env.SLUICE_KFP_URL ?? io.env.KF_PIPELINES_ENDPOINT ?? base.url;
  if (!url) throw new SubmitError(SUBMIT_CODES.noConnection, "no Kubeflow Pipelines API is configured", "pass --kfp-url http://HOST:PORT (or the dashboard's https://HOST/pipeline), set KF_PIPELINES_ENDPOINT, or kubeflow.url in sluice.config.json");
  if (!/^https?:\/\//.test(url)) throw new SubmitError(SUBMIT_CODES.noConnection, `the Kubeflow Pipelines URL "${url}" has no http:// or https://`);
  const tokenFile = io.env.SLUICE_KFP_TOKEN_FILE ?? (base.tokenFile !== undefined && file ? expandHome(base.tokenFile, { ...io, cwd: dirname(file) }) : undefined);
  let token = flags.kfpToken ?? io.env.KF_PIPELINES_TOKEN;
  if (token === undefined && tokenFile !== undefined) {
    try {
      token = readFileSync(tokenFile, "utf8").trim();
    } catch {
      throw new SubmitError(SUBMIT_CODES.noConnection, `cannot read the Kubeflow Pipelines token file "${tokenFile}"`);
    }
  }
  if (token === undefined && existsSync(KFP_SA_TOKEN_PATH)) token = readFileSync(KFP_SA_TOKEN_PATH, "utf8").trim();
  const namespace = flags.kfpNamespace ?? io.env.SLUICE_KFP_NAMESPACE ?? base.namespace;
  const experiment = flags.experiment ?? io.env.SLUICE_KFP_EXPERIMENT ?? base.experiment;
  const { KubeflowClient } = await import("@sluice/submit/kubeflow");
  return new KubeflowClient({ url, ...(token ? { token } : {}), ...(namespace ? { namespace } : {}), ...(experiment ? { experiment } : {}) });
}
