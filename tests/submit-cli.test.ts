// `sluice submit`, `status`, `logs`, `cancel` without a cluster: everything that must be refused
// before or instead of talking to a server, as a user sees it (the built CLI in a child process).
// Against a real API server: conformance/submit-argo/run.sh.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "packages/cli/dist/bin.js");
const home = mkdtempSync(join(tmpdir(), "sluice-submit-home-"));
const fixture = (name: string) => join(root, "fixtures", name, "pipeline.ts");

function sluice(args: string[], env: Record<string, string> = {}, cwd = home) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, codes: () => (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code) };
}

/** A kubeconfig for a server nobody listens on. */
function deadKubeconfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), "sluice-kc-")), "config");
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]\nusers: [{ name: u, user: { token: "do-not-print-me" } }]\ncontexts: [{ name: x, context: { cluster: c, user: u } }]\ncurrent-context: x\n`);
  return file;
}

describe("sluice submit, refused before sending", () => {
  it.each([
    ["an unknown param", ["--param", "nope=1"], "SLU9010"],
    ["a param of the wrong type", ["--param", "epochs=ten"], "SLU9011"],
    ["a param outside its enum", ["--param", "mode=slow"], "SLU9011"],
    ["a malformed --param", ["--param", "epochs"], "SLU9013"],
  ])("%s is a usage error (exit 2)", (_what, extra, code) => {
    const r = sluice(["submit", fixture("params-and-defaults"), "--target", "argo", "--format", "json", ...extra], { KUBECONFIG: deadKubeconfig() });
    expect([r.code, r.codes()]).toEqual([2, [code]]);
  });

  it("no cluster configured at all: says so instead of trying localhost:8080 (SLU9510)", () => {
    const r = sluice(["submit", fixture("hello-container"), "--target", "argo", "--format", "json"]);
    expect([r.code, r.codes()]).toEqual([2, ["SLU9510"]]);
  });

  it("an unreachable server names the server, never the token (SLU9511, exit 1)", () => {
    const r = sluice(["submit", fixture("hello-container"), "--target", "argo"], { KUBECONFIG: deadKubeconfig() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SLU9511");
    expect(r.stderr).toContain("https://127.0.0.1:1");
    expect(r.stdout + r.stderr).not.toContain("do-not-print-me");
  });

  it("--watch on a template is refused before anything is sent (SLU9508)", () => {
    const r = sluice(["submit", fixture("hello-container"), "--target", "argo", "--argo-kind", "template", "--watch", "--format", "json"], { KUBECONFIG: deadKubeconfig() });
    expect([r.code, r.codes()]).toEqual([2, ["SLU9508"]]);
  });

  it("Kubeflow with no API URL configured says how to give one (SLU9510)", () => {
    const r = sluice(["submit", fixture("hello-container"), "--target", "kubeflow", "--format", "json"]);
    expect([r.code, r.codes()]).toEqual([2, ["SLU9510"]]);
  });

  it("Kubeflow: an unreachable API names the URL, never the token (SLU9511, exit 1)", () => {
    const r = sluice(["submit", fixture("hello-container"), "--target", "kubeflow", "--kfp-url", "http://127.0.0.1:1/pipeline"], { KF_PIPELINES_TOKEN: "do-not-print-me" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SLU9511");
    expect(r.stderr).toContain("http://127.0.0.1:1/pipeline");
    expect(r.stdout + r.stderr).not.toContain("do-not-print-me");
  });

  it("Kubeflow: the token file named in sluice.config.json is read; a missing one is SLU9510, unknown settings SLU9507", () => {
    const project = mkdtempSync(join(tmpdir(), "sluice-project-"));
    writeFileSync(join(project, "sluice.config.json"), JSON.stringify({ kubeflow: { url: "http://127.0.0.1:1", tokenFile: "./no-such-token" } }));
    const r = sluice(["submit", fixture("hello-container"), "--target", "kubeflow", "--format", "json"], {}, project);
    expect([r.code, r.codes()]).toEqual([2, ["SLU9510"]]);
    writeFileSync(join(project, "sluice.config.json"), JSON.stringify({ kubeflow: { url: "http://127.0.0.1:1", token: "inline" } }));
    const inline = sluice(["submit", fixture("hello-container"), "--target", "kubeflow", "--format", "json"], {}, project);
    expect([inline.code, inline.codes()]).toEqual([2, ["SLU9507"]]);
  });

  it("a pipeline with errors is reported as by compile, and nothing is sent (exit 1)", () => {
    const r = sluice(["submit", join(root, "fixtures/errors/SLU1201-unknown-input/pipeline.ts"), "--target", "argo", "--format", "json"], { KUBECONFIG: deadKubeconfig() });
    expect([r.code, r.codes()[0]]).toEqual([1, "SLU1201"]);
  });

  it("reads the connection from sluice.config.json and refuses unknown settings (SLU9507)", () => {
    const project = mkdtempSync(join(tmpdir(), "sluice-project-"));
    writeFileSync(join(project, "sluice.config.json"), JSON.stringify({ argo: { kubeconfig: "./kube.yaml", contxt: "lab" } }));
    const r = sluice(["submit", fixture("hello-container"), "--target", "argo", "--format", "json"], {}, project);
    expect([r.code, r.codes()]).toEqual([2, ["SLU9507"]]);
    writeFileSync(join(project, "sluice.config.json"), JSON.stringify({ argo: { kubeconfig: "./kube.yaml" } }));
    const missing = sluice(["submit", fixture("hello-container"), "--target", "argo", "--format", "json"], {}, project);
    expect(missing.codes()).toEqual(["SLU9510"]);
    expect(missing.stdout).toContain(join(project, "kube.yaml"));
  });
});

describe("sluice status, logs, cancel", () => {
  it.each([["status"], ["logs"], ["cancel"]])("%s refuses what is not a run reference (SLU9506)", (command) => {
    const r = sluice([command, "ml/train-x", "--format", "json"]);
    expect([r.code, r.codes()]).toEqual([2, ["SLU9506"]]);
  });
});
