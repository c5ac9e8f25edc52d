import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { SUBMIT_CODES, SubmitError } from "../errors.js";

/** Where the Argo client finds its cluster: resolved by the CLI from config, env and flags. */
export interface ArgoConnection {
  /** A kubeconfig file; default `KUBECONFIG`, then `~/.kube/config`, then the in-cluster account. */
  kubeconfig?: string;
  context?: string;
  /** Default namespace; else the one in the manifest, the context's, then `default`. */
  namespace?: string;
}

const IN_CLUSTER_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/**
 * Loads the kubeconfig the way kubectl finds it, but says so when there is none:
 * `loadFromDefault` would silently fall back to http://localhost:8080, and a user would see a
 * connection error about a server they never named.
 */
export function loadKubeConfig(conn: ArgoConnection, env: Readonly<Record<string, string | undefined>>): { kc: KubeConfig; source: string } {
  const kc = new KubeConfig();
  let source: string;
  const fromEnv = (env.KUBECONFIG ?? "").split(delimiter).filter((f) => f.length > 0);
  const home = join(env.HOME ?? homedir(), ".kube", "config");
  try {
    if (conn.kubeconfig) {
      if (!existsSync(conn.kubeconfig)) throw new SubmitError(SUBMIT_CODES.noConnection, `the kubeconfig "${conn.kubeconfig}" does not exist`);
      kc.loadFromFile(conn.kubeconfig);
      source = conn.kubeconfig;
    } else if (fromEnv.some((f) => existsSync(f))) {
      // Merged like kubectl: the first file that sets a value wins.
      const files = fromEnv.filter((f) => existsSync(f));
      kc.loadFromFile(files[0]!);
      for (const f of files.slice(1)) {
        const more = new KubeConfig();
        more.loadFromFile(f);
        kc.mergeConfig(more, true);
      }
      source = `KUBECONFIG (${files.join(delimiter)})`;
    } else if (existsSync(home)) {
      kc.loadFromFile(home);
      source = home;
    } else if (env.KUBERNETES_SERVICE_HOST && existsSync(IN_CLUSTER_TOKEN)) {
      kc.loadFromCluster();
      source = "the in-cluster service account";
    } else {
      throw new SubmitError(
        SUBMIT_CODES.noConnection,
        "no Kubernetes cluster is configured: no --kubeconfig, no KUBECONFIG, no ~/.kube/config, and not running inside a cluster",
        "point KUBECONFIG at your cluster's kubeconfig, or set argo.kubeconfig in sluice.config.json",
      );
    }
  } catch (error) {
    if (error instanceof SubmitError) throw error;
    throw new SubmitError(SUBMIT_CODES.noConnection, `cannot read the kubeconfig: ${(error as Error).message}`);
  }
  if (conn.context) {
    if (!kc.getContextObject(conn.context)) {
      throw new SubmitError(SUBMIT_CODES.noConnection, `the kubeconfig from ${source} has no context "${conn.context}"`, `its contexts are ${kc.getContexts().map((c) => c.name).join(", ") || "none"}`);
    }
    kc.setCurrentContext(conn.context);
  }
  if (!kc.getCurrentCluster()) throw new SubmitError(SUBMIT_CODES.noConnection, `the kubeconfig from ${source} names no current cluster`, "pass --context NAME");
  return { kc, source };
}

/** The namespace of the current context, if it sets one. */
export function contextNamespace(kc: KubeConfig): string | undefined {
  return kc.getContextObject(kc.getCurrentContext())?.namespace;
}
