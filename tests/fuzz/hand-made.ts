/**
 * Hand-made inputs, one per class of defect in issue 14 (and a few more a user can type): each a
 * small project (file name -> text) and the extra command-line arguments to compile it with.
 */
export interface FuzzInput {
  id: string;
  files: Record<string, string>;
  /** Extra arguments after `compile pipeline.ts --target all --out out --no-git`. */
  args?: string[];
  /** Compile this file instead of pipeline.ts. */
  entry?: string;
}

const IMPORT = `import { artifact, param, pipeline, step } from "@sluice/core";\n`;
const ECHO = `const echo = step({ name: "echo", image: "alpine:3.20", command: ["echo"], inputs: { msg: param.string({ default: "hi" }) }, args: ({ inputs }) => [inputs.msg] });\n`;
const OUT = `const make = step({ name: "make", image: "alpine:3.20", command: ["sh", "-c", "echo 1 > $0"], outputs: { n: param.int() }, args: ({ outputs }) => [outputs.n.path] });\n`;

const one = (body: string, name = "fuzz") => ({ "pipeline.ts": `${IMPORT}${ECHO}${OUT}export default pipeline({ name: "${name}" }, ({ params }) => {\n${body}\n});\n` });
const withStep = (stepFields: string, call = "s({});") => ({
  "pipeline.ts": `${IMPORT}const s = step({ name: "s", image: "alpine:3.20", command: ["echo"], ${stepFields} });\nexport default pipeline({ name: "fuzz" }, () => {\n  ${call}\n});\n`,
});

function nestedPipelines(depth: number, nameLength = 8): Record<string, string> {
  const lines = [IMPORT, ECHO];
  const name = (i: number) => `p${i}-${"n".repeat(nameLength)}`;
  lines.push(`const p0 = pipeline({ name: "${name(0)}" }, () => { echo({}); });\n`);
  for (let i = 1; i < depth; i++) lines.push(`const p${i} = pipeline({ name: "${name(i)}" }, () => { p${i - 1}({}); });\n`);
  lines.push(`export default pipeline({ name: "top" }, () => { p${depth - 1}({}); });\n`);
  return { "pipeline.ts": lines.join("") };
}

export const HAND_MADE: FuzzInput[] = [
  // 1. pipelines sharing a name
  { id: "same-name-nested-pipelines", files: { "pipeline.ts": `${IMPORT}${ECHO}const a = pipeline({ name: "sub" }, () => { echo({ msg: "a" }); });\nconst b = pipeline({ name: "sub" }, () => { echo({ msg: "b" }); });\nexport default pipeline({ name: "top" }, () => { a({}); b({}); });\n` } },
  { id: "nested-named-like-caller", files: { "pipeline.ts": `${IMPORT}${ECHO}const a = pipeline({ name: "top" }, () => { echo({}); });\nexport default pipeline({ name: "top" }, () => { a({}); });\n` } },
  { id: "same-name-across-files", files: { "pipeline.ts": `${IMPORT}${ECHO}import { other } from "./other.js";\nconst a = pipeline({ name: "sub" }, () => { echo({ msg: "a" }); });\nexport default pipeline({ name: "top" }, () => { a({}); other({}); });\n`, "other.ts": `${IMPORT}${ECHO}export const other = pipeline({ name: "sub" }, () => { echo({ msg: "b" }); });\n` } },
  // 2. keys that are Object.prototype members
  { id: "proto-label", files: withStep(`labels: { team: "a", ["__proto__"]: "b" }`) },
  { id: "proto-env", files: withStep(`env: { ["__proto__"]: "x", constructor: "y" }`) },
  { id: "proto-node-selector", files: withStep(`nodeSelector: { toString: "a" }`, `s({}, { nodeSelector: { ["__proto__"]: "b" } });`) },
  { id: "proto-param-names", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", params: { constructor: param.string({ default: "a" }), toString: param.int({ default: 1 }) } }, ({ params }) => { echo({ msg: params.constructor }); });\n` } },
  { id: "python-dict-method-param", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", params: { items: param.string({ default: "a" }), keys: param.string({ default: "b" }) } }, ({ params }) => { echo({ msg: params.items }); echo({ msg: params.keys }, { name: "e2" }); });\n` } },
  // 4. outputs a target would reject
  { id: "empty-body", files: one("") },
  { id: "nested-120", files: nestedPipelines(120) },
  { id: "long-task-ids", files: nestedPipelines(5, 55) },
  { id: "start-date-feb-30", files: one("  echo({});"), args: ["--airflow-start-date", "2025-02-30"] },
  { id: "cron-step-zero", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", schedule: { cron: "*/0 * * * *" } }, () => { echo({}); });\n` } },
  { id: "env-name-with-equals", files: withStep(`env: { "A=B": "x" }`) },
  { id: "env-name-empty", files: withStep(`env: { "": "x" }`) },
  { id: "empty-gather-image", files: one("  echo({});"), args: ["--kubeflow-gather-image", ""] },
  { id: "empty-image", files: { "pipeline.ts": `${IMPORT}const s = step({ name: "s", image: "", command: ["echo"] });\nexport default pipeline({ name: "fuzz" }, () => { s({}); });\n` } },
  { id: "white-space-image", files: { "pipeline.ts": `${IMPORT}const s = step({ name: "s", image: "alpine:3.20 ", command: ["echo"] });\nexport default pipeline({ name: "fuzz" }, () => { s({}); });\n` } },
  { id: "blank-default-image", files: { "pipeline.ts": `${IMPORT}const s = step({ name: "s", command: ["echo"] });\nexport default pipeline({ name: "fuzz", defaults: { image: " " } }, () => { s({}); });\n` } },
  { id: "empty-nested-pipeline", files: { "pipeline.ts": `${IMPORT}${ECHO}const sub = pipeline({ name: "sub" }, () => {});\nexport default pipeline({ name: "top" }, () => { echo({}); sub({}); });\n` } },
  { id: "empty-groups", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", params: { n: param.int({ default: 1 }) } }, ({ params }) => {\n  echo({});\n  if (params.n > 0) {\n  } else {\n    echo({}, { name: "e2" });\n  }\n  for (const x of ["a"]) {\n  }\n  try {\n    echo({}, { name: "e3" });\n  } finally {\n  }\n});\n` } },
  // a condition on two literals: decided when compiling (ruff refused the chooser `if 1 > 0:`)
  { id: "constant-condition", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz" }, () => {\n  echo({});\n  if (1 > 0) {\n    echo({}, { name: "e2" });\n  }\n  if (1 > 0) {\n  } else {\n    echo({}, { name: "e3" });\n  }\n  if ("a" === "b" || 2 <= 1) {\n    echo({}, { name: "e4" });\n  }\n});\n` } },
  { id: "empty-try", files: one(`  try {\n  } finally {\n    echo({});\n  }`) },
  { id: "digit-task-names", files: one(`  const a = make({}, { name: "*/0 * * * *" });\n  echo({ msg: "x" }, { name: "3d", after: [a] });`) },
  { id: "long-step-name", files: withStep(`labels: {}`, `s({}, { name: "${"t".repeat(300)}" });`) },
  // 5. wrong-typed values
  { id: "number-in-command", files: { "pipeline.ts": `${IMPORT}const s = step({ name: "s", image: "alpine:3.20", command: ["echo", 1e309 as any] });\nexport default pipeline({ name: "fuzz" }, () => { s({}); });\n` } },
  { id: "number-env-value", files: withStep(`env: { A: 1 as any, B: true as any }`) },
  { id: "after-string", files: one(`  const a = echo({});\n  echo({}, { name: "b", after: "a" as any });`) },
  { id: "description-number", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", description: 5 as any }, () => { echo({}); });\n` } },
  { id: "int-default-past-2-53", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz", params: { n: param.int({ default: 9007199254740993 }) } }, () => { echo({}); });\n` } },
  { id: "loop-item-missing-field", files: one(`  for (const x of [{ a: "1" }, { b: "2" }]) echo({ msg: x.a });`) },
  { id: "timeout-1e16", files: withStep(`timeout: 1e16 as any`) },
  { id: "timeout-huge-string", files: withStep(`timeout: "99999999999999999999h"`) },
  { id: "retry-limit-huge", files: withStep(`retry: { limit: 1e300 }`) },
  // 6. inputs that used to end in an internal error
  { id: "reexport-own-import", files: { "pipeline.ts": `${IMPORT}${ECHO}export { X } from "./pipeline.js";\nimport { X } from "./pipeline.js";\nexport default pipeline({ name: "fuzz" }, () => { echo({ msg: X }); });\n` } },
  { id: "import-cycle", files: { "pipeline.ts": `${IMPORT}${ECHO}import { B } from "./b.js";\nexport const A = B;\nexport default pipeline({ name: "fuzz" }, () => { echo({ msg: A }); });\n`, "b.ts": `import { A } from "./pipeline.js";\nexport const B = A;\n` } },
  { id: "ifs-300", files: one(`${"  if (params.x == 1) {\n".repeat(300)}  echo({});\n${"  }\n".repeat(300)}`) },
  { id: "parens-1000", files: one(`  echo({ msg: ${"(".repeat(1000)}"a"${")".repeat(1000)} });`) },
  { id: "consts-2000", files: { "pipeline.ts": `${IMPORT}${ECHO}const c0 = "a";\n${Array.from({ length: 2000 }, (_, i) => `const c${i + 1} = c${i};`).join("\n")}\nexport default pipeline({ name: "fuzz" }, () => { echo({ msg: c2000 }); });\n` } },
  { id: "template-2000", files: { "pipeline.ts": `${IMPORT}${ECHO}const c0 = "a";\n${Array.from({ length: 2000 }, (_, i) => `const c${i + 1} = \`\${c${i}}b\`;`).join("\n")}\nexport default pipeline({ name: "fuzz" }, () => { echo({ msg: c2000 }); });\n` } },
  { id: "spread-chain-1500", files: { "pipeline.ts": `${IMPORT}${ECHO}const o0 = { a: "x" };\n${Array.from({ length: 1500 }, (_, i) => `const o${i + 1} = { ...o${i} };`).join("\n")}\nexport default pipeline({ name: "fuzz" }, () => { echo({ msg: o1500.a }); });\n` } },
  { id: "condition-in-loop-then-more", files: one(`  for (const x of ["a", "b"]) {\n    const m = make({});\n    if (m.outputs.n > 1) echo({ msg: x });\n    echo({ msg: x }, { name: "after" });\n  }\n  echo({ msg: 5 as any }, { name: "later" });`) },
  { id: "loop-nesting-60", files: one(`${Array.from({ length: 60 }, (_, i) => `  for (const x${i} of ["a"]) {`).join("\n")}\n  echo({ msg: x59 });\n${"  }\n".repeat(60)}`) },
  { id: "tasks-2000", files: one(Array.from({ length: 2000 }, (_, i) => `  echo({}, { name: "e${i}" });`).join("\n")) },
  // 8. locations
  { id: "ls-before-error", files: { "pipeline.ts": `${IMPORT}// a comment with \u2028 a line separator\n// and \u2029 a paragraph separator\n${ECHO}export default pipeline({ name: "fuzz" }, () => { echo({ nope: 1 }); });\n` } },
  { id: "bom-line-1-error", files: { "pipeline.ts": `\ufeffconst x = ;\n${IMPORT}` } },
  { id: "crlf-error", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz" }, () => {\r\n  echo({ nope: 1 });\r\n});\r\n` } },
  { id: "cr-only-error", files: { "pipeline.ts": `${IMPORT}${ECHO}export default pipeline({ name: "fuzz" }, () => {\r  echo({ nope: 1 });\r});\r` } },
  { id: "error-at-eof", files: { "pipeline.ts": `${IMPORT}export default pipeline({ name: "fuzz" }, () => {` } },
  // 9. .map returning an object of outputs
  { id: "map-returns-object", files: one(`  const outs = ["a", "b"].map((x) => ({ n: make({}, { name: \`m-\${x}\` }).outputs.n }));\n  echo({});`) },
  // 10. gpu type
  { id: "gpu-type", files: withStep(`resources: { gpu: { count: 1, type: "nvidia-tesla-t4" } } as any`) },
  // 11. messages
  { id: "misspelt-input", files: one(`  echo({ mgs: "x" });`) },
  { id: "unknown-export", files: one("  echo({});"), args: ["--export", "nope"] },
  { id: "step-call-as-condition", files: one(`  if (make({})) echo({});`) },
  // 12. names that need sanitizing, with a dependent task
  { id: "sanitized-names-dependent", files: { "pipeline.ts": `${IMPORT}const a = step({ name: "Step A.1", image: "alpine:3.20", command: ["sh"], outputs: { n: param.string() }, args: ({ outputs }) => [outputs.n.path] });\nconst b = step({ name: "step_b 2", image: "alpine:3.20", command: ["echo"], inputs: { n: param.string() }, args: ({ inputs }) => [inputs.n] });\nexport default pipeline({ name: "Fuzz Names" }, () => { const x = a({}); b({ n: x.outputs.n }); });\n` } },
  // the command line and the disk
  { id: "out-in-proc", files: one("  echo({});"), args: ["--out", "/proc/sluice-fuzz"] },
  { id: "out-is-a-file", files: { ...one("  echo({});"), "afile": "x" }, args: ["--out", "afile"] },
  { id: "out-below-a-file", files: { ...one("  echo({});"), "afile": "x" }, args: ["--out", "afile/sub"] },
  { id: "unknown-option", files: one("  echo({});"), args: ["--bogus"] },
  { id: "bad-backend-option", files: one("  echo({});"), args: ["--argo-kind", "nope"] },
  { id: "file-is-a-folder", files: { ...one("  echo({});"), "dir/x.txt": "x" }, entry: "dir" },
  { id: "file-missing", files: one("  echo({});"), entry: "missing.ts" },
  { id: "script-file-is-folder", files: { "pipeline.ts": `${IMPORT}import { file } from "@sluice/core";\nconst s = step({ name: "s", image: "python:3.12", script: { python: file("./steps") } });\nexport default pipeline({ name: "fuzz" }, () => { s({}); });\n`, "steps/x.py": "print(1)\n" } },
  { id: "empty-file", files: { "pipeline.ts": "" } },
  { id: "binary-file", files: { "pipeline.ts": "\u0000\u0001\u0002\uffff\ud800" } },
  { id: "artifact-everywhere", files: { "pipeline.ts": `${IMPORT}const t = step({ name: "t", image: "alpine:3.20", command: ["sh"], inputs: { d: artifact.dataset() }, outputs: { m: artifact.model() }, args: ({ inputs, outputs }) => [inputs.d.path, outputs.m.path] });\nexport default pipeline({ name: "fuzz", params: { d: artifact.dataset() } }, ({ params }) => { const a = t({ d: params.d }); t({ d: a.outputs.m as any }, { name: "t2" }); });\n` } },
];
