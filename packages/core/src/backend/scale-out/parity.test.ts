// Parity with the engines' own examples (../shared/specs/scale-out/*/examples): each is written
// as a Sluice step, and the custom resource the shared builder makes equals the upstream one
// structurally (parsed YAML, deep equality; key order and quoting do not matter). Fields allowed
// to differ, and why:
// - SparkApplication `spec.imagePullPolicy`, `spec.{driver,executor}.securityContext`: pod
//   hardening and pull policy are cluster policy (admission, namespace defaults), not something a
//   Sluice step sets on any target; the upstream example adds them for the restricted profile.
// - RayJob `...volumes[].configMap.items`: a Sluice volume mounts the whole ConfigMap (the
//   example picks one key of a ConfigMap that holds only that key: the same files).
// metadata.name and namespace are the back end's (the test passes the example's own).
import { buildFor, compileToIr, component, withoutPaths } from "../../../test/scale-out-steps.js";
import { upstreamExample, validateScaleOutResource } from "../../../test/scale-out-specs.js";

const HEADER = `import { pipeline, rayJob, sparkJob } from "@sluice/core";\n`;

describe("parity with upstream examples", () => {
  it("spark-operator/examples/spark-pi-python.yaml", () => {
    const ir = compileToIr(`${HEADER}
const pi = sparkJob({
  name: "spark-pi-python",
  image: "docker.io/apache/spark:4.0.4",
  spark: {
    type: "Python",
    pythonVersion: "3",
    mode: "cluster",
    sparkVersion: "4.0.4",
    mainApplicationFile: "local:///opt/spark/examples/src/main/python/pi.py",
    driver: { cores: 1, memory: "512m", serviceAccount: "spark-operator-spark" },
    executor: { instances: 1, cores: 1, memory: "512m" },
  },
});
export default pipeline({ name: "spark-pi" }, () => { pi({}); });
`);
    const ours = buildFor(component(ir, "spark-pi-python"), "spark-pi-python", "default");
    const [upstream] = upstreamExample("spark-operator/examples/spark-pi-python.yaml");
    expect(validateScaleOutResource(ours)).toEqual([]);
    expect(ours).toEqual(withoutPaths(upstream, ["spec.imagePullPolicy", "spec.driver.securityContext", "spec.executor.securityContext"]));
  });

  it("kuberay/examples/ray-job.batch-inference.yaml", () => {
    const ir = compileToIr(`${HEADER}
const sample = rayJob({
  name: "rayjob-sample",
  image: "rayproject/ray-ml:2.46.0.0e19ea-py39-gpu",
  entrypoint: ["python", "/home/ray/samples/sample_code.py"],
  nodeSelector: { "cloud.google.com/gke-accelerator": "nvidia-tesla-t4" },
  volumes: [{ name: "code-sample", mountPath: "/home/ray/samples", configMap: "ray-job-code-sample" }],
  ray: {
    rayVersion: "2.46.0",
    shutdownAfterJobFinishes: false,
    head: { rayStartParams: { "dashboard-host": "0.0.0.0" }, resources: { cpu: "54", memory: "54Gi", gpu: 4 } },
  },
});
export default pipeline({ name: "batch-inference" }, () => { sample({}); });
`);
    const ours = buildFor(component(ir, "rayjob-sample"), "rayjob-sample");
    const [upstream] = upstreamExample("kuberay/examples/ray-job.batch-inference.yaml");
    expect(validateScaleOutResource(ours)).toEqual([]);
    expect(withoutPaths(ours, [])).toEqual(withoutPaths(upstream, ["spec.rayClusterSpec.headGroupSpec.template.spec.volumes.configMap.items"]));
  });
});
