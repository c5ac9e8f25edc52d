// Every Argo manifest Sluice produces validates against the official JSON schema and the CRD
// schemas of Argo v4.1.2 (../shared/specs/argo): the committed goldens of every fixture and
// example, and the IR fixtures of this package compiled here in each kind.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { compileText, irExample, irFixtures } from "../test/ir-fixtures.js";
import { argoDocuments, crdCheck, goldenManifests, jsonSchemaCheck, repoRoot } from "../test/specs.js";

const jsonSchema = jsonSchemaCheck();
const crds = new Map<string, ReturnType<typeof crdCheck>>();
function crdFor(kind: string) {
  if (!crds.has(kind)) crds.set(kind, crdCheck(kind));
  return crds.get(kind)!;
}

const manifests: [string, string][] = [
  ...goldenManifests().map((p) => [relative(repoRoot, p), readFileSync(p, "utf8")] as [string, string]),
  ["docs/ir-example.yaml (cron)", compileText(irExample())],
  ["docs/ir-example.yaml (template)", compileText(irExample(), { kind: "template" })],
  ["docs/ir-example.yaml (workflow)", compileText({ ...irExample(), spec: { ...irExample().spec, schedule: undefined } })],
  ...irFixtures().map(({ name, ir }) => [`test/ir/${name}`, compileText(ir)] as [string, string]),
];

describe.each(manifests)("%s", (_name, text) => {
  const docs = argoDocuments(text);

  it("holds exactly one Argo object", () => {
    expect(docs).toHaveLength(1);
  });

  it("validates against the official JSON schema", () => {
    expect(docs.flatMap(jsonSchema)).toEqual([]);
  });

  it("validates against the CRD schema, with no field the API server would prune", () => {
    expect(docs.flatMap((d) => crdFor(String(d.kind))(d))).toEqual([]);
  });
});

// The checks themselves must be able to fail, or the passes above prove nothing.
describe("the validators", () => {
  const wf = argoDocuments(compileText({ ...irExample(), spec: { ...irExample().spec, schedule: undefined } }))[0] as any;

  it("reject a field the CRD does not declare (the API server would prune it)", () => {
    const bad = structuredClone(wf);
    bad.spec.templates[0].notAField = true;
    expect(crdFor("Workflow")(bad)).not.toEqual([]);
  });

  it("reject an integer retry limit in the JSON schema, which types IntOrString as a string", () => {
    const bad = structuredClone(wf);
    const step = bad.spec.templates.find((t: any) => t.retryStrategy);
    step.retryStrategy.limit = 2;
    expect(jsonSchema(bad)).not.toEqual([]);
    expect(crdFor("Workflow")(bad)).toEqual([]);
  });
});
