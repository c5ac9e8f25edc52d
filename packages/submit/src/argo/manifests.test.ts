// What the Argo client sends: the compiler's own output, with params and namespace filled in.
import { readArgoManifests, withNamespace, withParams } from "./manifests.js";

const files = [
  {
    path: "demo.argo.yaml",
    contents: `# header
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: demo- }
spec:
  entrypoint: demo
  arguments: { parameters: [{ name: epochs, value: "10" }, { name: mode, value: full }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: demo-strings-abc }
data: { s-1: "{{x}}" }
`,
  },
];

describe("Argo manifests", () => {
  it("reads the main object and its ConfigMaps", () => {
    const m = readArgoManifests(files);
    expect([m.main.kind, m.configMaps.map((c) => c.metadata.name)]).toEqual(["Workflow", ["demo-strings-abc"]]);
  });

  it("sets given params as text and leaves the others at their compiled default", () => {
    const sent = withNamespace(withParams(readArgoManifests(files).main, { epochs: 3, extra: true }), "ml") as any;
    expect(sent.spec.arguments.parameters).toEqual([
      { name: "epochs", value: "3" },
      { name: "mode", value: "full" },
      { name: "extra", value: "true" },
    ]);
    expect(sent.metadata).toEqual({ generateName: "demo-", namespace: "ml" });
  });

  it("puts a CronWorkflow's params into its workflowSpec", () => {
    const cron = { apiVersion: "argoproj.io/v1alpha1", kind: "CronWorkflow", metadata: { name: "c" }, spec: { workflowSpec: { arguments: { parameters: [{ name: "a", value: "1" }] } } } };
    expect((withParams(cron, { a: 2 }) as any).spec.workflowSpec.arguments.parameters).toEqual([{ name: "a", value: "2" }]);
  });
});
