// Finding the cluster: say so when there is none, instead of client-node's silent localhost:8080.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SubmitError } from "../errors.js";
import { loadKubeConfig } from "./connect.js";

const empty = mkdtempSync(join(tmpdir(), "sluice-kube-"));
const kubeconfig = join(empty, "config");
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]
users: [{ name: u, user: { token: "secret-token-value" } }]
contexts: [{ name: lab, context: { cluster: c, user: u, namespace: ml } }, { name: other, context: { cluster: c, user: u } }]
current-context: lab
`,
);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as SubmitError).code;
  }
  return undefined;
}

describe("loadKubeConfig", () => {
  it("refuses to guess when there is no kubeconfig at all (SLU9510)", () => {
    expect(codeOf(() => loadKubeConfig({}, { HOME: empty }))).toBe("SLU9510");
  });

  it("reads KUBECONFIG, then --context", () => {
    const { kc, source } = loadKubeConfig({ context: "other" }, { HOME: empty, KUBECONFIG: kubeconfig });
    expect([kc.getCurrentContext(), kc.getCurrentCluster()?.server]).toEqual(["other", "https://127.0.0.1:6443"]);
    expect(source).toContain("KUBECONFIG");
  });

  it("names the contexts when the one asked for is missing, never the token", () => {
    try {
      loadKubeConfig({ context: "prod" }, { HOME: empty, KUBECONFIG: kubeconfig });
      throw new Error("expected a failure");
    } catch (error) {
      const e = error as SubmitError;
      expect(e.code).toBe("SLU9510");
      expect(`${e.message} ${e.hint}`).toContain("lab, other");
      expect(`${e.message} ${e.hint}`).not.toContain("secret-token-value");
    }
  });
});
