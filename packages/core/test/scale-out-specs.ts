// Test support for scale-out steps: the engines' CRDs and upstream examples
// (../shared/specs/scale-out: Spark Operator v2.5.2, Kubeflow Trainer v2.3.0, KubeRay v1.7.0;
// byte-exact upstream copies, see its README) as validators and parsed documents. Like the Argo
// specs they are read from ../shared beside the clone (CI) or /work/shared on this machine, not
// copied into the repository (they are 0.5 to 1.4 MB each).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Check, crdSchemaCheck, readDocuments } from "./crd-schema.js";

export type { Check } from "./crd-schema.js";
export { readDocuments } from "./crd-schema.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function scaleOutSpecsDir(): string {
  for (const dir of [resolve(repoRoot, "../shared/specs/scale-out"), "/work/shared/specs/scale-out"]) if (existsSync(join(dir, "README.md"))) return dir;
  throw new Error("scale-out specs not found in ../shared/specs/scale-out or /work/shared/specs/scale-out");
}

/** The CRD file of each kind a scale-out builder makes. */
export const SCALE_OUT_CRDS = {
  SparkApplication: "spark-operator/sparkoperator.k8s.io_sparkapplications.yaml",
  TrainJob: "trainer/trainer.kubeflow.org_trainjobs.yaml",
  RayJob: "kuberay/ray.io_rayjobs.yaml",
} as const;
export type ScaleOutKind = keyof typeof SCALE_OUT_CRDS;

const crds = new Map<ScaleOutKind, any>();
const checks = new Map<ScaleOutKind, Check>();

/** The parsed CRD of a kind (read once). */
export function scaleOutCrd(kind: ScaleOutKind): any {
  if (!crds.has(kind)) crds.set(kind, readDocuments(readFileSync(join(scaleOutSpecsDir(), SCALE_OUT_CRDS[kind]), "utf8"))[0]);
  return crds.get(kind);
}

/** Validates a custom resource against its kind's CRD schema (compiled once per kind). */
export function scaleOutCrdCheck(kind: ScaleOutKind): Check {
  if (!checks.has(kind)) checks.set(kind, crdSchemaCheck(scaleOutCrd(kind)));
  return checks.get(kind)!;
}

/** Any resource the builders made: its kind picks the CRD; an unknown kind is an error. */
export function validateScaleOutResource(resource: { kind: string; apiVersion: string }): string[] {
  if (!(resource.kind in SCALE_OUT_CRDS)) return [`no CRD for kind ${resource.kind}`];
  const crd = scaleOutCrd(resource.kind as ScaleOutKind);
  const expected = `${crd.spec.group}/${crd.spec.versions[0].name}`;
  const problems = resource.apiVersion === expected ? [] : [`apiVersion ${resource.apiVersion}, the CRD serves ${expected}`];
  return [...problems, ...scaleOutCrdCheck(resource.kind as ScaleOutKind)(resource)];
}

/** The documents of an upstream example, e.g. `kuberay/examples/ray-job.batch-inference.yaml`. */
export function upstreamExample(path: string): Record<string, unknown>[] {
  return readDocuments(readFileSync(join(scaleOutSpecsDir(), path), "utf8"));
}
