// Strings reach the container exactly as the user wrote them: proven on the hostile-strings IR
// fixture by simulating Argo's substitution and the kubelet's $(VAR) expansion on the output,
// and by checking that no user text lands in a field Argo scans.
import { join } from "node:path";
import { IR_DIR, compileText, loadIrFile } from "../test/ir-fixtures.js";
import { allStrings, argoTags, expectedArgv, kubeExpand, simulateTask } from "../test/simulate.js";
import { argoDocuments } from "../test/specs.js";
import { escapeKubernetesExpansion } from "./route-strings.js";

const ir = loadIrFile(join(IR_DIR, "hostile-strings.yaml"));
const manifest = compileText(ir);

describe("hostile strings", () => {
  it.each(["echo-hostile", "echo-plain"])("task %s receives its argv unchanged", (task) => {
    const pod = simulateTask(manifest, task);
    // The container's argv is command then args; strip the pod's view down the same way.
    expect(pod.argv).toEqual(expectedArgv(ir, task));
  });

  it("no value Argo inserts holds {{ or $ (so nothing is rescanned or expanded)", () => {
    for (const task of ["echo-hostile", "echo-plain", "script"]) {
      for (const v of simulateTask(manifest, task).inserted) expect(v).not.toMatch(/\{\{|\$/);
    }
  });

  it("script source and args arrive unchanged", () => {
    const pod = simulateTask(manifest, "script");
    const impl = ir.spec.components.find((c) => c.name === "script")!.implementation;
    expect("script" in impl && pod.source).toBe("script" in impl && impl.script.source);
    expect(pod.argv.slice(-2)).toEqual(["--greeting", "{{=sprig.upper('hi')}}"]);
  });

  it("env values arrive unchanged", () => {
    const env = simulateTask(manifest, "echo-hostile").env;
    expect(env.get("TEMPLATE")).toBe("{{workflow.uid}}");
    expect(env.get("DOLLARS")).toBe("$(HOME) and $$");
    expect(env.get("PLAIN")).toBe("no");
  });

  it("every {{…}} tag in the Argo object is one Sluice generated", () => {
    const generated = /^(inputs\.(parameters|artifacts)\.[-\w]+|tasks\.[-a-z0-9]+\.outputs\.(parameters|artifacts)\.[-\w]+|item(\.[-\w]+)?|workflow\.uid|pod\.name)$/;
    const tags = argoDocuments(manifest).flatMap(allStrings).flatMap(argoTags);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => !generated.test(t))).toEqual([]);
  });
});

describe("Kubernetes escaping", () => {
  it.each(["$(HOME)", "$$", "$", "a$b", "$$(X)", "end$", "$(", "(($$$)))"])("%s survives expansion", (s) => {
    expect(kubeExpand(escapeKubernetesExpansion(s), new Map([["HOME", "/root"], ["X", "x"]]))).toBe(s);
  });
});
