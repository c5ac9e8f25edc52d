// Strings reach the container exactly as the user wrote them: proven on the hostile-strings IR
// fixture by simulating Argo's substitution and the kubelet's $(VAR) expansion on the output,
// and by checking that no user text lands in a field Argo scans.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadIr } from "@sluice/core/backend";
import { IR_DIR, compileText, loadIrFile } from "../test/ir-fixtures.js";
import { allStrings, argoTags, expectedArgv, kubeExpand, simulateTask } from "../test/simulate.js";
import { component, pipeline, task } from "../test/ir-builder.js";
import { argoDocuments, repoRoot } from "../test/specs.js";
import { escapeKubernetesExpansion } from "@sluice/core/backend";

/** References Sluice writes; anything else in a `{{…}}` would be user text read by Argo. */
const GENERATED_TAG = /^(inputs\.(parameters|artifacts)\.[-\w]+|tasks\.[-a-z0-9]+\.outputs\.(parameters|artifacts)\.[-\w]+|item(\.[-\w]+)?|workflow\.uid|pod\.name)$/;

const ir = loadIrFile(join(IR_DIR, "hostile-strings.yaml"));
const manifest = compileText(ir);

describe("hostile strings", () => {
  it.each(["echo-hostile", "echo-plain"])("task %s receives its argv unchanged", (task) => {
    const pod = simulateTask(manifest, task);
    // The container's argv is command then args; strip the pod's view down the same way.
    expect(pod.argv).toEqual(expectedArgv(ir, task));
  });

  it("no value Argo inserts holds {{ (so nothing is rescanned)", () => {
    for (const task of ["echo-hostile", "echo-plain", "script"]) {
      for (const v of simulateTask(manifest, task).inserted) expect(v).not.toMatch(/\{\{/);
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
    const tags = argoDocuments(manifest).flatMap(allStrings).flatMap(argoTags);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => !GENERATED_TAG.test(t))).toEqual([]);
  });
});

// The same proof on compiled goldens of Sluice pipelines, against the IR goldens beside them.
const GOLDEN_CASES = [
  { fixture: "argo-hostile-strings", name: "argo-hostile-strings", tasks: ["literal-input", "param-input", "plain-input", "script", "branch"] },
  { fixture: "hostile-strings-kfp", name: "hostile-strings-kfp", tasks: ["echo-all", "echo-param", "echo-branch"] },
];

describe.each(GOLDEN_CASES)("fixtures/$fixture", ({ fixture, name, tasks }) => {
  const dir = join(repoRoot, "fixtures", fixture, "expected");
  const goldenIr = loadIr(readFileSync(join(dir, `${name}.ir.yaml`), "utf8")).ir!;
  const golden = readFileSync(join(dir, `${name}.argo.yaml`), "utf8");

  it.each(tasks)("task %s receives its argv as written", (task) => {
    const pod = simulateTask(golden, task);
    const want = expectedArgv(goldenIr, task);
    expect(pod.argv.slice(-want.length)).toEqual(want);
    for (const v of pod.inserted) expect(v).not.toMatch(/\{\{/);
  });

  it("holds no {{…}} tag that Sluice did not generate", () => {
    const tags = argoDocuments(golden).flatMap(allStrings).flatMap(argoTags);
    expect(tags.filter((t) => !GENERATED_TAG.test(t) && !t.startsWith("="))).toEqual([]);
    // Expressions (when) never hold a brace pair of user text.
    for (const t of tags.filter((x) => x.startsWith("="))) expect(t).not.toMatch(/\{\{/);
  });
});

describe("run-time values", () => {
  // A task whose input comes from a param: its value is known only when the workflow runs.
  const hostileValue = "$(HOME) $$ $$(X) `ls` 'q' \"d\" \n yes";
  const text = compileText(
    pipeline([component("c", { inputs: [{ name: "msg", type: { category: "param", type: "string" } }], implementation: { container: { command: ["echo"], args: [{ concat: ["--msg=", { inputValue: "msg" }] }, { inputValue: "msg" }] } } })], [
      task("c", "c", 3, { inputs: { msg: { param: "msg" } } }),
    ], { params: [{ name: "msg", type: { category: "param", type: "string" }, default: "plain", span: "p.ts:1:1" }] }),
  );

  it("reach argv without Kubernetes expanding them (read through a pod annotation)", () => {
    const pod = simulateTask(text, "c", { msg: hostileValue });
    expect(pod.argv).toEqual(["echo", `--msg=${hostileValue}`, hostileValue]);
  });

  it("never sit in args or env values, where Kubernetes would expand them", () => {
    const t = (argoDocuments(text)[0] as any).spec.templates.find((x: any) => x.name === "c");
    expect(JSON.stringify([t.container.args, t.container.env])).not.toContain("{{");
    expect(t.metadata.annotations).toEqual({ "sluice.dev/in-msg": "{{inputs.parameters.msg}}" });
  });
});

describe("Kubernetes escaping", () => {
  const vars = new Map([["HOME", "/root"], ["X", "x"]]);
  it.each(["$(HOME)", "$$", "$", "a$b", "$$(X)", "end$", "$(", "(($$$)))"])("%s survives expansion", (s) => {
    expect(kubeExpand(escapeKubernetesExpansion(s), vars)).toBe(s);
  });

  // Back ends escape literal pieces one by one and join them with `$(VAR)` references, so the
  // escape must survive the join: a piece ending in `$` next to a reference is the case that only
  // doubling every `$` gets right.
  it("escaped pieces joined with a $(VAR) reference expand to the pieces around the variable's value", () => {
    const piece = fc.string({ unit: fc.constantFrom("$", "(", ")", "X", "{", " "), maxLength: 8 });
    fc.assert(
      fc.property(piece, piece, (a, b) => {
        expect(kubeExpand(escapeKubernetesExpansion(a) + "$(X)" + escapeKubernetesExpansion(b), vars)).toBe(a + "x" + b);
      }),
      { numRuns: 2000 },
    );
    expect(kubeExpand(escapeKubernetesExpansion("a$") + "$(X)", vars)).toBe("a$x");
  });
});
