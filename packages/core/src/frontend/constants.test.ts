import { analyzeSources, codesAt, HEADER } from "./test-helpers.js";

describe("constant evaluation of step definitions", () => {
  it("follows consts, imports, re-exports, namespaces, spreads, templates and `as const` across files", () => {
    const r = analyzeSources({
      "shared/images.ts": `export const REGISTRY = "ghcr.io/acme";\nexport const TAG = "1.0";\n`,
      "shared/index.ts": `export * from "./images.js";\nexport { base as common } from "./base.js";\n`,
      "shared/base.ts": `import { REGISTRY } from "./images.js";\nexport const base = { image: \`\${REGISTRY}/py:3\`, retry: { limit: 2, backoff: "1m" } } as const;\n`,
      "pipeline.ts": `${HEADER}import { common, TAG } from "./shared/index.js";
import * as img from "./shared/images.js";
const FLAGS = ["--a", "--b"] as const;
const job = step({ ...common, name: "job", command: ["run", ...FLAGS, \`--tag=\${TAG}\`, img.REGISTRY + "/x"], cache: !false });
export default pipeline({ name: "consts" }, () => { job({}); });
`,
    });
    expect(r.diagnostics).toEqual([]);
    const c = r.ir!.spec.components[0]!;
    expect(c.image).toBe("ghcr.io/acme/py:3");
    expect(c.retry).toEqual({ limit: 2, backoff: { durationSeconds: 60 } });
    expect(c.cache).toBe(true);
    expect(c.implementation).toEqual({ container: { command: ["run", "--a", "--b", "--tag=1.0", "ghcr.io/acme/x"], args: [] } });
  });

  it("reads file() relative to the file that calls it, and records the source file", () => {
    const r = analyzeSources({
      "steps/lib.ts": `${HEADER}export const hello = step({ name: "hello", image: "python:3.12", inputs: { who: param.string() }, outputs: { said: artifact.markdown() }, script: { python: file("./hello.py") } });\n`,
      "steps/hello.py": "print('hi')\n",
      "pipeline.ts": `${HEADER}import { hello } from "./steps/lib.js";
export default pipeline({ name: "files" }, () => { hello({ who: "me" }); });
`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.components[0]!.implementation).toEqual({
      script: { language: "python", source: "print('hi')\n", sourceFile: "steps/hello.py", args: ["--who", { inputValue: "who" }, "--said", { outputPath: "said" }] },
    });
    expect([...r.sources.keys()].sort()).toEqual(["pipeline.ts", "steps/hello.py", "steps/lib.ts"]);
  });

  it("reads args written through the context object and constants inside templates", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}const PREFIX = "--in";
const s = step({ name: "s", image: "a", inputs: { data: artifact.dataset(), n: param.int() }, outputs: { o: param.int() },
  args: (ctx) => [\`\${PREFIX}=\${ctx.inputs.data.path}\`, ctx.inputs.n, ctx.outputs.o.path] });
export default pipeline({ name: "ctx-args", params: { d: artifact.dataset() } }, ({ params }) => { s({ data: params.d, n: 1 }); });
`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.spec.components[0]!.implementation).toEqual({
      container: { command: [], args: [{ concat: ["--in=", { inputPath: "data" }] }, { inputValue: "n" }, { outputPath: "o" }] },
    });
  });

  it("reports what is not constant where it is written, once, even when used twice", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}const TAG = Math.random() > 0.5 ? "a" : "b";
const a = step({ name: "a", image: \`x:\${TAG}\`, command: ["true"] });
const b = step({ name: "b", image: \`y:\${TAG}\`, command: ["true"] });
export default pipeline({ name: "nc" }, () => { a({}); b({}); });
`,
    });
    expect(codesAt(r)).toEqual(["SLU1101@2:13"]);
  });

  it("converts run settings: GPUs, env secrets, volumes, durations", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}const s = step({ name: "s", image: "a", command: ["true"], timeout: "2h",
  resources: { cpu: 2, gpu: 1 }, env: { A: "1", B: secret("sec", "key") },
  volumes: [{ name: "v", mountPath: "/v", emptyDir: true }],
  retry: { limit: 1, backoff: { duration: 30, factor: 2, maxDuration: "1d" } } });
export default pipeline({ name: "settings" }, () => { s({}); });
`,
    });
    expect(r.diagnostics).toEqual([]);
    const c = r.ir!.spec.components[0]!;
    expect(c.timeoutSeconds).toBe(7200);
    expect(c.resources).toEqual({ cpu: "2", gpu: { count: 1, resource: "nvidia.com/gpu" } });
    expect(c.env).toEqual([{ name: "A", value: "1" }, { name: "B", secret: { name: "sec", key: "key" } }]);
    expect(c.volumes).toEqual([{ name: "v", mountPath: "/v", source: { emptyDir: {} } }]);
    expect(c.retry).toEqual({ limit: 1, backoff: { durationSeconds: 30, factor: 2, maxDurationSeconds: 86400 } });
  });

  it("refuses a GPU model that is not a Kubernetes label value: it becomes a node selector", () => {
    const r = analyzeSources({
      "pipeline.ts": `${HEADER}const s = step({ name: "s", image: "a", command: ["true"],
  resources: { gpu: { count: 1, type: "NVIDIA A100 (40GB)" } } });
export default pipeline({ name: "gpu" }, () => { s({}); });
`,
    });
    expect(codesAt(r)).toEqual(["SLU1410@3:33"]);
  });
});
